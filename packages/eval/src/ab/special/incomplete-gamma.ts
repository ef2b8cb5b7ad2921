// Regularized incomplete gamma P(a, x) and Q(a, x) = 1 − P: series below a + 1, Lentz continued fraction above
// (Numerical Recipes `gser` / `gcf`), with the prefactor x^a e^−x / Γ(a) in Stirling form for large a.
import { HALF_LN_2PI, logGamma, stirlingRemainder } from './log-gamma';
import { checkArity } from '../../check-args';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100_000;

function logPrefactor(a: number, x: number): number {
  if (a >= 10) {
    const d = (x - a) / a;
    // a ln(x/a) − (x − a) = a (log1p(d) − d): no cancellation between two huge terms.
    return a * (Math.log1p(d) - d) + 0.5 * Math.log(a) - HALF_LN_2PI - stirlingRemainder(a);
  }
  return a * Math.log(x) - x - logGamma(a);
}

/** { lower: P(a, x), upper: Q(a, x) }, each computed directly where it is small. */
export function incompleteGammaPair(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0) || !(x >= 0)) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  const front = Math.exp(logPrefactor(a, x));
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < MAX_ITER; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    const lower = sum * front;
    return { lower, upper: 1 - lower };
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const upper = front * h;
  return { lower: 1 - upper, upper };
}

/** Regularized lower incomplete gamma P(a, x) (scipy.special.gammainc). */
export function regularizedGammaP(a: number, x: number): number {
  checkArity('regularizedGammaP', arguments, ['a', 'x']);
  return incompleteGammaPair(a, x).lower;
}

/** Regularized upper incomplete gamma Q(a, x) (scipy.special.gammaincc). */
export function regularizedGammaQ(a: number, x: number): number {
  checkArity('regularizedGammaQ', arguments, ['a', 'x']);
  return incompleteGammaPair(a, x).upper;
}
