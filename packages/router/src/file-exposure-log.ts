import { mkdirSync, statSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { type ExposureEvent, type ExposureSink, exposureLine } from './exposure-log';

export type FileExposureLogOptions = {
  /** NDJSON file to append to; rotated files are `<file>.1` (newest) … `<file>.<maxFiles>`. */
  file: string;
  /** Rotate before a write would push the file past this many bytes. Default 64 MiB. */
  maxBytes?: number;
  /** Rotated files kept besides the live one. Default 5. */
  maxFiles?: number;
  /** Buffered lines are written (and fsynced) at least this often. Default 200 ms. */
  flushIntervalMs?: number;
  /** Write early once this many bytes are buffered. Default 1 MiB. */
  highWaterBytes?: number;
  /** fdatasync after each batch. Default true. */
  fsync?: boolean;
};

/** Counters for /health and tests. */
export type FileExposureLogStats = {
  appended: number;
  written: number;
  dropped: number;
  rotations: number;
  lastError: string | undefined;
};

/**
 * An {@link ExposureSink} writing NDJSON with size-based rotation. Lines are buffered and written
 * in batches of whole lines, one fdatasync per batch (fsync batching), so a line is never torn
 * by rotation or shutdown; `close()` drains the buffer before returning.
 */
export function createFileExposureLog(options: FileExposureLogOptions): ExposureSink & { stats(): FileExposureLogStats } {
  const { file, maxBytes = 64 * 1024 * 1024, maxFiles = 5, flushIntervalMs = 200, highWaterBytes = 1024 * 1024, fsync = true } = options;
  mkdirSync(path.dirname(file), { recursive: true });
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  let pending: string[] = [];
  let pendingBytes = 0;
  let handle: FileHandle | undefined;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const stats: FileExposureLogStats = { appended: 0, written: 0, dropped: 0, rotations: 0, lastError: undefined };
  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  async function rotate(): Promise<void> {
    await handle?.close();
    handle = undefined;
    await rm(`${file}.${maxFiles}`, { force: true });
    for (let i = maxFiles - 1; i >= 1; i--) await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(() => {});
    await rename(file, `${file}.1`).catch(() => {});
    size = 0;
    stats.rotations++;
  }

  async function writeAll(text: string, lines: number): Promise<void> {
    handle ??= await open(file, 'a');
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += (await handle.write(buf, off, buf.length - off)).bytesWritten;
    size += buf.length;
    stats.written += lines;
  }

  async function drain(lines: string[]): Promise<void> {
    // Group whole lines into chunks that fit the current file; rotate between chunks.
    let chunk = '';
    let chunkBytes = 0;
    let count = 0;
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      if (size + chunkBytes + bytes > maxBytes && size + chunkBytes > 0) {
        if (count > 0) await writeAll(chunk, count);
        chunk = '';
        chunkBytes = 0;
        count = 0;
        if (size > 0) await rotate();
      }
      chunk += line;
      chunkBytes += bytes;
      count++;
    }
    if (count > 0) await writeAll(chunk, count);
    if (fsync && handle) await handle.datasync();
  }

  function flush(): Promise<void> {
    if (pending.length > 0) {
      const lines = pending;
      pending = [];
      pendingBytes = 0;
      chain = chain.then(() =>
        drain(lines).catch((e: unknown) => {
          stats.lastError = (e as Error).message;
          stats.dropped += lines.length;
        }),
      );
    }
    return chain;
  }

  return {
    version: 1,
    append(event: ExposureEvent) {
      if (closed) {
        stats.dropped++;
        return;
      }
      const line = exposureLine(event);
      pending.push(line);
      pendingBytes += line.length;
      stats.appended++;
      if (pendingBytes >= highWaterBytes) void flush();
    },
    flush,
    async close() {
      if (closed) return chain;
      closed = true;
      clearInterval(timer);
      await flush();
      await handle?.close();
      handle = undefined;
    },
    stats: () => ({ ...stats }),
  };
}
