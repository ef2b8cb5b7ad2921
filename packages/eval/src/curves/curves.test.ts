import { describe, expect, it } from 'vitest';
import { calibrationCurve, EvalError, liftGain, precisionRecallCurve, rocCurve, scoreHistogram } from '../index';

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
