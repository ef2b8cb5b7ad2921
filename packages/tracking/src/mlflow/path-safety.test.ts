import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalArtifactRepository, MlflowArtifactsProxyRepository, TrackingError, checkArtifactLocation, checkArtifactPath, resolveInsideRoot } from '../index';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return TrackingError.isInstance(err) ? err.code : `not a TrackingError: ${String(err)}`;
  }
  return undefined;
}

// MLflow's path-traversal CVEs, one case each (MLFLOW.md checklist).
const UNSAFE: [string, string][] = [
  ['relative ../', '../secret'],
  ['nested ../', 'a/b/../../../secret'],
  ['backslash traversal', 'a\\..\\..\\secret'],
  ['single-encoded', '%2e%2e%2fsecret'],
  ['double-encoded', '%252e%252e%252fsecret'],
  ['triple-encoded', '%25252e%25252e%25252fsecret'],
  ['fragment hiding traversal', 'a#/../../secret'],
  ['path parameter hiding traversal', 'a;/../../secret'],
  ['absolute POSIX', '/etc/passwd'],
  ['//host form', '//proc/self/root'],
  ['Windows absolute', 'C:\\Windows\\system.ini'],
  ['drive letter', 'c:secret'],
  ['NUL byte', 'model\u0000.txt'],
  ['encoded NUL', 'model%00.txt'],
  ['control character', 'a\nb'],
  ['URI scheme', 'file:///etc/passwd'],
];

describe('checkArtifactPath', () => {
  for (const [what, path] of UNSAFE) {
    it(`rejects ${what}: ${JSON.stringify(path)}`, () => {
      expect(code(() => checkArtifactPath(path))).toBe('UNSAFE_PATH');
    });
  }
  it('accepts and normalizes ordinary relative paths', () => {
    expect(checkArtifactPath('')).toBe('');
    expect(checkArtifactPath('model/MLmodel')).toBe('model/MLmodel');
    expect(checkArtifactPath('./a//b/')).toBe('a/b');
    expect(checkArtifactPath('charts/roc curve.png')).toBe('charts/roc curve.png');
    expect(checkArtifactPath('a..b/c')).toBe('a..b/c');
  });
  it('names the path and the reason in the message', () => {
    try {
      checkArtifactPath('../x');
    } catch (err) {
      expect((err as Error).message).toBe(`Unsafe artifact path "../x": contains a '..' segment.`);
    }
  });
});

describe('checkArtifactLocation', () => {
  it("rejects MLflow's http:///#/../../etc/ location and other traversal", () => {
    for (const bad of ['http:///#/../../etc/', 'mlflow-artifacts://host:5000/../../../../', 'mlflow-artifacts://host/..%2f..%2fetc', 'http://h/api/2.0/mlflow-artifacts/artifacts%00', '/data/../etc']) {
      expect(code(() => checkArtifactLocation(bad)), bad).toBe('UNSAFE_PATH');
    }
    expect(code(() => checkArtifactLocation('mlflow-artifacts:/1/abc/artifacts'))).toBeUndefined();
    expect(code(() => checkArtifactLocation('/tmp/mlruns/1'))).toBeUndefined();
  });
});

describe('resolveInsideRoot and symlinks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'abt-safe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'inner'), { recursive: true });
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'secret');
  symlinkSync(join(dir, 'outside'), join(root, 'escape'));
  symlinkSync(join(root, 'inner'), join(root, 'ok-link'));

  it('rejects a symlink escaping the root, for writes and reads', async () => {
    expect(code(() => resolveInsideRoot(root, 'escape/secret.txt'))).toBe('UNSAFE_PATH');
    const repo = new LocalArtifactRepository(root);
    await expect(repo.logBytes('x', 'escape/new.txt')).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
    await expect(repo.readArtifact('escape/secret.txt')).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
    await expect(repo.downloadArtifacts('escape', join(dir, 'dl'))).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
  });
  it('allows a symlink that stays inside the root', () => {
    expect(resolveInsideRoot(root, 'ok-link/x.txt')).toBe(join(root, 'ok-link', 'x.txt'));
  });
  it('refuses to upload a directory containing a symlink that points outside it', async () => {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'a.txt'), 'a');
    symlinkSync(join(dir, 'outside'), join(src, 'leak'));
    await expect(new LocalArtifactRepository(join(dir, 'dst')).logArtifacts(src)).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
  });
});

describe('server-supplied download names', () => {
  it('rejects traversal in file names a proxy server lists', async () => {
    const fetch = async () => new Response(JSON.stringify({ files: [{ path: '../../evil', is_dir: false, file_size: 1 }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    const repo = new MlflowArtifactsProxyRepository('mlflow-artifacts:/1/abc/artifacts', { trackingUri: 'http://127.0.0.1:9', fetch, maxRetries: 0 });
    await expect(repo.listArtifacts()).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
    const dir = mkdtempSync(join(tmpdir(), 'abt-dl-'));
    await expect(repo.downloadArtifacts('', dir)).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
    rmSync(dir, { recursive: true, force: true });
  });
});
