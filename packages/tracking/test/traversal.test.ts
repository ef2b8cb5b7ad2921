import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LocalArtifactRepository,
  MemoryStore,
  MlflowArtifactsProxyRepository,
  SqliteStore,
  TrackingClient,
  TrackingError,
  artifactRepositoryFor,
  checkArtifactLocation,
  checkArtifactPath,
  parseProxyUri,
  resolveInsideRoot,
  type ArtifactRepository,
} from '@abt/tracking';
import { LOCATION_CASES, SYMLINK_CASES, TRAVERSAL_CASES, createSymlinkFixture } from '@abt/tracking/testing';

// The one traversal table (TRAVERSAL_CASES, LOCATION_CASES, SYMLINK_CASES) against every path that
// reads or writes artifacts in @abt/tracking. A refused case must fail with UNSAFE_PATH and leave
// every directory as it was; an accepted one must round-trip its bytes.

const work = mkdtempSync(join(tmpdir(), 'abt-traversal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => {
  const dir = join(work, `${name}-${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Every file and directory under `dir` (links not followed), for "nothing changed" checks. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      out.push(r);
      if (e.isDirectory()) walk(join(d, e.name), r);
    }
  };
  walk(dir, '');
  return out.sort();
}

async function outcome(fn: () => unknown): Promise<'accept' | string> {
  try {
    await fn();
    return 'accept';
  } catch (err) {
    return TrackingError.isInstance(err) ? err.code : `not a TrackingError: ${String(err)}`;
  }
}

/** The artifact operations of a repository (and of the run APIs over it), each with one path argument. */
function operations(repo: ArtifactRepository, scratch: string): Record<string, (path: string) => Promise<unknown>> {
  const file = join(scratch, 'upload.txt');
  const dir = join(scratch, 'upload-dir');
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, 'upload');
  writeFileSync(join(dir, 'f.txt'), 'f');
  return {
    logBytes: (p) => repo.logBytes('bytes', p),
    logArtifact: (p) => repo.logArtifact(file, p),
    logArtifacts: (p) => repo.logArtifacts(dir, p),
    listArtifacts: (p) => repo.listArtifacts(p),
    readArtifact: (p) => repo.readArtifact(p),
    downloadArtifacts: (p) => repo.downloadArtifacts(p, join(scratch, 'dl')),
  };
}

describe('TRAVERSAL_CASES against every tracking read and write path', () => {
  const refused = TRAVERSAL_CASES.filter((c) => c.abt === 'reject');
  const accepted = TRAVERSAL_CASES.filter((c) => c.abt === 'accept');

  it.each(refused.map((c) => [c.name, c.path] as const))('refuses %s everywhere, touching nothing', async (_name, path) => {
    const base = fresh('refuse');
    const root = join(base, 'root');
    mkdirSync(root);
    const before = snapshot(base);
    expect(await outcome(() => checkArtifactPath(path))).toBe('UNSAFE_PATH');
    expect(await outcome(() => resolveInsideRoot(root, path))).toBe('UNSAFE_PATH');
    for (const [op, fn] of Object.entries(operations(new LocalArtifactRepository(root), join(base, 'scratch')))) {
      expect(`${op}: ${await outcome(() => fn(path))}`).toBe(`${op}: UNSAFE_PATH`);
    }
    // The proxy refuses before any request is sent.
    const requests: string[] = [];
    const fetch = async (url: string) => {
      requests.push(url);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const proxy = new MlflowArtifactsProxyRepository('mlflow-artifacts:/1/abc/artifacts', { trackingUri: 'http://127.0.0.1:9', fetch, maxRetries: 0 });
    for (const [op, fn] of Object.entries(operations(proxy, join(base, 'scratch-proxy')))) {
      expect(`${op}: ${await outcome(() => fn(path))}`).toBe(`${op}: UNSAFE_PATH`);
    }
    expect(requests).toEqual([]);
    // The run-level APIs over a store.
    const store = new MemoryStore({ artifactRoot: join(base, 'mlruns') });
    const client = new TrackingClient(store, { systemTags: false });
    const run = await client.startRun({ experimentId: '0' });
    const runOps: Record<string, () => Promise<unknown>> = {
      logText: () => run.logText('x', path),
      logJson: () => run.logJson({ a: 1 }, path),
      logImage: () => run.logImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), path),
      logArtifact: () => run.logArtifact(join(base, 'scratch', 'upload.txt'), path),
      logArtifacts: () => run.logArtifacts(join(base, 'scratch', 'upload-dir'), path),
      listArtifacts: () => client.listArtifacts(run.runId, path),
      downloadArtifacts: () => client.downloadArtifacts(run.runId, path, join(base, 'dl-client')),
    };
    for (const [op, fn] of Object.entries(runOps)) expect(`run.${op}: ${await outcome(fn)}`).toBe(`run.${op}: UNSAFE_PATH`);
    await run.end();
    const after = snapshot(base).filter((p) => !p.startsWith('scratch') && !p.startsWith('mlruns'));
    expect(after).toEqual(before);
    expect(snapshot(join(base, 'mlruns')).filter((p) => p.split('/').length > 3)).toEqual([]);
  });

  it.each(accepted.map((c) => [c.name, c.path] as const))('round-trips %s locally and through the proxy', async (_name, path) => {
    const base = fresh('accept');
    const root = join(base, 'root');
    const clean = checkArtifactPath(path);
    const local = new LocalArtifactRepository(root);
    await local.logBytes('payload', path);
    expect(readFileSync(join(root, clean), 'utf8')).toBe('payload');
    expect(new TextDecoder().decode(await local.readArtifact(path))).toBe('payload');
    const parent = clean.includes('/') ? clean.slice(0, clean.lastIndexOf('/')) : '';
    expect((await local.listArtifacts(parent)).map((f) => f.path)).toContain(clean);
    const dl = await local.downloadArtifacts(path, join(base, 'dl'));
    expect(readFileSync(dl, 'utf8')).toBe('payload');
    // The proxy sends the literal name, each segment percent-encoded once (the server decodes it once).
    const urls: string[] = [];
    const fetch = async (url: string) => {
      urls.push(url);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await new MlflowArtifactsProxyRepository('mlflow-artifacts:/1/abc/artifacts', { trackingUri: 'http://127.0.0.1:9', fetch, maxRetries: 0 }).logBytes(
      'payload',
      path,
    );
    const sent = decodeURIComponent(new URL(urls[0]!).pathname.replace('/api/2.0/mlflow-artifacts/artifacts/', ''));
    expect(sent).toBe(`1/abc/artifacts/${clean}`);
  });

  it('refuses traversal in names a proxy server lists (server-supplied download names)', async () => {
    for (const c of refused) {
      const fetch = async () =>
        new Response(JSON.stringify({ files: [{ path: c.path, is_dir: false, file_size: 1 }] }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      const repo = new MlflowArtifactsProxyRepository('mlflow-artifacts:/1/abc/artifacts', { trackingUri: 'http://127.0.0.1:9', fetch, maxRetries: 0 });
      expect(`${c.name}: ${await outcome(() => repo.listArtifacts())}`).toBe(`${c.name}: UNSAFE_PATH`);
      const dst = fresh('server-names');
      expect(`${c.name}: ${await outcome(() => repo.downloadArtifacts('', dst))}`).toBe(`${c.name}: UNSAFE_PATH`);
      expect(readdirSync(dst)).toEqual([]);
    }
  });
});

describe('SYMLINK_CASES: links are resolved before the leaves-its-root check, for reads and writes', () => {
  it.each(SYMLINK_CASES.map((c) => [c.name, c.path, c.abt] as const))('%s (%s) → %s', async (_name, path, verdict) => {
    const base = fresh('links');
    const { root, outside } = createSymlinkFixture(base);
    const outsideBefore = snapshot(outside);
    const repo = new LocalArtifactRepository(root);
    const expected = verdict === 'accept' ? 'accept' : 'UNSAFE_PATH';
    expect(await outcome(() => resolveInsideRoot(root, path))).toBe(expected);
    expect(await outcome(() => repo.readArtifact(path))).toBe(expected);
    expect(await outcome(() => repo.listArtifacts(path))).toBe(expected);
    expect(await outcome(() => repo.downloadArtifacts(path, join(base, 'dl')))).toBe(expected);
    expect(await outcome(() => repo.logBytes('x', path))).toBe(expected);
    const upload = join(base, 'upload.txt');
    writeFileSync(upload, 'u');
    const dirPath = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : path;
    expect(await outcome(() => repo.logArtifact(upload, dirPath))).toBe(expected);
    expect(snapshot(outside)).toEqual(outsideBefore);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  });

  it('refuses to upload a directory holding a link that leaves it, and one holding a dangling link', async () => {
    for (const target of ['outside', 'nowhere']) {
      const base = fresh('upload-links');
      const src = join(base, 'src');
      mkdirSync(src);
      mkdirSync(join(base, 'outside'));
      writeFileSync(join(src, 'a.txt'), 'a');
      symlinkSync(join(base, target), join(src, 'leak'));
      const dst = join(base, 'dst');
      expect(await outcome(() => new LocalArtifactRepository(dst).logArtifacts(src))).toBe('UNSAFE_PATH');
      const urls: string[] = [];
      const fetch = async (url: string) => (urls.push(url), new Response('{}', { status: 200 }));
      const proxy = new MlflowArtifactsProxyRepository('mlflow-artifacts:/1/abc/artifacts', { trackingUri: 'http://127.0.0.1:9', fetch, maxRetries: 0 });
      expect(await outcome(() => proxy.logArtifacts(src))).toBe('UNSAFE_PATH');
      expect(urls).toEqual([]);
    }
  });
});

describe('LOCATION_CASES: artifact locations and URIs', () => {
  it.each(LOCATION_CASES.map((c) => [c.name, c.uri, c.abt] as const))('%s: %s → %s', async (_name, uri, verdict) => {
    const expected = verdict === 'accept' ? 'accept' : 'UNSAFE_PATH';
    expect(await outcome(() => checkArtifactLocation(uri))).toBe(expected);
    const repo = await outcome(() => artifactRepositoryFor(uri, { trackingUri: 'http://127.0.0.1:9' }));
    expect(repo === 'accept' || repo === 'INVALID_URI' ? 'accept' : repo).toBe(expected); // s3: is not a supported scheme
    if (uri.startsWith('mlflow-artifacts:')) expect(await outcome(() => parseProxyUri(uri, 'http://127.0.0.1:9'))).toBe(expected);
    const store = new SqliteStore(join(fresh('locations'), 'mlflow.db'));
    try {
      expect(await outcome(() => store.createExperiment(`loc-${n++}`, { artifactLocation: uri }))).toBe(expected);
    } finally {
      await store.close();
    }
  });
});
