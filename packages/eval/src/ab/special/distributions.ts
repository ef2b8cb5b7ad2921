// Student t and chi-square distribution functions built on the incomplete beta / gamma.
import { normalQuantile } from '../../stats/normal';
import { incompleteBetaPair } from './incomplete-beta';
import { incompleteGammaPair } from './incomplete-gamma';
import { checkArity } from '../../check-args';

/** P(T > t) for Student's t with `df` degrees of freedom (scipy.stats.t.sf). */
export function studentTSf(t: number, df: number): number {
  checkArity('studentTSf', arguments, ['t', 'df']);
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const t2 = t * t;
  // P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, ½); y = t²/(ν+t²) is passed exactly.
  const tail = 0.5 * incompleteBetaPair(df / 2, 0.5, df / (df + t2), t2 / (df + t2)).lower;
  return t >= 0 ? tail : 1 - tail;
}

/** P(T <= t) (scipy.stats.t.cdf). */
export function studentTCdf(t: number, df: number): number {
  checkArity('studentTCdf', arguments, ['t', 'df']);
  return studentTSf(-t, df);
}

/** Two-sided p-value P(|T| >= |t|). */
export function studentTTwoSided(t: number, df: number): number {
  checkArity('studentTTwoSided', arguments, ['t', 'df']);
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return incompleteBetaPair(df / 2, 0.5, df / (df + t2), t2 / (df + t2)).lower;
}

/** Quantile of Student's t: the t with P(T <= t) = p (scipy.stats.t.ppf), by bracketed bisection to full precision. */
export function studentTQuantile(p: number, df: number): number {
  checkArity('studentTQuantile', arguments, ['p', 'df']);
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const q = 1 - p;
  // t >= z for every ν (heavier tails), so the normal quantile is a lower bracket; double until above.
  let lo = Math.max(0, normalQuantile(p) * 0.999);
  let hi = Math.max(1, lo * 2);
  while (studentTSf(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) return Infinity;
  }
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (studentTSf(mid, df) > q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** P(X > x) for a chi-square with `df` degrees of freedom (scipy.stats.chi2.sf) = Q(df/2, x/2). */
export function chiSquareSf(x: number, df: number): number {
  checkArity('chiSquareSf', arguments, ['x', 'df']);
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return incompleteGammaPair(df / 2, x / 2).upper;
}
