// Regularized incomplete beta I_x(a, b): the continued fraction of Numerical Recipes (`betacf`, modified Lentz)
// with a prefactor x^a y^b / B(a, b) computed in the form TOMS 708 (`brcomp`) uses for large a, b.
import { HALF_LN_2PI, logGamma, stirlingRemainder } from './log-gamma';
import { checkArity } from '../../check-args';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 200_000;

/** ln( x^a · y^b / B(a, b) ) with y = 1 − x supplied by the caller (so it carries no rounding from 1 − x). */
export function logBetaPowers(a: number, b: number, x: number, y: number): number {
  if (a >= 10 && b >= 10) {
    const s = a + b;
    const x0 = a / s;
    const y0 = b / s;
    // x − x0 from whichever of x, y is the smaller (it carries the smaller absolute rounding).
    const dx = x <= y ? x - x0 : y0 - y;
    const lx = Math.log1p(dx / x0);
    const ly = Math.log1p(-dx / y0);
    return a * lx + b * ly + 0.5 * Math.log((a * b) / s) - HALF_LN_2PI + stirlingRemainder(s) - stirlingRemainder(a) - stirlingRemainder(b);
  }
  if (a >= 10 || b >= 10) {
    // One large, one small parameter (Student t: b = ½): ln Γ(big) − ln Γ(big + small) without cancellation.
    const big = Math.max(a, b);
    const small = Math.min(a, b);
    const s = big + small;
    const logGammaRatio = -(big - 0.5) * Math.log1p(small / big) - small * Math.log(s) + small + stirlingRemainder(big) - stirlingRemainder(s);
    return a * logOf(x, y) + b * logOf(y, x) - logGamma(small) - logGammaRatio;
  }
  return a * logOf(x, y) + b * logOf(y, x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
}

/** ln v where v = 1 − w: near 1, log1p(−w) keeps the digits that Math.log(v) would round away. */
function logOf(v: number, w: number): number {
  return v > 0.5 ? Math.log1p(-w) : Math.log(v);
}

function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}

/**
 * I_x(a, b) and its complement 1 − I_x(a, b), each computed directly (no 1 − p cancellation).
 * `y` defaults to 1 − x; pass it when you have it exactly (e.g. t²/(ν + t²)).
 */
export function incompleteBetaPair(a: number, b: number, x: number, y = 1 - x): { lower: number; upper: number } {
  if (!(a > 0 && b > 0) || !(x >= 0 && x <= 1)) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  const front = Math.exp(logBetaPowers(a, b, x, y));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * continuedFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * continuedFraction(b, a, y)) / b;
  return { lower: 1 - upper, upper };
}

/** Regularized incomplete beta I_x(a, b) (scipy.special.betainc). */
export function regularizedIncompleteBeta(a: number, b: number, x: number): number {
  checkArity('regularizedIncompleteBeta', arguments, ['a', 'b', 'x']);
  return incompleteBetaPair(a, b, x).lower;
}
