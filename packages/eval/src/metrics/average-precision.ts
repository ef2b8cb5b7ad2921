import { EvalError } from '../errors';
import { messages } from '../messages';
import { splitByClass } from './binary-clf-curve';
import { orNaN, type MaybeMetric } from './maybe-metric';

/**
 * Average precision as scikit-learn's `average_precision_score` defines it: the step-function
 * sum of (R_k − R_{k−1}) · P_k over distinct thresholds, no interpolation.
 * Throws UNDEFINED_METRIC when there are no positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { pos, neg } = splitByClass('averagePrecision', labels, scores);
  if (pos.length === 0) throw new EvalError('UNDEFINED_METRIC', messages.noPositives('averagePrecision', labels.length));
  return apFromSorted(pos, neg);
}

/** Like `averagePrecision`, but no positives gives NaN with the reason instead of throwing. */
export function averagePrecisionOrNaN(labels: ArrayLike<number>, scores: ArrayLike<number>): MaybeMetric {
  return orNaN(() => averagePrecision(labels, scores));
}

export function apFromSorted(pos: Float64Array, neg: Float64Array): number {
  let ip = pos.length - 1;
  let ineg = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let sum = 0;
  const P = pos.length;
  while (ip >= 0 || ineg >= 0) {
    const sp = ip >= 0 ? pos[ip]! : -Infinity;
    const sn = ineg >= 0 ? neg[ineg]! : -Infinity;
    const t = sp > sn ? sp : sn;
    const tpPrev = tp;
    while (ip >= 0 && pos[ip] === t) {
      tp++;
      ip--;
    }
    while (ineg >= 0 && neg[ineg] === t) {
      fp++;
      ineg--;
    }
    // Same operation order as sklearn: diff(recall) * precision, recall = tps / tps[-1].
    if (tp !== tpPrev) sum += (tp / P - tpPrev / P) * (tp / (tp + fp));
  }
  return Math.max(0, sum);
}
