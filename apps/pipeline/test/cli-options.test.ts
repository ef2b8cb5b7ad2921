import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli';
import { PipelineError } from '../src/errors';
import { tempDir } from './helpers';

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(PipelineError.isInstance(e) && e.kind).toBe('usage');
    return (e as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('pipeline options', () => {
  it('applies defaults < config file < flags', () => {
    const dir = tempDir('config');
    const file = path.join(dir, 'abt.config.json');
    writeFileSync(file, JSON.stringify({ seed: 7, experiment: 'from-config', out: 'results' }));
    const o = parseArgs(['--config', file, '--seed', '9', '--steps', 'prepare,train']);
    expect(o.seed).toBe(9);
    expect(o.experiment).toBe('from-config');
    expect(o.out).toBe(path.join(dir, 'results'));
    expect(o.steps).toEqual(['prepare', 'train']);
    expect(o.features).toBe('dense');
  });

  it('rejects unknown config keys naming their path', () => {
    const file = path.join(tempDir('config'), 'abt.config.json');
    writeFileSync(file, JSON.stringify({ seed: 1, sead: 2 }));
    expect(usageError(() => parseArgs(['--config', file]))).toMatch(/\/sead is not a known option/);
  });

  it('rejects bad values with the option named', () => {
    expect(usageError(() => parseArgs(['--steps', 'prepare,bogus']))).toMatch(/unknown stage\(s\) 'bogus'/);
    expect(usageError(() => parseArgs(['--seed', 'abc']))).toMatch(/--seed expects a number/);
    expect(usageError(() => parseArgs(['--features', 'wide']))).toMatch(/features/);
    expect(usageError(() => parseArgs(['--data', 'x.zip', '--dataset', 'ml-1m']))).toMatch(/pick one/);
    expect(usageError(() => parseArgs(['--no-such-flag']))).toMatch(/unknown option/);
  });
});
