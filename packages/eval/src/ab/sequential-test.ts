import { EvalError } from '../errors';
import { messages } from '../messages';
import { pooledNullVariance } from './null-variance';
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
  /** Variance of `estimate` (e.g. varA/nA + varB/nB); ≥ 0. */
  readonly variance: number;
  /**
   * Variance of `estimate` under H0, the arms pooled (see `sequentialCheckpointsFromMoments`); ≥ 0. The test
   * uses max(variance, nullVariance), so an arm whose few units show no variation cannot make it reject.
   */
  readonly nullVariance?: number;
  /** Users in both arms so far. */
  readonly users: number;
  /** Users of A and of B so far (they sum to `users`); the burn-in counts the smaller arm. Default: half each. */
  readonly usersPerArm?: readonly [number, number];
}
const CHECKPOINT_KEYS = keysOf<SequentialCheckpoint>({ at: true, estimate: true, variance: true, nullVariance: true, users: true, usersPerArm: true });

export interface SequentialPoint {
  readonly at: string | number;
  readonly users: number;
  readonly estimate: number;
  /** Standard error the test used: √max(variance, nullVariance). */
  readonly se: number;
  /** estimate / se. */
  readonly z: number;
  /** Mixture likelihood ratio Λ of the mSPRT at this look (within the burn-in it is shown but does not count). */
  readonly lambda: number;
  /** Always-valid p-value: min over the looks so far past the burn-in of min(1, 1/Λ); 1 before any. */
  readonly pValue: number;
  /** Confidence sequence at 1 − α, valid simultaneously over all looks past the burn-in; ±∞ within it. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Half-width of the confidence sequence: |estimate| beyond this rejects H0 at this look; ∞ within the burn-in. */
  readonly boundary: number;
  /** The smaller arm has fewer than `burnInPerArm` users: the look is reported but may not reject. */
  readonly burnIn: boolean;
  /** pValue <= α at or before this look. */
  readonly rejected: boolean;
}

export interface SequentialResult {
  readonly alpha: number;
  /** Tuning sample size N* at which the confidence sequence is tightest. */
  readonly tuningN: number;
  /** Users the smaller arm needs before a look may reject. */
  readonly burnInPerArm: number;
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
  /** Users the smaller arm needs before a look may reject (burn-in; 0 = none); default {@link DEFAULT_BURN_IN_PER_ARM}. */
  readonly burnInPerArm?: number;
}
const SEQUENTIAL_OPTIONS = keysOf<SequentialOptions>({ alpha: true, tuningN: true, burnInPerArm: true });

/**
 * Default burn-in of the sequential test: 30 users in each arm before it may reject, the same floor below which
 * the report's `decideRollout` calls the data not enough. The plug-in mSPRT is valid only asymptotically:
 * Lindon & Kallus (2022, "Near-optimal, near-calibrated … sequential tests", arXiv:2212.14411) prove its
 * type-I error tends to α as the burn-in of a delayed-start normal-mixture SPRT grows; Optimizely's
 * production mSPRT (Johari et al.'s) declares nothing before 100 visitors per arm, and GrowthBook hides a metric
 * until it reaches its minimum sample size. The null variance (see {@link SequentialCheckpoint.nullVariance})
 * is what keeps the small looks honest; the burn-in is the floor under it.
 */
export const DEFAULT_BURN_IN_PER_ARM = 30;

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
 *
 * Small samples break that plug-in: with ~10 units per arm the estimated V of a ratio or a sparse metric is
 * often ~0 (an arm without clicks yet), and 13 % of A/A experiments rejected. So V = max(variance, nullVariance)
 * (the variance under H0 cannot collapse with one arm), and looks before `burnInPerArm` users in the smaller
 * arm may not reject (a delayed start, see {@link DEFAULT_BURN_IN_PER_ARM}): skipping looks never raises the
 * mixture martingale's type-I error.
 */
export function sequentialTest(checkpoints: readonly SequentialCheckpoint[], options: SequentialOptions = {}): SequentialResult {
  checkArity('sequentialTest', arguments, ['checkpoints', 'options']);
  checkKeys('sequentialTest', 'options', options, SEQUENTIAL_OPTIONS);
  const where = 'sequentialTest';
  const { alpha = 0.05, tuningN = 5000, burnInPerArm = DEFAULT_BURN_IN_PER_ARM } = options;
  checkAlpha(where, alpha);
  if (!(tuningN > 0 && Number.isFinite(tuningN))) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'tuningN', tuningN, 'a positive number'));
  if (!(burnInPerArm >= 0 && Number.isFinite(burnInPerArm)))
    throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'burnInPerArm', burnInPerArm, 'a number ≥ 0'));
  if (checkpoints.length === 0) throw new EvalError('INVALID_INPUT', messages.ab.noCheckpoints(where));
  const rho2 = mixingRho2(alpha, tuningN);
  const logInvAlpha = Math.log(1 / alpha);
  const points: SequentialPoint[] = [];
  let pValue = 1;
  let firstRejectionIndex = -1;
  checkpoints.forEach((c, i) => {
    const smaller = checkCheckpoint(where, c, i);
    const v = Math.max(c.variance, c.nullVariance ?? 0);
    const tau2 = rho2 * v * c.users;
    const logLambda = 0.5 * Math.log(v / (v + tau2)) + (c.estimate * c.estimate * tau2) / (2 * v * (v + tau2));
    const burnIn = smaller < burnInPerArm;
    if (!burnIn) pValue = Math.min(pValue, Math.min(1, Math.exp(-logLambda)));
    // Λ ≥ 1/α ⟺ θ̂² ≥ 2V(V+τ²)/τ² · (ln(1/α) + ½ ln((V+τ²)/V)).
    const boundary = burnIn ? Infinity : Math.sqrt(((v * (v + tau2)) / tau2) * (2 * logInvAlpha + Math.log((v + tau2) / v)));
    const rejected = pValue <= alpha;
    if (rejected && firstRejectionIndex < 0) firstRejectionIndex = i;
    const se = Math.sqrt(v);
    points.push({
      at: c.at ?? i,
      users: c.users,
      estimate: c.estimate,
      se,
      z: c.estimate / se,
      lambda: Math.exp(logLambda),
      pValue,
      ciLow: c.estimate - boundary,
      ciHigh: c.estimate + boundary,
      boundary,
      burnIn,
      rejected,
    });
  });
  return { alpha, tuningN, burnInPerArm, points, rejected: firstRejectionIndex >= 0, firstRejectionIndex, pValue };
}

/** Validates one checkpoint; returns the users of its smaller arm. */
function checkCheckpoint(where: string, c: SequentialCheckpoint, i: number): number {
  checkKeys(where, `checkpoints[${i}]`, c, CHECKPOINT_KEYS);
  const bad = (what: string, value: number) => new EvalError('INVALID_INPUT', messages.ab.badCheckpoint(where, i, what, value));
  if (!Number.isFinite(c.estimate)) throw bad('estimate', c.estimate);
  if (!(c.variance >= 0 && Number.isFinite(c.variance))) throw bad('variance', c.variance);
  if (c.nullVariance !== undefined && !(c.nullVariance >= 0 && Number.isFinite(c.nullVariance))) throw bad('nullVariance', c.nullVariance);
  if (!(c.variance > 0 || (c.nullVariance ?? 0) > 0)) throw new EvalError('INVALID_INPUT', messages.ab.zeroCheckpointVariance(where, i));
  if (!(c.users > 0 && Number.isFinite(c.users))) throw bad('users', c.users);
  if (c.usersPerArm === undefined) return c.users / 2;
  const [a, b] = Array.isArray(c.usersPerArm) ? c.usersPerArm : [];
  if (c.usersPerArm.length !== 2 || !(a! >= 0 && b! >= 0 && Math.abs(a! + b! - c.users) <= 1e-9 * c.users)) {
    throw new EvalError('INVALID_INPUT', messages.ab.badUsersPerArm(where, i, c.usersPerArm, c.users));
  }
  return Math.min(a!, b!);
}

/**
 * Checkpoints (B − A, its variance and its variance under H0) from cumulative per-arm moments: difference of
 * means, or of ratios with the delta-method variance when the moments carry denominators. Looks where an arm
 * has < 2 users, or where neither variance is above rounding, are skipped: they carry no information yet.
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
    const nullVariance = pooledNullVariance(a, b);
    if (!(variance > 0 || nullVariance > 0)) continue;
    out.push({ at: p.at, estimate, variance, nullVariance, users: a.n + b.n, usersPerArm: [a.n, b.n] });
  }
  return out;
}
