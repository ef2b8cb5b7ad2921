import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { requireBothClasses } from '../validate';
import { clfCurve, splitByClass, type BinaryClfCurve } from './binary-clf-curve';
import { orNaN, type MaybeMetric } from './maybe-metric';
import type { SampleWeightOptions } from './sample-weight';

export type RocAucOptions = SampleWeightOptions;
const ROC_AUC_OPTIONS = keysOf<RocAucOptions>({ sampleWeight: true });
const PARAMS = ['labels', 'scores', 'options'] as const;

/**
 * Area under the ROC curve, equal to scikit-learn's `roc_auc_score`: trapezoids over the
 * cumulative counts at every distinct score, so tied scores count one half (Mann–Whitney).
 * `sampleWeight` weighs each row as `sample_weight` does. Throws `EvalError` UNDEFINED_METRIC
 * when only one class is present, or one class has total weight 0 (scikit-learn: NaN and a warning).
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>, options: RocAucOptions = {}): number {
  checkArity('rocAuc', arguments, PARAMS);
  checkKeys('rocAuc', 'options', options, ROC_AUC_OPTIONS);
  return computeRocAuc('rocAuc', labels, scores, options.sampleWeight);
}

/** Like `rocAuc`, but an undefined AUC (one class) gives NaN with the reason instead of throwing. */
export function rocAucOrNaN(labels: ArrayLike<number>, scores: ArrayLike<number>, options: RocAucOptions = {}): MaybeMetric {
  checkArity('rocAucOrNaN', arguments, PARAMS);
  checkKeys('rocAucOrNaN', 'options', options, ROC_AUC_OPTIONS);
  return orNaN(() => computeRocAuc('rocAuc', labels, scores, options.sampleWeight));
}

function computeRocAuc(where: string, labels: ArrayLike<number>, scores: ArrayLike<number>, sampleWeight: ArrayLike<number> | undefined): number {
  if (sampleWeight === undefined) {
    const { pos, neg } = splitByClass(where, labels, scores);
    requireBothClasses(where, labels.length, pos.length);
    return aucFromSorted(pos, neg);
  }
  const c = clfCurve(where, labels, scores, sampleWeight);
  requireWeightedClasses(where, labels, c, true);
  return aucFromCurve(c);
}

/**
 * Single-class labels → the unweighted message (scikit-learn tests the labels before the weights);
 * a class present only with weight 0 → `zeroWeightClass`. `needNegatives` false: only positives matter (AP).
 */
export function requireWeightedClasses(where: string, labels: ArrayLike<number>, c: BinaryClfCurve, needNegatives: boolean): void {
  if (c.positives > 0 && (c.negatives > 0 || !needNegatives)) return;
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i] === 1 ? 1 : 0;
  if (needNegatives) requireBothClasses(where, labels.length, pos);
  else if (pos === 0) throw new EvalError('UNDEFINED_METRIC', messages.noPositives(where, labels.length));
  throw new EvalError('UNDEFINED_METRIC', messages.zeroWeightClass(where, c.positives > 0 ? 0 : 1));
}

/** Trapezoidal area under the (weighted) curve; both class totals are positive. */
function aucFromCurve(c: BinaryClfCurve): number {
  let area = 0;
  let tpPrev = 0;
  let fpPrev = 0;
  for (let i = 0; i < c.tps.length; i++) {
    const tp = c.tps[i]!;
    const fp = c.fps[i]!;
    area += (fp - fpPrev) * (tp + tpPrev);
    tpPrev = tp;
    fpPrev = fp;
  }
  return area / (2 * c.positives * c.negatives);
}

/** AUC from the two ascending class-wise score arrays (both non-empty). */
function aucFromSorted(pos: Float64Array, neg: Float64Array): number {
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
