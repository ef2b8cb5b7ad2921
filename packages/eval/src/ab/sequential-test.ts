import { EvalError } from '../errors';
import { messages } from '../messages';
import { ratioVariance } from './ratio-metric-test';
import type { TimelinePoint } from './types';
import { checkAlpha } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

/** One look at a running experiment: the B − A estimate so far and its variance. */
export interface SequentialCheckpoint {
  /** Time label carried through to the output (and the charts). */
  readonly at?: string | number;
  /** B − A at this look. */
  readonly estimate: number;
  /** Variance of `estimate` (e.g. varA/nA + varB/nB). */
  readonly variance: number;
  /** Users in both arms so far. */
  readonly users: number;
}

export interface SequentialPoint {
  readonly at: string | number;
  readonly users: number;
  readonly estimate: number;
  readonly se: number;
  /** estimate / se. */
  readonly z: number;
  /** Mixture likelihood ratio Λ of the mSPRT at this look. */
  readonly lambda: number;
  /** Always-valid p-value: min over looks so far of min(1, 1/Λ). */
  readonly pValue: number;
  /** Confidence sequence at 1 − α: valid simultaneously over all looks. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Half-width of the confidence sequence: |estimate| beyond this rejects H0 at this look. */
  readonly boundary: number;
  /** pValue <= α at or before this look. */
  readonly rejected: boolean;
}

export interface SequentialResult {
  readonly alpha: number;
  /** Tuning sample size N* at which the confidence sequence is tightest. */
  readonly tuningN: number;
  readonly points: readonly SequentialPoint[];
  /** H0 (no difference) rejected at some look. */
  readonly rejected: boolean;
  /** Index of the first look that rejected, −1 if none. */
  readonly firstRejectionIndex: number;
  /** Always-valid p-value after the last look. */
  readonly pValue: number;
}

export interface SequentialOptions {
  /** Significance level; default 0.05. */
  readonly alpha?: number;
  /** Total users at which the boundary is tightest (GrowthBook's `sequentialTuningParameter`); default 5000. */
  readonly tuningN?: number;
}
const SEQUENTIAL_OPTIONS = keysOf<SequentialOptions>({ alpha: true, tuningN: true });

/**
 * Mixing variance of the normal-mixture mSPRT as a fraction ρ² of the per-user variance, chosen so that the
 * confidence sequence is narrowest at N* users (Howard, Ramdas, McAuliffe & Sekhon 2021, eq. (14); the same
 * choice GrowthBook documents for its sequential testing).
 */
export function mixingRho2(alpha: number, tuningN: number): number {
  checkArity('mixingRho2', arguments, ['alpha', 'tuningN']);
  const l = -2 * Math.log(alpha);
  return (l + Math.log(l + 1)) / tuningN;
}

/**
 * Always-valid inference by the mixture sequential probability ratio test with a normal mixture (Johari, Koomen,
 * Pekelis & Walsh 2017/2022, "Always Valid Inference"). For θ̂ ~ N(θ, V) and θ ~ N(0, τ²) under the mixture,
 * Λ = sqrt(V / (V + τ²)) · exp(θ̂² τ² / (2 V (V + τ²))); rejecting when Λ ≥ 1/α keeps the type I error ≤ α however
 * often one looks. τ² = ρ² · V · users (the per-user variance scaled by ρ², with V estimated at each look, as in
 * Optimizely's and GrowthBook's plug-in versions, which are valid asymptotically).
 */
export function sequentialTest(checkpoints: readonly SequentialCheckpoint[], options: SequentialOptions = {}): SequentialResult {
  checkArity('sequentialTest', arguments, ['checkpoints', 'options']);
  checkKeys('sequentialTest', 'options', options, SEQUENTIAL_OPTIONS);
  const where = 'sequentialTest';
  const { alpha = 0.05, tuningN = 5000 } = options;
  checkAlpha(where, alpha);
  if (!(tuningN > 0 && Number.isFinite(tuningN))) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'tuningN', tuningN, 'a positive number'));
  if (checkpoints.length === 0) throw new EvalError('INVALID_INPUT', messages.ab.noCheckpoints(where));
  const rho2 = mixingRho2(alpha, tuningN);
  const logInvAlpha = Math.log(1 / alpha);
  const points: SequentialPoint[] = [];
  let pValue = 1;
  let firstRejectionIndex = -1;
  checkpoints.forEach((c, i) => {
    if (!Number.isFinite(c.estimate)) throw new EvalError('INVALID_INPUT', messages.ab.badCheckpoint(where, i, 'estimate', c.estimate));
    if (!(c.variance > 0 && Number.isFinite(c.variance))) throw new EvalError('INVALID_INPUT', messages.ab.badCheckpoint(where, i, 'variance', c.variance));
    if (!(c.users > 0 && Number.isFinite(c.users))) throw new EvalError('INVALID_INPUT', messages.ab.badCheckpoint(where, i, 'users', c.users));
    const v = c.variance;
    const tau2 = rho2 * v * c.users;
    const logLambda = 0.5 * Math.log(v / (v + tau2)) + (c.estimate * c.estimate * tau2) / (2 * v * (v + tau2));
    const lambda = Math.exp(logLambda);
    pValue = Math.min(pValue, Math.min(1, Math.exp(-logLambda)));
    // Λ ≥ 1/α ⟺ θ̂² ≥ 2V(V+τ²)/τ² · (ln(1/α) + ½ ln((V+τ²)/V)).
    const boundary = Math.sqrt(((v * (v + tau2)) / tau2) * (2 * logInvAlpha + Math.log((v + tau2) / v)));
    const rejected = pValue <= alpha;
    if (rejected && firstRejectionIndex < 0) firstRejectionIndex = i;
    const se = Math.sqrt(v);
    points.push({
      at: c.at ?? i,
      users: c.users,
      estimate: c.estimate,
      se,
      z: c.estimate / se,
      lambda,
      pValue,
      ciLow: c.estimate - boundary,
      ciHigh: c.estimate + boundary,
      boundary,
      rejected,
    });
  });
  return { alpha, tuningN, points, rejected: firstRejectionIndex >= 0, firstRejectionIndex, pValue };
}

/**
 * Checkpoints (B − A and its variance) from cumulative per-arm moments: difference of means, or of ratios with
 * the delta-method variance when the moments carry denominators. Looks where an arm has < 2 users or zero
 * variance are skipped: they carry no information yet.
 */
export function sequentialCheckpointsFromMoments(timeline: readonly TimelinePoint[]): SequentialCheckpoint[] {
  checkArity('sequentialCheckpointsFromMoments', arguments, ['timeline']);
  const out: SequentialCheckpoint[] = [];
  for (const p of timeline) {
    const { a, b } = p;
    if (a.n < 2 || b.n < 2) continue;
    let estimate: number;
    let variance: number;
    if (a.den && b.den) {
      if (!(a.den.mean > 0 && b.den.mean > 0)) continue;
      estimate = b.mean / b.den.mean - a.mean / a.den.mean;
      variance = ratioVariance(a) + ratioVariance(b);
    } else {
      estimate = b.mean - a.mean;
      variance = a.variance / a.n + b.variance / b.n;
    }
    if (!(variance > 0)) continue;
    out.push({ at: p.at, estimate, variance, users: a.n + b.n });
  }
  return out;
}
