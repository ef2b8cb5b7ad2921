import { meanVariance } from './moments';
import { checkAligned, checkFiniteValues, checkMinUsers } from './validate';
import { checkArity } from '../check-args';

export interface CupedResult {
  /** θ = Cov(Y, X) / Var(X) on both arms pooled (Deng et al. 2013). */
  readonly theta: number;
  /** Pooled mean of the covariate, subtracted so adjusted means stay on the metric's scale. */
  readonly covariateMean: number;
  /** Pooled Pearson correlation of metric and covariate; the expected variance reduction is about its square. */
  readonly correlation: number;
  /** Y − θ (X − mean X) per user of each arm. */
  readonly adjustedA: Float64Array;
  readonly adjustedB: Float64Array;
  /** 1 − Var(adjusted B − A estimate) / Var(raw B − A estimate). */
  readonly varianceReduction: number;
}

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013, "Improving the Sensitivity of Online Controlled Experiments by Utilizing
 * Pre-Experiment Data"). θ is estimated on both arms pooled, which keeps the adjusted difference unbiased
 * because the covariate is measured before assignment.
 */
export function cuped(valuesA: ArrayLike<number>, covA: ArrayLike<number>, valuesB: ArrayLike<number>, covB: ArrayLike<number>): CupedResult {
  checkArity('cuped', arguments, ['valuesA', 'covA', 'valuesB', 'covB']);
  const where = 'cuped';
  checkAligned(where, valuesA, 'valuesA', covA, 'covA');
  checkAligned(where, valuesB, 'valuesB', covB, 'covB');
  checkMinUsers(where, 'A', valuesA.length, 2);
  checkMinUsers(where, 'B', valuesB.length, 2);
  for (const [v, name] of [
    [valuesA, 'valuesA'],
    [covA, 'covA'],
    [valuesB, 'valuesB'],
    [covB, 'covB'],
  ] as const)
    checkFiniteValues(where, v, name);
  const nA = valuesA.length;
  const nB = valuesB.length;
  const n = nA + nB;
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < nA; i++) {
    sy += valuesA[i]!;
    sx += covA[i]!;
  }
  for (let i = 0; i < nB; i++) {
    sy += valuesB[i]!;
    sx += covB[i]!;
  }
  const my = sy / n;
  const mx = sx / n;
  const pa = centeredSums(valuesA, covA, my, mx);
  const pb = centeredSums(valuesB, covB, my, mx);
  const sxy = pa.sxy + pb.sxy;
  const sxx = pa.sxx + pb.sxx;
  const syy = pa.syy + pb.syy;
  // A constant covariate carries no information: θ = 0 leaves the metric unchanged.
  const theta = sxx > 0 ? sxy / sxx : 0;
  const correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  const adjustedA = new Float64Array(nA);
  const adjustedB = new Float64Array(nB);
  for (let i = 0; i < nA; i++) adjustedA[i] = valuesA[i]! - theta * (covA[i]! - mx);
  for (let i = 0; i < nB; i++) adjustedB[i] = valuesB[i]! - theta * (covB[i]! - mx);
  const raw = meanVariance(valuesA).variance / nA + meanVariance(valuesB).variance / nB;
  const adj = meanVariance(adjustedA).variance / nA + meanVariance(adjustedB).variance / nB;
  const varianceReduction = raw > 0 ? 1 - adj / raw : 0;
  return { theta, covariateMean: mx, correlation, adjustedA, adjustedB, varianceReduction };
}

/** Centered cross-products of one arm around the pooled means (a plain loop: closures over mutable sums deoptimize). */
function centeredSums(y: ArrayLike<number>, x: ArrayLike<number>, my: number, mx: number): { sxy: number; sxx: number; syy: number } {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < y.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { sxy, sxx, syy };
}
