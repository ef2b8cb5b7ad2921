import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrackingError, checkArtifactPath, messages } from '../index';
import { PATH_PROBLEMS, createPathGuard, decodedForms, locationKind, relativePathProblem, unquote } from './index';

// The layer's own behaviour; the traversal table (TRAVERSAL_CASES) runs in test/traversal.test.ts
// and in the registry's tests, and against MLflow itself in the interop suite.

class Custom extends Error {
  constructor(
    readonly path: string,
    readonly why: string,
  ) {
    super(`${path}: ${why}`);
  }
}
const guard = createPathGuard((path, why) => new Custom(path, why));

describe('percent-decoding (Python unquote semantics)', () => {
  it('decodes valid escapes, keeps a % that starts none, and lists every decoded form', () => {
    expect(unquote('a%20b')).toBe('a b');
    expect(unquote('data/50%off.csv')).toBe('data/50%off.csv');
    expect(unquote('%2e%2e/50%off')).toBe('../50%off');
    expect(unquote('%C3%A9')).toBe('é');
    expect(unquote('%C3')).toBe('\ufffd');
    expect(decodedForms('%252e')).toEqual(['%252e', '%2e', '.']);
    expect(decodedForms('%'.concat('25'.repeat(9), '2e'))).toBeUndefined();
  });
});

describe('createPathGuard', () => {
  it("throws the caller's error with a reason from PATH_PROBLEMS", () => {
    expect(() => guard.checkRelativePath('../x')).toThrow(Custom);
    try {
      guard.checkRelativePath('a/%2e%2e/b');
    } catch (e) {
      expect(e).toMatchObject({ path: 'a/%2e%2e/b', why: PATH_PROBLEMS.dotDot() });
    }
    expect(relativePathProblem(42)).toBe(PATH_PROBLEMS.notAString());
  });

  it('normalizes accepted paths but keeps them literal (no decoding of the name itself)', () => {
    expect(guard.checkRelativePath('./a//b/')).toBe('a/b');
    expect(guard.checkRelativePath('a%20b')).toBe('a%20b');
    expect(checkArtifactPath('')).toBe('');
  });

  it("names the path and the reason in tracking's message", () => {
    expect(() => checkArtifactPath('../x')).toThrow(messages.unsafePath('../x', PATH_PROBLEMS.dotDot()));
    try {
      checkArtifactPath('a;b');
    } catch (e) {
      expect(TrackingError.isInstance(e) && e.code).toBe('UNSAFE_PATH');
    }
  });

  it('treats file:, scheme-less and //host locations as local paths', () => {
    expect(locationKind('/tmp/x')).toEqual({ kind: 'local', scheme: 'file' });
    expect(locationKind('//proc/self/root')).toEqual({ kind: 'local', scheme: 'file' });
    expect(locationKind('file:///tmp/x')).toEqual({ kind: 'local', scheme: 'file' });
    expect(locationKind('C:/x')).toEqual({ kind: 'local', scheme: 'c' });
    expect(locationKind('mlflow-artifacts:/1')).toEqual({ kind: 'remote', scheme: 'mlflow-artifacts' });
    expect(guard.localPathOf('file:///tmp/a%20b')).toBe('/tmp/a b');
    expect(guard.localPathOf('file://localhost/tmp/x')).toBe('/tmp/x');
    expect(guard.localPathOf('/tmp/50%off')).toBe('/tmp/50%off');
    expect(guard.localPathOf('//proc/self/root')).toBe('/proc/self/root');
    expect(() => guard.localPathOf('file://evil.example/x')).toThrow(PATH_PROBLEMS.fileHost('evil.example'));
    expect(() => guard.localPathOf('s3://bucket/x')).toThrow(PATH_PROBLEMS.notLocal());
    expect(() => guard.localPathOf('C:/x')).toThrow(PATH_PROBLEMS.driveLetter());
  });
});

describe('containment with symlinks resolved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'abt-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'inner'), { recursive: true });
  mkdirSync(join(dir, 'outside'));
  symlinkSync(join(dir, 'outside'), join(root, 'escape'));
  symlinkSync(join(dir, 'missing'), join(root, 'dangling'));
  writeFileSync(join(root, 'inner', 'a.txt'), 'a');

  it('isInsideRoot resolves both sides (MLflow _validate_source_run uses Path.resolve)', () => {
    expect(guard.isInsideRoot(root, join(root, 'inner', 'a.txt'))).toBe(true);
    expect(guard.isInsideRoot(root, join(root, 'inner', 'not-yet', 'b.txt'))).toBe(true);
    expect(guard.isInsideRoot(root, join(root, 'escape', 'x'))).toBe(false);
    expect(guard.isInsideRoot(join(root, 'inner'), root)).toBe(false);
    expect(() => guard.isInsideRoot(root, join(root, 'dangling'))).toThrow(PATH_PROBLEMS.danglingSymlink());
  });

  it('resolveInsideRoot refuses a dangling link (a write would land wherever it points)', () => {
    expect(() => guard.resolveInsideRoot(root, 'dangling')).toThrow(PATH_PROBLEMS.danglingSymlink());
    expect(() => guard.resolveInsideRoot(root, 'escape/x')).toThrow(PATH_PROBLEMS.symlinkOutOfRoot(root));
    expect(guard.resolveInsideRoot(root, 'inner/new/b.txt')).toBe(join(root, 'inner', 'new', 'b.txt'));
  });

  it('listFilesInside lists files and refuses links leaving the directory', async () => {
    expect(await guard.listFilesInside(join(root, 'inner'))).toEqual(['a.txt']);
    await expect(guard.listFilesInside(root)).rejects.toThrow(Custom);
  });
});
