import { checkProbabilities, checkSameLength, countPositives } from '../validate';

/** Brier score: mean squared difference between probability and 0/1 label (scikit-learn's `brier_score_loss`). */
export function brier(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  checkSameLength('brier', labels, 'labels', probabilities, 'probabilities');
  countPositives('brier', labels);
  checkProbabilities('brier', probabilities);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = probabilities[i]! - labels[i]!;
    sum += d * d;
  }
  return sum / labels.length;
}
