import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/index';
import { FLOAT32_STREAM_MIN_ENTRIES, streamingDesign } from '../../src/linear/design';
import { makeProblem, toCsr } from './helpers';

describe('LogisticRegression on large dense designs (float32 streaming)', () => {
  it('streams dense float64 designs of FLOAT32_STREAM_MIN_ENTRIES entries and more as float32, nothing else', () => {
    const cols = 64;
    const rows = FLOAT32_STREAM_MIN_ENTRIES / cols;
    const big = { rows, cols, data: new Float64Array(rows * cols) };
    big.data[0] = 0.1;
    big.data[big.data.length - 1] = -1 / 3;
    const s = streamingDesign(big);
    expect(s.data).toBeInstanceOf(Float32Array);
    expect([s.rows, s.cols]).toEqual([rows, cols]);
    expect(s.data[0]).toBe(Math.fround(0.1));
    expect(s.data[big.data.length - 1]).toBe(Math.fround(-1 / 3));
    const small = { rows: rows - 1, cols, data: big.data.subarray(0, (rows - 1) * cols) };
    expect(streamingDesign(small)).toBe(small);
    const { X } = makeProblem(50, 4, 3);
    const csr = toCsr(X);
    expect(streamingDesign(csr)).toBe(csr);
  });

  it('a finite value beyond float32 is a typed error naming it where the solver reads X as float32, and fine where it does not', () => {
    const cols = 64;
    const rows = FLOAT32_STREAM_MIN_ENTRIES / cols;
    const data = new Float64Array(rows * cols);
    const y = Float64Array.from({ length: rows }, (_, i) => i % 2);
    data[3 * cols + 5] = 4e38; // finite, but Infinity in float32
    const lbfgs = () => new LogisticRegression({ C: 1, max_iter: 1 }).fit({ rows, cols, data }, y);
    expect(lbfgs).toThrow(expect.objectContaining({ name: 'InvalidInputError' }));
    expect(lbfgs).toThrow(/X\[3, 5\] is 4e\+38, beyond float32's range/);
    // below float32's largest value (and a non-finite value still gets its own message)
    data[3 * cols + 5] = 3.4e38;
    expect(() => new LogisticRegression({ C: 1, max_iter: 1 }).fit({ rows, cols, data }, y)).not.toThrow(/float32/);
    data[7] = Number.NaN;
    expect(lbfgs).toThrow(/X\[0, 7\] is NaN; features must be finite/);
    // one row fewer: read as float64, so 4e38 is a value like any other
    data[7] = 0;
    data[3 * cols + 5] = 4e38;
    const small = { rows: rows - 1, cols, data: data.subarray(0, (rows - 1) * cols) };
    expect(() => new LogisticRegression({ C: 1, max_iter: 1 }).fit(small, y.subarray(0, rows - 1))).not.toThrow();
  });

  it('a float32 design gives exactly the fit of the same values in float64 (products accumulate in float64)', () => {
    const { X, y } = makeProblem(2000, 12, 7);
    const rounded = { rows: X.rows, cols: X.cols, data: Float64Array.from(Float32Array.from(X.data)) };
    const f32 = { rows: X.rows, cols: X.cols, data: Float32Array.from(X.data) };
    const params = { l1_ratio: 0.1, C: 1, max_iter: 200 } as const;
    const a = new LogisticRegression(params).fit(rounded, y);
    const b = new LogisticRegression(params).fit(f32, y);
    expect(Array.from(b.coef)).toEqual(Array.from(a.coef));
    expect(b.intercept).toBe(a.intercept);
    expect(b.nIter).toBe(a.nIter);
    expect(a.converged).toBe(true);
  });
});
