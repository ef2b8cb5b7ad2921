import { describe, expect, it } from 'vitest';
import { EvalError, messages, normalCdf, normalQuantile, proportionTest } from '../index';

// Independent re-derivation of the textbook formulas (not calling the implementation's helpers).
function expected(x1: number, n1: number, x2: number, n2: number, alpha: number) {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const p = (x1 + x2) / (n1 + n2);
  const z = (p2 - p1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const zc = normalQuantile(1 - alpha / 2);
  const r = p2 / p1 - 1;
  const seR = Math.sqrt((p2 * (1 - p2)) / n2 / (p1 * p1) + (p2 * p2 * ((p1 * (1 - p1)) / n1)) / p1 ** 4);
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))), lo: p2 - p1 - zc * se, hi: p2 - p1 + zc * se, r, rLo: r - zc * seR, rHi: r + zc * seR };
}

describe('proportionTest', () => {
  it("matches Montgomery & Runger's St. John's Wort example (x = 27/100 vs 19/100: published z0 = 1.34, P ≈ 0.18)", () => {
    // Montgomery & Runger, Applied Statistics and Probability for Engineers, tests on two population proportions.
    // Their group 1 (treatment, 27/100) is our B; control (placebo, 19/100) is A.
    const r = proportionTest({ successesA: 19, nA: 100, successesB: 27, nB: 100 });
    expect(r.z).toBeCloseTo(1.34, 2);
    expect(r.pValue).toBeCloseTo(0.18, 2);
    const e = expected(19, 100, 27, 100, 0.05);
    expect(Math.abs(r.z - e.z)).toBeLessThan(1e-9);
    expect(Math.abs(r.pValue - e.p)).toBeLessThan(1e-9);
    expect(Math.abs(r.liftAbs - 0.08)).toBeLessThan(1e-12);
    expect(Math.abs(r.liftAbsCi[0] - e.lo)).toBeLessThan(1e-9);
    expect(Math.abs(r.liftAbsCi[1] - e.hi)).toBeLessThan(1e-9);
    // 95 % CI of B − A with the unpooled SE, to 4 decimals: (−0.0361, 0.1961).
    expect(r.liftAbsCi[0]).toBeCloseTo(-0.0361, 4);
    expect(r.liftAbsCi[1]).toBeCloseTo(0.1961, 4);
    expect(Math.abs(r.liftRel - e.r)).toBeLessThan(1e-9);
    expect(Math.abs(r.liftRelCi[0] - e.rLo)).toBeLessThan(1e-9);
    expect(Math.abs(r.liftRelCi[1] - e.rHi)).toBeLessThan(1e-9);
  });

  it('reaches the published conclusion of McClave & Sincich, Statistics 12th ed., exercise 9.61 (14/98 vs 5/102)', () => {
    // JAMA 2001 St. John's wort remission: one-sided test "not effective at α = .01, effective at α = .10".
    const r = proportionTest({ successesA: 5, nA: 102, successesB: 14, nB: 98 });
    const oneSided = r.pValue / 2;
    expect(r.z).toBeGreaterThan(0);
    expect(oneSided).toBeGreaterThan(0.01);
    expect(oneSided).toBeLessThan(0.1);
    expect(Math.abs(r.z - expected(5, 102, 14, 98, 0.05).z)).toBeLessThan(1e-9);
  });

  it('matches the formulas at A/B-test scale and other alphas', () => {
    for (const [x1, n1, x2, n2, alpha] of [
      [5_210, 50_000, 5_400, 50_120, 0.05],
      [120, 1_000, 95, 980, 0.1],
      [30_001, 60_000, 29_100, 59_000, 0.01],
    ] as const) {
      const r = proportionTest({ successesA: x1, nA: n1, successesB: x2, nB: n2 }, { alpha });
      const e = expected(x1, n1, x2, n2, alpha);
      expect(Math.abs(r.z - e.z)).toBeLessThan(1e-9);
      expect(Math.abs(r.pValue - e.p)).toBeLessThan(1e-9);
      expect(Math.abs(r.liftRelCi[0] - e.rLo)).toBeLessThan(1e-9);
      expect(Math.abs(r.liftRelCi[1] - e.rHi)).toBeLessThan(1e-9);
    }
  });

  it('is antisymmetric in the arms and gives p = 1 without any variation', () => {
    const ab = proportionTest({ successesA: 40, nA: 500, successesB: 60, nB: 500 });
    const ba = proportionTest({ successesA: 60, nA: 500, successesB: 40, nB: 500 });
    expect(ab.z).toBeCloseTo(-ba.z, 12);
    expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
    expect(proportionTest({ successesA: 0, nA: 50, successesB: 0, nB: 70 }).pValue).toBe(1);
  });

  it('rejects impossible counts with typed errors naming the arm', () => {
    expect(() => proportionTest({ successesA: 11, nA: 10, successesB: 1, nB: 10 })).toThrowError(
      messages.ab.successesExceedTrials('proportionTest', 'A', 11, 10),
    );
    const e = (() => {
      try {
        proportionTest({ successesA: 1.5, nA: 10, successesB: 1, nB: 10 });
      } catch (err) {
        return err;
      }
    })();
    expect(EvalError.isInstance(e) && e.code).toBe('INVALID_INPUT');
    expect(() => proportionTest({ successesA: 1, nA: 10, successesB: 1, nB: 10 }, { alpha: 1 })).toThrow(/alpha/);
  });
});
