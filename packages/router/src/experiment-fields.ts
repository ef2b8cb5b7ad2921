import type { BucketRange, Namespace } from './buckets';
import { ConfigError } from './errors';
import { messages } from './messages';

/** A GrowthBook filter: users whose `hash(seed, id, hashVersion)` falls in none of `ranges` are excluded. */
export type ExperimentFilter = {
  readonly seed: string;
  readonly ranges: readonly BucketRange[];
  /** Default 2, as GrowthBook's `isFilteredOut`. */
  readonly hashVersion?: 1 | 2;
  /** The attribute hashed; the router hashes the request's user id, so `id` or `userId` (default). */
  readonly attribute?: string;
};

/** Attribute names that mean the request's user id (GrowthBook's default attribute is `id`). */
const USER_ID_ATTRIBUTES = ['userId', 'id'] as const;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const fail = (path: string, message: string): never => {
  throw new ConfigError('INVALID_EXPERIMENT', path, message);
};

export function refuseUnknownKeys(config: Record<string, unknown>, known: readonly string[], at: string, shape: string): void {
  for (const key of Object.keys(config)) if (!known.includes(key)) fail(`${at}.${key}`, messages.unknownExperimentKey(`${at}.${key}`, shape, known));
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(path, messages.notAString(path));
  return v as string;
}

export function num(v: unknown, path: string, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, messages.notAFiniteNumber(path, v));
  if ((v as number) < lo || (v as number) > hi) fail(path, messages.outOfRange(path, v, `[${lo}, ${hi}]`));
  return v as number;
}

export function hashVersionOf(v: unknown, path: string): 1 | 2 {
  if (v !== 1 && v !== 2) fail(path, messages.unknownHashVersion(path, v, false));
  return v as 1 | 2;
}

/** GrowthBook weights as given: finite, in [0, 1], one per arm, adding up to 1 within GrowthBook's 0.99–1.01. */
export function checkWeights(weights: readonly number[], path: string): void {
  const sum = weights.reduce((acc, w) => w + acc, 0);
  if (sum < 0.99 || sum > 1.01) fail(path, messages.weightsSum(path, sum));
}

/** One `[start, end)` range inside [0, 1]. */
function range(v: unknown, path: string): BucketRange {
  if (!Array.isArray(v) || v.length !== 2) fail(path, messages.notARange(path));
  const [a, b] = v as unknown[];
  const start = num(a, `${path}[0]`, 0, 1);
  const end = num(b, `${path}[1]`, 0, 1);
  if (end < start) fail(path, messages.emptyRange(path, start, end));
  return [start, end];
}

/** Explicit bucket ranges, one per arm, that do not overlap (GrowthBook would give the first match). */
export function armRanges(v: unknown, n: number, path: string): BucketRange[] {
  if (!Array.isArray(v)) fail(path, messages.notAnArray(path));
  const ranges = (v as unknown[]).map((r, i) => range(r, `${path}[${i}]`));
  if (ranges.length !== n) fail(path, messages.rangesPerArm(path, ranges.length, n));
  const order = ranges.map((_, i) => i).sort((i, j) => (ranges[i] as BucketRange)[0] - (ranges[j] as BucketRange)[0]);
  for (let k = 1; k < order.length; k++) {
    const prev = ranges[order[k - 1] as number] as BucketRange;
    const cur = ranges[order[k] as number] as BucketRange;
    if (cur[0] < prev[1] && cur[1] > cur[0] && prev[1] > prev[0])
      fail(`${path}[${order[k]}]`, messages.overlappingRanges(path, order[k - 1] as number, order[k] as number));
  }
  return ranges;
}

/** GrowthBook's `namespace: [id, start, end]`. */
export function namespaceOf(v: unknown, path: string): Namespace {
  if (!Array.isArray(v) || v.length !== 3) fail(path, messages.notANamespace(path));
  const [id, start, end] = v as unknown[];
  const r = range([start, end], path);
  return Object.freeze([str(id, `${path}[0]`), r[0], r[1]] as const);
}

/** The attribute that is hashed must be the request's user id: the router has no other attributes. */
export function userAttribute(v: unknown, path: string): string {
  const name = str(v, path);
  if (!(USER_ID_ATTRIBUTES as readonly string[]).includes(name)) fail(path, messages.unsupportedHashAttribute(path, name, USER_ID_ATTRIBUTES));
  return name;
}

/** GrowthBook's `filters: [{ seed, ranges, hashVersion?, attribute? }]`. */
export function filtersOf(v: unknown, path: string): ExperimentFilter[] {
  if (!Array.isArray(v)) fail(path, messages.notAnArray(path));
  return (v as unknown[]).map((f, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(f)) fail(p, messages.notAnObject(p));
    const obj = f as Record<string, unknown>;
    refuseUnknownKeys(obj, ['seed', 'ranges', 'hashVersion', 'attribute'], p, 'filter');
    if (!Array.isArray(obj.ranges) || obj.ranges.length === 0) fail(`${p}.ranges`, messages.notAnArray(`${p}.ranges`));
    return Object.freeze({
      seed: typeof obj.seed === 'string' ? obj.seed : str(obj.seed, `${p}.seed`),
      ranges: Object.freeze((obj.ranges as unknown[]).map((r, k) => range(r, `${p}.ranges[${k}]`))),
      hashVersion: obj.hashVersion === undefined ? 2 : hashVersionOf(obj.hashVersion, `${p}.hashVersion`),
      attribute: obj.attribute === undefined ? 'id' : userAttribute(obj.attribute, `${p}.attribute`),
    });
  });
}
