import { describe, expect, it } from 'vitest';
import { messages, bayesianNormal, bayesianProportions, logGamma, normalCdf } from '../index';

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/** Evan Miller's closed form for integer αB: P(pB > pA) = Σ_{i<αB} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA)). */
function chanceClosedForm(aA: number, bA: number, aB: number, bB: number): number {
  let s = 0;
  for (let i = 0; i < aB; i++) s += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
  return s;
}

describe('bayesianProportions', () => {
  it('quadrature matches the closed-form chance to beat control to 1e-9', () => {
    for (const [sA, nA, sB, nB] of [
      [10, 100, 15, 100],
      [120, 1_000, 135, 1_000],
      [3, 40, 1, 35],
      [400, 4_000, 380, 4_100],
    ] as const) {
      const r = bayesianProportions({ successesA: sA, nA, successesB: sB, nB });
      expect(r.method).toBe('quadrature');
      expect(Math.abs(r.chanceToBeatControl - chanceClosedForm(1 + sA, 1 + nA - sA, 1 + sB, 1 + nB - sB))).toBeLessThan(1e-9);
    }
  });

  it('quadrature and seeded Monte Carlo agree within Monte Carlo error, and MC is reproducible', () => {
    const input = { successesA: 5_200, nA: 50_000, successesB: 5_350, nB: 50_000 };
    const q = bayesianProportions(input);
    const mc = bayesianProportions(input, { method: 'monte-carlo', draws: 200_000, seed: 42 });
    expect(mc.method).toBe('monte-carlo');
    expect(Math.abs(q.chanceToBeatControl - mc.chanceToBeatControl)).toBeLessThan(4 * Math.sqrt(0.25 / 200_000));
    expect(Math.abs(q.expectedLossA - mc.expectedLossA)).toBeLessThan(0.05 * q.expectedLossA + 1e-6);
    expect(Math.abs(q.expectedLossB - mc.expectedLossB)).toBeLessThan(0.05 * q.expectedLossB + 1e-6);
    expect(bayesianProportions(input, { method: 'monte-carlo', draws: 10_000, seed: 7 })).toEqual(
      bayesianProportions(input, { method: 'monte-carlo', draws: 10_000, seed: 7 }),
    );
  });

  it('expected losses satisfy E[(B−A)⁺] − E[(A−B)⁺] = E[B] − E[A]', () => {
    const r = bayesianProportions({ successesA: 30, nA: 200, successesB: 41, nB: 210 });
    const mA = r.posteriorA.alpha / (r.posteriorA.alpha + r.posteriorA.beta);
    const mB = r.posteriorB.alpha / (r.posteriorB.alpha + r.posteriorB.beta);
    expect(r.expectedLossA - r.expectedLossB).toBeCloseTo(mB - mA, 12);
    expect(r.expectedLossA).toBeGreaterThan(r.expectedLossB);
  });

  it('falls back to Monte Carlo for a posterior with a parameter below 1 and validates the prior', () => {
    expect(bayesianProportions({ successesA: 0, nA: 10, successesB: 1, nB: 10 }, { prior: { alpha: 0.5, beta: 0.5 } }).method).toBe('monte-carlo');
    expect(() => bayesianProportions({ successesA: 1, nA: 10, successesB: 1, nB: 10 }, { prior: { alpha: 0, beta: 1 } })).toThrowError(
      messages.ab.invalidPrior('bayesianProportions', { alpha: 0, beta: 1 }),
    );
  });
});

describe('bayesianNormal', () => {
  it('uses the normal closed forms', () => {
    const r = bayesianNormal(0.02, 0.01);
    const phi = Math.exp(-2) / Math.sqrt(2 * Math.PI);
    expect(r.chanceToBeatControl).toBeCloseTo(normalCdf(2), 14);
    expect(r.expectedLossA).toBeCloseTo(0.01 * phi + 0.02 * normalCdf(2), 14);
    expect(r.expectedLossB).toBeCloseTo(0.01 * phi - 0.02 * normalCdf(-2), 14);
  });
});
