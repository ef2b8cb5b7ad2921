import type { ArmMoments } from './types';
import { checkAligned, checkFiniteValues } from './validate';
import { checkArity } from '../check-args';

/** Mean and sample variance (n − 1), two-pass so large means do not cancel the variance away. */
export function meanVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i]!;
  const mean = s / n;
  let ss = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
    c += d;
  }
  // c corrects the rounding of the mean (the "corrected two-pass" of Chan, Golub & LeVeque).
  return { mean, variance: n > 1 ? (ss - (c * c) / n) / (n - 1) : NaN };
}

/** Sample covariance (n − 1) of two aligned arrays with known means. */
function covariance(x: ArrayLike<number>, mx: number, y: ArrayLike<number>, my: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mx) * (y[i]! - my);
  return s / (x.length - 1);
}

/** Sufficient statistics of one arm (and of its denominators for a ratio metric); see {@link ArmMoments}. */
export function summarizeArm(values: ArrayLike<number>, denominators?: ArrayLike<number>): ArmMoments {
  checkArity('summarizeArm', arguments, ['values', 'denominators']);
  checkFiniteValues('summarizeArm', values, 'values');
  const { mean, variance } = meanVariance(values);
  if (!denominators) return { n: values.length, mean, variance };
  checkAligned('summarizeArm', values, 'values', denominators, 'denominators');
  checkFiniteValues('summarizeArm', denominators, 'denominators');
  const d = meanVariance(denominators);
  return { n: values.length, mean, variance, den: { mean: d.mean, variance: d.variance, covariance: covariance(values, mean, denominators, d.mean) } };
}
