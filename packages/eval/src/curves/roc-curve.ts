import { binaryClfCurve } from '../metrics/binary-clf-curve';
import { requireBothClasses } from '../validate';

export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Decreasing; the first is +Infinity (scikit-learn >= 1.3). */
  readonly thresholds: Float64Array;
}

export interface RocCurveOptions {
  /** Drop collinear points, like scikit-learn's `roc_curve(drop_intermediate=True)` (default true). */
  readonly dropIntermediate?: boolean;
}

/** ROC curve with exactly scikit-learn's `roc_curve` points. Single-class input throws UNDEFINED_METRIC. */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>, options: RocCurveOptions = {}): RocCurve {
  const { dropIntermediate = true } = options;
  const c = binaryClfCurve(labels, scores, 'rocCurve');
  requireBothClasses('rocCurve', labels.length, c.positives);
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
