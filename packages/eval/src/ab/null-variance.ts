import type { ArmMoments } from './types';

/**
 * Below this share of the magnitude of its terms, a variance computed as a difference of moments is rounding
 * noise, not information: 0 (a ratio whose every unit has the same y/x has a linearized variance of exactly 0,
 * which floating point returns as ~1e-17 and a z statistic of ~1e8).
 */
const ROUNDING_SHARE = 1e-10;

/** `value` when it stands out of the rounding of terms of total magnitude `scale`, else 0. */
export function beyondRounding(value: number, scale: number): number {
  return value > ROUNDING_SHARE * scale ? value : 0;
}

/**
 * Variance of B − A under H0 of no difference (the score-test variance): both arms pooled as one population,
 * so an arm whose few units happen to show no variation (no conversions yet, a single active unit of a ratio)
 * does not claim a variance of 0. For means and proportions s²(1/nA + 1/nB) with s² the sample variance of all
 * units; for a ratio the delta method with the common ratio R₀ = Σy / Σx and the pooled variance of the
 * residuals y − R₀x, divided per arm by n·x̄² (Deng, Knoblich & Lu 2018 with R estimated under H0). The same
 * pairing as the pooled two-proportion z test: the null variance decides the test, the unpooled one estimates.
 */
export function pooledNullVariance(a: ArmMoments, b: ArmMoments): number {
  const n = a.n + b.n;
  if (a.den && b.den) {
    const r0 = (a.n * a.mean + b.n * b.mean) / (a.n * a.den.mean + b.n * b.den.mean);
    let ss = 0;
    let scale = 0;
    for (const m of [a, b]) {
      const d = m.den!;
      // Σ over the arm of (y − R₀x − its mean)², and n·(its mean)²: the within and between parts.
      ss += (m.n - 1) * (m.variance - 2 * r0 * d.covariance + r0 * r0 * d.variance) + m.n * (m.mean - r0 * d.mean) ** 2;
      scale += (m.n - 1) * (m.variance + 2 * Math.abs(r0 * d.covariance) + r0 * r0 * d.variance) + m.n * (m.mean ** 2 + (r0 * d.mean) ** 2);
    }
    const s2 = beyondRounding(ss, scale) / (n - 1);
    return s2 * (1 / (a.n * a.den.mean ** 2) + 1 / (b.n * b.den.mean ** 2));
  }
  const mean = (a.n * a.mean + b.n * b.mean) / n;
  // Within-arm plus between-arm sums of squares: the variance of the combined sample, without cancellation.
  const ss = (a.n - 1) * a.variance + (b.n - 1) * b.variance + a.n * (a.mean - mean) ** 2 + b.n * (b.mean - mean) ** 2;
  return (ss / (n - 1)) * (1 / a.n + 1 / b.n);
}
