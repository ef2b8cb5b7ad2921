import type { RatingsTable } from '../tables';
import type { IssueSink } from './issues';
import { bomLength } from './text';
import { messages as msg } from '../messages';

/** How one format lays out its ratings file. */
export type RatingsLayout = {
  readonly file: string;
  /** '\t' (ml-100k), '::' (ml-1m) or ',' (ml-latest). */
  readonly delimiter: string;
  /** Expected header fields, when the file has a header line. */
  readonly header?: readonly string[];
  /** true: 0.5 … 5 in half stars (ml-latest); false: whole stars 1 … 5. */
  readonly halfStars: boolean;
  /** Called with the bytes parsed so far, about every 8 MiB and once at the end. */
  readonly onBytes?: (done: number, total: number) => void;
};

/** How often `onBytes` fires: often enough for a bar on ml-25m (~680 MB), rare enough to cost nothing. */
const PROGRESS_STEP_BYTES = 8 << 20;

const FIELDS = ['userId', 'movieId', 'rating', 'timestamp'] as const;
const MAX_ID = 2 ** 31 - 1;

// readNumber's second result; a module-level slot avoids allocating a tuple per field.
let parsed = 0;

/** Parses `-?digits[.digits]` at `p`; returns the end offset, or -1 when there is no number. */
function readNumber(b: Uint8Array, p: number, end: number): number {
  let neg = false;
  if (p < end && b[p] === 45) {
    neg = true;
    p++;
  }
  let v = 0;
  let digits = 0;
  let c = 0;
  while (p < end && (c = b[p]! - 48) >= 0 && c <= 9) {
    v = v * 10 + c;
    p++;
    digits++;
  }
  if (p < end && b[p] === 46) {
    p++;
    let scale = 1;
    while (p < end && (c = b[p]! - 48) >= 0 && c <= 9) {
      scale /= 10;
      v += c * scale;
      p++;
      digits++;
    }
  }
  if (digits === 0) return -1;
  parsed = neg ? -v : v;
  return p;
}

/** Rows to allocate: bytes / average length of the first lines, plus slack (grown if short). */
function estimateRows(b: Uint8Array, from: number): number {
  const sample = Math.min(b.length, from + 65536);
  let lines = 0;
  for (let p = from; p < sample; p++) if (b[p] === 10) lines++;
  if (lines === 0) return 16;
  return Math.ceil(((b.length - from) / ((sample - from) / lines)) * 1.05) + 16;
}

function lineText(b: Uint8Array, start: number): string {
  let end = b.indexOf(10, start);
  if (end < 0) end = b.length;
  if (end > start && b[end - 1] === 13) end--;
  return Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('latin1');
}

/** Works out why a line failed the fast path (only runs on bad lines). */
function diagnose(text: string, layout: RatingsLayout): { kind: 'wrong-delimiter' | 'field-count' | 'non-numeric'; field?: string; message: string } {
  const parts = text.split(layout.delimiter);
  if (parts.length === 1 && /\t|,|;|\||::/.test(text)) {
    // The delimiter is missing right after the first field.
    return { kind: 'wrong-delimiter', field: FIELDS[0], message: msg.wrongDelimiter(layout.file, layout.delimiter, text) };
  }
  if (parts.length !== FIELDS.length) {
    // Too few: name the first missing field; too many: the extra one has no name.
    const field = FIELDS[parts.length] ?? undefined;
    return { kind: 'field-count', ...(field ? { field } : {}), message: msg.fieldCount(layout.file, FIELDS.length, parts.length) };
  }
  const bad = parts.findIndex((s) => !/^-?(\d+(\.\d*)?|\.\d+)$/.test(s));
  const field = FIELDS[bad < 0 ? 0 : bad]!;
  return { kind: 'non-numeric', field, message: msg.nonNumeric(layout.file, field, parts[bad < 0 ? 0 : bad] ?? '') };
}

function grow<A extends Int32Array | Float32Array | Float64Array>(a: A, cap: number): A {
  const out = new (a.constructor as new (n: number) => A)(cap);
  out.set(a);
  return out;
}

function validRating(r: number, half: boolean): boolean {
  return half ? r >= 0.5 && r <= 5 && Number.isInteger(r * 2) : r >= 1 && r <= 5 && Number.isInteger(r);
}

/**
 * Parses a ratings file straight from its bytes into typed columns (no per-row strings or
 * objects). `knownMovies[id] === 1` marks catalog movies; other ids are `unknown-movie`.
 */
export function parseRatingsBytes(b: Uint8Array, layout: RatingsLayout, sink: IssueSink, knownMovies?: Uint8Array): RatingsTable {
  const end = b.length;
  let p = bomLength(b);
  let line = 0;
  if (layout.header) {
    const text = lineText(b, p);
    line = 1;
    const got = text.split(',').map((s) => s.trim());
    if (got.join(',') !== layout.header.join(',')) {
      sink.reject('bad-header', layout.file, 1, undefined, msg.badHeader(layout.file, layout.header, text));
    }
    const nl = b.indexOf(10, p);
    p = nl < 0 ? end : nl + 1;
  }
  let cap = estimateRows(b, p);
  let userId = new Int32Array(cap);
  let movieId = new Int32Array(cap);
  let rating = new Float32Array(cap);
  let timestamp = new Float64Array(cap);
  const d0 = layout.delimiter.charCodeAt(0);
  const dlen = layout.delimiter.length;
  const half = layout.halfStars;
  let n = 0;
  const onBytes = layout.onBytes;
  let nextReport = onBytes ? p + PROGRESS_STEP_BYTES : Infinity;
  while (p < end) {
    line++;
    if (p >= nextReport) {
      onBytes!(p, end);
      nextReport = p + PROGRESS_STEP_BYTES;
    }
    const start = p;
    if (b[p] === 10 || (b[p] === 13 && b[p + 1] === 10)) {
      p += b[p] === 10 ? 1 : 2;
      continue;
    }
    let ok = false;
    let u = 0;
    let m = 0;
    let r = 0;
    let t = 0;
    let q = p;
    do {
      if ((q = readNumber(b, q, end)) < 0) break;
      u = parsed;
      if (b[q] !== d0 || (dlen === 2 && b[q + 1] !== d0)) break;
      if ((q = readNumber(b, q + dlen, end)) < 0) break;
      m = parsed;
      if (b[q] !== d0 || (dlen === 2 && b[q + 1] !== d0)) break;
      if ((q = readNumber(b, q + dlen, end)) < 0) break;
      r = parsed;
      if (b[q] !== d0 || (dlen === 2 && b[q + 1] !== d0)) break;
      if ((q = readNumber(b, q + dlen, end)) < 0) break;
      t = parsed;
      if (q < end && b[q] === 13) q++;
      if (q < end && b[q] !== 10) break;
      ok = true;
      // biome-ignore lint/correctness/noConstantCondition: a block to break out of, run once
    } while (false);
    const nl = ok ? q : b.indexOf(10, start);
    p = nl < 0 || nl >= end ? end : nl + 1;
    if (!ok) {
      const d = diagnose(lineText(b, start), layout);
      sink.reject(d.kind, layout.file, line, d.field, d.message);
      continue;
    }
    if (!(Number.isInteger(u) && u >= 1 && u <= MAX_ID)) {
      sink.reject('out-of-range', layout.file, line, 'userId', msg.outOfRange(layout.file, 'userId', u, 'an integer id ≥ 1'));
      continue;
    }
    if (!(Number.isInteger(m) && m >= 1 && m <= MAX_ID)) {
      sink.reject('out-of-range', layout.file, line, 'movieId', msg.outOfRange(layout.file, 'movieId', m, 'an integer id ≥ 1'));
      continue;
    }
    if (!validRating(r, half)) {
      sink.reject('out-of-range', layout.file, line, 'rating', msg.outOfRange(layout.file, 'rating', r, half ? '0.5 … 5 in half stars' : 'a whole star 1 … 5'));
      continue;
    }
    if (!(t >= 0 && Number.isFinite(t))) {
      sink.reject('out-of-range', layout.file, line, 'timestamp', msg.outOfRange(layout.file, 'timestamp', t, 'Unix seconds ≥ 0'));
      continue;
    }
    if (knownMovies !== undefined && !(m < knownMovies.length && knownMovies[m] === 1)) {
      sink.reject('unknown-movie', layout.file, line, 'movieId', msg.unknownMovie(layout.file, m));
      continue;
    }
    if (n === cap) {
      cap = Math.ceil(cap * 1.5) + 16;
      userId = grow(userId, cap);
      movieId = grow(movieId, cap);
      rating = grow(rating, cap);
      timestamp = grow(timestamp, cap);
    }
    userId[n] = u;
    movieId[n] = m;
    rating[n] = r;
    timestamp[n] = t;
    n++;
  }
  onBytes?.(end, end);
  if (n === 0 && sink.skipped === 0) {
    sink.fail('empty-file', layout.file, 0, undefined, msg.emptyFile(layout.file));
  }
  if (n < cap) {
    userId = userId.slice(0, n);
    movieId = movieId.slice(0, n);
    rating = rating.slice(0, n);
    timestamp = timestamp.slice(0, n);
  }
  return { length: n, userId, movieId, rating, timestamp };
}
