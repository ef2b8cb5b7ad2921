import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DATASETS, GROUPLENS_BASE_URL } from '../datasets';
import { DatasetUnavailableError } from '../errors';
import { messages as msg } from '../messages';
import { checkArity, checkKeys, keysOf } from '../check-args';

/** The part of `fetch` the downloader uses (inject a stub or a proxy-aware fetch). */
export type FetchLike = (
  url: string,
  init: { signal: AbortSignal },
) => Promise<{
  ok: boolean;
  status: number;
  statusText?: string;
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}>;

export type ResolveDatasetOptions = {
  /** Cache directory; default `ABT_DATA_DIR`, then `./data`. */
  readonly dataDir?: string;
  /** Default the global `fetch`. */
  readonly fetch?: FetchLike;
  /** Default GroupLens's `https://files.grouplens.org/datasets/movielens/`. */
  readonly baseUrl?: string;
  /** Expected md5 (hex); default the published one from the dataset table or `<url>.md5`. */
  readonly md5?: string;
  /** Whole-download time limit in ms; default 600 000. */
  readonly timeoutMs?: number;
  /** false: never download, fail when the file is missing. Default true. */
  readonly download?: boolean;
};
const RESOLVE_OPTIONS = keysOf<ResolveDatasetOptions>({ dataDir: true, fetch: true, baseUrl: true, md5: true, timeoutMs: true, download: true });

/** The cache directory `loadMovieLens` uses for dataset names. */
export function defaultDataDir(): string {
  checkArity('defaultDataDir', arguments, []);
  return path.resolve(process.env.ABT_DATA_DIR ?? './data');
}

/**
 * Local path of a named dataset: `<dataDir>/<file>.zip` or an extracted `<dataDir>/<name>/`,
 * downloading the zip when neither exists (md5-checked, temp file + atomic rename).
 */
export async function resolveDataset(name: string, options: ResolveDatasetOptions = {}): Promise<string> {
  checkArity('resolveDataset', arguments, ['name', 'options']);
  checkKeys('resolveDataset', 'options', options, RESOLVE_OPTIONS);
  return datasetPath(name, options);
}

/** `resolveDataset` after its arguments were checked (`loadMovieLens` passes its own options through). */
export async function datasetPath(name: string, options: ResolveDatasetOptions): Promise<string> {
  const info = DATASETS[name];
  if (!info) throw new DatasetUnavailableError('DATASET_NOT_FOUND', name, '', undefined, msg.notFound(name, Object.keys(DATASETS)));
  const dir = options.dataDir === undefined ? defaultDataDir() : path.resolve(options.dataDir);
  const zipPath = path.join(dir, info.file);
  if (existsSync(zipPath)) return zipPath;
  const extracted = path.join(dir, info.name);
  if (existsSync(extracted)) return extracted;
  const base = options.baseUrl ?? GROUPLENS_BASE_URL;
  const url = new URL(info.file, base.endsWith('/') ? base : `${base}/`).href;
  const where = msg.putFileHere(name, zipPath, url);
  if (options.download === false) {
    throw new DatasetUnavailableError('DATASET_NOT_FOUND', name, zipPath, url, msg.notInDataDir(name, dir, where));
  }
  await mkdir(dir, { recursive: true });
  await downloadVerified(name, url, zipPath, where, options, info.md5);
  return zipPath;
}

/**
 * A zip given by URL: cached as `<dataDir>/<file name>`, downloaded once and verified against
 * `options.md5` or the `<url>.md5` sidecar published next to it (no checksum, no download).
 */
export async function resolveUrl(url: string, options: ResolveDatasetOptions = {}): Promise<string> {
  checkArity('resolveUrl', arguments, ['url', 'options']);
  checkKeys('resolveUrl', 'options', options, RESOLVE_OPTIONS);
  return urlPath(url, options);
}

/** `resolveUrl` after its arguments were checked. */
export async function urlPath(url: string, options: ResolveDatasetOptions): Promise<string> {
  const file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  if (!/^[\w.-]+\.zip$/i.test(file)) {
    throw new DatasetUnavailableError('DATASET_NOT_FOUND', url, '', url, msg.notAZipUrl(url));
  }
  const dir = options.dataDir === undefined ? defaultDataDir() : path.resolve(options.dataDir);
  const zipPath = path.join(dir, file);
  if (existsSync(zipPath)) return zipPath;
  const where = msg.putFileHere(file, zipPath, url);
  if (options.download === false) {
    throw new DatasetUnavailableError('DATASET_NOT_FOUND', file, zipPath, url, msg.notInDataDir(file, dir, where));
  }
  await mkdir(dir, { recursive: true });
  await downloadVerified(file, url, zipPath, where, options, undefined);
  return zipPath;
}

async function downloadVerified(
  name: string,
  url: string,
  dest: string,
  where: string,
  options: ResolveDatasetOptions,
  tableMd5: string | undefined,
): Promise<void> {
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref?.();
  // pid + time keep concurrent downloads of the same file from sharing a temp file.
  const tmp = `${dest}.${process.pid}.${Date.now()}.part`;
  const fail = (code: 'DOWNLOAD_FAILED' | 'CHECKSUM_MISMATCH' | 'DOWNLOAD_TIMEOUT', message: string, cause?: unknown) =>
    new DatasetUnavailableError(code, name, dest, url, message, cause === undefined ? undefined : { cause });
  try {
    const expected = (options.md5 ?? tableMd5 ?? (await publishedMd5(doFetch, `${url}.md5`, controller.signal))).toLowerCase();
    const res = await doFetch(url, { signal: controller.signal });
    if (!res.ok || !res.body) throw fail('DOWNLOAD_FAILED', msg.downloadFailed(name, url, `HTTP ${res.status} ${res.statusText ?? ''}`.trim(), where));
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    const hash = createHash('md5');
    let received = 0;
    const fh = await open(tmp, 'w');
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        received += chunk.byteLength;
        await fh.write(chunk);
      }
    } finally {
      await fh.close();
    }
    if (Number.isFinite(declared) && received !== declared) {
      throw fail('DOWNLOAD_FAILED', msg.downloadFailed(name, url, `truncated: received ${received} of ${declared} bytes`, where));
    }
    const got = hash.digest('hex');
    if (got !== expected) throw fail('CHECKSUM_MISMATCH', msg.checksumMismatch(name, url, 'md5', expected, got, where));
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true });
    if (DatasetUnavailableError.isInstance(e)) throw e;
    if (controller.signal.aborted) throw fail('DOWNLOAD_TIMEOUT', msg.downloadTimeout(name, url, timeoutMs, where), e);
    const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    throw fail('DOWNLOAD_FAILED', msg.downloadFailed(name, url, cause, where), e);
  } finally {
    clearTimeout(timer);
  }
}

/** GroupLens's sidecar: "MD5 (ml-latest-small.zip) = <hex>". */
async function publishedMd5(doFetch: FetchLike, url: string, signal: AbortSignal): Promise<string> {
  const res = await doFetch(url, { signal });
  const m = res.ok ? /\b([0-9a-f]{32})\b/i.exec(await res.text()) : null;
  // Wrapped into a DatasetUnavailableError (DOWNLOAD_FAILED) by the caller.
  if (!m) throw new Error(msg.noPublishedChecksum(url, res.status));
  return m[1]!;
}
