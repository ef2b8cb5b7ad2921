import { checkArity, checkKeys, keysOf } from '../check-args';
import { checkProbabilities, checkSameLength, countPositives } from '../validate';
import { checkSampleWeight, type SampleWeightOptions } from './sample-weight';

export type BrierOptions = SampleWeightOptions;
const BRIER_OPTIONS = keysOf<BrierOptions>({ sampleWeight: true });

/**
 * Brier score: mean squared difference between probability and 0/1 label (scikit-learn's
 * `brier_score_loss`); with `sampleWeight` the weighted mean, as its `sample_weight`.
 */
export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>, options: BrierOptions = {}): number {
  checkArity('brier', arguments, ['labels', 'probabilities', 'options']);
  checkKeys('brier', 'options', options, BRIER_OPTIONS);
  checkSameLength('brier', labels, 'labels', probabilities, 'probabilities');
  countPositives('brier', labels);
  checkProbabilities('brier', probabilities);
  const weights = checkSampleWeight('brier', options.sampleWeight, labels);
  let sum = 0;
  if (weights === undefined) {
    for (let i = 0; i < labels.length; i++) {
      const d = probabilities[i]! - labels[i]!;
      sum += d * d;
    }
    return sum / labels.length;
  }
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = probabilities[i]! - labels[i]!;
    sum += weights[i]! * d * d;
    total += weights[i]!;
  }
  return sum / total;
}
