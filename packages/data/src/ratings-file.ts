import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkArity, checkKeys, keysOf } from './check-args';
import { DataFormatError } from './errors';
import type { LoadProgress } from './load';
import { messages } from './messages';
import { countDuplicatePairs } from './parse/duplicates';
import { IssueSink, type ParseIssues } from './parse/issues';
import type { RatingsTable } from './tables';

/** Which header names hold each column (default: `userId`, `itemId` or `movieId`, `rating`, `timestamp`). */
export type RatingsFileColumns = {
  readonly userId?: string;
  readonly itemId?: string;
  readonly rating?: string;
  readonly timestamp?: string;
};

export type RatingsFileOptions = {
  readonly columns?: RatingsFileColumns;
  /** Field separator; default: the first of `,` `\t` `;` `|` found in the header line. */
  readonly delimiter?: string;
  /** true (default): the first bad line throws `DataFormatError`; false: bad lines are skipped and counted in `issues`. */
  readonly strict?: boolean;
  /** Count repeated (userId, itemId) pairs into `issues` (they are kept). Default true. */
  readonly checkDuplicates?: boolean;
  /** Bytes parsed so far, about every 8 MiB and once at the end. */
  readonly onProgress?: (progress: LoadProgress) => void;
};

/** A plain ratings file: no catalog, no users. Item ids land in `ratings.movieId` (the column every table uses). */
export type RatingsFileDataset = {
  readonly format: 'ratings-file';
  readonly source: string;
  readonly ratings: RatingsTable;
  readonly issues: ParseIssues;
};

const OPTION_KEYS = keysOf<RatingsFileOptions>({ columns: true, delimiter: true, strict: true, checkDuplicates: true, onProgress: true });
const COLUMN_KEYS = ['userId', 'itemId', 'rating', 'timestamp'] as const;
const COLUMN_KEY_SET = keysOf<RatingsFileColumns>({ userId: true, itemId: true, rating: true, timestamp: true });
const DEFAULT_NAMES: Record<(typeof COLUMN_KEYS)[number], readonly string[]> = {
  userId: ['userId'],
  itemId: ['itemId', 'movieId'],
  rating: ['rating'],
  timestamp: ['timestamp'],
};
const MAX_ID = 2 ** 31 - 1;
const PROGRESS_STEP = 8 << 20;

/**
 * Loads a delimited ratings file with a header line: `userId,itemId,rating,timestamp` by default, or
 * any header with `columns` naming the four. Ids are integers, ratings finite numbers, timestamps Unix
 * seconds or ISO-8601 dates. Bad lines throw (strict) or are skipped and counted (`strict: false`).
 */
export async function loadRatingsFile(file: string, options: RatingsFileOptions = {}): Promise<RatingsFileDataset> {
  checkArity('loadRatingsFile', arguments, ['file', 'options']);
  checkKeys('loadRatingsFile', 'options', options, OPTION_KEYS);
  checkKeys('loadRatingsFile', 'options.columns', options.columns, COLUMN_KEY_SET);
  const source = path.resolve(file);
  const text = (await readFile(source)).toString('utf8').replace(/^\uFEFF/, '');
  const sink = new IssueSink(options.strict ?? true);
  const firstEnd = text.indexOf('\n');
  const headerLine = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/\r$/, '');
  if (headerLine.trim() === '') throw new DataFormatError('empty-file', source, 1, undefined, messages.emptyFile(source));
  const delimiter = options.delimiter ?? [',', '\t', ';', '|'].find((d) => headerLine.includes(d)) ?? ',';
  const header = headerLine.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  const at = {} as Record<(typeof COLUMN_KEYS)[number], number>;
  for (const key of COLUMN_KEYS) {
    const wanted = options.columns?.[key] ? [options.columns[key]!] : DEFAULT_NAMES[key];
    const j = header.findIndex((h) => wanted.includes(h));
    if (j < 0) throw new DataFormatError('bad-header', source, 1, key, messages.ratingsFileColumn(source, key, wanted, header));
    at[key] = j;
  }
  const width = Math.max(...Object.values(at)) + 1;
  let cap = 1024;
  let userId = new Int32Array(cap);
  let movieId = new Int32Array(cap);
  let rating = new Float32Array(cap);
  let timestamp = new Float64Array(cap);
  let n = 0;
  let lineNo = 1;
  let pos = firstEnd < 0 ? text.length : firstEnd + 1;
  let nextReport = PROGRESS_STEP;
  while (pos < text.length) {
    lineNo++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).replace(/\r$/, '');
    pos = end + 1;
    if (options.onProgress && pos >= nextReport) {
      options.onProgress({ file: source, bytesDone: pos, bytesTotal: text.length });
      nextReport = pos + PROGRESS_STEP;
    }
    if (line.trim() === '') continue;
    const fields = line.split(delimiter);
    if (fields.length < width) {
      sink.reject('field-count', source, lineNo, undefined, `${messages.fieldCount(`${source}:${lineNo}`, header.length, fields.length)}`);
      continue;
    }
    const u = integerId(fields[at.userId]!);
    const m = integerId(fields[at.itemId]!);
    const r = Number(fields[at.rating]!.trim());
    const t = seconds(fields[at.timestamp]!);
    const bad = u === undefined ? 'userId' : m === undefined ? 'itemId' : !Number.isFinite(r) ? 'rating' : t === undefined ? 'timestamp' : undefined;
    if (bad !== undefined) {
      const value = fields[at[bad]]!.trim();
      const allowed = bad === 'rating' ? 'a number' : bad === 'timestamp' ? 'Unix seconds or an ISO-8601 date' : `an integer id in [0, ${MAX_ID}]`;
      sink.reject('non-numeric', source, lineNo, bad, messages.ratingsFileField(`${source}:${lineNo}`, bad, value, allowed));
      continue;
    }
    if (n === cap) {
      cap *= 2;
      userId = grow(userId, cap);
      movieId = grow(movieId, cap);
      rating = grow(rating, cap);
      timestamp = grow(timestamp, cap);
    }
    userId[n] = u!;
    movieId[n] = m!;
    rating[n] = r;
    timestamp[n] = t!;
    n++;
  }
  options.onProgress?.({ file: source, bytesDone: text.length, bytesTotal: text.length });
  if (n === 0 && sink.skipped === 0) throw new DataFormatError('empty-file', source, 0, undefined, messages.emptyFile(source));
  const ratings: RatingsTable = {
    length: n,
    userId: userId.slice(0, n),
    movieId: movieId.slice(0, n),
    rating: rating.slice(0, n),
    timestamp: timestamp.slice(0, n),
  };
  if (options.checkDuplicates ?? true) {
    const d = countDuplicatePairs(ratings);
    if (d.count > 0) sink.note('duplicate-rating', source, 0, 'itemId', messages.duplicateRatings(source, d.count), d.count);
  }
  return { format: 'ratings-file', source, ratings, issues: sink.report() };
}

function integerId(s: string): number | undefined {
  const t = s.trim().replace(/^"(.*)"$/, '$1');
  if (!/^\d+$/.test(t)) return undefined;
  const v = Number(t);
  return v <= MAX_ID ? v : undefined;
}

function seconds(s: string): number | undefined {
  const t = s.trim().replace(/^"(.*)"$/, '$1');
  if (t === '') return undefined;
  const v = Number(t);
  if (Number.isFinite(v)) return v;
  // ISO-8601 dates only (Date.parse accepts looser forms whose meaning depends on the engine).
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return undefined;
  const ms = Date.parse(/[T ]\d{2}:\d{2}/.test(t) && !/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? `${t.replace(' ', 'T')}Z` : t);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

function grow<T extends Int32Array | Float32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
