import { checkArity } from '../../check-args';
// ln Γ and the Stirling remainder δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π]. Keeping δ separate lets the
// incomplete beta and gamma prefactors avoid subtracting huge ln Γ values (TOMS 708's `bcorr` idea), which is
// what keeps Student t and chi-square tails accurate to ~1e-13 at 10⁵+ degrees of freedom.

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
// Lanczos (g = 7, n = 9), Godfrey's coefficients: ~1e-15 relative for x >= 0.5.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln |Γ(x)| for x > 0 (and non-integer x < 0 by reflection). */
export function logGamma(x: number): number {
  checkArity('logGamma', arguments, ['x']);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + stirlingRemainder(x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return HALF_LN_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** δ(x) = ln Γ(x) − (x − ½) ln x + x − ½ ln 2π; asymptotic series for x >= 10 (error < 1e-16). */
export function stirlingRemainder(x: number): number {
  if (x >= 10) {
    const r = 1 / x;
    const r2 = r * r;
    return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
  }
  return logGamma(x) - ((x - 0.5) * Math.log(x) - x + HALF_LN_2PI);
}

export { HALF_LN_2PI };
