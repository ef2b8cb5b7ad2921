import { sortFloat64 } from '../stats/radix-sort';
import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkSameLength } from '../validate';
import { checkSampleWeight, type SampleWeightOptions } from './sample-weight';

/**
 * Cumulative counts at every distinct score, highest score first — scikit-learn's
 * `confusion_matrix_at_thresholds`: `tps[i]` / `fps[i]` are the positives / negatives with score >=
 * `thresholds[i]` (sums of their sample weights when weights are given).
 */
export interface BinaryClfCurve {
  readonly thresholds: Float64Array;
  readonly tps: Float64Array;
  readonly fps: Float64Array;
  /** Total (weight of the) positives: the last `tps`. */
  readonly positives: number;
  /** Total (weight of the) negatives: the last `fps`. */
  readonly negatives: number;
}

export type BinaryClfCurveOptions = SampleWeightOptions;
const CURVE_OPTIONS = keysOf<BinaryClfCurveOptions>({ sampleWeight: true });

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

/** Validates labels (0/1), scores (finite) and `sampleWeight`, and builds the cumulative-count curve. */
export function binaryClfCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: BinaryClfCurveOptions = {}): BinaryClfCurve {
  checkArity('binaryClfCurve', arguments, ['labels', 'scores', 'options']);
  checkKeys('binaryClfCurve', 'options', options, CURVE_OPTIONS);
  return clfCurve('binaryClfCurve', labels, scores, options.sampleWeight);
}

/** `binaryClfCurve` for the metrics and curves built on it; `where` names the caller in errors. */
export function clfCurve(where: string, labels: ArrayLike<number>, scores: ArrayLike<number>, sampleWeight: ArrayLike<number> | undefined): BinaryClfCurve {
  if (sampleWeight === undefined) {
    const { pos, neg } = splitByClass(where, labels, scores);
    return mergeCounts(pos, neg);
  }
  return weightedClfCurve(where, labels, scores, sampleWeight);
}

/**
 * The weighted curve exactly as scikit-learn builds it: rows of weight 0 dropped first (they add no
 * threshold), the rest ordered by score descending with ties in row order (its stable argsort), then
 * running sums of the positive and negative weights read at the last row of each distinct score.
 * Same order of additions, so the cumulative sums are the same floats.
 */
function weightedClfCurve(where: string, labels: ArrayLike<number>, scores: ArrayLike<number>, sampleWeight: ArrayLike<number>): BinaryClfCurve {
  checkSameLength(where, labels, 'labels', scores, 'scores');
  const n = labels.length;
  if (n === 0) throw new EvalError('INVALID_INPUT', messages.empty(where, 'labels'));
  const w = checkSampleWeight(where, sampleWeight, labels)!;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const s = scores[i]!;
    if (s - s !== 0) throw new EvalError('INVALID_INPUT', messages.notFinite(where, 'scores', i, s));
    if (y !== 0 && y !== 1) throw new EvalError('INVALID_INPUT', messages.notBinary(where, i, y as number));
    if (w[i] !== 0) kept.push(i);
  }
  const order = Uint32Array.from(kept).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const m = order.length;
  const thresholds = new Float64Array(m);
  const tps = new Float64Array(m);
  const fps = new Float64Array(m);
  let k = 0;
  let tp = 0;
  let fp = 0;
  for (let j = 0; j < m; j++) {
    const i = order[j]!;
    if (labels[i] === 1) tp += w[i]!;
    else fp += w[i]!;
    if (j === m - 1 || scores[order[j + 1]!] !== scores[i]) {
      thresholds[k] = scores[i]!;
      tps[k] = tp;
      fps[k] = fp;
      k++;
    }
  }
  return { thresholds: thresholds.slice(0, k), tps: tps.slice(0, k), fps: fps.slice(0, k), positives: tp, negatives: fp };
}

/** Walks both ascending arrays from their ends, emitting one point per distinct score. */
function mergeCounts(pos: Float64Array, neg: Float64Array): BinaryClfCurve {
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
