import { requireBothClasses } from '../validate';
import { splitByClass } from './binary-clf-curve';
import { orNaN, type MaybeMetric } from './maybe-metric';

/**
 * Area under the ROC curve, equal to scikit-learn's `roc_auc_score`: trapezoids over the
 * cumulative counts at every distinct score, so tied scores count one half (Mann–Whitney).
 * Throws `EvalError` UNDEFINED_METRIC when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { pos, neg } = splitByClass('rocAuc', labels, scores);
  requireBothClasses('rocAuc', labels.length, pos.length);
  return aucFromSorted(pos, neg);
}

/** Like `rocAuc`, but a single-class input gives NaN with the reason instead of throwing. */
export function rocAucOrNaN(labels: ArrayLike<number>, scores: ArrayLike<number>): MaybeMetric {
  return orNaN(() => rocAuc(labels, scores));
}

/** AUC from the two ascending class-wise score arrays (both non-empty). */
export function aucFromSorted(pos: Float64Array, neg: Float64Array): number {
  let ip = pos.length - 1;
  let ineg = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let area = 0;
  while (ip >= 0 || ineg >= 0) {
    const sp = ip >= 0 ? pos[ip]! : -Infinity;
    const sn = ineg >= 0 ? neg[ineg]! : -Infinity;
    const t = sp > sn ? sp : sn;
    const tpPrev = tp;
    while (ip >= 0 && pos[ip] === t) {
      tp++;
      ip--;
    }
    const fpPrev = fp;
    while (ineg >= 0 && neg[ineg] === t) {
      fp++;
      ineg--;
    }
    area += (fp - fpPrev) * (tp + tpPrev);
  }
  return area / (2 * pos.length * neg.length);
}
