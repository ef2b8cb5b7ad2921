import type { Matrix } from '../matrix';
import { matVec } from './design';

/**
 * sklearn's objective C·Σ wᵢ·ℓᵢ + (1−ρ)/2·|β|² + ρ·|β|₁ divided by C·Σw: same minimizer,
 * and the scale on which sklearn's lbfgs applies `tol` (its loss is a weighted mean).
 * So here sw = w / Σw, l2 = (1−ρ)/(C·Σw), l1 = ρ/(C·Σw).
 * θ = [β…, w_b]: the last slot is the intercept's weight (kept at 0 when fitIntercept is false); the
 * intercept is `interceptScale`·w_b. It is unpenalized, except in liblinear's objective, where the
 * intercept is a feature of value `intercept_scaling` whose weight is penalized like the others.
 */
export type LogisticProblem = {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** Normalized sample weights (sum 1). */
  readonly sw: Float64Array;
  readonly l1: number;
  readonly l2: number;
  readonly fitIntercept: boolean;
  /** Value of the intercept's column: 1, or liblinear's `intercept_scaling`. */
  readonly interceptScale: number;
  /** liblinear: the intercept's weight is penalized too. */
  readonly penalizeIntercept: boolean;
};

/** How many leading entries of θ the penalty covers: the coefficients, plus the intercept for liblinear. */
export const penalizedCount = (prob: LogisticProblem): number => prob.X.cols + (prob.penalizeIntercept && prob.fitIntercept ? 1 : 0);

/** The intercept b that θ encodes. */
export const interceptOf = (prob: LogisticProblem, theta: Float64Array): number => (prob.fitIntercept ? prob.interceptScale * theta[prob.X.cols]! : 0);

/** z = X·β + b for θ. */
export function margins(prob: LogisticProblem, theta: Float64Array, z: Float64Array): Float64Array {
  const p = prob.X.cols;
  return matVec(prob.X, theta, prob.fitIntercept ? prob.interceptScale * theta[p]! : 0, z);
}

/**
 * Smooth part f(θ) = Σ swᵢ·ℓᵢ + l2/2·|β|² from precomputed margins z. When `r` is given it
 * also stores swᵢ·(σ(zᵢ) − yᵢ), the per-row gradient factor, sharing one exp per row.
 */
export function smoothLossAt(prob: LogisticProblem, theta: Float64Array, z: Float64Array, r?: Float64Array): number {
  const { y, sw, l2 } = prob;
  const n = prob.X.rows;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const zi = z[i]!;
    const e = Math.exp(-Math.abs(zi));
    // log(1 + e^z) − y·z, stable for both signs of z.
    loss += sw[i]! * ((zi > 0 ? zi : 0) + Math.log1p(e) - y[i]! * zi);
    if (r !== undefined) r[i] = sw[i]! * ((zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i]!);
  }
  return loss + 0.5 * l2 * sumSquares(theta, penalizedCount(prob));
}

/** The l2 part of the smooth objective, l2/2·|θ|² over the penalized entries (smoothLossAt's last term). */
export function smoothPenalty(prob: LogisticProblem, theta: Float64Array): number {
  return 0.5 * prob.l2 * sumSquares(theta, penalizedCount(prob));
}

/**
 * ∇f(θ) from raw row sums (raw[j] = Σ X[i, j]·rᵢ, raw[cols] = Σ rᵢ), in place: the same arithmetic
 * as smoothGradAt, for solvers whose row passes run elsewhere (row-engine.ts).
 */
export function finishGradient(prob: LogisticProblem, theta: Float64Array, raw: Float64Array): void {
  const p = prob.X.cols;
  const l2 = prob.l2;
  if (l2 > 0) for (let j = 0; j < p; j++) raw[j]! += l2 * theta[j]!;
  let gb = 0;
  if (prob.fitIntercept) {
    gb = raw[p]! * prob.interceptScale;
    if (prob.penalizeIntercept) gb += l2 * theta[p]!;
  }
  raw[p] = gb;
}

/** |θ|₁ over the first p entries (see penalizedCount). */
export function l1Norm(theta: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += Math.abs(theta[j]!);
  return s;
}

function sumSquares(theta: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += theta[j]! * theta[j]!;
  return s;
}
