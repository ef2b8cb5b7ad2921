import { describe, expect, test } from 'vitest';
import { GBDT, InvalidInputError, ModelsError, NotFittedError } from '../../src/index';
import { synthetic, toCsr } from './helpers';

const { X, y } = synthetic(300, 1);

function inputError(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(ModelsError.isInstance(e)).toBe(true);
    return e as InvalidInputError;
  }
  throw new Error('expected InvalidInputError');
}

describe('GBDT errors', () => {
  test('unfitted model throws NotFittedError from every fitted accessor', () => {
    const m = new GBDT();
    for (const f of [
      () => m.predictProba(X),
      () => m.predictRaw(X),
      () => m.toLightGBMText(),
      () => m.toJSON(),
      () => m.featureImportance(),
      () => m.featureNames,
      () => m.bestIteration,
      () => m.numTrees,
    ]) {
      expect(f).toThrow(NotFittedError);
    }
    expect(() => m.predictProba(X)).toThrow(/predictRaw needs a fitted model/);
  });

  test('X / y length mismatch', () => {
    expect(inputError(() => new GBDT().fit(X, y.subarray(0, 10))).message).toMatch(/300 rows but 10 labels/);
  });

  test('NaN, Inf and non-binary labels name the row', () => {
    for (const bad of [Number.NaN, Infinity, 2, -1, 0.5]) {
      const yy = Float64Array.from(y);
      yy[17] = bad;
      expect(inputError(() => new GBDT().fit(X, yy)).message).toMatch(new RegExp(`row 17 is ${bad}`));
    }
  });

  test('a single class is rejected', () => {
    expect(inputError(() => new GBDT().fit(X, new Float64Array(300).fill(1))).message).toMatch(/all 1/);
  });

  test('zero rows', () => {
    expect(inputError(() => new GBDT().fit({ rows: 0, cols: 5, data: new Float64Array(0) }, [])).message).toMatch(/zero rows/);
  });

  test('malformed matrices', () => {
    expect(inputError(() => new GBDT().fit({ rows: 300, cols: 5, data: new Float64Array(10) }, y)).message).toMatch(/rows × cols/);
    const csr = toCsr(X);
    expect(inputError(() => new GBDT().fit({ ...csr, indptr: csr.indptr.subarray(0, 5) }, y)).message).toMatch(/indptr/);
    const badIdx = Int32Array.from(csr.indices);
    badIdx[3] = 99;
    expect(inputError(() => new GBDT().fit({ ...csr, indices: badIdx }, y)).message).toMatch(/column index 99/);
  });

  test('feature count at predict must match training', () => {
    const m = new GBDT({ num_iterations: 2 }).fit(X, y);
    const e = inputError(() => m.predictProba({ rows: 1, cols: 4, data: new Float64Array(4) }));
    expect(e.message).toMatch(/4 features but the model was trained on 5/);
  });

  test('valid set with another feature count, or wrong featureNames length', () => {
    const v = { X: { rows: 1, cols: 3, data: new Float64Array(3) }, y: [1] };
    expect(inputError(() => new GBDT().fit(X, y, { valid: v })).message).toMatch(/valid.X has 3 features/);
    expect(inputError(() => new GBDT().fit(X, y, { featureNames: ['a'] })).message).toMatch(/featureNames has 1 names for 5/);
  });
});
