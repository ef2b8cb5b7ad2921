import { studentTQuantile, studentTTwoSided } from './special/distributions';
import { liftFromEstimates } from './lift';
import { meanVariance } from './moments';
import type { ArmMoments, LiftEstimate } from './types';
import { ALPHA_OPTIONS, ARM_MOMENTS_KEYS, checkAlpha, checkFiniteValues, checkMinUsers } from './validate';
import { checkArity, checkKeys } from '../check-args';

export interface MeanTestResult extends LiftEstimate {
  readonly meanA: number;
  readonly meanB: number;
  readonly nA: number;
  readonly nB: number;
  /** Sample variances (n − 1). */
  readonly varA: number;
  readonly varB: number;
  /** Welch's t = (mean B − mean A) / sqrt(varA/nA + varB/nB). */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value from Student's t with `df` (scipy.stats.ttest_ind(equal_var=False)). */
  readonly pValue: number;
  readonly alpha: number;
}

/** Welch's unequal-variance t test of B − A, with t-based CIs for the absolute and (delta-method) relative lift. */
export function meanTest(valuesA: ArrayLike<number>, valuesB: ArrayLike<number>, options: { alpha?: number } = {}): MeanTestResult {
  checkArity('meanTest', arguments, ['valuesA', 'valuesB', 'options']);
  checkKeys('meanTest', 'options', options, ALPHA_OPTIONS);
  const where = 'meanTest';
  checkMinUsers(where, 'A', valuesA.length, 2);
  checkMinUsers(where, 'B', valuesB.length, 2);
  checkFiniteValues(where, valuesA, 'valuesA');
  checkFiniteValues(where, valuesB, 'valuesB');
  const a = meanVariance(valuesA);
  const b = meanVariance(valuesB);
  return meanTestFromMoments({ n: valuesA.length, ...a }, { n: valuesB.length, ...b }, options);
}

/** {@link meanTest} on sufficient statistics (e.g. a checkpoint of a running experiment). */
export function meanTestFromMoments(a: ArmMoments, b: ArmMoments, options: { alpha?: number } = {}): MeanTestResult {
  checkArity('meanTestFromMoments', arguments, ['a', 'b', 'options']);
  checkKeys('meanTestFromMoments', 'a', a, ARM_MOMENTS_KEYS);
  checkKeys('meanTestFromMoments', 'b', b, ARM_MOMENTS_KEYS);
  checkKeys('meanTestFromMoments', 'options', options, ALPHA_OPTIONS);
  const where = 'meanTestFromMoments';
  const { alpha = 0.05 } = options;
  checkAlpha(where, alpha);
  checkMinUsers(where, 'A', a.n, 2);
  checkMinUsers(where, 'B', b.n, 2);
  const vA = a.variance / a.n;
  const vB = b.variance / b.n;
  const se = Math.sqrt(vA + vB);
  const diff = b.mean - a.mean;
  const df = (vA + vB) ** 2 / ((vA * vA) / (a.n - 1) + (vB * vB) / (b.n - 1));
  let t: number;
  let pValue: number;
  if (se > 0) {
    t = diff / se;
    pValue = studentTTwoSided(t, df);
  } else {
    // Both arms constant: equal constants carry no evidence; different constants are certain.
    t = diff === 0 ? 0 : Math.sign(diff) * Infinity;
    pValue = diff === 0 ? 1 : 0;
  }
  const crit = se > 0 ? studentTQuantile(1 - alpha / 2, df) : 0;
  const lift = liftFromEstimates(a.mean, vA, b.mean, vB, crit);
  return { meanA: a.mean, meanB: b.mean, nA: a.n, nB: b.n, varA: a.variance, varB: b.variance, t, df, pValue, alpha, ...lift };
}
