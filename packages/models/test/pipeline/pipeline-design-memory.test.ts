import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidParamError, LogisticRegression, StandardScaler, makePipeline, type DenseMatrix } from '../../src/index';
import { rng } from '../linear/helpers';

// Pipeline.fit on a design the logistic regression streams in float32 (2^24 entries and up) writes
// the standardized design in float32 (and in X's own array with copyX: false): the model must be the
// one the float64 route gives, bit for bit. The fits are cut to a few iterations: only equality matters.

const ROWS = 1 << 18;
const COLS = 64; // ROWS × COLS = 2^24 entries: the float32 streaming threshold
const LR = { l1_ratio: 0.1, C: 1, max_iter: 4, num_threads: 1 } as const;

/** Float32 features on different scales, labels from a noisy linear rule. */
function problem(): { X: DenseMatrix; y: Float64Array } {
  const r = rng(7);
  const data = new Float32Array(ROWS * COLS);
  const y = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    let z = 0;
    for (let j = 0; j < COLS; j++) {
      const u = r() - 0.5;
      data[i * COLS + j] = u * (1 + (j % 7) * 100) + (j % 5) * 10;
      if (j % 3 === 0) z += u;
    }
    y[i] = z + (r() - 0.5) > 0 ? 1 : 0;
  }
  return { X: { rows: ROWS, cols: COLS, data }, y };
}

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('Pipeline(StandardScaler, LogisticRegression) on a float32-streamed design', () => {
  const { X, y } = problem();
  const valid = { X: { rows: 1000, cols: COLS, data: X.data.slice(0, 1000 * COLS) }, y: y.slice(0, 1000) };
  // the float64 route: a standardized float64 copy, which the solver rounds to float32 itself
  const scaler = new StandardScaler().fit(X);
  const reference = new LogisticRegression(LR).fit(scaler.transform(X), y, { valid: { X: scaler.transform(valid.X), y: valid.y } });

  it('fits the same model as the float64 route, and X is left as it was', () => {
    const before = Float32Array.from(X.data);
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(X, y, { valid });
    expect(bytes(pipe.finalEstimator.coef).equals(bytes(reference.coef))).toBe(true);
    expect(pipe.finalEstimator.intercept).toBe(reference.intercept);
    expect(Buffer.from(X.data.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });

  it('with copyX: false standardizes X in place (float32, rounded once) and fits the same model', () => {
    const own = { ...X, data: Float32Array.from(X.data) };
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(own, y, { valid, copyX: false });
    expect(bytes(pipe.finalEstimator.coef).equals(bytes(reference.coef))).toBe(true);
    expect(pipe.finalEstimator.intercept).toBe(reference.intercept);
    const expected = Float32Array.from(scaler.transform(X).data);
    expect(Buffer.from(own.data.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
  });

  it('copies below the threshold even with copyX: false (there the solver reads float64)', () => {
    const small = { rows: 1000, cols: COLS, data: X.data.slice(0, 1000 * COLS) };
    const before = Float32Array.from(small.data);
    makePipeline(new StandardScaler(), new LogisticRegression(LR)).fit(small, y.slice(0, 1000), { copyX: false });
    expect(Buffer.from(small.data.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });
});

describe('StandardScaler.transform(X, { out })', () => {
  const X = { rows: 3, cols: 2, data: Float32Array.from([1, 10, 2, 20, 4, 40]) };
  const scaler = new StandardScaler().fit(X);

  it('writes the float64 values into out, rounding once for a Float32Array, or in place', () => {
    const f64 = scaler.transform(X);
    expect(Array.from(scaler.transform(X, { out: new Float64Array(6) }).data)).toEqual(Array.from(f64.data));
    expect(Array.from(scaler.transform(X, { out: new Float32Array(6) }).data)).toEqual(Array.from(Float32Array.from(f64.data)));
    const own = { ...X, data: Float32Array.from(X.data) };
    expect(scaler.transform(own, { out: own.data }).data).toBe(own.data);
    expect(Array.from(own.data)).toEqual(Array.from(Float32Array.from(f64.data)));
  });

  it('refuses an out of the wrong length or type, and out for CSR', () => {
    expect(() => scaler.transform(X, { out: new Float32Array(5) })).toThrow(InvalidInputError);
    expect(() => scaler.transform(X, { out: new Int32Array(6) as never })).toThrow(/Float32Array or Float64Array of 6 entries/);
    const csr = { rows: 3, cols: 2, indptr: Int32Array.from([0, 1, 2, 2]), indices: Int32Array.from([0, 1]), data: Float64Array.from([1, 2]) };
    const sparse = new StandardScaler({ with_mean: false }).fit(csr);
    expect(() => sparse.transform(csr, { out: new Float64Array(6) } as never)).toThrow(/dense X/);
  });
});

describe('Pipeline.fit options.copyX', () => {
  it('refuses a value that is not true or false before writing anything, naming the option', () => {
    const X = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 2, 3]) };
    const before = Float64Array.from(X.data);
    const p = makePipeline(new StandardScaler(), new LogisticRegression());
    for (const bad of [0, 'no', null]) {
      expect(() => p.fit(X, [0, 0, 1, 1], { copyX: bad as never })).toThrow(InvalidParamError);
      expect(() => p.fit(X, [0, 0, 1, 1], { copyX: bad as never })).toThrow(/Pipeline\.fit: `options\.copyX` must be true or false/);
    }
    expect(X.data).toEqual(before);
  });
});
