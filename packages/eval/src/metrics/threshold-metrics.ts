import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkBinaryInput } from '../validate';
import { checkSampleWeight, type SampleWeightOptions } from './sample-weight';

export interface ThresholdMetrics {
  readonly threshold: number;
  /** Positives predicted positive (their total weight with `sampleWeight`). */
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** scikit-learn's `accuracy_score`. */
  readonly accuracy: number;
  /** tp / (tp + fp); 0 when nothing is predicted positive (scikit-learn's zero_division=0). */
  readonly precision: number;
  /** tp / (tp + fn); 0 when there are no positives. */
  readonly recall: number;
  /** Harmonic mean of precision and recall, 2tp / (2tp + fp + fn); 0 when tp is 0. */
  readonly f1: number;
}

export interface ThresholdMetricsOptions extends SampleWeightOptions {
  /** Predict positive when score >= threshold; default 0.5. */
  readonly threshold?: number;
}
const THRESHOLD_OPTIONS = keysOf<ThresholdMetricsOptions>({ threshold: true, sampleWeight: true });

/**
 * Confusion counts and accuracy / precision / recall / F1 when predicting positive for
 * score >= threshold — scikit-learn's `confusion_matrix`, `accuracy_score`, `precision_score`,
 * `recall_score`, `f1_score` (zero_division=0) of `y_pred = score >= threshold`, with `sampleWeight`
 * as their `sample_weight`. The third argument is the options object, or the threshold alone.
 */
export function thresholdMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>, options: ThresholdMetricsOptions | number = {}): ThresholdMetrics {
  checkArity('thresholdMetrics', arguments, ['labels', 'scores', 'options']);
  const o: ThresholdMetricsOptions = typeof options === 'number' ? { threshold: options } : options;
  checkKeys('thresholdMetrics', 'options', o, THRESHOLD_OPTIONS);
  const { threshold = 0.5 } = o;
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new EvalError('INVALID_OPTION', messages.invalidOption('thresholdMetrics', 'threshold', threshold, 'a number'));
  }
  checkBinaryInput('thresholdMetrics', labels, scores);
  const weights = checkSampleWeight('thresholdMetrics', o.sampleWeight, labels);
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const predicted = scores[i]! >= threshold;
    if (labels[i] === 1) predicted ? (tp += w) : (fn += w);
    else predicted ? (fp += w) : (tn += w);
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { threshold, tp, fp, tn, fn, accuracy: (tp + tn) / (tp + fp + tn + fn), precision, recall, f1 };
}
