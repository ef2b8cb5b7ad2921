import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError } from '../src/fs-errors';
import { messages } from '../src/messages';
import { PipelineError } from '../src/errors';
import { runCli, tempDir } from './helpers';

const errno = (code: string, syscall: string, p: string) => Object.assign(new Error(`${code}: raw, ${syscall} '${p}'`), { code, syscall, path: p, errno: -1 });

describe('file-system errors as sentences naming the path and the fix', () => {
  it('maps the common codes, also when wrapped', () => {
    expect(describeFsError(errno('EACCES', 'mkdir', '/srv/out'))).toBe(messages.fsDenied('create the directory', '/srv/out'));
    expect(describeFsError(errno('ENOSPC', 'write', '/srv/out/x'))).toBe(messages.fsFull('write', '/srv/out/x'));
    expect(describeFsError(errno('EROFS', 'open', '/ro/x'))).toBe(messages.fsReadOnly('open', '/ro/x'));
    expect(describeFsError(new PipelineError('other', 'wrapped', { cause: errno('EACCES', 'open', '/a') }))).toBe(messages.fsDenied('open', '/a'));
    expect(describeFsError(new Error('plain'))).toBeUndefined();
    // A package error with its own code keeps its own words.
    expect(describeFsError(Object.assign(new Error('dataset missing'), { code: 'DATASET_NOT_FOUND', cause: errno('ENOENT', 'stat', '/d') }))).toBeUndefined();
  });

  it('the CLI says it for an --out that is a file, or lies under one', () => {
    const dir = tempDir('fs');
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const onFile = runCli(['--dataset', 'synthetic', '--steps', 'prepare', '--out', file]);
    expect(onFile.code).toBe(1);
    expect(onFile.stderr).toContain(messages.fsIsFile(file));
    expect(onFile.stderr).not.toMatch(/EEXIST|--verbose/);
    const under = runCli(['--dataset', 'synthetic', '--steps', 'prepare', '--out', path.join(file, 'sub')]);
    expect(under.code).toBe(1);
    expect(under.stderr).toContain(messages.fsNotDir('create the directory', path.join(file, 'sub')));
  });
});
