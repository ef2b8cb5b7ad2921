/**
 * GrowthBook's bucketing functions (sdk-js `src/util.ts`: `getEqualWeights`, `getBucketRanges`,
 * `chooseVariation`, `inNamespace`), with the same arguments, fallbacks and arithmetic order, so
 * every input the SDK accepts gives the same doubles here. The router's configuration path
 * (`createExperiment`) does not rely on the fallbacks: it rejects what GrowthBook would repair.
 */
import { checkArg, checkArity } from './check-args';
import { hash } from './hash';

/** One arm's bucket range `[start, end)`, as GrowthBook writes it. */
export type BucketRange = [start: number, end: number];

/** Flat `[start0, end0, start1, end1, …]`; arm i owns `[start_i, end_i)` (the router's hot-path form). */
export type BucketRanges = Float64Array;

/** A GrowthBook namespace: `[id, start, end]`; a user is in it when `hash("__" + id, user, 1)` is in `[start, end)`. */
export type Namespace = readonly [id: string, start: number, end: number];

/** GrowthBook's `getEqualWeights`: `n` weights of `1 / n` (none for `n <= 0`). */
export function getEqualWeights(n: number): number[] {
  checkArity('getEqualWeights', arguments, 1);
  checkCount('getEqualWeights', n);
  if (n <= 0) return [];
  return new Array<number>(n).fill(1 / n);
}

/**
 * GrowthBook's `getBucketRanges(numVariations, coverage = 1, weights)`: coverage is clamped to
 * [0, 1]; weights fall back to equal weights when missing, of the wrong length, or not adding up
 * to 1 within GrowthBook's tolerance [0.99, 1.01]; arm i starts at the cumulative weight of the arms
 * before it and covers `coverage * weight_i`. NaN passes through as it does in the SDK (its
 * comparisons are false).
 */
export function getBucketRanges(numVariations: number, coverage?: number, weights?: readonly number[] | null): BucketRange[] {
  checkArity('getBucketRanges', arguments, 3);
  checkCount('getBucketRanges', numVariations);
  checkArg('getBucketRanges', 'coverage', coverage === undefined || typeof coverage === 'number', 'a number or undefined', coverage);
  checkArg(
    'getBucketRanges',
    'weights',
    weights === undefined || weights === null || (Array.isArray(weights) && weights.every((x) => typeof x === 'number')),
    'an array of numbers, null or undefined',
    weights,
  );
  let c = coverage === undefined ? 1 : coverage;
  if (c < 0) c = 0;
  else if (c > 1) c = 1;
  const equal = getEqualWeights(numVariations);
  let w: readonly number[] = weights || equal;
  if (w.length !== numVariations) w = equal;
  // The SDK's reducer is `(w, sum) => sum + w`: the same additions in the same order.
  const total = w.reduce((acc, x) => x + acc, 0);
  if (total < 0.99 || total > 1.01) w = equal;
  let cumulative = 0;
  return w.map((x) => {
    const start = cumulative;
    cumulative += x;
    return [start, start + c * x];
  });
}

/** GrowthBook's `inRange`: `start <= n < end`. */
export function inRange(n: number, range: readonly [number, number]): boolean {
  if (arguments.length > 2) checkArity('inRange', arguments, 2);
  return n >= range[0] && n < range[1];
}

/** GrowthBook's `chooseVariation`: the first range holding `n`, or -1. */
export function chooseVariation(n: number, ranges: readonly (readonly [number, number])[]): number {
  if (arguments.length > 2) checkArity('chooseVariation', arguments, 2);
  for (let i = 0; i < ranges.length; i++) if (inRange(n, ranges[i] as readonly [number, number])) return i;
  return -1;
}

/** GrowthBook's `inNamespace(hashValue, [id, start, end])`: v1 hash of the value with seed `"__" + id`. */
export function inNamespace(hashValue: string | number, namespace: Namespace): boolean {
  if (arguments.length > 2) checkArity('inNamespace', arguments, 2);
  const n = hash(`__${namespace[0]}`, hashValue, 1);
  if (n === null) return false;
  return n >= namespace[1] && n < namespace[2];
}

/** `[[s0, e0], [s1, e1], …]` → the flat form {@link chooseArm} reads. */
export function flattenRanges(ranges: readonly (readonly [number, number])[]): BucketRanges {
  checkArity('flattenRanges', arguments, 1);
  const flat = new Float64Array(ranges.length * 2);
  ranges.forEach(([start, end], i) => {
    flat[2 * i] = start;
    flat[2 * i + 1] = end;
  });
  return flat;
}

/** `chooseVariation` over the flat form: the first arm whose range holds `n`, or -1 (outside coverage). */
export function chooseArm(n: number, ranges: BucketRanges): number {
  if (arguments.length > 2) checkArity('chooseArm', arguments, 2);
  for (let i = 0, k = 0; k < ranges.length; i++, k += 2) {
    if (n >= (ranges[k] as number) && n < (ranges[k + 1] as number)) return i;
  }
  return -1;
}

/** A variation count as GrowthBook can use it: `new Array(n)` throws for non-integers, so they are refused. */
function checkCount(fn: string, n: unknown): void {
  checkArg(fn, 'numVariations', typeof n === 'number' && (n <= 0 || (Number.isInteger(n) && n <= 2 ** 32 - 1)), 'an integer count (or <= 0)', n);
}
