import { describe, expect, it } from 'vitest';
import { createRng, meanTest, meanTestFromMoments, ratioMetricTest, studentTQuantile, summarizeArm } from '../index';

// Wikipedia, "Welch's t-test", Examples, example 1 (published: t = 2.46, ν ≈ 25.0, p = 0.021).
const A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
const A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

describe('meanTest (Welch)', () => {
  it('reproduces the published Welch example and scipy.stats.ttest_ind(equal_var=False) to 1e-12', () => {
    const r = meanTest(A1, A2);
    expect(r.t).toBeCloseTo(2.46, 2);
    expect(r.df).toBeCloseTo(25.0, 1);
    expect(r.pValue).toBeCloseTo(0.021, 3);
    // scipy 1.17.1: ttest_ind(A2, A1, equal_var=False)
    expect(Math.abs(r.t - 2.455356398286006)).toBeLessThan(1e-12);
    expect(Math.abs(r.df - 24.988529290231416)).toBeLessThan(1e-10);
    expect(Math.abs(r.pValue - 0.021378001462866992)).toBeLessThan(1e-12);
  });

  it('computes Welch–Satterthwaite and the t-based CI from the textbook formulas', () => {
    const m = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const s2 = (v: number[]) => v.reduce((s, x) => s + (x - m(v)) ** 2, 0) / (v.length - 1);
    const vA = s2(A1) / A1.length;
    const vB = s2(A2) / A2.length;
    const df = (vA + vB) ** 2 / (vA ** 2 / 14 + vB ** 2 / 14);
    const r = meanTest(A1, A2, { alpha: 0.1 });
    expect(Math.abs(r.df - df)).toBeLessThan(1e-10);
    const half = studentTQuantile(0.95, df) * Math.sqrt(vA + vB);
    expect(Math.abs(r.liftAbsCi[1] - r.liftAbsCi[0] - 2 * half)).toBeLessThan(1e-10);
    expect(meanTestFromMoments(summarizeArm(A1), summarizeArm(A2), { alpha: 0.1 })).toEqual(r);
  });
});

describe('ratioMetricTest (delta method)', () => {
  it('equals the linearization identity Var(R) = Var(Y − R X) / (n μx²)', () => {
    const rng = createRng(7);
    const n = 2000;
    const den = Array.from({ length: n }, () => 1 + Math.floor(rng() * 20));
    const num = den.map((d) => Math.floor(d * rng() * 0.3));
    const denB = Array.from({ length: n }, () => 1 + Math.floor(rng() * 20));
    const numB = denB.map((d) => Math.floor(d * rng() * 0.33));
    const r = ratioMetricTest({ numeratorA: num, denominatorA: den, numeratorB: numB, denominatorB: denB });
    const lin = (y: number[], x: number[]) => {
      const R = y.reduce((s, v) => s + v, 0) / x.reduce((s, v) => s + v, 0);
      const mx = x.reduce((s, v) => s + v, 0) / x.length;
      const l = y.map((v, i) => v - R * x[i]!);
      const ml = l.reduce((s, v) => s + v, 0) / l.length;
      const vl = l.reduce((s, v) => s + (v - ml) ** 2, 0) / (l.length - 1);
      return { R, se: Math.sqrt(vl / (x.length * mx * mx)) };
    };
    const a = lin(num, den);
    const b = lin(numB, denB);
    expect(Math.abs(r.ratioA - a.R)).toBeLessThan(1e-12);
    expect(Math.abs(r.seA - a.se) / a.se).toBeLessThan(1e-9);
    expect(Math.abs(r.seB - b.se) / b.se).toBeLessThan(1e-9);
    expect(Math.abs(r.z - (b.R - a.R) / Math.hypot(a.se, b.se))).toBeLessThan(1e-9);
  });

  it('with all denominators 1 it is the z version of the mean test', () => {
    const rng = createRng(3);
    const y1 = Array.from({ length: 500 }, () => rng() * 3);
    const y2 = Array.from({ length: 600 }, () => rng() * 3.2);
    const r = ratioMetricTest({ numeratorA: y1, denominatorA: y1.map(() => 1), numeratorB: y2, denominatorB: y2.map(() => 1) });
    const t = meanTest(y1, y2);
    expect(r.z).toBeCloseTo(t.t, 10);
    expect(r.liftRel).toBeCloseTo(t.liftRel, 12);
  });

  it('rejects a zero denominator total', () => {
    expect(() => ratioMetricTest({ numeratorA: [0, 0], denominatorA: [0, 0], numeratorB: [1, 1], denominatorB: [1, 1] })).toThrow(
      /denominators of arm A sum to 0/,
    );
  });
});
