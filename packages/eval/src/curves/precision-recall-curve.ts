import { EvalError } from '../errors';
import { messages } from '../messages';
import { binaryClfCurve } from '../metrics/binary-clf-curve';

export interface PrecisionRecallCurve {
  /** Ends with 1 (scikit-learn's convention). */
  readonly precision: Float64Array;
  /** Decreasing, ends with 0. */
  readonly recall: Float64Array;
  /** Increasing; one fewer than precision / recall. */
  readonly thresholds: Float64Array;
}

/** Precision–recall pairs at every distinct score, identical to scikit-learn's `precision_recall_curve`. */
export function precisionRecallCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): PrecisionRecallCurve {
  const c = binaryClfCurve(labels, scores, 'precisionRecallCurve');
  if (c.positives === 0) throw new EvalError('UNDEFINED_METRIC', messages.noPositives('precisionRecallCurve', labels.length));
  const m = c.tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const j = m - 1 - i;
    const tp = c.tps[i]!;
    precision[j] = tp / (tp + c.fps[i]!);
    recall[j] = tp / c.positives;
    thresholds[j] = c.thresholds[i]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}
