import { describe, expect, it } from 'vitest';
import { calibrationCurve, EvalError, liftGain, policyCurves, precisionRecallCurve, rocCurve, scoreHistogram } from '../index';

describe('rocCurve / precisionRecallCurve', () => {
  it('starts at (0, 0) with an infinite threshold and ends at (1, 1)', () => {
    const r = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(Array.from(r.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(r.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(r.thresholds)).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
  });
  it('drops collinear points only when asked (default on)', () => {
    const y = [1, 1, 1, 0, 0, 0];
    const s = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1];
    expect(rocCurve(y, s).fpr.length).toBe(4);
    expect(rocCurve(y, s, { dropIntermediate: false }).fpr.length).toBe(7);
  });
  it('PR curve ends with precision 1 at recall 0 and has increasing thresholds', () => {
    const p = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(Array.from(p.precision)).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(Array.from(p.recall)).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(Array.from(p.thresholds)).toEqual([0.1, 0.35, 0.4, 0.8]);
  });
  it('single class is a typed error', () => {
    expect(() => rocCurve([1, 1], [0.1, 0.2])).toThrow(EvalError);
  });
});

describe('calibrationCurve', () => {
  it('drops empty bins like sklearn', () => {
    const c = calibrationCurve([0, 1, 1, 0], [0.1, 0.15, 0.9, 0.95], { nBins: 5 });
    expect(Array.from(c.probTrue)).toEqual([0.5, 0.5]);
    expect(Array.from(c.counts)).toEqual([2, 2]);
    expect(c.edges.length).toBe(6);
  });
  it('validates strategy, bins and probabilities', () => {
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { strategy: 'x' as never })).toThrow(/strategy/);
    expect(() => calibrationCurve([0, 1], [0.2, 0.8], { nBins: 0 })).toThrow(/nBins/);
    expect(() => calibrationCurve([0, 1], [-0.2, 0.8])).toThrow(/\[0, 1\]/);
  });
});

describe('liftGain', () => {
  it('cuts sorted rows into deciles; the last cumulative gain is 1', () => {
    const n = 100;
    const scores = Array.from({ length: n }, (_, i) => 1 - i / n);
    const labels = scores.map((_, i) => (i < 30 ? 1 : 0));
    const t = liftGain(labels, scores);
    expect(t.rows).toHaveLength(10);
    expect(t.baseRate).toBe(0.3);
    expect(t.rows[0]).toMatchObject({ n: 10, positives: 10, rate: 1 });
    expect(t.rows[0]!.lift).toBeCloseTo(1 / 0.3, 12);
    expect(t.rows[2]!.cumulativeGain).toBe(1);
    expect(t.rows[9]!.cumulativeGain).toBe(1);
    expect(t.rows[9]!.cumulativeLift).toBeCloseTo(1, 12);
  });
});

describe('scoreHistogram', () => {
  it('counts with numpy semantics (last bin closed) and splits by label', () => {
    const h = scoreHistogram([0, 0.25, 0.5, 1, 1], { bins: 4, range: [0, 1], labels: [0, 1, 1, 0, 1] });
    expect(Array.from(h.counts)).toEqual([1, 1, 1, 2]);
    expect(Array.from(h.countsPositive!)).toEqual([0, 1, 1, 1]);
    expect(Array.from(h.countsNegative!)).toEqual([1, 0, 0, 1]);
  });
});

describe('policyCurves maxCurvePoints', () => {
  // 5,000 rows with distinct scores: ROC and PR curves of thousands of points
  const n = 5000;
  const scores = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n + 1e-9 * i);
  const labels = Float64Array.from(scores, (s, i) => (s + ((i * 104729) % 97) / 97 > 1 ? 1 : 0));
  const full = policyCurves('A', labels, scores);

  it('keeps at most that many points, the ends included, each a point of the full curve at evenly spaced thresholds', () => {
    const thin = policyCurves('A', labels, scores, { maxCurvePoints: 101 });
    expect(full.fullCurvePoints).toBeUndefined();
    expect(thin.fullCurvePoints).toEqual({ roc: full.roc.fpr.length, pr: full.pr.precision.length });
    expect(full.roc.fpr.length).toBeGreaterThan(1000);
    expect(thin.roc.fpr.length).toBe(101);
    expect(thin.pr.precision.length).toBe(101);
    expect(thin.pr.thresholds.length).toBe(100);
    // every kept ROC point is the full curve's point at the same threshold, ends included
    const rocAt = new Map(Array.from(full.roc.thresholds, (t, i) => [t, [full.roc.fpr[i], full.roc.tpr[i]]]));
    thin.roc.thresholds.forEach((t, i) => expect(rocAt.get(t)).toEqual([thin.roc.fpr[i], thin.roc.tpr[i]]));
    expect([thin.roc.fpr[0], thin.roc.tpr[0], thin.roc.fpr.at(-1), thin.roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    const prAt = new Map(Array.from(full.pr.thresholds, (t, i) => [t, [full.pr.precision[i], full.pr.recall[i]]]));
    thin.pr.thresholds.forEach((t, i) => expect(prAt.get(t)).toEqual([thin.pr.precision[i], thin.pr.recall[i]]));
    expect([thin.pr.thresholds[0], thin.pr.thresholds.at(-1)]).toEqual([full.pr.thresholds[0], full.pr.thresholds.at(-1)]);
    expect([thin.pr.precision.at(-1), thin.pr.recall.at(-1)]).toEqual([1, 0]);
    // evenly spaced: no gap between kept thresholds spans more than ceil(n / 100) full points
    const rank = new Map(Array.from(full.pr.thresholds, (t, i) => [t, i]));
    const idx = Array.from(thin.pr.thresholds, (t) => rank.get(t)!);
    for (let k = 1; k < idx.length; k++) expect(idx[k]! - idx[k - 1]!).toBeLessThanOrEqual(Math.ceil(full.pr.thresholds.length / 99));
    // the headline numbers use every row
    expect([thin.auc, thin.ap]).toEqual([full.auc, full.ap]);
  });

  it('leaves curves with no more points as they are, and refuses a bound that is not an integer >= 2', () => {
    const big = policyCurves('A', labels, scores, { maxCurvePoints: 1_000_000 });
    expect(big.fullCurvePoints).toBeUndefined();
    expect(Array.from(big.pr.precision)).toEqual(Array.from(full.pr.precision));
    for (const bad of [1, 2.5, Number.NaN, -3]) expect(() => policyCurves('A', labels, scores, { maxCurvePoints: bad })).toThrow(/maxCurvePoints/);
  });
});
