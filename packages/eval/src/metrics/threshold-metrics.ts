import { checkBinaryInput } from '../validate';

export interface ThresholdMetrics {
  readonly threshold: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly accuracy: number;
  /** tp / (tp + fp); 0 when nothing is predicted positive (scikit-learn's zero_division=0). */
  readonly precision: number;
  /** tp / (tp + fn); 0 when there are no positives. */
  readonly recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  readonly f1: number;
}

/** Confusion counts and accuracy / precision / recall / F1 when predicting positive for score >= threshold. */
export function thresholdMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): ThresholdMetrics {
  checkBinaryInput('thresholdMetrics', labels, scores);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (labels[i] === 1) predicted ? tp++ : fn++;
    else predicted ? fp++ : tn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { threshold, tp, fp, tn, fn, accuracy: (tp + tn) / labels.length, precision, recall, f1 };
}
