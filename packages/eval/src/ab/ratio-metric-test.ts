import { EvalError } from '../errors';
import { normalQuantile, normalSf } from '../stats/normal';
import { liftFromEstimates } from './lift';
import { beyondRounding } from './null-variance';
import { messages } from '../messages';
import { summarizeArm } from './moments';
import type { ArmMoments, LiftEstimate } from './types';
import { ALPHA_OPTIONS, ARM_MOMENTS_KEYS, checkAlpha, checkMinUsers } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface RatioMetricInput {
  /** Per-user numerators of arm A (e.g. conversions). */
  readonly numeratorA: ArrayLike<number>;
  /** Per-user denominators of arm A (e.g. impressions). */
  readonly denominatorA: ArrayLike<number>;
  readonly numeratorB: ArrayLike<number>;
  readonly denominatorB: ArrayLike<number>;
}
const RATIO_INPUT_KEYS = keysOf<RatioMetricInput>({ numeratorA: true, denominatorA: true, numeratorB: true, denominatorB: true });

export interface RatioMetricTestResult extends LiftEstimate {
  /** Σ numerator / Σ denominator of each arm. */
  readonly ratioA: number;
  readonly ratioB: number;
  /** Delta-method standard errors of each ratio. */
  readonly seA: number;
  readonly seB: number;
  readonly nA: number;
  readonly nB: number;
  readonly z: number;
  readonly pValue: number;
  readonly alpha: number;
}

/**
 * Variance of R = mean(Y) / mean(X) over n users by the delta method (Deng, Knoblich & Lu 2018, "Applying the
 * Delta Method in Metric Analytics"): Var(R) ≈ [Var(Y)/μx² − 2 μy Cov(Y,X)/μx³ + μy² Var(X)/μx⁴] / n.
 * The user stays the unit of analysis, so correlated impressions of one user do not shrink the SE.
 */
export function ratioVariance(m: ArmMoments): number {
  const d = m.den!;
  const mx = d.mean;
  const my = m.mean;
  const v = m.variance / (mx * mx) - (2 * my * d.covariance) / mx ** 3 + (my * my * d.variance) / mx ** 4;
  // Every unit at the same y/x (e.g. one active unit) makes v exactly 0; floating point leaves ~1e-17 of the terms.
  const scale = m.variance / (mx * mx) + Math.abs((2 * my * d.covariance) / mx ** 3) + (my * my * d.variance) / mx ** 4;
  return beyondRounding(v, scale) / m.n;
}

/** Delta-method z test for a ratio metric with the user as the randomization unit. */
export function ratioMetricTest(input: RatioMetricInput, options: { alpha?: number } = {}): RatioMetricTestResult {
  checkArity('ratioMetricTest', arguments, ['input', 'options']);
  checkKeys('ratioMetricTest', 'input', input, RATIO_INPUT_KEYS);
  checkKeys('ratioMetricTest', 'options', options, ALPHA_OPTIONS);
  const a = summarizeArm(input.numeratorA, input.denominatorA);
  const b = summarizeArm(input.numeratorB, input.denominatorB);
  return ratioMetricTestFromMoments(a, b, options);
}

/** {@link ratioMetricTest} on sufficient statistics (moments with `den`). */
export function ratioMetricTestFromMoments(a: ArmMoments, b: ArmMoments, options: { alpha?: number } = {}): RatioMetricTestResult {
  checkArity('ratioMetricTestFromMoments', arguments, ['a', 'b', 'options']);
  checkKeys('ratioMetricTestFromMoments', 'a', a, ARM_MOMENTS_KEYS);
  checkKeys('ratioMetricTestFromMoments', 'b', b, ARM_MOMENTS_KEYS);
  checkKeys('ratioMetricTestFromMoments', 'options', options, ALPHA_OPTIONS);
  const where = 'ratioMetricTest';
  const { alpha = 0.05 } = options;
  checkAlpha(where, alpha);
  checkMinUsers(where, 'A', a.n, 2);
  checkMinUsers(where, 'B', b.n, 2);
  if (!a.den || !(a.den.mean > 0)) throw new EvalError('INVALID_INPUT', messages.ab.zeroDenominator(where, 'A'));
  if (!b.den || !(b.den.mean > 0)) throw new EvalError('INVALID_INPUT', messages.ab.zeroDenominator(where, 'B'));
  const ratioA = a.mean / a.den.mean;
  const ratioB = b.mean / b.den.mean;
  const vA = ratioVariance(a);
  const vB = ratioVariance(b);
  const se = Math.sqrt(vA + vB);
  const diff = ratioB - ratioA;
  const z = se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  const pValue = Math.min(1, 2 * normalSf(Math.abs(z)));
  const lift = liftFromEstimates(ratioA, vA, ratioB, vB, normalQuantile(1 - alpha / 2));
  return { ratioA, ratioB, seA: Math.sqrt(vA), seB: Math.sqrt(vB), nA: a.n, nB: b.n, z, pValue, alpha, ...lift };
}
