import { checkArity, checkOptions } from './check-args';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export type NdjsonLogOptions = {
  /** NDJSON file to append to; rotated files are `<file>.1` (newest) … `<file>.<maxFiles>`. */
  file: string;
  /** Rotate before a write would push the file past this many bytes. Default 64 MiB. */
  maxBytes?: number;
  /** Rotated files kept besides the live one (`Infinity`: keep all). Default 5. */
  maxFiles?: number;
  /** Buffered lines are written (and fsynced) at least this often. Default 200 ms. */
  flushIntervalMs?: number;
  /** Write early once this many bytes are buffered. Default 1 MiB. */
  highWaterBytes?: number;
  /** fdatasync after each write batch. Default true. */
  fsync?: boolean;
};

/** Counters for /health and tests. */
export type NdjsonLogStats = {
  appended: number;
  written: number;
  dropped: number;
  rotations: number;
  lastError: string | undefined;
};

/** A rotating NDJSON file: lines are buffered and written in whole-line batches, one fdatasync per batch. */
export type NdjsonLog = {
  readonly file: string;
  /** Buffers lines (each ending in `\n`); written by the next flush. Never throws. */
  append(lines: string | readonly string[]): void;
  /**
   * Writes (and fdatasyncs) everything buffered so far; resolves once it is on disk, rejects when
   * that write failed (the lines are then counted as dropped). Concurrent callers share one write
   * and one fdatasync (group commit).
   */
  write(): Promise<void>;
  /** Like `write`, but never rejects (errors are recorded in `stats().lastError`). */
  flush(): Promise<void>;
  /** Flushes and closes; later appends are dropped and counted. */
  close(): Promise<void>;
  stats(): NdjsonLogStats;
};

/**
 * The rotating NDJSON writer behind the exposure and events logs. Lines are never torn by
 * rotation or shutdown: a batch is grouped into whole-line chunks that fit the current file, and
 * the file rotates between chunks (`<file>` → `<file>.1` → `<file>.2` …, newest first).
 */
export function createNdjsonLog(options: NdjsonLogOptions): NdjsonLog {
  checkArity('createNdjsonLog', arguments, 1);
  checkOptions('createNdjsonLog', options, ['file', 'maxBytes', 'maxFiles', 'flushIntervalMs', 'highWaterBytes', 'fsync']);
  const { file, maxBytes = 64 * 1024 * 1024, maxFiles = 5, flushIntervalMs = 200, highWaterBytes = 1024 * 1024, fsync = true } = options;
  mkdirSync(path.dirname(file), { recursive: true });
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  // Appended lines are encoded at once into large buffers (off the JS heap): a line string then
  // dies young instead of surviving until the next write, which cost the /predict path more in
  // garbage collection and in flattening than building it. `pendingLengths` keeps line boundaries
  // for rotation.
  let pending = newPending();
  let handle: FileHandle | undefined;
  let inFlight: Promise<void> | undefined;
  // The write of the most recently started batch: it holds every line appended before it started.
  let lastDone: Promise<void> = Promise.resolve();
  let next: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;
  let closed = false;
  const stats: NdjsonLogStats = { appended: 0, written: 0, dropped: 0, rotations: 0, lastError: undefined };
  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  async function rotate(): Promise<void> {
    await handle?.close();
    handle = undefined;
    const indices = await rotatedIndices(file);
    for (const i of indices) {
      if (i >= maxFiles) await rm(`${file}.${i}`, { force: true });
      else await rename(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (maxFiles >= 1) await rename(file, `${file}.1`).catch(() => {});
    else await rm(file, { force: true });
    size = 0;
    stats.rotations++;
  }

  async function writeAll(buf: Buffer, lines: number): Promise<void> {
    handle ??= await open(file, 'a');
    let off = 0;
    while (off < buf.length) off += (await handle.write(buf, off, buf.length - off)).bytesWritten;
    size += buf.length;
    stats.written += lines;
  }

  async function drain(batch: Pending): Promise<void> {
    const whole = batch.bytes();
    const lines = batch.lengths.length;
    // The usual batch fits the current file: one write.
    if (size + whole.length <= maxBytes || (size === 0 && lines === 1)) await writeAll(whole, lines);
    else await drainRotating(whole, batch.lengths);
    if (fsync && handle) await handle.datasync();
  }

  /** Whole lines in chunks that fit the current file, rotating between chunks. */
  async function drainRotating(whole: Buffer, lengths: readonly number[]): Promise<void> {
    let start = 0;
    let end = 0;
    let count = 0;
    for (const bytes of lengths) {
      if (size + (end - start) + bytes > maxBytes && size + (end - start) > 0) {
        if (count > 0) await writeAll(whole.subarray(start, end), count);
        start = end;
        count = 0;
        if (size > 0) await rotate();
      }
      end += bytes;
      count++;
    }
    if (count > 0) await writeAll(whole.subarray(start, end), count);
  }

  // One write in flight; callers arriving meanwhile share the next one (group commit).
  function start(): Promise<void> {
    const batch = pending;
    pending = newPending();
    const done = drain(batch).catch((e: unknown) => {
      stats.lastError = (e as Error).message;
      stats.dropped += batch.lengths.length;
      throw e;
    });
    done.catch(() => {}); // a failure reaches the writers who wait for it, never the process
    lastDone = done;
    inFlight = done.then(
      () => after(),
      () => after(),
    );
    return done;
  }

  function after(): void {
    inFlight = undefined;
    const waiting = next;
    next = undefined;
    if (!waiting) return;
    if (pending.lengths.length === 0) waiting.resolve();
    else start().then(waiting.resolve, waiting.reject);
  }

  function write(): Promise<void> {
    if (pending.lengths.length === 0) return next?.promise ?? lastDone;
    if (!inFlight) return start();
    if (!next) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      next = { promise, resolve, reject };
    }
    return next.promise;
  }

  const flush = (): Promise<void> => write().catch(() => {});

  return {
    file,
    append(lines) {
      if (closed) {
        stats.dropped += typeof lines === 'string' ? 1 : lines.length;
        return;
      }
      if (typeof lines === 'string') pending.add(lines);
      else for (const line of lines) pending.add(line);
      stats.appended += typeof lines === 'string' ? 1 : lines.length;
      if (pending.size >= highWaterBytes) void flush();
    },
    write,
    flush,
    async close() {
      if (closed) return flush();
      closed = true;
      clearInterval(timer);
      await flush();
      while (inFlight) await inFlight;
      await handle?.close();
      handle = undefined;
    },
    stats: () => ({ ...stats }),
  };
}

const CHUNK_BYTES = 64 * 1024;

/** Lines waiting for the next write, UTF-8 encoded into chunks, with each line's byte length. */
type Pending = { readonly lengths: number[]; readonly size: number; add(line: string): void; bytes(): Buffer };

function newPending(): Pending {
  const chunks: Buffer[] = [];
  let chunk: Buffer | undefined;
  let used = 0;
  let size = 0;
  const lengths: number[] = [];
  return {
    lengths,
    get size() {
      return size;
    },
    add(line) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      const most = line.length * 3;
      if (chunk === undefined || used + most > chunk.length) {
        if (chunk !== undefined && used > 0) chunks.push(chunk.subarray(0, used));
        chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
        used = 0;
      }
      const bytes = chunk.write(line, used, 'utf8');
      used += bytes;
      size += bytes;
      lengths.push(bytes);
    },
    bytes() {
      const all = chunk !== undefined && used > 0 ? [...chunks, chunk.subarray(0, used)] : chunks;
      return all.length === 1 ? (all[0] as Buffer) : Buffer.concat(all, size);
    },
  };
}

/** Indices of the rotated files of `file` that exist (`<file>.3` → 3), highest first. */
async function rotatedIndices(file: string): Promise<number[]> {
  const base = path.basename(file);
  let names: string[];
  try {
    names = await readdir(path.dirname(file));
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const rest = name.slice(base.length + 1);
    if (/^[1-9]\d*$/.test(rest)) out.push(Number(rest));
  }
  return out.sort((a, b) => b - a);
}

/** One line of a log file, with where it came from (for error messages). */
export type NdjsonLine = { readonly text: string; readonly file: string; readonly line: number };

/**
 * The lines of a rotating log, oldest first (`<file>.N` … `<file>.1`, `<file>`). A last line without
 * its newline (a write cut short by a crash: never acknowledged) is reported to `onTorn` and skipped.
 */
export async function* readNdjsonLog(file: string, onTorn?: (where: NdjsonLine) => void): AsyncGenerator<NdjsonLine> {
  checkArity('readNdjsonLog', arguments, 2);
  const files = [...(await rotatedIndices(file)).map((i) => `${file}.${i}`), file];
  for (const f of files) {
    let stream;
    try {
      statSync(f);
      stream = createReadStream(f, { encoding: 'utf8' });
    } catch {
      continue;
    }
    let rest = '';
    let line = 0;
    for await (const chunk of stream) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
        line++;
        const s = text.slice(start, nl);
        start = nl + 1;
        if (s.length > 0) yield { text: s, file: f, line };
      }
      rest = text.slice(start);
    }
    if (rest.length > 0) onTorn?.({ text: rest, file: f, line: line + 1 });
  }
}
