// Seeded data sets of different shapes for the GBDT model-text parity tests: every value comes
// from a fixed LCG seed, so the same bytes are written on every run.
import type { CsrMatrix, DenseMatrix } from '../../src/index';

export type DataSet = { rows: number; cols: number; data: Float64Array; y: Float64Array };

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const normal = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/** Features from `feature(r, column)`; a label drawn from a logit that mixes squares and linear terms of the columns. */
function generate(rows: number, cols: number, seed: number, feature: (r: () => number, j: number) => number, bias = 0): DataSet {
  const r = lcg(seed);
  const w = Array.from({ length: cols }, () => normal(r));
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = bias;
    for (let j = 0; j < cols; j++) {
      const v = feature(r, j);
      data[i * cols + j] = v;
      const x = Number.isNaN(v) ? 0.5 : v;
      z += (w[j]! * (j % 3 === 0 ? x * x - 1 : x) * 2) / Math.sqrt(cols);
    }
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { rows, cols, data, y };
}

/** Tall and narrow: 40,000 × 6 normal features (big enough for abt's training workers). */
export const tallNarrow = () => generate(40_000, 6, 1, (r) => normal(r));
/** Wide: 2,000 × 150 normal features. */
export const wide = () => generate(2_000, 150, 2, (r) => normal(r));
/** Many ties: 20,000 × 10 small integers (column j takes j + 2 values). */
export const lowCardinality = () => generate(20_000, 10, 3, (r, j) => Math.floor(r() * (j + 2)));
/** NaN-heavy: 15,000 × 8, columns 0–4 missing 10 %–50 % of the time. */
export const nanHeavy = () => generate(15_000, 8, 4, (r, j) => (j < 5 && r() < 0.1 + 0.1 * j ? NaN : normal(r)));
/** Zeros-heavy: 15,000 × 10, columns 50 %–95 % zeros. */
export const zerosHeavy = () => generate(15_000, 10, 5, (r, j) => (r() < 0.5 + 0.05 * j ? 0 : normal(r)));
/** Imbalanced labels: 20,000 × 6, about 4 % positive. */
export const imbalanced = () => generate(20_000, 6, 6, (r) => normal(r), -3.5);

/** One-hot blocks (40, 25 and 12 columns, one hot each) and two numeric columns: 25,000 rows, given as CSR. */
export function oneHot(): DataSet {
  const r = lcg(9);
  const rows = 25_000;
  const blocks = [40, 25, 12];
  const cols = 2 + blocks.reduce((a, b) => a + b, 0);
  const w = Array.from({ length: cols }, () => normal(r));
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    data[o] = normal(r);
    data[o + 1] = r() < 0.3 ? 0 : normal(r);
    let z = data[o]! + 0.5 * data[o + 1]!;
    let at = 2;
    for (const b of blocks) {
      const k = Math.floor(r() ** 2 * b);
      data[o + at + k] = 1;
      z += w[at + k]!;
      at += b;
    }
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { rows, cols, data, y };
}

/**
 * Two sparse features that almost never share a row (15 rows of 200,000 have both): LightGBM
 * bundles them and, in those rows, one of them loses its value.
 */
export function overlapping(): DataSet {
  const r = lcg(21);
  const rows = 200_000;
  const cols = 4;
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    data[o] = normal(r);
    data[o + 1] = normal(r);
    if (i < rows / 2 || i % 13_337 === 7) data[o + 2] = 1 + Math.floor(r() * 5);
    if (i >= rows / 2 || i % 13_337 === 11) data[o + 3] = 1 + Math.floor(r() * 5);
    const z = data[o]! + (data[o + 2]! - 3) * 0.8 + (data[o + 3]! - 3) * 0.8;
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { rows, cols, data, y };
}

export const dense = (d: DataSet): DenseMatrix => ({ rows: d.rows, cols: d.cols, data: d.data });

export function csr(d: DataSet): CsrMatrix {
  const indptr = new Int32Array(d.rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < d.cols; j++) {
      const v = d.data[i * d.cols + j]!;
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: d.rows, cols: d.cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(values) };
}

/** Rows [from, to) of a data set. */
export function slice(d: DataSet, from: number, to: number): DataSet {
  return { rows: to - from, cols: d.cols, data: d.data.slice(from * d.cols, to * d.cols), y: d.y.slice(from, to) };
}
