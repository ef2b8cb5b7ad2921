import { checkArity } from '../check-args';
import { normalQuantile, normalSf } from '../stats/normal';
import { covarianceFromSums, varianceFromSums, type ArmSums } from './arm-sums';
import type { CupedReadout } from './cuped-readout';
import { liftFromEstimates } from './lift';
import { meanTestFromMoments } from './mean-test';
import type { ArmMoments } from './types';

/** Σ of a per-unit value v, v², v·c and the unit count: what CUPED needs of one arm. */
interface LinearSums {
  readonly n: number;
  readonly v: number;
  readonly vv: number;
  readonly vc: number;
  readonly c: number;
  readonly cc: number;
}

export interface CupedSumsResult {
  /** θ = Cov(Y, X) / Var(X) on both arms pooled, as {@link cuped}. */
  readonly theta: number;
  readonly covariateMean: number;
  readonly correlation: number;
  readonly varianceReduction: number;
  /** Moments of Y − θ (X − mean X) in each arm (what `cuped` returns as per-unit arrays). */
  readonly adjustedA: ArmMoments;
  readonly adjustedB: ArmMoments;
}

/**
 * {@link cuped} on sums: θ from the pooled centred cross sums, the adjusted moments of each arm from
 * Var(Y) − 2θ Cov(Y, X) + θ² Var(X) (within the arm) and the adjusted mean Ȳ − θ (X̄ − X̄pooled).
 */
function cupedLinear(a: LinearSums, b: LinearSums): CupedSumsResult {
  const n = a.n + b.n;
  const my = (a.v + b.v) / n;
  const mx = (a.c + b.c) / n;
  const sxy = a.vc + b.vc - n * my * mx;
  const sxx = a.cc + b.cc - n * mx * mx;
  const syy = a.vv + b.vv - n * my * my;
  const theta = sxx > 0 ? sxy / sxx : 0;
  const correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  const adjusted = (s: LinearSums): ArmMoments => {
    const vy = varianceFromSums(s.n, s.v, s.vv);
    const vx = varianceFromSums(s.n, s.c, s.cc);
    const cxy = covarianceFromSums(s.n, s.v, s.c, s.vc);
    return { n: s.n, mean: s.v / s.n - theta * (s.c / s.n - mx), variance: Math.max(0, vy - 2 * theta * cxy + theta * theta * vx) };
  };
  const adjustedA = adjusted(a);
  const adjustedB = adjusted(b);
  const raw = varianceFromSums(a.n, a.v, a.vv) / a.n + varianceFromSums(b.n, b.v, b.vv) / b.n;
  const adj = adjustedA.variance / a.n + adjustedB.variance / b.n;
  return { theta, covariateMean: mx, correlation, varianceReduction: raw > 0 ? 1 - adj / raw : 0, adjustedA, adjustedB };
}

function plainLinear(s: ArmSums): LinearSums {
  const c = s.cov!;
  return { n: s.n, v: s.sum, vv: s.sumSq, vc: c.sumCross, c: c.sum, cc: c.sumSq };
}

/**
 * The delta-method linearization L = (y − R·x) / x̄ of a ratio metric (see `cupedReadout`), as sums:
 * L is linear in (y, x) with the arm's R and x̄, so ΣL, ΣL² and ΣL·c follow from the sums of y, x and c.
 */
function ratioLinear(s: ArmSums): { sums: LinearSums; estimate: number } {
  const d = s.den!;
  const c = s.cov!;
  const r = s.sum / d.sum;
  const xbar = d.sum / s.n;
  const v = (s.sum - r * d.sum) / xbar;
  const vv = (s.sumSq - 2 * r * d.sumCross + r * r * d.sumSq) / (xbar * xbar);
  const vc = (c.sumCross - r * c.denCross!) / xbar;
  return { sums: { n: s.n, v, vv, vc, c: c.sum, cc: c.sumSq }, estimate: r };
}

/** {@link cuped} on the power sums of both arms (each with `cov`): θ, correlation, variance reduction and the adjusted moments. */
export function cupedFromSums(a: ArmSums, b: ArmSums): CupedSumsResult {
  checkArity('cupedFromSums', arguments, ['a', 'b']);
  if (a.den && b.den) return cupedLinear(ratioLinear(a).sums, ratioLinear(b).sums);
  return cupedLinear(plainLinear(a), plainLinear(b));
}

/** `cupedReadout` on sums: the CUPED-adjusted lift of a mean, proportion or (linearized) ratio metric. */
export function cupedReadoutFromSums(a: ArmSums, b: ArmSums, alpha: number): CupedReadout {
  checkArity('cupedReadoutFromSums', arguments, ['a', 'b', 'alpha']);
  const ratio = a.den !== undefined && b.den !== undefined;
  if (!ratio) {
    const c = cupedLinear(plainLinear(a), plainLinear(b));
    const t = meanTestFromMoments(c.adjustedA, c.adjustedB, { alpha });
    return {
      theta: c.theta,
      correlation: c.correlation,
      varianceReduction: c.varianceReduction,
      liftAbs: t.liftAbs,
      liftAbsCi: t.liftAbsCi,
      liftRel: t.liftRel,
      liftRelCi: t.liftRelCi,
      pValue: t.pValue,
    };
  }
  const la = ratioLinear(a);
  const lb = ratioLinear(b);
  const c = cupedLinear(la.sums, lb.sums);
  const estA = la.estimate + c.adjustedA.mean;
  const estB = lb.estimate + c.adjustedB.mean;
  const vA = c.adjustedA.variance / a.n;
  const vB = c.adjustedB.variance / b.n;
  const se = Math.sqrt(vA + vB);
  const z = se > 0 ? (estB - estA) / se : 0;
  const lift = liftFromEstimates(estA, vA, estB, vB, normalQuantile(1 - alpha / 2));
  return { theta: c.theta, correlation: c.correlation, varianceReduction: c.varianceReduction, ...lift, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}
