import { describe, expect, it } from 'vitest';
import { messages, createRng, cuped, minimumDetectableEffect, normalQuantile, requiredSampleSize, srmTest } from '../index';
import { normalVariate } from './random-variates';

describe('srmTest', () => {
  it('an injected 52/48 split at 100,000 users trips the check; an exact 50/50 does not', () => {
    const bad = srmTest([52_000, 48_000]);
    expect(bad.chiSquare).toBeCloseTo(160, 9);
    expect(bad.pValue).toBeLessThan(0.001);
    expect(bad.mismatch).toBe(true);
    const ok = srmTest([50_000, 50_000]);
    expect(ok.pValue).toBe(1);
    expect(ok.mismatch).toBe(false);
  });
  it('uses the configured weights and GrowthBook’s 0.001 threshold', () => {
    // 70/30 split as configured: no mismatch; the same counts against 50/50 are a gross mismatch.
    expect(srmTest([7_030, 2_970], [0.7, 0.3]).mismatch).toBe(false);
    expect(srmTest([7_030, 2_970]).mismatch).toBe(true);
    // χ² = 3.841458820694124 is the 95 % point of χ²(1): p = 0.05 exactly, which is above 0.001.
    const r = srmTest([50_000 + Math.sqrt(3.841458820694124 * 25_000), 50_000 - Math.sqrt(3.841458820694124 * 25_000)].map(Math.round));
    expect(r.pValue).toBeGreaterThan(0.049);
    expect(r.pValue).toBeLessThan(0.051);
    expect(r.threshold).toBe(0.001);
  });
  it('validates its input', () => {
    expect(() => srmTest([10, 10], [1, 1, 1])).toThrowError(messages.ab.weightsLength('srmTest', 2, 3));
    expect(() => srmTest([10, 10], [1, 0])).toThrowError(messages.ab.badWeight('srmTest', 1, 0));
    expect(() => srmTest([10])).toThrowError(messages.ab.tooFewArms('srmTest', 1));
  });
});

describe('cuped', () => {
  it('reduces the variance by about ρ² with a correlated covariate', () => {
    for (const rho of [0.3, 0.6, 0.85]) {
      const rng = createRng(Math.round(rho * 100));
      const n = 20_000;
      const mk = (shift: number) => {
        const x = new Float64Array(n);
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          x[i] = 5 + 2 * normalVariate(rng);
          y[i] = shift + (rho * (x[i]! - 5)) / 2 + Math.sqrt(1 - rho * rho) * normalVariate(rng);
        }
        return { x, y };
      };
      const a = mk(1);
      const b = mk(1.02);
      const r = cuped(a.y, a.x, b.y, b.x);
      expect(Math.abs(r.varianceReduction - rho * rho)).toBeLessThan(0.02);
      expect(Math.abs(r.correlation - rho)).toBeLessThan(0.02);
      expect(Math.abs(r.theta - rho / 2)).toBeLessThan(0.02);
    }
  });
  it('leaves the metric alone with an uncorrelated covariate and keeps the difference of means unbiased', () => {
    const rng = createRng(11);
    const n = 5000;
    const xa = Array.from({ length: n }, () => normalVariate(rng));
    const xb = Array.from({ length: n }, () => normalVariate(rng));
    const ya = Array.from({ length: n }, () => normalVariate(rng));
    const yb = Array.from({ length: n }, () => normalVariate(rng) + 0.1);
    const r = cuped(ya, xa, yb, xb);
    expect(Math.abs(r.varianceReduction)).toBeLessThan(0.01);
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + x, 0) / v.length;
    expect(Math.abs(mean(r.adjustedB) - mean(r.adjustedA) - 0.1)).toBeLessThan(0.06);
  });
});

describe('requiredSampleSize / minimumDetectableEffect', () => {
  const za = normalQuantile(0.975);
  const zb = normalQuantile(0.8);
  it('proportions: the classic pooled/unpooled formula (10 % → 12 % needs 3,841 users per arm)', () => {
    const p1 = 0.1;
    const p2 = 0.12;
    const pb = 0.11;
    const n = ((za * Math.sqrt(2 * pb * (1 - pb)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) / (p2 - p1)) ** 2;
    expect(requiredSampleSize({ baseline: 0.1, mde: 0.2 })).toBe(Math.ceil(n));
    expect(requiredSampleSize({ baseline: 0.1, mde: 0.2 })).toBe(3841);
    expect(requiredSampleSize({ baseline: 0.1, mde: 0.02, relative: false })).toBe(3841);
  });
  it('means: n = 2σ²(z_{1−α/2} + z_{1−β})² / δ², and the MDE inverts it', () => {
    const n = requiredSampleSize({ baseline: 3, mde: 0.1, relative: false, variance: 4 });
    expect(n).toBe(Math.ceil((2 * 4 * (za + zb) ** 2) / 0.01));
    expect(minimumDetectableEffect({ baseline: 3, nPerArm: 10_000, variance: 4, relative: false })).toBeCloseTo((za + zb) * Math.sqrt(8 / 10_000), 12);
  });
  it('MDE and sample size are inverse for proportions', () => {
    for (const [baseline, n] of [
      [0.55, 50_000],
      [0.03, 200_000],
      [0.2, 1_000],
    ] as const) {
      const mde = minimumDetectableEffect({ baseline, nPerArm: n });
      const back = requiredSampleSize({ baseline, mde });
      expect(Math.abs(back - n)).toBeLessThanOrEqual(1);
    }
  });
  it('asks for a variance when the baseline is not a proportion', () => {
    expect(() => requiredSampleSize({ baseline: 3, mde: 0.1 })).toThrowError(messages.ab.needVariance('requiredSampleSize'));
    expect(() => requiredSampleSize({ baseline: 0.9, mde: 0.2 })).toThrowError(messages.ab.mdeOutOfRange('requiredSampleSize', 0.9, 0.2, true));
  });
});
