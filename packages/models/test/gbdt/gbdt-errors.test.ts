import { describe, expect, test } from 'vitest';
import { GBDT, InvalidArgumentError, InvalidInputError, ModelsError, NotFittedError, messages } from '../../src/index';
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

  test('the GBDT-only functions refuse surplus arguments and unknown options, naming the function', () => {
    const m = new GBDT({ num_iterations: 2 }).fit(X, y);
    const argErr = (fn: () => unknown, name: string, what: RegExp) => {
      let err: unknown;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      expect(InvalidArgumentError.isInstance(err), name).toBe(true);
      expect((err as InvalidArgumentError).fn).toBe(name);
      expect((err as Error).message).toMatch(what);
    };
    argErr(() => (m.predictRaw as (...a: unknown[]) => unknown)(X, {}, 1), 'GBDT.predictRaw', /at most 2 arguments/);
    argErr(() => m.predictRaw(X, { outt: new Float64Array(300) } as never), 'GBDT.predictRaw', /options.outt/);
    argErr(() => m.toLightGBMText({ importance: 'gain' } as never), 'GBDT.toLightGBMText', /options.importance/);
    argErr(() => (m.featureImportance as (...a: unknown[]) => unknown)('gain', 1), 'GBDT.featureImportance', /at most 1 argument/);
    argErr(() => (GBDT.fromLightGBMText as (...a: unknown[]) => unknown)(m.toLightGBMText(), {}), 'GBDT.fromLightGBMText', /at most 1 argument/);
    expect(() => m.featureImportance('weight' as never)).toThrow(messages.gbdt.importanceType('featureImportance', 'weight'));
    expect(() => m.toLightGBMText({ importanceType: 'cover' as never })).toThrow(messages.gbdt.importanceType('toLightGBMText', 'cover'));
  });

  test('predictRaw(X, { out }) fills and returns the given buffer, and checks it', () => {
    const m = new GBDT({ num_iterations: 3 }).fit(X, y);
    const out = new Float64Array(300).fill(7);
    expect(m.predictRaw(X, { out })).toBe(out);
    expect(out).toEqual(m.predictRaw(X));
    expect(inputError(() => m.predictRaw(X, { out: new Float64Array(10) })).message).toBe(messages.gbdt.outBuffer(new Float64Array(10), 300));
    expect(inputError(() => m.predictRaw(X, { out: new Float32Array(300) as never })).message).toMatch(/must be a Float64Array of 300/);
  });
});
