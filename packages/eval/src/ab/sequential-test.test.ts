import { describe, expect, it } from 'vitest';
import { createRng, EvalError, messages, mixingRho2, momentsFromSums, sequentialCheckpointsFromMoments, sequentialTest, sumArm, summarizeArm } from '../index';
import { ratioVariance } from './ratio-metric-test';

describe('sequentialTest (mSPRT, normal mixture)', () => {
  it('the boundary is where Λ = 1/α, and the confidence sequence is estimate ± boundary', () => {
    const alpha = 0.05;
    const v = 1e-4;
    const users = 8_000;
    const probe = sequentialTest([{ estimate: 0, variance: v, users }], { alpha });
    const h = probe.points[0]!.boundary;
    const at = sequentialTest([{ estimate: h, variance: v, users }], { alpha }).points[0]!;
    expect(at.lambda).toBeCloseTo(1 / alpha, 9);
    expect(at.pValue).toBeCloseTo(alpha, 12);
    expect(at.ciLow).toBeCloseTo(0, 12);
    // Independent formula: τ² = ρ² V N, h² = V(V+τ²)/τ² · (2 ln(1/α) + ln((V+τ²)/V)).
    const tau2 = mixingRho2(alpha, 5000) * v * users;
    expect(h).toBeCloseTo(Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v))), 14);
    // Always wider than the fixed-horizon 1.96 σ: the price of peeking.
    expect(h).toBeGreaterThan(1.96 * Math.sqrt(v));
  });

  it('is tightest near the tuning sample size', () => {
    const width = (users: number, tuningN: number) =>
      sequentialTest([{ estimate: 0, variance: 4 / users, users }], { tuningN }).points[0]!.boundary * Math.sqrt(users / 4);
    // Boundary in σ units at N* is smaller with the matching tuning than with a far-off one.
    expect(width(5_000, 5_000)).toBeLessThan(width(5_000, 500_000));
    expect(width(500_000, 500_000)).toBeLessThan(width(500_000, 5_000));
  });

  it('p-values never increase, rejection is sticky, and a real effect is found', () => {
    const cps = [0.1, 0.3, 0.05, 0.5, 0.2].map((e, i) => ({ at: i, estimate: e, variance: 0.01 / (i + 1), users: 1000 * (i + 1) }));
    const r = sequentialTest(cps);
    for (let i = 1; i < r.points.length; i++) expect(r.points[i]!.pValue).toBeLessThanOrEqual(r.points[i - 1]!.pValue);
    expect(r.rejected).toBe(true);
    expect(r.points.slice(r.firstRejectionIndex).every((p) => p.rejected)).toBe(true);
  });

  it('builds checkpoints from cumulative moments (means and ratios) and validates', () => {
    const a = summarizeArm([0, 1, 0, 0, 1, 0], [3, 2, 4, 1, 2, 2]);
    const b = summarizeArm([1, 1, 0, 1, 1, 0], [2, 2, 3, 1, 2, 3]);
    const [cp] = sequentialCheckpointsFromMoments([{ at: 'd1', a, b }]);
    expect(cp!.estimate).toBeCloseTo(4 / 13 - 2 / 14, 14);
    expect(cp!.users).toBe(12);
    expect(cp!.usersPerArm).toEqual([6, 6]);
    expect(() => sequentialTest([])).toThrowError(messages.ab.noCheckpoints('sequentialTest'));
    expect(() => sequentialTest([{ estimate: 0, variance: 0, users: 3 }])).toThrowError(messages.ab.zeroCheckpointVariance('sequentialTest', 0));
    expect(() => sequentialTest([{ estimate: 0, variance: -1, users: 3 }])).toThrowError(messages.ab.badCheckpoint('sequentialTest', 0, 'variance', -1));
    expect(() => sequentialTest([{ estimate: 0, variance: 1, nullVariance: NaN, users: 3 }])).toThrowError(
      messages.ab.badCheckpoint('sequentialTest', 0, 'nullVariance', NaN),
    );
    expect(() => sequentialTest([{ estimate: 0, variance: 1, users: 10, usersPerArm: [4, 5] }])).toThrowError(
      messages.ab.badUsersPerArm('sequentialTest', 0, [4, 5], 10),
    );
    expect(() => sequentialTest([{ estimate: 0, variance: 1, users: 10 }], { burnInPerArm: -1 })).toThrowError(
      messages.invalidOption('sequentialTest', 'burnInPerArm', -1, 'a number ≥ 0'),
    );
    // A misspelt field is refused, not ignored (a checkpoint without its null variance is a weaker test).
    const misspelt = () => sequentialTest([{ estimate: 0, variance: 1, users: 10, nullvariance: 2 } as never]);
    expect(misspelt).toThrowError(EvalError);
    expect(misspelt).toThrowError(/checkpoints\[0\].*unknown key "nullvariance"/);
  });

  it("the null variance is the pooled sample's: s²(1/nA + 1/nB), and for a ratio the residuals y − R₀x pooled", () => {
    const rng = createRng(11);
    const draw = (n: number, p: number) => Array.from({ length: n }, () => (rng() < p ? 1 + Math.floor(rng() * 3) : 0));
    const yA = draw(37, 0.3);
    const yB = draw(52, 0.4);
    const xA = yA.map((y) => y + 1 + Math.floor(rng() * 4));
    const xB = yB.map((y) => y + 1 + Math.floor(rng() * 4));
    const variance = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
    };
    // Means: the sample variance of all 89 units, computed here on the concatenation.
    const [mean] = sequentialCheckpointsFromMoments([{ at: 1, a: summarizeArm(yA), b: summarizeArm(yB) }]);
    expect(mean!.nullVariance).toBeCloseTo(variance([...yA, ...yB]) * (1 / 37 + 1 / 52), 14);
    // Ratios: R₀ = Σy / Σx over both arms; residuals y − R₀x of every unit; Var(R̂ₖ) = s²ᵣ / (nₖ x̄ₖ²).
    const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
    const r0 = (sum(yA) + sum(yB)) / (sum(xA) + sum(xB));
    const resid = [...yA.map((y, i) => y - r0 * xA[i]!), ...yB.map((y, i) => y - r0 * xB[i]!)];
    const s2 = resid.reduce((s, r) => s + r * r, 0) / (resid.length - 1); // Σ residuals = 0 by construction of R₀
    const expected = s2 * (1 / (37 * (sum(xA) / 37) ** 2) + 1 / (52 * (sum(xB) / 52) ** 2));
    const [ratio] = sequentialCheckpointsFromMoments([{ at: 1, a: summarizeArm(yA, xA), b: summarizeArm(yB, xB) }]);
    expect(ratio!.nullVariance! / expected).toBeCloseTo(1, 12);
    // The sufficient-statistics entry point gives the same checkpoint to 1e-9.
    const [fromSums] = sequentialCheckpointsFromMoments([
      { at: 1, a: momentsFromSums(sumArm(yA, { denominators: xA })), b: momentsFromSums(sumArm(yB, { denominators: xB })) },
    ]);
    for (const k of ['estimate', 'variance', 'nullVariance'] as const) expect(Math.abs(fromSums![k]! - ratio![k]!)).toBeLessThan(1e-9 * Math.abs(ratio![k]!));
  });

  it('decides on max(variance, nullVariance): an arm without clicks yet cannot make it reject', () => {
    // Day one, 8 units per arm, most without impressions yet: A's one active unit has no click (its delta-method
    // variance is 0), B's clicking units sit at 1 click per 2 impressions. The unpooled SE of B − A is 0.076 and
    // z = 5.7, an A/A rejection; under H0 (one ratio for both arms) the SE is 0.36.
    const a = summarizeArm([0, 0, 0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0, 0, 0]);
    const b = summarizeArm([1, 1, 1, 0, 0, 0, 0, 0], [2, 2, 2, 1, 0, 0, 0, 0]);
    const [cp] = sequentialCheckpointsFromMoments([{ at: 'd1', a, b }]);
    expect(cp!.variance).toBeLessThan(cp!.nullVariance!);
    const lax = sequentialTest([{ estimate: cp!.estimate, variance: cp!.variance, users: 16 }], { tuningN: 150, burnInPerArm: 0 });
    const fixed = sequentialTest([cp!], { tuningN: 150, burnInPerArm: 0 });
    expect(lax.rejected).toBe(true);
    expect(fixed.rejected).toBe(false);
    expect(fixed.points[0]!.se).toBeCloseTo(Math.sqrt(cp!.nullVariance!), 15);
    // Same result as passing the larger variance as `variance`.
    const same = sequentialTest([{ estimate: cp!.estimate, variance: cp!.nullVariance!, users: 16 }], { tuningN: 150, burnInPerArm: 0 });
    expect(fixed.points[0]!.lambda).toBe(same.points[0]!.lambda);
  });

  it('a ratio whose every unit has the same y/x has a delta-method variance of exactly 0, not rounding', () => {
    const m = summarizeArm([0.1, 0.3, 0, 0.7, 0.2], [1, 3, 0, 7, 2]);
    expect(ratioVariance(m)).toBe(0);
    expect(ratioVariance(momentsFromSums(sumArm([0.1, 0.3, 0, 0.7, 0.2], { denominators: [1, 3, 0, 7, 2] })))).toBe(0);
  });

  it('within the burn-in a look is reported but may not reject; from it on the test runs as before', () => {
    const cps = [10, 20, 40, 80].map((n, i) => ({ at: i, estimate: 2, variance: 1 / n, users: 2 * n, usersPerArm: [n, n] as const }));
    const r = sequentialTest(cps, { burnInPerArm: 30, tuningN: 160 });
    expect(r.burnInPerArm).toBe(30);
    expect(r.points.map((p) => p.burnIn)).toEqual([true, true, false, false]);
    for (const p of r.points.slice(0, 2)) {
      expect(p.pValue).toBe(1);
      expect(p.rejected).toBe(false);
      expect(p.boundary).toBe(Infinity);
      expect([p.ciLow, p.ciHigh]).toEqual([-Infinity, Infinity]);
      expect(p.lambda).toBeGreaterThan(20); // Λ ≥ 1/α already, but it does not count
    }
    const none = sequentialTest(cps, { burnInPerArm: 0, tuningN: 160 });
    expect(none.firstRejectionIndex).toBe(0);
    expect(r.firstRejectionIndex).toBe(2);
    // Past the burn-in every figure equals the test without one.
    expect(r.points[2]).toEqual({ ...none.points[2], pValue: expect.any(Number) });
    expect(r.points[2]!.boundary).toBe(none.points[2]!.boundary);
    // The smaller arm counts: 100 users split 90/10 are within a burn-in of 30.
    expect(sequentialTest([{ estimate: 1, variance: 0.01, users: 100, usersPerArm: [90, 10] }]).points[0]!.burnIn).toBe(true);
    // Without usersPerArm the split is taken as even.
    expect(sequentialTest([{ estimate: 1, variance: 0.01, users: 60 }]).points[0]!.burnIn).toBe(false);
  });
});
