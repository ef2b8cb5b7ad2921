import { EvalError } from '../errors';
import { messages } from '../messages';
import { chiSquareSf } from './special/distributions';
import { checkCount } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface SrmResult {
  /** Pearson's χ² = Σ (observed − expected)² / expected. */
  readonly chiSquare: number;
  /** Arms − 1. */
  readonly df: number;
  readonly pValue: number;
  /** Expected users per arm under the configured weights. */
  readonly expected: readonly number[];
  readonly observed: readonly number[];
  /** Observed share of each arm. */
  readonly observedShares: readonly number[];
  /** True when pValue < threshold: the assignment does not follow the weights. */
  readonly mismatch: boolean;
  readonly threshold: number;
}
const SRM_OPTIONS = keysOf<{ threshold?: number }>({ threshold: true });

/**
 * Sample ratio mismatch check: χ² goodness of fit of the users per arm against the configured weights
 * (scipy.stats.chisquare). The default threshold 0.001 is GrowthBook's: SRM is checked on every look, so it
 * is kept strict to avoid false alarms.
 */
export function srmTest(observedCounts: readonly number[], weights?: readonly number[], options: { threshold?: number } = {}): SrmResult {
  checkArity('srmTest', arguments, ['observedCounts', 'weights', 'options']);
  checkKeys('srmTest', 'options', options, SRM_OPTIONS);
  const where = 'srmTest';
  const { threshold = 0.001 } = options;
  if (!(threshold > 0 && threshold < 1)) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'threshold', threshold, 'a number in (0, 1)'));
  const k = observedCounts.length;
  if (k < 2) throw new EvalError('INVALID_INPUT', messages.ab.tooFewArms(where, k));
  const w = weights ?? observedCounts.map(() => 1);
  if (w.length !== k) throw new EvalError('LENGTH_MISMATCH', messages.ab.weightsLength(where, k, w.length));
  w.forEach((v, i) => {
    if (!(v > 0 && Number.isFinite(v))) throw new EvalError('INVALID_OPTION', messages.ab.badWeight(where, i, v));
  });
  observedCounts.forEach((c, i) => checkCount(where, `observedCounts[${i}]`, c));
  const total = observedCounts.reduce((s, c) => s + c, 0);
  const wSum = w.reduce((s, v) => s + v, 0);
  const expected = w.map((v) => (total * v) / wSum);
  let chiSquare = 0;
  for (let i = 0; i < k; i++) {
    const e = expected[i]!;
    if (e > 0) chiSquare += (observedCounts[i]! - e) ** 2 / e;
  }
  const df = k - 1;
  const pValue = total === 0 ? 1 : chiSquareSf(chiSquare, df);
  return {
    chiSquare,
    df,
    pValue,
    expected,
    observed: [...observedCounts],
    observedShares: observedCounts.map((c) => (total > 0 ? c / total : NaN)),
    mismatch: pValue < threshold,
    threshold,
  };
}
