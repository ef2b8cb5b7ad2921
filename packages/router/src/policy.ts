import { InvalidInputError } from './errors';
import { messages } from './messages';

/** One raw scoring request, as the router's MLflow signature declares it (all longs). */
export type RequestRow = { userId: number; movieId: number; timestamp?: number | null };

/** The same requests column by column; `timestamp` may be absent (NaN entries mean "not given"). */
export type RequestColumns = {
  readonly userId: ArrayLike<number>;
  readonly movieId: ArrayLike<number>;
  readonly timestamp?: ArrayLike<number>;
};

/** Rows as callers pass them: an array of row objects or columns. */
export type RequestRows = readonly RequestRow[] | RequestColumns;

/**
 * A scoring policy behind one arm: raw requests in, P(click) out. Implementations featurize the
 * requests themselves (a FeatureSpec for abt models), so the router never sees features.
 */
export type Policy = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** Display name (`PolicyA_LogReg`, a model name…). */
  readonly name: string;
  /** Registry model version (or any label) reported with every score. */
  readonly modelVersion: string;
  /** One score per row, in row order, as a Float64Array of length `rows.userId.length`. */
  predict(rows: RequestColumns): Float64Array;
};

/** Loads policies by model URI (`models:/movielens_ctr_ab@PolicyA`, a bundle path…). */
export type PolicyLoader = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** Current model version behind `uri` (cheap; polled for hot reload). Throws PolicyLoadError when missing. */
  resolve(uri: string): Promise<string>;
  /** Loads the policy for `uri` at `modelVersion` (as returned by `resolve`). Throws PolicyLoadError. */
  load(uri: string, modelVersion: string): Promise<Policy>;
};

/** Validated request columns in Float64Arrays (timestamp NaN where absent). */
export type Columns = { userId: Float64Array; movieId: Float64Array; timestamp: Float64Array | undefined; length: number };

const isLong = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * Checks and copies requests into Float64Array columns. Ids must be integers (the signature's
 * `long`); errors name the bad field as `rows[i].userId` or `columns.movieId[i]`.
 */
export function toColumns(rows: RequestRows, at = 'rows'): Columns {
  if (Array.isArray(rows)) {
    const n = rows.length;
    const userId = new Float64Array(n);
    const movieId = new Float64Array(n);
    let timestamp: Float64Array | undefined;
    for (let i = 0; i < n; i++) {
      const r: unknown = rows[i];
      if (typeof r !== 'object' || r === null) throw new InvalidInputError(`${at}[${i}]`, messages.notAnObject(`${at}[${i}]`));
      const { userId: u, movieId: m, timestamp: t } = r as Record<string, unknown>;
      if (!isLong(u)) throw new InvalidInputError(`${at}[${i}].userId`, messages.badId(`${at}[${i}].userId`, u));
      if (!isLong(m)) throw new InvalidInputError(`${at}[${i}].movieId`, messages.badId(`${at}[${i}].movieId`, m));
      userId[i] = u;
      movieId[i] = m;
      if (t !== undefined && t !== null) {
        if (!isLong(t)) throw new InvalidInputError(`${at}[${i}].timestamp`, messages.badId(`${at}[${i}].timestamp`, t));
        timestamp ??= new Float64Array(n).fill(Number.NaN);
        timestamp[i] = t;
      }
    }
    return { userId, movieId, timestamp, length: n };
  }
  const cols = rows as RequestColumns;
  if (typeof cols !== 'object' || cols === null || cols.userId == null || cols.movieId == null)
    throw new InvalidInputError(at, messages.notAnArrayOfRows(at));
  const n = cols.userId.length;
  const column = (name: 'userId' | 'movieId' | 'timestamp', src: ArrayLike<number>, optional: boolean): Float64Array => {
    if (typeof src !== 'object' || typeof src.length !== 'number')
      throw new InvalidInputError(`${at}.${name}`, messages.notAnArrayOfRows(at));
    if (src.length !== n) throw new InvalidInputError(`${at}.${name}`, messages.columnLength(`${at}.${name}`, src.length, n));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = src[i];
      if (optional && (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)))) out[i] = Number.NaN;
      else if (isLong(v)) out[i] = v;
      else throw new InvalidInputError(`${at}.${name}[${i}]`, messages.badId(`${at}.${name}[${i}]`, v));
    }
    return out;
  };
  return {
    userId: column('userId', cols.userId, false),
    movieId: column('movieId', cols.movieId, false),
    timestamp: cols.timestamp == null ? undefined : column('timestamp', cols.timestamp, true),
    length: n,
  };
}
