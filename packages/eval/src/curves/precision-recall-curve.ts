import { checkArity, checkKeys, keysOf } from '../check-args';
import { clfCurve } from '../metrics/binary-clf-curve';
import { requireWeightedClasses } from '../metrics/roc-auc';
import type { SampleWeightOptions } from '../metrics/sample-weight';

export interface PrecisionRecallCurve {
  /** Ends with 1 (scikit-learn's convention). */
  readonly precision: Float64Array;
  /** Decreasing, ends with 0. */
  readonly recall: Float64Array;
  /** Increasing; one fewer than precision / recall. */
  readonly thresholds: Float64Array;
}

export interface PrecisionRecallCurveOptions extends SampleWeightOptions {
  /**
   * Keep only the first and last threshold of each run of equal true positives, like
   * scikit-learn's `precision_recall_curve(drop_intermediate=True)` (default false, as there).
   */
  readonly dropIntermediate?: boolean;
}
const PR_CURVE_OPTIONS = keysOf<PrecisionRecallCurveOptions>({ dropIntermediate: true, sampleWeight: true });

/**
 * Precision–recall pairs at every distinct score, identical to scikit-learn's `precision_recall_curve`
 * (`sampleWeight` = its `sample_weight`). No positives, or positives of total weight 0, throws
 * UNDEFINED_METRIC (scikit-learn: recall set to 1 and a warning).
 */
export function precisionRecallCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: PrecisionRecallCurveOptions = {}): PrecisionRecallCurve {
  checkArity('precisionRecallCurve', arguments, ['labels', 'scores', 'options']);
  checkKeys('precisionRecallCurve', 'options', options, PR_CURVE_OPTIONS);
  const c = clfCurve('precisionRecallCurve', labels, scores, options.sampleWeight);
  requireWeightedClasses('precisionRecallCurve', labels, c, false);
  const all = c.tps.length;
  let keep: number[] | undefined;
  if (options.dropIntermediate === true && all > 2) {
    keep = [0];
    for (let i = 1; i < all - 1; i++) {
      if (c.tps[i]! !== c.tps[i - 1]! || c.tps[i + 1]! !== c.tps[i]!) keep.push(i);
    }
    keep.push(all - 1);
  }
  const m = keep ? keep.length : all;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = keep ? keep[k]! : k;
    const j = m - 1 - k;
    const tp = c.tps[i]!;
    precision[j] = tp / (tp + c.fps[i]!);
    recall[j] = tp / c.positives;
    thresholds[j] = c.thresholds[i]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}
