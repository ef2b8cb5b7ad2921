import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  averagePrecisionOrNaN,
  brier,
  EvalError,
  expectedCalibrationError,
  logLoss,
  messages,
  ORIGINAL_LOGLOSS_CLIP,
  rocAuc,
  rocAucOrNaN,
  thresholdMetrics,
} from '../index';

/** O(P·N) Mann–Whitney, the definition ROC-AUC must equal (ties count one half). */
function bruteAuc(y: number[], s: number[]): number {
  let num = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++)
    for (let j = 0; j < y.length; j++)
      if (y[i] === 1 && y[j] === 0) {
        pairs++;
        num += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
  return num / pairs;
}

function catchEval(f: () => unknown): EvalError {
  try {
    f();
  } catch (e) {
    if (EvalError.isInstance(e)) return e;
    throw e;
  }
  throw new Error('expected an EvalError');
}

describe('rocAuc', () => {
  it('equals the Mann–Whitney statistic with ties', () => {
    const y = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0];
    const s = [0.9, 0.9, 0.5, 0.5, 0.5, 0.1, 0.3, 0.3, 0.7, 0.2];
    expect(rocAuc(y, s)).toBeCloseTo(bruteAuc(y, s), 15);
    expect(rocAuc([0, 1], [0.2, 0.8])).toBe(1);
    expect(rocAuc([1, 0], [0.2, 0.8])).toBe(0);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });
  it('accepts typed arrays and raw (non-probability) scores', () => {
    expect(rocAuc(Uint8Array.from([0, 1, 1]), Float32Array.from([-3, 10, 2]))).toBe(1);
  });
  it('rejects single-class labels, NaN, length mismatch and non-binary labels with typed errors', () => {
    const single = catchEval(() => rocAuc([1, 1, 1], [0.1, 0.2, 0.3]));
    expect(single.code).toBe('UNDEFINED_METRIC');
    expect(single.message).toBe(messages.singleClass('rocAuc', 3, 1));
    expect(catchEval(() => rocAuc([0, 1], [0.1, NaN])).message).toBe(messages.notFinite('rocAuc', 'scores', 1, NaN));
    expect(catchEval(() => rocAuc([0, 1, 1], [0.1, 0.2])).code).toBe('LENGTH_MISMATCH');
    expect(catchEval(() => rocAuc([0, 2], [0.1, 0.2])).message).toBe(messages.notBinary('rocAuc', 1, 2));
    expect(catchEval(() => rocAuc([], [])).code).toBe('INVALID_INPUT');
  });
  it('OrNaN variant returns NaN with the reason instead of throwing', () => {
    expect(rocAucOrNaN([0, 0], [0.1, 0.2])).toEqual({ value: NaN, reason: messages.singleClass('rocAuc', 2, 0) });
    expect(rocAucOrNaN([0, 1], [0.1, 0.2])).toEqual({ value: 1, reason: null });
    expect(() => rocAucOrNaN([0, 1], [0.1])).toThrow(EvalError);
  });
});

describe('averagePrecision', () => {
  it('is the step sum of precision over recall increments', () => {
    // Ranking: 0.9(+) 0.8(-) 0.7(+) 0.1(-): P@1=1, P@3=2/3 → AP = 0.5·1 + 0.5·2/3.
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(0.5 + 1 / 3, 15);
    // A tie between a positive and a negative is one threshold: precision 1/2 at recall 1.
    expect(averagePrecision([1, 0], [0.5, 0.5])).toBe(0.5);
  });
  it('needs a positive', () => {
    expect(catchEval(() => averagePrecision([0, 0], [0.1, 0.2])).code).toBe('UNDEFINED_METRIC');
    expect(averagePrecisionOrNaN([0, 0], [0.1, 0.2]).value).toBeNaN();
    expect(averagePrecision([1, 1], [0.1, 0.2])).toBe(1);
  });
});

describe('logLoss', () => {
  it('matches the cross-entropy formula, with sklearn, original and no clipping', () => {
    const y = [1, 0, 1];
    const p = [0.8, 0.3, 0.6];
    const expected = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6)) / 3;
    expect(logLoss(y, p)).toBeCloseTo(expected, 14);
    expect(logLoss([1], [0], { clip: ORIGINAL_LOGLOSS_CLIP })).toBeCloseTo(-Math.log(1e-7), 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(Number.EPSILON), 12);
    expect(logLoss([1], [0], { clip: 0 })).toBe(Infinity);
    expect(logLoss([0], [0], { clip: 0 })).toBe(0);
  });
  it('rejects probabilities outside [0, 1]', () => {
    const e = catchEval(() => logLoss([1, 0], [0.5, 1.2]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(messages.probabilityOutOfRange('logLoss', 1, 1.2));
    expect(catchEval(() => logLoss([1], [NaN])).code).toBe('INVALID_INPUT');
  });
});

describe('brier, ECE, threshold metrics', () => {
  it('brier is the mean squared error', () => {
    expect(brier([1, 0], [0.75, 0.5])).toBeCloseTo((0.0625 + 0.25) / 2, 15);
  });
  it('ECE is zero for perfectly calibrated bins and |gap| otherwise', () => {
    expect(expectedCalibrationError([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0);
    expect(expectedCalibrationError([1, 1, 1, 1], [0.55, 0.55, 0.55, 0.55])).toBeCloseTo(0.45, 15);
  });
  it('threshold metrics count score >= threshold as positive', () => {
    const t = thresholdMetrics([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.2, 0.5], 0.5);
    expect(t).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 1, accuracy: 0.6, precision: 2 / 3, recall: 2 / 3 });
    expect(t.f1).toBeCloseTo(2 / 3, 15);
    expect(thresholdMetrics([1, 0], [0.1, 0.2], 0.9)).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});
