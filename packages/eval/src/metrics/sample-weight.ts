import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkSameLength } from '../validate';

/** The option every metric and curve with a scikit-learn `sample_weight` accepts. */
export interface SampleWeightOptions {
  /**
   * One weight per row (scikit-learn's `sample_weight`): finite, >= 0, not all 0. A row of weight 0
   * counts as absent — it adds no threshold to a curve — as in scikit-learn. Negative weights, which
   * scikit-learn accepts without meaning, are refused.
   */
  readonly sampleWeight?: ArrayLike<number>;
}

/**
 * Checks `sampleWeight` against `n` rows as scikit-learn's `_check_sample_weight` does (same length,
 * finite, at least one non-zero) and refuses negative weights. Returns it unchanged, or undefined.
 */
export function checkSampleWeight(where: string, sampleWeight: ArrayLike<number> | undefined, labels: ArrayLike<number>): ArrayLike<number> | undefined {
  if (sampleWeight === undefined) return undefined;
  if (typeof sampleWeight !== 'object' || sampleWeight === null || typeof sampleWeight.length !== 'number') {
    throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'sampleWeight', sampleWeight, 'an array of one non-negative number per row'));
  }
  checkSameLength(where, sampleWeight, 'sampleWeight', labels, 'labels');
  let anyPositive = false;
  for (let i = 0; i < sampleWeight.length; i++) {
    const w = sampleWeight[i]!;
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new EvalError('INVALID_INPUT', messages.notFinite(where, 'sampleWeight', i, w));
    if (w < 0) throw new EvalError('INVALID_INPUT', messages.negativeWeight(where, i, w));
    if (w > 0) anyPositive = true;
  }
  if (!anyPositive && sampleWeight.length > 0) throw new EvalError('INVALID_INPUT', messages.allZeroWeights(where, sampleWeight.length));
  return sampleWeight;
}
