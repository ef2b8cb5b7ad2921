import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  averagePrecisionOrNaN,
  binaryClfCurve,
  brier,
  createRng,
  EvalError,
  logLoss,
  messages,
  metrics,
  precisionRecallCurve,
  rocAuc,
  rocAucOrNaN,
  rocCurve,
  thresholdMetrics,
} from '../index';

// scikit-learn parity of every weighted metric is in test/interop/sklearn-parity.test.ts (and the
// golden vectors); these tests pin the properties that make weights mean what they say.

function catchEval(f: () => unknown): EvalError {
  try {
    f();
  } catch (e) {
    if (EvalError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('expected an EvalError');
}

const rng = createRng(7);
const n = 400;
const labels = Array.from({ length: n }, () => (rng() < 0.45 ? 1 : 0));
const scores = labels.map((y) => Math.round((0.7 * rng() + 0.3 * y) * 10) / 10); // probabilities, heavy ties
const counts = labels.map(() => Math.floor(rng() * 4)); // 0…3, zeros included

/** The rows repeated `counts[i]` times: integer weights must equal this. */
function replicate<T>(values: readonly T[]): T[] {
  return values.flatMap((v, i) => Array.from({ length: counts[i]! }, () => v));
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12);
const closeAll = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) Number.isFinite(b[i]!) ? close(a[i]!, b[i]!) : expect(a[i]).toBe(b[i]);
};

describe('sampleWeight', () => {
  const y2 = replicate(labels);
  const s2 = replicate(scores);
  const sampleWeight = counts;

  it('integer weights equal repeating each row that many times (zero = absent), metrics and curves', () => {
    close(rocAuc(labels, scores, { sampleWeight }), rocAuc(y2, s2));
    close(averagePrecision(labels, scores, { sampleWeight }), averagePrecision(y2, s2));
    close(logLoss(labels, scores, { sampleWeight }), logLoss(y2, s2));
    close(brier(labels, scores, { sampleWeight }), brier(y2, s2));
    const t = thresholdMetrics(labels, scores, { threshold: 0.6, sampleWeight });
    const u = thresholdMetrics(y2, s2, 0.6);
    for (const k of ['tp', 'fp', 'tn', 'fn', 'accuracy', 'precision', 'recall', 'f1'] as const) close(t[k], u[k]);
    for (const dropIntermediate of [true, false]) {
      const a = rocCurve(labels, scores, { sampleWeight, dropIntermediate });
      const b = rocCurve(y2, s2, { dropIntermediate });
      closeAll(a.fpr, b.fpr);
      closeAll(a.tpr, b.tpr);
      closeAll(a.thresholds, b.thresholds);
      const p = precisionRecallCurve(labels, scores, { sampleWeight, dropIntermediate });
      const q = precisionRecallCurve(y2, s2, { dropIntermediate });
      closeAll(p.precision, q.precision);
      closeAll(p.recall, q.recall);
      closeAll(p.thresholds, q.thresholds);
    }
    const c = binaryClfCurve(labels, scores, { sampleWeight });
    const d = binaryClfCurve(y2, s2);
    closeAll(c.thresholds, d.thresholds);
    closeAll(c.tps, d.tps);
    expect(c.positives).toBe(d.positives);
  });

  it('weights of one give the unweighted values; scaling every weight changes nothing', () => {
    const ones = labels.map(() => 1);
    const scaled = counts.map((c) => c * 0.37);
    for (const f of [rocAuc, averagePrecision, logLoss, brier] as const) {
      close(f(labels, scores, { sampleWeight: ones }), f(labels, scores));
      close(f(labels, scores, { sampleWeight: scaled }), f(labels, scores, { sampleWeight: counts }));
    }
  });

  it('a zero-weight row adds no threshold, as in scikit-learn', () => {
    const c = rocCurve([0, 1, 0, 1], [0.1, 0.9, 0.5, 0.3], { sampleWeight: [1, 1, 0, 1], dropIntermediate: false });
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.9, 0.3, 0.1]);
  });

  it('refuses negative, non-finite, all-zero, misaligned and non-array weights with typed errors', () => {
    const y = [0, 1, 1, 0];
    const s = [0.2, 0.7, 0.4, 0.5];
    for (const [name, f] of [
      ['rocAuc', rocAuc],
      ['averagePrecision', averagePrecision],
      ['logLoss', logLoss],
      ['brier', brier],
      ['rocCurve', rocCurve],
      ['precisionRecallCurve', precisionRecallCurve],
      ['thresholdMetrics', thresholdMetrics],
      ['binaryClfCurve', binaryClfCurve],
    ] as const) {
      const call = (w: unknown) => () => (f as (a: number[], b: number[], o: unknown) => unknown)(y, s, { sampleWeight: w });
      expect(catchEval(call([1, -0.5, 1, 1])).message).toBe(messages.negativeWeight(name, 1, -0.5));
      expect(catchEval(call([1, 1, NaN, 1])).message).toBe(messages.notFinite(name, 'sampleWeight', 2, NaN));
      expect(catchEval(call([0, 0, 0, 0])).message).toBe(messages.allZeroWeights(name, 4));
      expect(catchEval(call([1, 1])).code).toBe('LENGTH_MISMATCH');
      expect(catchEval(call(2)).code).toBe('INVALID_OPTION');
    }
  });

  it('a class whose rows all weigh 0 makes AUC undefined (scikit-learn: NaN and a warning); OrNaN gives the reason', () => {
    const y = [0, 1, 1, 0];
    const s = [0.2, 0.7, 0.4, 0.5];
    const e = catchEval(() => rocAuc(y, s, { sampleWeight: [1, 0, 0, 2] }));
    expect(e.code).toBe('UNDEFINED_METRIC');
    expect(e.message).toBe(messages.zeroWeightClass('rocAuc', 1));
    expect(rocAucOrNaN(y, s, { sampleWeight: [0, 1, 1, 0] })).toEqual({ value: NaN, reason: messages.zeroWeightClass('rocAuc', 0) });
    expect(averagePrecisionOrNaN(y, s, { sampleWeight: [1, 0, 0, 2] }).reason).toBe(messages.zeroWeightClass('averagePrecision', 1));
    expect(averagePrecision(y, s, { sampleWeight: [0, 1, 1, 0] })).toBe(1); // no negatives left: AP is defined
    expect(catchEval(() => rocCurve(y, s, { sampleWeight: [0, 1, 1, 0] })).code).toBe('UNDEFINED_METRIC');
  });

  it('a weight array in the options position is refused, not ignored (`rocAuc(y, s, w)`)', () => {
    const e = catchEval(() => (rocAuc as (...a: unknown[]) => number)([0, 1], [0.3, 0.6], [1, 2]));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe(messages.notAnObject('rocAuc', 'options', [1, 2]));
  });

  it('Metric objects forward sampleWeight; ECE (no sample_weight in scikit-learn) refuses it', () => {
    close(metrics.auc.compute(labels, scores, { sampleWeight: counts }), rocAuc(labels, scores, { sampleWeight: counts }));
    close(metrics.logloss.compute(labels, scores, { sampleWeight: counts }), logLoss(labels, scores, { sampleWeight: counts }));
    const e = catchEval(() => metrics.ece.compute(labels, scores, { sampleWeight: counts }));
    expect(e.message).toBe(messages.unknownKey('eceMetric.compute', 'options', 'sampleWeight', []));
  });

  it('thresholdMetrics still takes the threshold alone as third argument', () => {
    expect(thresholdMetrics([0, 1, 1], [0.2, 0.5, 0.9], 0.6)).toEqual(thresholdMetrics([0, 1, 1], [0.2, 0.5, 0.9], { threshold: 0.6 }));
    expect(thresholdMetrics([0, 1, 1], [0.2, 0.5, 0.9], 0.6).tp).toBe(1);
  });
});
