/**
 * Fewer points of a long ROC or precision–recall curve, for storing and plotting it: on millions
 * of rows a curve has a point per distinct score (2.5 M test rows at ml-25m scale: hundreds of MB
 * of JSON, past the longest string JavaScript can build). The points kept are evenly spaced along
 * the thresholds, the first and last always, so the thinned curve runs through the same ends and
 * follows the full one between them to within 1/max of its thresholds.
 */
import type { PrecisionRecallCurve } from './precision-recall-curve';
import type { RocCurve } from './roc-curve';

/** At most `max` (≥ 2) indices of [0, n), evenly spaced, 0 and n − 1 always; every index when n ≤ max. */
function thinIndices(n: number, max: number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return Int32Array.from({ length: max }, (_, i) => Math.round(i * step));
}

const pick = (a: Float64Array, at: Int32Array) => Float64Array.from(at, (i) => a[i]!);

/** `c` with at most `max` points (its own object when it has no more). */
export function thinRocCurve(c: RocCurve, max: number): RocCurve {
  if (c.fpr.length <= max) return c;
  const at = thinIndices(c.fpr.length, max);
  return { fpr: pick(c.fpr, at), tpr: pick(c.tpr, at), thresholds: pick(c.thresholds, at) };
}

/**
 * `c` with at most `max` points: thresholds thinned to `max − 1`, precision and recall at the same
 * thresholds, then their closing (1, 0) point, as scikit-learn ends the curve.
 */
export function thinPrecisionRecallCurve(c: PrecisionRecallCurve, max: number): PrecisionRecallCurve {
  if (c.precision.length <= max) return c;
  const at = thinIndices(c.thresholds.length, max - 1);
  const last = c.precision.length - 1;
  const withEnd = Int32Array.from([...at, last]);
  return { precision: pick(c.precision, withEnd), recall: pick(c.recall, withEnd), thresholds: pick(c.thresholds, at) };
}
