import { FeaturesError } from './errors';
import { checkArity } from './check-args';
import { messages } from './messages';

/** A user or item id as requests and feedback carry it: a safe integer or a non-empty string. */
export type EntityId = number | string;

/** Longest string id accepted (ids are keys, not payloads). */
export const MAX_ID_LENGTH = 256;

/**
 * The raw scoring request, declared once: every request type, validator, JSON schema and MLflow
 * signature downstream (the router's `/predict`, its MLflow scoring input, its bundle signature)
 * is derived from this table. `id` columns take safe integers or strings; `seconds` is Unix time.
 */
export const REQUEST_FIELDS = [
  { name: 'userId', type: 'id', required: true, aliases: [], mlflowType: 'long' },
  { name: 'movieId', type: 'id', required: true, aliases: ['itemId'], mlflowType: 'long' },
  { name: 'timestamp', type: 'seconds', required: false, aliases: [], mlflowType: 'long' },
] as const;

/** One entry of {@link REQUEST_FIELDS}. */
export type RequestField = (typeof REQUEST_FIELDS)[number];
/** The value a request carries for field `F`: an {@link EntityId} for `id` fields, else a number. */
export type RequestFieldValue<F extends RequestField> = F['type'] extends 'id' ? EntityId : number;

/** One raw request, derived from {@link REQUEST_FIELDS}: `{ userId, movieId, timestamp? }`. */
export type FeatureRequest = { readonly [F in RequestField as F['required'] extends true ? F['name'] : never]: RequestFieldValue<F> } & {
  readonly [F in RequestField as F['required'] extends true ? never : F['name']]?: RequestFieldValue<F> | null;
};

/** Requests column by column as callers may pass them (NaN, null or undefined timestamps mean "not given"). */
export type RequestColumnsInput = { readonly [F in RequestField as F['required'] extends true ? F['name'] : never]: ArrayLike<RequestFieldValue<F>> } & {
  readonly [F in RequestField as F['required'] extends true ? never : F['name']]?: ArrayLike<number | null | undefined>;
};

const validated: unique symbol = Symbol.for('@abt/features/RequestColumns');

/**
 * Validated requests, column by column: what `FeatureSpec.transformColumns` reads and what the
 * router passes from its HTTP edge to every policy without copying or re-checking.
 */
export type RequestColumns = {
  readonly length: number;
  readonly userId: readonly EntityId[];
  readonly movieId: readonly EntityId[];
  /** Unix seconds; NaN where a row gave none. Absent when no row gave one. */
  readonly timestamp: Float64Array | undefined;
  /** Set only by {@link requestColumns}: marks columns that need no further checks. */
  readonly [validated]: true;
};

/** True for columns built by {@link requestColumns} (so consumers skip validation). */
export function isRequestColumns(value: unknown): value is RequestColumns {
  if (arguments.length > 1) checkArity('isRequestColumns', arguments, ['value']);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[validated] === true;
}

/** A valid id, or undefined. */
export function checkId(v: unknown): EntityId | undefined {
  if (arguments.length > 1) checkArity('checkId', arguments, ['v']);
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'string') return v.length > 0 && v.length <= MAX_ID_LENGTH ? v : undefined;
  return undefined;
}

const fail = (where: string, message: string): never => {
  throw new FeaturesError('INVALID_INPUT', message, where);
};

const NAMES = REQUEST_FIELDS.map((f) => f.name);
/** Request field name for a row key or column name, aliases resolved; undefined when unknown. */
export function requestFieldName(key: string): RequestField['name'] | undefined {
  if (arguments.length > 1) checkArity('requestFieldName', arguments, ['key']);
  for (const f of REQUEST_FIELDS) if (f.name === key || (f.aliases as readonly string[]).includes(key)) return f.name;
  return undefined;
}

/**
 * Validates requests (an array of rows or an object of columns) once, into {@link RequestColumns}.
 * Errors are `FeaturesError('INVALID_INPUT')` whose `where` names the field (`rows[3].userId`,
 * `columns.movieId[7]`); an unknown key is `INVALID_OPTION` naming it, as for every function of the
 * package. `caller` is the function errors name.
 */
export function requestColumns(input: readonly FeatureRequest[] | RequestColumnsInput, at = 'rows', caller = 'requestColumns'): RequestColumns {
  if (arguments.length > 3) checkArity('requestColumns', arguments, ['input', 'at', 'caller']);
  if (isRequestColumns(input)) return input;
  return Array.isArray(input) ? fromRows(input, at, false, caller) : fromColumns(input as RequestColumnsInput, at, caller);
}

/** An unknown key is refused like every unknown option or input key of the package (INVALID_OPTION). */
const unknownKey = (caller: string, where: string, key: string): never => {
  throw new FeaturesError('INVALID_OPTION', messages.unknownKey(caller, where, key, NAMES), `${where}.${key}`);
};

/** One request row (a `/predict` body) as validated columns of length 1; errors name `${at}.userId`. */
export function requestRow(row: FeatureRequest, at = 'row', caller = 'requestRow'): RequestColumns {
  if (arguments.length > 3) checkArity('requestRow', arguments, ['row', 'at', 'caller']);
  return fromRows([row], at, true, caller);
}

function fromRows(rows: readonly unknown[], at: string, single: boolean, caller: string): RequestColumns {
  const n = rows.length;
  const userId = new Array<EntityId>(n);
  const movieId = new Array<EntityId>(n);
  let timestamp: Float64Array | undefined;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const p = single ? at : `${at}[${i}]`;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) fail(p, messages.rowNotObject(p));
    let u: unknown;
    let m: unknown;
    let t: unknown;
    for (const key in r as object) {
      const name = requestFieldName(key);
      const v = (r as Record<string, unknown>)[key];
      if (name === 'userId') u = v;
      else if (name === 'movieId') {
        if (m !== undefined) fail(`${p}.${key}`, messages.duplicateField(p, 'movieId', key));
        m = v;
      } else if (name === 'timestamp') t = v;
      else unknownKey(caller, p, key);
    }
    const uid = checkId(u);
    if (uid === undefined) fail(`${p}.userId`, messages.badId(`${p}.userId`, u));
    const mid = checkId(m);
    if (mid === undefined) fail(`${p}.movieId`, messages.badId(`${p}.movieId`, m));
    userId[i] = uid as EntityId;
    movieId[i] = mid as EntityId;
    if (t !== undefined && t !== null) {
      if (typeof t !== 'number' || !Number.isFinite(t)) fail(`${p}.timestamp`, messages.badSeconds(`${p}.timestamp`, t));
      timestamp ??= new Float64Array(n).fill(Number.NaN);
      timestamp[i] = t as number;
    }
  }
  return { length: n, userId, movieId, timestamp, [validated]: true };
}

function fromColumns(cols: RequestColumnsInput, at: string, caller: string): RequestColumns {
  if (typeof cols !== 'object' || cols === null) return fail(at, messages.notRequests(at));
  let u: ArrayLike<unknown> | undefined;
  let m: ArrayLike<unknown> | undefined;
  let t: ArrayLike<unknown> | undefined;
  let declared: unknown;
  for (const key of Object.keys(cols)) {
    // A table's row count may come along (`length`); it must agree with the columns.
    if (key === 'length') {
      declared = (cols as Record<string, unknown>).length;
      continue;
    }
    const name = requestFieldName(key);
    const v = (cols as Record<string, unknown>)[key] as ArrayLike<unknown>;
    if (name === undefined) unknownKey(caller, at, key);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'object' || typeof v.length !== 'number' || !Number.isSafeInteger(v.length) || v.length < 0)
      fail(`${at}.${key}`, messages.notAColumn(`${at}.${key}`));
    if (name === 'userId') u = v;
    else if (name === 'movieId') {
      if (m !== undefined) fail(`${at}.${key}`, messages.duplicateField(at, 'movieId', key));
      m = v;
    } else t = v;
  }
  if (!u) return fail(`${at}.userId`, messages.missingColumn(at, 'userId'));
  if (!m) return fail(`${at}.movieId`, messages.missingColumn(at, 'movieId'));
  const n = u.length;
  if (declared !== undefined && declared !== n) fail(`${at}.length`, messages.columnLength(`${at}.userId`, n, declared as number));
  const ids = (name: string, src: ArrayLike<unknown>): EntityId[] => {
    if (src.length !== n) fail(`${at}.${name}`, messages.columnLength(`${at}.${name}`, src.length, n));
    const out = new Array<EntityId>(n);
    for (let i = 0; i < n; i++) {
      const id = checkId(src[i]);
      if (id === undefined) fail(`${at}.${name}[${i}]`, messages.badId(`${at}.${name}[${i}]`, src[i]));
      out[i] = id as EntityId;
    }
    return out;
  };
  const userId = ids('userId', u);
  const movieId = ids('movieId', m);
  let timestamp: Float64Array | undefined;
  if (t) {
    if (t.length !== n) fail(`${at}.timestamp`, messages.columnLength(`${at}.timestamp`, t.length, n));
    timestamp = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = t[i];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) timestamp[i] = Number.NaN;
      else if (typeof v === 'number' && Number.isFinite(v)) timestamp[i] = v;
      else fail(`${at}.timestamp[${i}]`, messages.badSeconds(`${at}.timestamp[${i}]`, v));
    }
  }
  return { length: n, userId, movieId, timestamp, [validated]: true };
}

/**
 * The number an id stands for in the spec's integer-keyed tables: a number as is, a string when it
 * is the canonical decimal form of a safe integer (`"42"`, not `"042"` or `"4.2e1"`), else NaN (an
 * id that no integer table holds). The analysis joins ids as text, so `42` and `"42"` are one entity.
 */
export function numericId(id: EntityId): number {
  if (arguments.length > 1) checkArity('numericId', arguments, ['id']);
  if (typeof id === 'number') return id;
  const n = Number(id);
  return Number.isSafeInteger(n) && String(n) === id ? n : Number.NaN;
}

/**
 * Rows `index[0], index[1], …` of validated columns, still validated (no re-check): how a router
 * hands each arm its own requests.
 */
export function takeRequestRows(cols: RequestColumns, index: ArrayLike<number>): RequestColumns {
  if (arguments.length > 2) checkArity('takeRequestRows', arguments, ['cols', 'index']);
  const n = index.length;
  const userId = new Array<EntityId>(n);
  const movieId = new Array<EntityId>(n);
  const timestamp = cols.timestamp ? new Float64Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = index[k] as number;
    userId[k] = cols.userId[i] as EntityId;
    movieId[k] = cols.movieId[i] as EntityId;
    if (timestamp) timestamp[k] = (cols.timestamp as Float64Array)[i] as number;
  }
  return { length: n, userId, movieId, timestamp, [validated]: true };
}

/** Validated columns with every missing timestamp set to `seconds` (a server's "now"). */
export function withDefaultTimestamp(cols: RequestColumns, seconds: number): RequestColumns {
  if (arguments.length > 2) checkArity('withDefaultTimestamp', arguments, ['cols', 'seconds']);
  const n = cols.length;
  const timestamp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = cols.timestamp ? (cols.timestamp[i] as number) : Number.NaN;
    timestamp[i] = Number.isNaN(t) ? seconds : t;
  }
  return { length: n, userId: cols.userId, movieId: cols.movieId, timestamp, [validated]: true };
}

/** Validated columns one after the other, still validated: how a server scores concurrent requests in one batch. */
export function concatRequestColumns(parts: readonly RequestColumns[]): RequestColumns {
  if (arguments.length > 1) checkArity('concatRequestColumns', arguments, ['parts']);
  if (parts.length === 1) return parts[0] as RequestColumns;
  let n = 0;
  let timed = false;
  for (const p of parts) {
    if (!isRequestColumns(p)) fail('parts', messages.notRequests('parts'));
    n += p.length;
    timed ||= p.timestamp !== undefined;
  }
  const userId = new Array<EntityId>(n);
  const movieId = new Array<EntityId>(n);
  const timestamp = timed ? new Float64Array(n).fill(Number.NaN) : undefined;
  let k = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++, k++) {
      userId[k] = p.userId[i] as EntityId;
      movieId[k] = p.movieId[i] as EntityId;
      if (timestamp && p.timestamp) timestamp[k] = p.timestamp[i] as number;
    }
  }
  return { length: n, userId, movieId, timestamp, [validated]: true };
}
