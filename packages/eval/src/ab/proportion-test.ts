import { EvalError } from '../errors';
import { normalQuantile, normalSf } from '../stats/normal';
import { liftFromEstimates } from './lift';
import { messages } from '../messages';
import type { LiftEstimate } from './types';
import { ALPHA_OPTIONS, checkAlpha, checkCount, checkMinUsers } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface ProportionInput {
  readonly successesA: number;
  readonly nA: number;
  readonly successesB: number;
  readonly nB: number;
}
const PROPORTION_INPUT_KEYS = keysOf<ProportionInput>({ successesA: true, nA: true, successesB: true, nB: true });

export interface ProportionTestResult extends LiftEstimate {
  readonly rateA: number;
  readonly rateB: number;
  /** (p̂B − p̂A) / SE_pooled. */
  readonly z: number;
  /** Two-sided p-value of the pooled z test. */
  readonly pValue: number;
  /** SE under H0 (pooled rate), used for the test. */
  readonly sePooled: number;
  /** SE of p̂B − p̂A without pooling, used for the CI. */
  readonly seUnpooled: number;
  readonly alpha: number;
}

/**
 * Two-proportion z test: pooled SE for the test statistic, unpooled SE for the CI of B − A (the textbook
 * pairing, e.g. Montgomery & Runger), delta-method CI for the relative lift. When both arms are all-0 or
 * all-1 the pooled SE is 0: there is no evidence of a difference, so z = 0 and p = 1.
 */
export function proportionTest(input: ProportionInput, options: { alpha?: number } = {}): ProportionTestResult {
  checkArity('proportionTest', arguments, ['input', 'options']);
  checkKeys('proportionTest', 'input', input, PROPORTION_INPUT_KEYS);
  checkKeys('proportionTest', 'options', options, ALPHA_OPTIONS);
  const where = 'proportionTest';
  const { alpha = 0.05 } = options;
  checkAlpha(where, alpha);
  const { successesA, nA, successesB, nB } = input;
  checkCount(where, 'successesA', successesA);
  checkCount(where, 'nA', nA);
  checkCount(where, 'successesB', successesB);
  checkCount(where, 'nB', nB);
  checkMinUsers(where, 'A', nA, 1);
  checkMinUsers(where, 'B', nB, 1);
  if (successesA > nA) throw new EvalError('INVALID_INPUT', messages.ab.successesExceedTrials(where, 'A', successesA, nA));
  if (successesB > nB) throw new EvalError('INVALID_INPUT', messages.ab.successesExceedTrials(where, 'B', successesB, nB));
  const rateA = successesA / nA;
  const rateB = successesB / nB;
  const pooled = (successesA + successesB) / (nA + nB);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const varA = (rateA * (1 - rateA)) / nA;
  const varB = (rateB * (1 - rateB)) / nB;
  const seUnpooled = Math.sqrt(varA + varB);
  const z = sePooled > 0 ? (rateB - rateA) / sePooled : 0;
  const pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  const lift = liftFromEstimates(rateA, varA, rateB, varB, normalQuantile(1 - alpha / 2));
  return { rateA, rateB, z, pValue, sePooled, seUnpooled, alpha, ...lift };
}
