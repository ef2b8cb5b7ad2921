import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidParamError, ModelFormatError, NotFittedError, StandardScaler, type CsrMatrix, type DenseMatrix } from '../../src/index';

// A 5 × 5 matrix whose statistics are easy to derive by hand: col 0 = 1..5 (mean 3, var 2);
// col 1 constant; col 2 with two NaN (mean 1.5 over 3 values, var 2/3); col 3 mixed signs
// (mean 1007 / 5, var 1020049 / 5 − 201.4²); col 4 differs from 1e9 by one ulp in one row, which
// sklearn's `_is_constant_feature` (two-pass rounding bound) treats as constant → scale 1.
// The transform and col 4 numbers were printed by scikit-learn 1.9.1 StandardScaler on this matrix.
const NaN_ = Number.NaN;
const X: DenseMatrix = {
  rows: 5,
  cols: 5,
  data: Float64Array.from([1, 10, 0.5, -100, 1e9, 2, 10, NaN_, 0, 1e9, 3, 10, 1.5, 100, 1e9, 4, 10, 2.5, 1000, 1e9, 5, 10, NaN_, 7, 1e9 + 1e-7]),
};
const MEAN = [3, 10, 1.5, 201.4, 1e9];
const VAR = [2, 0, 2 / 3, 1020049 / 5 - 201.4 ** 2, 2.2737367544323206e-15];
const SCALE = [Math.SQRT2, 1, Math.sqrt(2 / 3), Math.sqrt(1020049 / 5 - 201.4 ** 2), 1];
const SKLEARN_TRANSFORM = [
  [-1.414213562373095, 0.0, -1.224744871391589, -0.7455103121720831, 0.0],
  [-0.7071067811865475, 0.0, NaN_, -0.49816117077457717, 0.0],
  [0.0, 0.0, 0.0, -0.25081202937707114, 0.0],
  [0.7071067811865475, 0.0, 1.224744871391589, 1.9753302432004833, 0.0],
  [1.414213562373095, 0.0, NaN_, -0.4808467308767517, 1.1920928955078125e-7],
];

/** Relative closeness that also accepts NaN == NaN. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-13) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e)) expect(a, `[${i}]`).toBeNaN();
    else expect(Math.abs(a - e), `[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(e)));
  }
}

function toCsr(M: DenseMatrix): CsrMatrix {
  const indptr = new Int32Array(M.rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) {
      const v = M.data[i * M.cols + j]!;
      if (v !== 0) {
        indices.push(j);
        data.push(v);
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: M.rows, cols: M.cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
}

describe('StandardScaler on dense input', () => {
  it("matches scikit-learn's mean_, var_ (ddof = 0), scale_ and transform on a fixed matrix", () => {
    const s = new StandardScaler().fit(X);
    expectClose(s.mean!, MEAN);
    expectClose(s.variance!.slice(0, 4), VAR.slice(0, 4));
    expect(s.variance![4]).toBeLessThan(1e-14);
    expectClose(s.scale!, SCALE);
    expect(Array.from(s.nSamplesSeen)).toEqual([5, 5, 3, 5, 5]);
    expect(s.nFeaturesIn).toBe(5);
    const Z = s.transform(X);
    expect(Z.data).toBeInstanceOf(Float64Array);
    expectClose(Z.data, SKLEARN_TRANSFORM.flat(), 1e-12);
  });

  it('gives every non-constant column mean 0 and population std 1 after transform', () => {
    const Z = new StandardScaler().fit(X).transform(X);
    for (const j of [0, 2, 3]) {
      const col = [0, 1, 2, 3, 4].map((i) => Z.data[i * 5 + j]!).filter((v) => !Number.isNaN(v));
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(Math.abs(v - 1)).toBeLessThan(1e-12);
    }
  });

  it('reads Float32Array input with float64 statistics and returns Float64Array', () => {
    const x64 = { rows: 4, cols: 2, data: Float64Array.from([0.5, 8, 1.5, 8, 2.5, 16, 3.5, 16]) };
    const x32 = { ...x64, data: Float32Array.from(x64.data) };
    const a = new StandardScaler().fit(x64);
    const b = new StandardScaler().fit(x32);
    expect(Array.from(b.mean!)).toEqual([2, 12]);
    expect(Array.from(b.scale!)).toEqual(Array.from(a.scale!));
    expect(b.transform(x32).data).toBeInstanceOf(Float64Array);
    expect(Array.from(b.transform(x32).data)).toEqual(Array.from(a.transform(x64).data));
  });

  it('with_mean: false only divides; with_std: false only centers; both false copies X', () => {
    const noMean = new StandardScaler({ with_mean: false }).fit(X);
    expectClose(noMean.mean!, MEAN); // sklearn still computes mean_ when scaling
    expectClose(
      noMean.transform(X).data,
      Array.from(X.data, (v, k) => v / SCALE[k % 5]!),
    );
    const noStd = new StandardScaler({ with_std: false }).fit(X);
    expect(noStd.scale).toBeNull();
    expect(noStd.variance).toBeNull();
    expectClose(
      noStd.transform(X).data,
      Array.from(X.data, (v, k) => v - MEAN[k % 5]!),
    );
    const neither = new StandardScaler({ with_mean: false, with_std: false }).fit(X);
    expect(neither.mean).toBeNull();
    const copy = neither.transform(X);
    expect(copy.data).not.toBe(X.data);
    expectClose(copy.data, X.data, 0);
  });

  it('never modifies its input and forgets earlier fits', () => {
    const before = Array.from(X.data);
    const s = new StandardScaler().fit(X);
    s.transform(X);
    expectClose(X.data, before, 0);
    s.fit({ rows: 2, cols: 1, data: Float64Array.from([4, 8]) });
    expect(Array.from(s.mean!)).toEqual([6]);
    expect(Array.from(s.scale!)).toEqual([2]);
    expect(s.featureNames).toEqual(['Column_0']);
  });

  it('keeps feature names from fit options', () => {
    const s = new StandardScaler().fit({ rows: 2, cols: 2, data: Float64Array.from([1, 2, 3, 4]) }, { featureNames: ['age', 'n_ratings'] });
    expect(s.featureNames).toEqual(['age', 'n_ratings']);
    expect(() => new StandardScaler().fit(X, { featureNames: ['a'] })).toThrow(InvalidInputError);
  });
});

describe('StandardScaler on CSR input', () => {
  // The same matrix in sklearn: mean_ [1, 1.5, 0], var_ [1.5, 2.75, 0], scale_ [√1.5, √2.75, 1].
  const dense: DenseMatrix = { rows: 4, cols: 3, data: Float64Array.from([0, 2, 0, 3, 0, 0, 0, 4, 0, 1, 0, 0]) };
  const csr = toCsr(dense);

  it('requires with_mean: false, as sklearn does', () => {
    const err = (() => {
      try {
        new StandardScaler().fit(csr);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidParamError);
    expect((err as InvalidParamError).param).toBe('with_mean');
    expect((err as Error).message).toMatch(/cannot center a CSR matrix.*with_mean: false/);
    // A scaler fitted on dense data with centering refuses CSR at transform time too.
    expect(() => new StandardScaler().fit(dense).transform(csr)).toThrow(InvalidParamError);
  });

  it('counts implicit zeros, matches sklearn and the dense path, and stays CSR', () => {
    const s = new StandardScaler({ with_mean: false }).fit(csr);
    expectClose(s.mean!, [1, 1.5, 0]);
    expectClose(s.variance!, [1.5, 2.75, 0]);
    expectClose(s.scale!, [Math.sqrt(1.5), Math.sqrt(2.75), 1]);
    const d = new StandardScaler({ with_mean: false }).fit(dense);
    expectClose(s.scale!, d.scale!, 1e-15);
    const Z = s.transform(csr);
    expect(Array.from(Z.indptr)).toEqual(Array.from(csr.indptr));
    expect(Array.from(Z.indices)).toEqual(Array.from(csr.indices));
    expect(Z.indices).not.toBe(csr.indices);
    expect(Z.data).toBeInstanceOf(Float64Array);
    // sklearn 1.9.1: transform(Xs).data
    expectClose(Z.data, [1.2060453783110545, 2.4494897427831783, 2.412090756622109, 0.8164965809277261], 1e-15);
    expect(Array.from(csr.data)).toEqual([2, 3, 4, 1]);
  });

  it('ignores NaN stored values in the statistics and keeps them as NaN', () => {
    const m: CsrMatrix = { rows: 3, cols: 1, indptr: Int32Array.from([0, 1, 2, 2]), indices: Int32Array.from([0, 0]), data: Float64Array.from([NaN_, 4]) };
    const s = new StandardScaler({ with_mean: false }).fit(m);
    // Non-NaN values are 4 and an implicit 0: mean 2, variance 4.
    expect(Array.from(s.mean!)).toEqual([2]);
    expect(Array.from(s.scale!)).toEqual([2]);
    expect(Array.from(s.nSamplesSeen)).toEqual([2]);
    const out = Array.from(s.transform(m).data);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(2);
  });
});

describe('StandardScaler JSON and errors', () => {
  it('round-trips through JSON text with identical transforms, NaN statistics included', () => {
    const withAllNaN: DenseMatrix = { rows: 2, cols: 2, data: Float64Array.from([1, NaN_, 3, NaN_]) };
    for (const [s, M] of [
      [new StandardScaler().fit(X, { featureNames: ['a', 'b', 'c', 'd', 'e'] }), X],
      [new StandardScaler().fit(withAllNaN), withAllNaN],
    ] as const) {
      const text = JSON.stringify(s.toJSON());
      const back = StandardScaler.fromJSON(JSON.parse(text));
      expect(JSON.stringify(back.toJSON())).toBe(text);
      expect(back.featureNames).toEqual(s.featureNames);
      const a = s.transform(M).data;
      const b = back.transform(M).data;
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(new StandardScaler().fit(withAllNaN).toJSON())).state.mean).toEqual([2, 'NaN']);
  });

  it('rejects malformed JSON with a ModelFormatError naming the path', () => {
    const good = new StandardScaler().fit(X).toJSON();
    const bad = (patch: (j: any) => void) => {
      const j = JSON.parse(JSON.stringify(good));
      patch(j);
      return () => StandardScaler.fromJSON(j);
    };
    expect(bad((j) => (j.kind = 'MinMaxScaler'))).toThrow(/`\$\.kind` must be 'StandardScaler'/);
    expect(bad((j) => (j.formatVersion = 2))).toThrow(ModelFormatError);
    expect(bad((j) => (j.state.scale[2] = 'x'))).toThrow(/`\$\.state\.scale\[2\]`/);
    expect(bad((j) => (j.state.mean = null))).toThrow(/`\$\.state\.mean`.*with_mean is true/);
    expect(bad((j) => j.state.scale.pop())).toThrow(/`\$\.state\.scale` must be null or an array of 5 numbers/);
    expect(bad((j) => (j.params.with_std = 'yes'))).toThrow(/`\$\.params\.with_std` must be a boolean/);
  });

  it('throws typed errors: not fitted, feature count, infinities, empty X, bad params', () => {
    const s = new StandardScaler();
    for (const f of [() => s.transform(X), () => s.mean, () => s.scale, () => s.toJSON(), () => s.nFeaturesIn]) {
      expect(f).toThrow(NotFittedError);
    }
    expect(() => s.transform(X)).toThrow(/StandardScaler\.transform: the transformer is not fitted yet/);
    s.fit(X);
    expect(() => s.transform({ rows: 1, cols: 4, data: new Float64Array(4) })).toThrow(InvalidInputError);
    expect(() => s.transform({ rows: 1, cols: 4, data: new Float64Array(4) })).toThrow(/X has 4 features but the transformer was fitted on 5/);
    expect(() => s.transform({ rows: 1, cols: 5, data: Float64Array.from([0, 0, Infinity, 0, 0]) })).toThrow(/X\[0, 2\] is Infinity/);
    expect(() => s.transform({ rows: 2, cols: 5, data: new Float64Array(7) })).toThrow(/dense data has length 7/);
    expect(() => new StandardScaler().fit({ rows: 0, cols: 3, data: new Float64Array(0) })).toThrow(InvalidInputError);
    expect(() => new StandardScaler({ with_std: 1 as unknown as boolean }).fit(X)).toThrow(InvalidParamError);
    expect(NotFittedError.name).toBe('NotFittedError');
  });

  it('clones and copies params without sharing state', () => {
    const s = new StandardScaler({ with_mean: false }).fit(X);
    const c = s.clone();
    expect(c.getParams()).toEqual({ copy: true, with_mean: false, with_std: true });
    expect(() => c.mean).toThrow(NotFittedError);
    const p = s.getParams();
    p.with_std = false;
    expect(s.getParams().with_std).toBe(true);
    const m = s.mean!;
    m[0] = 99;
    expect(s.mean![0]).toBe(3);
  });
});
