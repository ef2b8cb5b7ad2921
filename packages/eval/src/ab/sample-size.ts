import { EvalError } from '../errors';
import { messages } from '../messages';
import { normalQuantile } from '../stats/normal';
import { checkAlpha } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface PowerOptions {
  /** Control-arm rate (a proportion in (0, 1)) or mean. */
  readonly baseline: number;
  /** Two-sided significance level; default 0.05. */
  readonly alpha?: number;
  /** 1 − β; default 0.8. */
  readonly power?: number;
  /** Per-user variance of the metric; required for means, omit for proportions (then p(1 − p) is used). */
  readonly variance?: number;
}

export interface SampleSizeInput extends PowerOptions {
  /** Effect to detect: relative to the baseline (0.05 = +5 %) unless `relative` is false. */
  readonly mde: number;
  /** Default true. */
  readonly relative?: boolean;
}

export interface MdeInput extends PowerOptions {
  /** Users in each arm. */
  readonly nPerArm: number;
  /** Return the MDE relative to the baseline (default true) or absolute. */
  readonly relative?: boolean;
}
const SAMPLE_SIZE_KEYS = keysOf<SampleSizeInput>({ baseline: true, alpha: true, power: true, variance: true, mde: true, relative: true });
const MDE_KEYS = keysOf<MdeInput>({ baseline: true, alpha: true, power: true, variance: true, nPerArm: true, relative: true });

function critical(where: string, alpha: number, power: number): { za: number; zb: number } {
  checkAlpha(where, alpha);
  checkAlpha(where, power, 'power');
  return { za: normalQuantile(1 - alpha / 2), zb: normalQuantile(power) };
}

function isProportion(where: string, baseline: number, variance: number | undefined): boolean {
  if (variance !== undefined) {
    if (!(variance > 0 && Number.isFinite(variance)))
      throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'variance', variance, 'a positive number'));
    return false;
  }
  if (!(baseline > 0 && baseline < 1)) throw new EvalError('INVALID_OPTION', messages.ab.needVariance(where));
  return true;
}

/** Users per arm (not rounded) for an absolute difference `delta`. */
function usersFor(delta: number, baseline: number, za: number, zb: number, variance: number | undefined): number {
  if (variance !== undefined) return (2 * variance * (za + zb) ** 2) / (delta * delta);
  const p1 = baseline;
  const p2 = baseline + delta;
  const pBar = (p1 + p2) / 2;
  // Unpooled under H1, pooled under H0: the classic formula (Fleiss, Levin & Paik, eq. 4.14, without continuity correction).
  const num = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (num * num) / (delta * delta);
}

/** Users per arm a two-sided test needs to detect `mde` with the given power (rounded up). */
export function requiredSampleSize(input: SampleSizeInput): number {
  checkArity('requiredSampleSize', arguments, ['input']);
  checkKeys('requiredSampleSize', 'input', input, SAMPLE_SIZE_KEYS);
  const where = 'requiredSampleSize';
  const { baseline, mde, relative = true, alpha = 0.05, power = 0.8, variance } = input;
  const { za, zb } = critical(where, alpha, power);
  const prop = isProportion(where, baseline, variance);
  if (!(mde !== 0 && Number.isFinite(mde))) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'mde', mde, 'a non-zero finite number'));
  const delta = relative ? mde * baseline : mde;
  if (prop && !(baseline + delta > 0 && baseline + delta < 1)) throw new EvalError('INVALID_OPTION', messages.ab.mdeOutOfRange(where, baseline, mde, relative));
  return Math.ceil(usersFor(Math.abs(delta), baseline, za, zb, variance) - 1e-9);
}

/**
 * Smallest effect (upwards) a two-sided test with `nPerArm` users per arm detects with the given power.
 * Closed form for means; for proportions the sample-size formula is inverted by bisection.
 */
export function minimumDetectableEffect(input: MdeInput): number {
  checkArity('minimumDetectableEffect', arguments, ['input']);
  checkKeys('minimumDetectableEffect', 'input', input, MDE_KEYS);
  const where = 'minimumDetectableEffect';
  const { baseline, nPerArm, relative = true, alpha = 0.05, power = 0.8, variance } = input;
  const { za, zb } = critical(where, alpha, power);
  const prop = isProportion(where, baseline, variance);
  if (!(nPerArm > 0 && Number.isFinite(nPerArm))) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'nPerArm', nPerArm, 'a positive number'));
  let delta: number;
  if (!prop) delta = (za + zb) * Math.sqrt((2 * variance!) / nPerArm);
  else {
    let lo = 0;
    let hi = 1 - baseline;
    // Not even a jump to a rate of ~1 is detectable with so few users.
    if (usersFor(hi * (1 - 1e-12), baseline, za, zb, undefined) > nPerArm) delta = NaN;
    else {
      for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, hi); i++) {
        const mid = 0.5 * (lo + hi);
        if (usersFor(mid, baseline, za, zb, undefined) > nPerArm) lo = mid;
        else hi = mid;
      }
      delta = hi;
    }
  }
  return relative ? delta / baseline : delta;
}
