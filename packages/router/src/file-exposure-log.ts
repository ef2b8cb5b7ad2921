import { checkArity, checkOptions } from './check-args';
import { type ExposureRecord, type ExposureSink, exposureLine, parseExposureLine } from './exposure-log';
import { createNdjsonLog, type NdjsonLogOptions, type NdjsonLogStats, readNdjsonLog } from './ndjson-log';

export type FileExposureLogOptions = NdjsonLogOptions;
export type FileExposureLogStats = NdjsonLogStats;

const OPTIONS = ['file', 'maxBytes', 'maxFiles', 'flushIntervalMs', 'highWaterBytes', 'fsync'];

/**
 * An {@link ExposureSink} writing NDJSON (format v2) with size-based rotation. Lines are buffered
 * and written in batches of whole lines, one fdatasync per batch, so a line is never torn by
 * rotation or shutdown; `close()` drains the buffer before returning.
 */
export function createFileExposureLog(options: FileExposureLogOptions): ExposureSink & { stats(): FileExposureLogStats } {
  checkArity('createFileExposureLog', arguments, 1);
  const log = createNdjsonLog(checkOptions('createFileExposureLog', options, OPTIONS));
  return {
    version: 2,
    append: (event) => log.append(exposureLine(event)),
    flush: () => log.flush(),
    close: () => log.close(),
    stats: () => log.stats(),
  };
}

/**
 * Reads an exposure log and its rotated files, oldest first, v1 and v2 lines alike (as v2-shaped
 * records). A malformed line throws `LogFormatError` naming `file:line`; an incomplete last line
 * (a crash mid-write, never acknowledged) is skipped and reported to `onTorn`.
 */
export async function* readExposureLog(file: string, options?: { onTorn?: (where: string) => void }): AsyncGenerator<ExposureRecord> {
  checkArity('readExposureLog', arguments, 2);
  const { onTorn } = checkOptions('readExposureLog', options, ['onTorn']);
  for await (const l of readNdjsonLog(file, (t) => onTorn?.(`${t.file}:${t.line}`))) yield parseExposureLine(l.text, `${l.file}:${l.line}`);
}
