import { describe, expect, it } from 'vitest';
import {
  chiSquareSf,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTSf,
  studentTTwoSided,
} from '../../index';
import { erfc } from '../../stats/normal';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Student t (closed forms for ν = 1, 2; ~1e-13)', () => {
  it('ν = 1 is Cauchy: P(T > t) = ½ − atan(t)/π (= atan(1/t)/π for t > 0, without cancellation)', () => {
    for (const t of [-30, -2, -0.3, 0, 0.7, 1, 3.5, 50, 1e4]) {
      const ref = t > 0 ? Math.atan(1 / t) / Math.PI : 0.5 - Math.atan(t) / Math.PI;
      expect(rel(studentTSf(t, 1), ref)).toBeLessThan(1e-13);
    }
  });
  it('ν = 2: P(T > t) = ½ (1 − t / sqrt(t² + 2))', () => {
    for (const t of [-5, -1, 0.1, 1.5, 4, 20]) expect(rel(studentTSf(t, 2), 0.5 * (1 - t / Math.sqrt(t * t + 2)))).toBeLessThan(1e-13);
  });
  it('cdf + sf = 1 and the two-sided p is twice the tail', () => {
    for (const [t, df] of [
      [1.3, 7.5],
      [2.2, 40],
      [0.4, 1e5],
    ] as const) {
      expect(studentTCdf(t, df) + studentTSf(t, df)).toBeCloseTo(1, 14);
      expect(rel(studentTTwoSided(t, df), 2 * studentTSf(t, df))).toBeLessThan(1e-13);
    }
  });
  it('approaches the normal tail for huge ν', () => {
    // P(|Z| > 1.96) = erfc(1.96/√2); at ν = 1e9 the t tail differs by O(1/ν).
    expect(rel(studentTTwoSided(1.96, 1e9), erfc(1.96 / Math.SQRT2))).toBeLessThan(1e-8);
  });
  it('quantile inverts the cdf, including large ν', () => {
    for (const [p, df] of [
      [0.975, 3],
      [0.995, 24.99],
      [0.975, 2e5],
      [0.6, 1.5],
      [0.025, 10],
    ] as const) {
      const q = studentTQuantile(p, df);
      expect(Math.abs(studentTCdf(q, df) - p)).toBeLessThan(1e-14);
    }
    // Published table value t_{0.975, 10} = 2.228 (any t table).
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
  });
});

describe('chi-square and incomplete gamma', () => {
  it('df = 1: P(X > x) = erfc(sqrt(x/2)); df = 2: exp(−x/2)', () => {
    for (const x of [0.01, 1, 3.841458820694124, 10, 160]) {
      expect(rel(chiSquareSf(x, 1), erfc(Math.sqrt(x / 2)))).toBeLessThan(1e-13);
      expect(rel(chiSquareSf(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-13);
    }
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
  });
  it('P + Q = 1; integer a has the Poisson closed form Q(k, x) = e^−x Σ_{j<k} x^j / j!', () => {
    for (const [a, x] of [
      [3, 1.5],
      [7, 12],
      [40, 35],
    ] as const) {
      let s = 0;
      let term = 1;
      for (let j = 0; j < a; j++) {
        s += term;
        term *= x / (j + 1);
      }
      expect(rel(regularizedGammaQ(a, x), Math.exp(-x) * s)).toBeLessThan(1e-12);
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });
});

describe('incomplete beta and log-gamma', () => {
  it('integer parameters match the binomial sum I_x(a, b) = Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^(a+b−1−j)', () => {
    for (const [a, b, x] of [
      [3, 4, 0.2],
      [10, 12, 0.55],
      [1, 1, 0.37],
      [25, 5, 0.8],
    ] as const) {
      const n = a + b - 1;
      let s = 0;
      for (let j = a; j <= n; j++) s += Math.exp(logGamma(n + 1) - logGamma(j + 1) - logGamma(n - j + 1) + j * Math.log(x) + (n - j) * Math.log(1 - x));
      expect(rel(regularizedIncompleteBeta(a, b, x), s)).toBeLessThan(1e-12);
    }
  });
  // x chosen so that 1 − x is exact in binary; otherwise the rounding of 1 − x, not the function, is measured.
  it('symmetry I_x(a, b) = 1 − I_{1−x}(b, a), also for large parameters', () => {
    for (const [a, b, x] of [
      [5e4, 5e4, 0.501],
      [0.5, 3e5, 2 ** -19],
      [300, 12.5, 0.95],
    ] as const) {
      expect(Math.abs(regularizedIncompleteBeta(a, b, x) - (1 - regularizedIncompleteBeta(b, a, 1 - x)))).toBeLessThan(1e-12);
    }
  });
  it('ln Γ: exact at integers, Γ(½) = √π, and ln Γ(a) − ln Γ(a + ½) follows its asymptotic series at a = 5e4', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(2e-15);
    expect(rel(logGamma(11), Math.log(3628800))).toBeLessThan(1e-15);
    expect(rel(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    const a = 5e4;
    const series = -0.5 * Math.log(a) + 1 / (8 * a) - 1 / (192 * a ** 3);
    // Subtracting two ~4.9e5 values leaves ~1e-10 absolute error; the point is that the t tail avoids doing so.
    expect(Math.abs(logGamma(a) - logGamma(a + 0.5) - series)).toBeLessThan(1e-9);
  });
});
