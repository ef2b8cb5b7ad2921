import { checkArity, checkKeys, keysOf } from '../check-args';
import { clfCurve } from '../metrics/binary-clf-curve';
import { requireWeightedClasses } from '../metrics/roc-auc';
import type { SampleWeightOptions } from '../metrics/sample-weight';

export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Decreasing; the first is +Infinity (scikit-learn >= 1.3). */
  readonly thresholds: Float64Array;
}

export interface RocCurveOptions extends SampleWeightOptions {
  /** Drop collinear points, like scikit-learn's `roc_curve(drop_intermediate=True)` (default true). */
  readonly dropIntermediate?: boolean;
}
const ROC_CURVE_OPTIONS = keysOf<RocCurveOptions>({ dropIntermediate: true, sampleWeight: true });

/**
 * ROC curve with exactly scikit-learn's `roc_curve` points (`sampleWeight` = its `sample_weight`).
 * Single-class input, or a class of total weight 0, throws UNDEFINED_METRIC (scikit-learn: NaN rates
 * and a warning).
 */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  checkArity('rocCurve', arguments, ['labels', 'scores', 'options']);
  checkKeys('rocCurve', 'options', options, ROC_CURVE_OPTIONS);
  const { dropIntermediate = true } = options;
  const c = clfCurve('rocCurve', labels, scores, options.sampleWeight);
  requireWeightedClasses('rocCurve', labels, c, true);
  const m = c.tps.length;
  let keep: number[];
  if (dropIntermediate && m > 2) {
    keep = [0];
    for (let i = 1; i < m - 1; i++) {
      const d2fp = c.fps[i + 1]! - c.fps[i]! - (c.fps[i]! - c.fps[i - 1]!);
      const d2tp = c.tps[i + 1]! - c.tps[i]! - (c.tps[i]! - c.tps[i - 1]!);
      if (d2fp !== 0 || d2tp !== 0) keep.push(i);
    }
    keep.push(m - 1);
  } else {
    keep = Array.from({ length: m }, (_, i) => i);
  }
  const n = keep.length + 1;
  const fpr = new Float64Array(n);
  const tpr = new Float64Array(n);
  const thresholds = new Float64Array(n);
  thresholds[0] = Infinity;
  const lastFp = c.fps[m - 1]!;
  const lastTp = c.tps[m - 1]!;
  for (let j = 0; j < keep.length; j++) {
    const i = keep[j]!;
    fpr[j + 1] = c.fps[i]! / lastFp;
    tpr[j + 1] = c.tps[i]! / lastTp;
    thresholds[j + 1] = c.thresholds[i]!;
  }
  return { fpr, tpr, thresholds };
}
