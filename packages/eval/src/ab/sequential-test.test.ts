import { describe, expect, it } from 'vitest';
import { messages, mixingRho2, sequentialCheckpointsFromMoments, sequentialTest, summarizeArm } from '../index';

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
    const width = (users: number, tuningN: number) => sequentialTest([{ estimate: 0, variance: 4 / users, users }], { tuningN }).points[0]!.boundary * Math.sqrt(users / 4);
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
    expect(() => sequentialTest([])).toThrowError(messages.ab.noCheckpoints('sequentialTest'));
    expect(() => sequentialTest([{ estimate: 0, variance: 0, users: 3 }])).toThrowError(messages.ab.badCheckpoint('sequentialTest', 0, 'variance', 0));
  });
});
