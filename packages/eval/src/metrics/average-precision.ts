import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { clfCurve, splitByClass, type BinaryClfCurve } from './binary-clf-curve';
import { orNaN, type MaybeMetric } from './maybe-metric';
import { requireWeightedClasses } from './roc-auc';
import type { SampleWeightOptions } from './sample-weight';

export type AveragePrecisionOptions = SampleWeightOptions;
const AP_OPTIONS = keysOf<AveragePrecisionOptions>({ sampleWeight: true });
const PARAMS = ['labels', 'scores', 'options'] as const;

/**
 * Average precision as scikit-learn's `average_precision_score` defines it: the step-function
 * sum of (R_k − R_{k−1}) · P_k over distinct thresholds, no interpolation; `sampleWeight` as its
 * `sample_weight`. Throws UNDEFINED_METRIC when there are no positives, or they all weigh 0
 * (scikit-learn: 0 and a warning).
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>, options: AveragePrecisionOptions = {}): number {
  checkArity('averagePrecision', arguments, PARAMS);
  checkKeys('averagePrecision', 'options', options, AP_OPTIONS);
  return computeAp('averagePrecision', labels, scores, options.sampleWeight);
}

/** Like `averagePrecision`, but no positives gives NaN with the reason instead of throwing. */
export function averagePrecisionOrNaN(labels: ArrayLike<number>, scores: ArrayLike<number>, options: AveragePrecisionOptions = {}): MaybeMetric {
  checkArity('averagePrecisionOrNaN', arguments, PARAMS);
  checkKeys('averagePrecisionOrNaN', 'options', options, AP_OPTIONS);
  return orNaN(() => computeAp('averagePrecision', labels, scores, options.sampleWeight));
}

function computeAp(where: string, labels: ArrayLike<number>, scores: ArrayLike<number>, sampleWeight: ArrayLike<number> | undefined): number {
  if (sampleWeight === undefined) {
    const { pos, neg } = splitByClass(where, labels, scores);
    if (pos.length === 0) throw new EvalError('UNDEFINED_METRIC', messages.noPositives(where, labels.length));
    return apFromSorted(pos, neg);
  }
  const c = clfCurve(where, labels, scores, sampleWeight);
  requireWeightedClasses(where, labels, c, false);
  return apFromCurve(c);
}

/** Σ ΔR · P over the (weighted) curve, with scikit-learn's operation order; positives total > 0. */
function apFromCurve(c: BinaryClfCurve): number {
  const P = c.positives;
  let sum = 0;
  let tpPrev = 0;
  for (let i = 0; i < c.tps.length; i++) {
    const tp = c.tps[i]!;
    if (tp !== tpPrev) sum += (tp / P - tpPrev / P) * (tp / (tp + c.fps[i]!));
    tpPrev = tp;
  }
  return Math.max(0, sum);
}

function apFromSorted(pos: Float64Array, neg: Float64Array): number {
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
