import { isShared, shareableBuffer } from '../gbdt/parallel/shared-buffer';
import { isCsr, type CsrMatrix, type DenseMatrix, type Matrix } from '../matrix';
import { denseMatVec, denseTransposeVec } from './dense-kernels';

// The two products every linear solver needs, on CSR without densifying and on dense row-major.

/** out[i] = X[i]·beta + intercept. */
export function matVec(X: Matrix, beta: Float64Array, intercept: number, out: Float64Array): Float64Array {
  matVecRows(X, beta, intercept, out, 0, X.rows);
  return out;
}

/** out[i] = X[i]·beta + intercept for rows [from, to): each row's sum does not depend on the range. */
export function matVecRows(X: Matrix, beta: Float64Array, intercept: number, out: Float64Array, from: number, to: number): void {
  const { data } = X;
  if (isCsr(X)) {
    const { indptr, indices } = X;
    for (let i = from; i < to; i++) {
      let s = intercept;
      const end = indptr[i + 1]!;
      for (let k = indptr[i]!; k < end; k++) s += data[k]! * beta[indices[k]!]!;
      out[i] = s;
    }
  } else {
    denseMatVec(from, to, X.cols, data, beta, intercept, out);
  }
}

/** out[j] += Σᵢ X[i, j]·r[i] over rows [from, to), adding row by row in order. */
export function transposeVecRows(X: Matrix, r: Float64Array, out: Float64Array, from: number, to: number): void {
  const { cols, data } = X;
  if (isCsr(X)) {
    const { indptr, indices } = X;
    for (let i = from; i < to; i++) {
      const ri = r[i]!;
      if (ri === 0) continue;
      const end = indptr[i + 1]!;
      for (let k = indptr[i]!; k < end; k++) out[indices[k]!]! += data[k]! * ri;
    }
    return;
  }
  denseTransposeVec(from, to, cols, data, r, out);
}

/**
 * Dense designs from this many entries up are streamed as float32 by the full-batch solver: each
 * iteration reads all of X twice, which is memory-bound, and float32 halves the bytes. Products still
 * accumulate in float64; the rounding of X (relative 6e-8) moves the fitted probabilities by ~1e-8,
 * far below what `tol` leaves. Smaller designs stay float64, bit for bit.
 */
export const FLOAT32_STREAM_MIN_ENTRIES = 1 << 24;

/** Whether the full-batch solver reads X through a float32 copy: a dense float64 X of FLOAT32_STREAM_MIN_ENTRIES entries or more. */
export const streamsAsFloat32 = (X: Matrix): boolean => !isCsr(X) && !(X.data instanceof Float32Array) && X.rows * X.cols >= FLOAT32_STREAM_MIN_ENTRIES;

/** The design the full-batch solver passes over: a float32 copy of a large float64 dense X, else X. */
export function streamingDesign(X: Matrix): Matrix {
  if (!streamsAsFloat32(X)) return X;
  return { rows: X.rows, cols: X.cols, data: Float32Array.from(X.data) };
}

/**
 * streamingDesign for worker threads: the same values in shared memory (X itself when it already is
 * shared). `fill()` copies them in, so the workers can start while it runs.
 */
export function sharedDesign(X: DenseMatrix): { X: DenseMatrix; fill: () => void } {
  if (isShared(X.data) && (X.data instanceof Float32Array || X.rows * X.cols < FLOAT32_STREAM_MIN_ENTRIES)) return { X, fill: () => {} };
  const n = X.rows * X.cols;
  const f32 = X.data instanceof Float32Array || n >= FLOAT32_STREAM_MIN_ENTRIES;
  const data = f32 ? new Float32Array(shareableBuffer(4 * n)) : new Float64Array(shareableBuffer(8 * n));
  return { X: { rows: X.rows, cols: X.cols, data }, fill: () => data.set(X.data.subarray(0, n)) };
}

/** X itself when CSR; a dense matrix's non-zeros as CSR (row-wise solvers want sparse rows). */
export function asCsr(X: Matrix): CsrMatrix {
  if (isCsr(X)) return X;
  const { rows, cols, data } = X;
  let nnz = 0;
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  for (let i = 0, off = 0; i < rows; i++, off += cols) {
    for (let j = 0; j < cols; j++) {
      const v = data[off + j]!;
      if (v !== 0) {
        indices[at] = j;
        values[at++] = v;
      }
    }
    indptr[i + 1] = at;
  }
  return { rows, cols, indptr, indices, data: values };
}
