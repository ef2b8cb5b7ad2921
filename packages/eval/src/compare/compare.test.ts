import { describe, expect, it } from 'vitest';
import {
  aucConfidenceInterval,
  compareAB,
  createRng,
  delongTest,
  EvalError,
  logLossMetric,
  pairedBootstrap,
  prAucMetric,
  rocAuc,
  verdict,
  abTrackingMetrics,
  aucMetric,
  brierMetric,
} from '../index';

function data(seed: number, n: number, shiftB: number) {
  const rng = createRng(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const labels: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = rng() < 0.5 ? 1 : 0;
    const common = g();
    labels.push(y);
    a.push(1 / (1 + Math.exp(-(common + 0.5 * y))));
    b.push(1 / (1 + Math.exp(-(common + (0.5 + shiftB) * y + 0.3 * g()))));
  }
  return { labels, a, b };
}

/** DeLong (1988) by definition, O(m·n): ψ kernel components, sample covariances. */
function delongBrute(y: number[], a: number[], b: number[]) {
  const pos = y.flatMap((v, i) => (v === 1 ? [i] : []));
  const neg = y.flatMap((v, i) => (v === 0 ? [i] : []));
  const psi = (x: number, z: number) => (x > z ? 1 : x === z ? 0.5 : 0);
  const comp = (s: number[]) => ({
    v10: pos.map((i) => neg.reduce((t, j) => t + psi(s[i]!, s[j]!), 0) / neg.length),
    v01: neg.map((j) => pos.reduce((t, i) => t + psi(s[i]!, s[j]!), 0) / pos.length),
  });
  const ca = comp(a);
  const cb = comp(b);
  const cov = (x: number[], z: number[]) => {
    const mx = x.reduce((t, v) => t + v, 0) / x.length;
    const mz = z.reduce((t, v) => t + v, 0) / z.length;
    return x.reduce((t, v, i) => t + (v - mx) * (z[i]! - mz), 0) / (x.length - 1);
  };
  const v = (p: number[], q: number[], r: number[], s: number[]) => cov(p, q) / pos.length + cov(r, s) / neg.length;
  const varDiff = v(ca.v10, ca.v10, ca.v01, ca.v01) + v(cb.v10, cb.v10, cb.v01, cb.v01) - 2 * v(ca.v10, cb.v10, ca.v01, cb.v01);
  return { se: Math.sqrt(varDiff), seA: Math.sqrt(v(ca.v10, ca.v10, ca.v01, ca.v01)) };
}

describe('delongTest', () => {
  it('matches the O(m·n) definition, with ties, and its AUCs equal rocAuc', () => {
    const { labels, a, b } = data(1, 300, 0.4);
    const ar = a.map((v) => Math.round(v * 10) / 10);
    const d = delongTest(labels, ar, b);
    const brute = delongBrute(labels, ar, b);
    expect(d.se).toBeCloseTo(brute.se, 13);
    expect(d.a.se).toBeCloseTo(brute.seA, 13);
    expect(d.a.auc).toBeCloseTo(rocAuc(labels, ar), 14);
    expect(d.diff).toBeCloseTo(rocAuc(labels, b) - rocAuc(labels, ar), 14);
    expect(d.ciHigh - d.diff).toBeCloseTo(1.959963984540054 * d.se, 12);
  });
  it('finds a real difference and not a fake one', () => {
    const big = data(2, 4000, 1.0);
    expect(delongTest(big.labels, big.a, big.b).pValue).toBeLessThan(1e-6);
    const same = delongTest(big.labels, big.a, big.a);
    expect(same.diff).toBe(0);
    expect(same.pValue).toBe(1);
  });
  it('single-class labels throw', () => {
    expect(() => delongTest([1, 1], [0.1, 0.2], [0.3, 0.4])).toThrow(EvalError);
    expect(() => aucConfidenceInterval([0, 1, 1], [0.1, 0.2])).toThrow(/LENGTH|rows/);
  });
});

describe('pairedBootstrap', () => {
  const { labels, a, b } = data(3, 600, 0.6);
  it('is reproducible from its seed and changes with it', () => {
    const r1 = pairedBootstrap(labels, a, b, prAucMetric, { nResamples: 200, seed: 7 });
    const r2 = pairedBootstrap(labels, a, b, prAucMetric, { nResamples: 200, seed: 7 });
    const r3 = pairedBootstrap(labels, a, b, prAucMetric, { nResamples: 200, seed: 8 });
    expect(r1).toEqual(r2);
    expect(r3.diff.ciLow).not.toBe(r1.diff.ciLow);
    expect(r1.diff.ciLow).toBeLessThan(r1.diff.estimate);
    expect(r1.diff.ciHigh).toBeGreaterThan(r1.diff.estimate);
  });
  it('skips replicates where the metric is undefined', () => {
    const r = pairedBootstrap([1, 0], [0.9, 0.1], [0.8, 0.2], { name: 'auc', label: 'AUC', higherIsBetter: true, compute: rocAuc }, { nResamples: 100 });
    expect(r.nSkipped).toBeGreaterThan(0);
    expect(r.nValid + r.nSkipped).toBe(100);
  });
});

describe('verdict and compareAB', () => {
  it('respects the metric direction', () => {
    expect(verdict({ diff: 0.02, ciLow: 0.01, ciHigh: 0.03, higherIsBetter: true }).text).toBe('B better');
    expect(verdict({ diff: 0.02, ciLow: 0.01, ciHigh: 0.03, higherIsBetter: false }).text).toBe('A better');
    expect(verdict({ diff: -0.02, ciLow: -0.03, ciHigh: -0.01, higherIsBetter: true }).winner).toBe('A');
    expect(verdict({ diff: 0.01, ciLow: -0.01, ciHigh: 0.03, higherIsBetter: true, alpha: 0.01 }).text).toBe('no significant difference at α = 0.01');
  });
  it('reports bootstrap progress once per replicate without changing the result', () => {
    const { labels, a, b } = data(5, 800, 1.0);
    const seen: [number, number][] = [];
    const withHook = compareAB(labels, a, b, { nResamples: 40, onProgress: (done, total) => seen.push([done, total]) });
    const without = compareAB(labels, a, b, { nResamples: 40 });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => [i + 1, 40]));
    expect(withHook).toEqual(without);
  });
  it('compares A and B on AUC (DeLong) and bootstrapped metrics with verdicts', () => {
    const { labels, a, b } = data(4, 3000, 1.0);
    const c = compareAB(labels, a, b, { nResamples: 100, bootstrapMetrics: [prAucMetric, logLossMetric] });
    expect(c.rows.map((r) => r.metric)).toEqual(['auc', 'pr_auc', 'logloss']);
    expect(c.rows[0]!.method).toBe('delong');
    expect(c.rows[0]!.verdict.text).toBe('B better');
    expect(c.rows[1]!.verdict.text).toBe('B better');
    const m = abTrackingMetrics(c, 'A_logreg', 'B_lgbm');
    expect(m.A_logreg_test_auc).toBe(c.rows[0]!.a.estimate);
    expect(m.B_lgbm_test_pr_auc).toBe(c.rows[1]!.b.estimate);
    expect(m.delong_test_p_value).toBe(c.delong.pValue);
  });
});

describe('weighted fast path', () => {
  it('gives the same bootstrap as materializing every resample', () => {
    const { labels, a, b } = data(6, 400, 0.5);
    const ar = a.map((v) => Math.round(v * 20) / 20);
    for (const m of [aucMetric, prAucMetric, logLossMetric, brierMetric]) {
      const fast = pairedBootstrap(labels, ar, b, m, { nResamples: 60, seed: 5 });
      const slow = pairedBootstrap(labels, ar, b, { ...m, prepare: undefined }, { nResamples: 60, seed: 5 });
      expect(fast.nValid).toBe(slow.nValid);
      expect(fast.diff.ciLow).toBeCloseTo(slow.diff.ciLow, 12);
      expect(fast.diff.ciHigh).toBeCloseTo(slow.diff.ciHigh, 12);
      expect(fast.a.ciLow).toBeCloseTo(slow.a.ciLow, 12);
    }
  });
});
