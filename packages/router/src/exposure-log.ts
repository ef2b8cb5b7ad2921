import type { EntityId } from '@abt/features';
import type { AssignmentSourceName } from './assign';
import { checkArity } from './check-args';
import { LogFormatError } from './errors';
import type { AssignmentHashVersion } from './experiment';
import { messages } from './messages';

/** Format version of the lines {@link exposureLine} writes (`"v":2`); v1 lines have no `v`. */
export const EXPOSURE_LOG_VERSION = 2;

/** One scored item of an exposure. */
export type ExposureItem = { readonly itemId: EntityId; readonly score: number };

/**
 * One assignment as written to the exposure log (format v2, `schemas/exposure-log-v2.schema.json`):
 * everything an analysis needs to join it to outcome events by request id or by user and time.
 */
export type ExposureEvent = {
  /** Epoch milliseconds of the assignment. */
  readonly time: number;
  /** The response's `X-Request-Id` (given by the client or generated). */
  readonly requestId: string;
  readonly experiment: string;
  readonly hashAttribute: string;
  readonly hashVersion: AssignmentHashVersion;
  readonly seed: string;
  /** As received: a number stays a number, a string a string (analyses join ids as text). */
  readonly userId: EntityId;
  readonly arm: string;
  /** Arm index (GrowthBook's variation id). */
  readonly variation: number;
  readonly source: AssignmentSourceName;
  /** Probability of this assignment for a uniform hash bucket (arm weight × coverage; see `Assignment.propensity`). */
  readonly propensity: number;
  /** False when the user was not in the experiment (served the default arm). */
  readonly inExperiment: boolean;
  readonly items: readonly ExposureItem[];
  readonly modelUri: string;
  readonly modelVersion: string;
  /** The serving instance (`host:pid` or `--instance-id`). */
  readonly instance: string;
};

/**
 * Where assignments go. `append` must be cheap and never throw on the request path;
 * durability is the sink's business (`flush`, `close`).
 */
export type ExposureSink = {
  /** Interface version: 2 since exposures carry the v2 fields. Changes only as a breaking change. */
  readonly version: 2;
  append(event: ExposureEvent): void;
  /** Resolves once everything appended so far is durable. */
  flush(): Promise<void>;
  /** Flushes and releases resources; later appends are dropped and counted. */
  close(): Promise<void>;
};

// Events of one batch share a timestamp: format it once.
let lastTime = Number.NaN;
let lastIso = '';
const iso = (t: number): string => {
  if (t !== lastTime) {
    lastTime = t;
    lastIso = new Date(t).toISOString();
  }
  return lastIso;
};
const q = JSON.stringify;

/**
 * The JSON text of strings that repeat on every line (experiment, seed, arm, model URI and version,
 * instance): quoted once, then looked up. Bounded: a long-running server sees a handful of them,
 * and the cache is dropped whole if a caller feeds it many distinct ones.
 */
const quotedCache = new Map<string, string>();
const quoted = (s: string): string => {
  let t = quotedCache.get(s);
  if (t === undefined) {
    if (quotedCache.size >= 256) quotedCache.clear();
    t = q(s);
    quotedCache.set(s, t);
  }
  return t;
};

/** An id's JSON text: a number as JSON.stringify writes it (finite ids only reach here), a string quoted. */
const idText = (id: EntityId): string => (typeof id === 'number' && Number.isFinite(id) ? `${id}` : q(id));

// The fields from `experiment` to `userId`'s key, and from `modelUri` to the end, are the same on
// nearly every line of a server: their JSON text is built once and reused while they repeat (the
// tail, one per arm, in a small bounded map). Building a line is on every /predict request's path.
let headFor: readonly [string, string, AssignmentHashVersion, string] | undefined;
let headText = '';
const head = (e: ExposureEvent): string => {
  const h = headFor;
  if (h === undefined || h[0] !== e.experiment || h[1] !== e.hashAttribute || h[2] !== e.hashVersion || h[3] !== e.seed) {
    headFor = [e.experiment, e.hashAttribute, e.hashVersion, e.seed];
    headText =
      `,"experiment":${quoted(e.experiment)},"hashAttribute":${quoted(e.hashAttribute)},` +
      `"hashVersion":${q(e.hashVersion)},"seed":${quoted(e.seed)},"userId":`;
  }
  return headText;
};
type Tail = { readonly modelVersion: string; readonly instance: string; readonly text: string };
const tails = new Map<string, Tail>();
const tail = (e: ExposureEvent): string => {
  const t = tails.get(e.modelUri);
  if (t !== undefined && t.modelVersion === e.modelVersion && t.instance === e.instance) return t.text;
  if (tails.size >= 256) tails.clear();
  const text = `],"modelUri":${quoted(e.modelUri)},"modelVersion":${quoted(e.modelVersion)},"instance":${quoted(e.instance)}}\n`;
  tails.set(e.modelUri, { modelVersion: e.modelVersion, instance: e.instance, text });
  return text;
};

/** The NDJSON line (v2) for one exposure, newline included, fields in the documented order. */
export function exposureLine(e: ExposureEvent): string {
  checkArity('exposureLine', arguments, 1);
  const list = e.items;
  let items = '';
  for (let i = 0; i < list.length; i++) {
    const it = list[i] as ExposureItem;
    items += `${i > 0 ? ',{"itemId":' : '{"itemId":'}${idText(it.itemId)},"score":${Number.isFinite(it.score) ? it.score : 'null'}}`;
  }
  return (
    `{"v":2,"time":"${iso(e.time)}","requestId":${q(e.requestId)}${head(e)}${idText(e.userId)},"arm":${quoted(e.arm)},` +
    `"variation":${e.variation},"source":"${e.source}","propensity":${e.propensity},"inExperiment":${e.inExperiment},"items":[${items}${tail(e)}`
  );
}

/** A line of an exposure log, v1 or v2, in v2's shape: fields a v1 line lacks are `null` (`items` is empty). */
export type ExposureRecord = {
  readonly v: 1 | 2;
  /** ISO-8601 UTC, as written. */
  readonly time: string;
  readonly requestId: string | null;
  readonly experiment: string;
  readonly hashAttribute: string | null;
  readonly hashVersion: AssignmentHashVersion | null;
  readonly seed: string | null;
  readonly userId: EntityId;
  readonly arm: string;
  readonly variation: number | null;
  readonly source: AssignmentSourceName | null;
  readonly propensity: number | null;
  readonly inExperiment: boolean;
  readonly items: readonly ExposureItem[];
  readonly modelUri: string | null;
  readonly modelVersion: string;
  readonly instance: string | null;
};

const V1_KEYS = ['time', 'experiment', 'userId', 'arm', 'modelVersion', 'inExperiment'];
const V2_KEYS = [
  'v',
  'time',
  'requestId',
  'experiment',
  'hashAttribute',
  'hashVersion',
  'seed',
  'userId',
  'arm',
  'variation',
  'source',
  'propensity',
  'inExperiment',
  'items',
  'modelUri',
  'modelVersion',
  'instance',
];
const SOURCES = ['hash', 'forced', 'sticky', 'default'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * Parses one exposure line, v1 (`{time, experiment, userId, arm, modelVersion, inExperiment}`) or
 * v2, into an {@link ExposureRecord}. Throws {@link LogFormatError} naming `where` (file:line) and the field.
 */
export function parseExposureLine(line: string, where = 'exposure line'): ExposureRecord {
  checkArity('parseExposureLine', arguments, 2);
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch (e) {
    throw new LogFormatError(where, '$', messages.logNotJson(where, (e as Error).message), { cause: e });
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new LogFormatError(where, '$', messages.logNotObject(where));
  const bad = (field: string, want: string): never => {
    throw new LogFormatError(where, field, messages.logBadField(where, field, want, o[field]));
  };
  const v = o.v === undefined ? 1 : o.v;
  if (v !== 1 && v !== 2) bad('v', '1 (or absent) or 2');
  const keys = v === 2 ? V2_KEYS : V1_KEYS;
  for (const k of Object.keys(o)) if (!keys.includes(k) && !(v === 1 && k === 'v')) bad(k, `absent (not a v${v} field)`);
  for (const k of keys) if (!(k in o)) bad(k, 'present');
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : bad(k, 'a string'));
  const id = (k: string) =>
    typeof o[k] === 'string' || (typeof o[k] === 'number' && Number.isFinite(o[k])) ? (o[k] as EntityId) : bad(k, 'a string or number');
  const time = s('time');
  if (!ISO.test(time)) bad('time', 'an ISO-8601 UTC time');
  if (typeof o.inExperiment !== 'boolean') bad('inExperiment', 'a boolean');
  const base = {
    time,
    experiment: s('experiment'),
    userId: id('userId'),
    arm: s('arm'),
    modelVersion: s('modelVersion'),
    inExperiment: o.inExperiment as boolean,
  };
  if (v === 1)
    return {
      v: 1,
      ...base,
      requestId: null,
      hashAttribute: null,
      hashVersion: null,
      seed: null,
      variation: null,
      source: null,
      propensity: null,
      items: [],
      modelUri: null,
      instance: null,
    };
  if (o.hashVersion !== 1 && o.hashVersion !== 2 && o.hashVersion !== 'md5-parity') bad('hashVersion', '1, 2 or "md5-parity"');
  if (!Number.isInteger(o.variation) || (o.variation as number) < 0) bad('variation', 'an arm index');
  if (!SOURCES.includes(o.source as string)) bad('source', SOURCES.join(' | '));
  if (typeof o.propensity !== 'number' || !((o.propensity as number) >= 0 && (o.propensity as number) <= 1)) bad('propensity', 'a number in [0, 1]');
  if (!Array.isArray(o.items)) bad('items', 'an array');
  const items = (o.items as unknown[]).map((it, i) => {
    const r = it as Record<string, unknown>;
    if (
      typeof r !== 'object' ||
      r === null ||
      (typeof r.itemId !== 'string' && typeof r.itemId !== 'number') ||
      !(typeof r.score === 'number' || r.score === null)
    )
      bad(`items[${i}]`, '{itemId, score}');
    return { itemId: r.itemId as EntityId, score: r.score === null ? Number.NaN : (r.score as number) };
  });
  return {
    v: 2,
    ...base,
    requestId: s('requestId'),
    hashAttribute: s('hashAttribute'),
    hashVersion: o.hashVersion as AssignmentHashVersion,
    seed: s('seed'),
    variation: o.variation as number,
    source: o.source as AssignmentSourceName,
    propensity: o.propensity as number,
    items,
    modelUri: s('modelUri'),
    instance: s('instance'),
  };
}

/** An in-memory sink (tests, demos). */
export function createMemoryExposureSink(): ExposureSink & { readonly events: ExposureEvent[] } {
  checkArity('createMemoryExposureSink', arguments, 0);
  const events: ExposureEvent[] = [];
  return { version: 2, events, append: (e) => void events.push(e), flush: async () => {}, close: async () => {} };
}
