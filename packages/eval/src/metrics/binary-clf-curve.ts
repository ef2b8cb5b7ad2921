import { sortFloat64 } from '../stats/radix-sort';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkSameLength } from '../validate';

/**
 * Cumulative counts at every distinct score, highest score first — scikit-learn's
 * `_binary_clf_curve`: `tps[i]` / `fps[i]` are the positives / negatives with score >= `thresholds[i]`.
 */
export interface BinaryClfCurve {
  readonly thresholds: Float64Array;
  readonly tps: Float64Array;
  readonly fps: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * Validates labels (0/1) and scores (finite) and splits the scores by class in ONE pass into one
 * buffer (positives from the front, negatives from the back), then radix-sorts each part. Typed
 * arrays only: no per-row objects, no comparator. Equal scores later fall into one threshold,
 * exactly how scikit-learn groups ties.
 */
export function splitByClass(where: string, labels: ArrayLike<number>, scores: ArrayLike<number>): { pos: Float64Array; neg: Float64Array } {
  checkSameLength(where, labels, 'labels', scores, 'scores');
  const n = labels.length;
  if (n === 0) throw new EvalError('INVALID_INPUT', messages.empty(where, 'labels'));
  const buf = new Float64Array(n);
  let ip = 0;
  let ineg = n;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const s = scores[i]!;
    if (s - s !== 0) throw new EvalError('INVALID_INPUT', messages.notFinite(where, 'scores', i, s)); // NaN or ±Infinity
    if (y === 1) buf[ip++] = s;
    else if (y === 0) buf[--ineg] = s;
    else throw new EvalError('INVALID_INPUT', messages.notBinary(where, i, y as number));
  }
  return { pos: sortFloat64(buf.subarray(0, ip)), neg: sortFloat64(buf.subarray(ip)) };
}

/** Validates and builds the cumulative-count curve; `where` names the caller in errors. */
export function binaryClfCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, where = 'binaryClfCurve'): BinaryClfCurve {
  const { pos, neg } = splitByClass(where, labels, scores);
  return mergeCounts(pos, neg);
}

/** Walks both ascending arrays from their ends, emitting one point per distinct score. */
export function mergeCounts(pos: Float64Array, neg: Float64Array): BinaryClfCurve {
  let ip = pos.length - 1;
  let ineg = neg.length - 1;
  const cap = pos.length + neg.length;
  const thresholds = new Float64Array(cap);
  const tps = new Float64Array(cap);
  const fps = new Float64Array(cap);
  let k = 0;
  let tp = 0;
  let fp = 0;
  while (ip >= 0 || ineg >= 0) {
    const sp = ip >= 0 ? pos[ip]! : -Infinity;
    const sn = ineg >= 0 ? neg[ineg]! : -Infinity;
    const t = ip < 0 ? sn : ineg < 0 ? sp : sp > sn ? sp : sn;
    while (ip >= 0 && pos[ip] === t) {
      tp++;
      ip--;
    }
    while (ineg >= 0 && neg[ineg] === t) {
      fp++;
      ineg--;
    }
    thresholds[k] = t;
    tps[k] = tp;
    fps[k] = fp;
    k++;
  }
  return { thresholds: thresholds.slice(0, k), tps: tps.slice(0, k), fps: fps.slice(0, k), positives: pos.length, negatives: neg.length };
}
