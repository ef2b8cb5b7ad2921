import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetUnavailableError, loadMovieLens, resolveDataset } from '../src/index';
import { tempDir } from './fixtures';
import { ml100kZip } from './paths';

const zip = readFileSync(ml100kZip);
const md5 = createHash('md5').update(zip).digest('hex');

/** Serves the shared zip in several broken ways, chosen by URL prefix. */
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url.startsWith('/ok/')) {
      if (url.endsWith('.md5')) return res.end(`MD5 (ml-latest-small.zip) = ${md5}\n`);
      res.writeHead(200, { 'content-length': zip.length });
      return res.end(zip);
    }
    if (url.startsWith('/truncated/')) {
      // Declares the full length, sends half, then drops the connection.
      res.writeHead(200, { 'content-length': zip.length });
      res.write(zip.subarray(0, zip.length >> 1), () => res.destroy());
      return;
    }
    if (url.startsWith('/short/')) {
      // A well-formed but shorter body (a proxy that cut the file): caught by the checksum.
      res.writeHead(200, { 'content-length': zip.length >> 1 });
      return res.end(zip.subarray(0, zip.length >> 1));
    }
    if (url.startsWith('/slow/')) {
      res.writeHead(200, { 'content-length': zip.length });
      res.write(zip.subarray(0, 1000)); // …and never more
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function failure(p: Promise<unknown>): Promise<DatasetUnavailableError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(DatasetUnavailableError.isInstance(e)).toBe(true);
  return e as DatasetUnavailableError;
}

const noPartials = (dir: string) => expect(readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);

describe('dataset names: cache directory and verified download', () => {
  it('downloads into the cache dir, verifies the md5, renames atomically, then loads', async () => {
    const dataDir = tempDir();
    const ds = await loadMovieLens('ml-100k', { dataDir, baseUrl: `${base}/ok/`, md5 });
    expect(ds.ratings.length).toBe(100_000);
    expect(ds.source).toBe(path.join(dataDir, 'ml-100k.zip'));
    expect(readFileSync(path.join(dataDir, 'ml-100k.zip')).equals(zip)).toBe(true);
    noPartials(dataDir);
    // second call: served from the cache, no network (a fetch that throws proves it)
    const again = await loadMovieLens('ml-100k', { dataDir, fetch: () => Promise.reject(new Error('no network')) });
    expect(again.ratings.length).toBe(100_000);
  });

  it('uses the published <file>.md5 when the table has no checksum (ml-latest-small)', async () => {
    const dataDir = tempDir();
    const p = await resolveDataset('ml-latest-small', { dataDir, baseUrl: `${base}/ok/` });
    expect(p).toBe(path.join(dataDir, 'ml-latest-small.zip'));
  });

  it('wrong checksum → CHECKSUM_MISMATCH, nothing left behind', async () => {
    const dataDir = tempDir();
    const e = await failure(resolveDataset('ml-100k', { dataDir, baseUrl: `${base}/ok/`, md5: '0'.repeat(32) }));
    expect(e.code).toBe('CHECKSUM_MISMATCH');
    expect(e.expectedPath).toBe(path.join(dataDir, 'ml-100k.zip'));
    expect(e.message).toContain(path.join(dataDir, 'ml-100k.zip'));
    expect(existsSync(e.expectedPath)).toBe(false);
    noPartials(dataDir);
  });

  it("the real table's published md5 rejects the shared zip if it differs from GroupLens's file", async () => {
    const dataDir = tempDir();
    const r = resolveDataset('ml-100k', { dataDir, baseUrl: `${base}/ok/` });
    if (md5 === '0e33842e24a9c977be4e0107933c0723') await expect(r).resolves.toBeTypeOf('string');
    else expect((await failure(r)).code).toBe('CHECKSUM_MISMATCH');
  });

  it('truncated body (connection dropped) → DOWNLOAD_FAILED', async () => {
    const dataDir = tempDir();
    const e = await failure(resolveDataset('ml-100k', { dataDir, baseUrl: `${base}/truncated/`, md5 }));
    expect(e.code).toBe('DOWNLOAD_FAILED');
    expect(e.message).toMatch(/put it at/);
    noPartials(dataDir);
  });

  it('short body → CHECKSUM_MISMATCH', async () => {
    const e = await failure(resolveDataset('ml-100k', { dataDir: tempDir(), baseUrl: `${base}/short/`, md5 }));
    expect(e.code).toBe('CHECKSUM_MISMATCH');
  });

  it('404 → DOWNLOAD_FAILED naming the URL and where to put the file', async () => {
    const dataDir = tempDir();
    const e = await failure(resolveDataset('ml-100k', { dataDir, baseUrl: `${base}/missing/`, md5 }));
    expect(e.code).toBe('DOWNLOAD_FAILED');
    expect(e.message).toContain('HTTP 404');
    expect(e.message).toContain(`${base}/missing/ml-100k.zip`);
    expect(e.message).toContain(path.join(dataDir, 'ml-100k.zip'));
  });

  it('a stalled download → DOWNLOAD_TIMEOUT', async () => {
    const dataDir = tempDir();
    const e = await failure(resolveDataset('ml-100k', { dataDir, baseUrl: `${base}/slow/`, md5, timeoutMs: 300 }));
    expect(e.code).toBe('DOWNLOAD_TIMEOUT');
    noPartials(dataDir);
  });

  it('offline (connection refused) → DOWNLOAD_FAILED; download: false → DATASET_NOT_FOUND', async () => {
    const e = await failure(resolveDataset('ml-1m', { dataDir: tempDir(), baseUrl: 'http://127.0.0.1:9/' }));
    expect(e.code).toBe('DOWNLOAD_FAILED');
    expect(e.message).toMatch(/ml-1m\.zip/);
    const e2 = await failure(resolveDataset('ml-1m', { dataDir: tempDir(), download: false }));
    expect(e2.code).toBe('DATASET_NOT_FOUND');
  });

  it('a zip URL is cached under its file name, verified against <url>.md5 or options.md5', async () => {
    const dataDir = tempDir();
    const ds = await loadMovieLens(`${base}/ok/ml-100k.zip`, { dataDir });
    expect(ds.source).toBe(path.join(dataDir, 'ml-100k.zip'));
    expect(ds.ratings.length).toBe(100_000);
    // no sidecar (404) and no md5 option → refused, nothing downloaded
    const e = await failure(loadMovieLens(`${base}/missing/ml-100k.zip`, { dataDir: tempDir() }));
    expect(e.code).toBe('DOWNLOAD_FAILED');
    expect(e.message).toContain('no published checksum');
    const e2 = await failure(loadMovieLens(`${base}/ok/data.csv`, { dataDir: tempDir() }));
    expect(e2.code).toBe('DATASET_NOT_FOUND');
  });

  it('ABT_DATA_DIR is the default cache dir', async () => {
    const dataDir = tempDir();
    const prev = process.env.ABT_DATA_DIR;
    process.env.ABT_DATA_DIR = dataDir;
    try {
      const e = await failure(resolveDataset('ml-25m', { download: false }));
      expect(e.expectedPath).toBe(path.join(dataDir, 'ml-25m.zip'));
    } finally {
      if (prev === undefined) delete process.env.ABT_DATA_DIR;
      else process.env.ABT_DATA_DIR = prev;
    }
  });
});
