import { isCsr, type CsrMatrix, type Matrix } from '../matrix';

// The two products every linear solver needs, on CSR without densifying and on dense row-major.

/** out[i] = X[i]·beta + intercept. */
export function matVec(X: Matrix, beta: Float64Array, intercept: number, out: Float64Array): Float64Array {
  const { rows, data } = X;
  if (isCsr(X)) {
    const { indptr, indices } = X;
    for (let i = 0; i < rows; i++) {
      let s = intercept;
      const end = indptr[i + 1]!;
      for (let k = indptr[i]!; k < end; k++) s += data[k]! * beta[indices[k]!]!;
      out[i] = s;
    }
  } else {
    denseMatVec(rows, X.cols, data, beta, intercept, out);
  }
  return out;
}

/**
 * Dense row-major X·β four rows at a time: each β[j] load serves four rows and the four sums run
 * as independent chains. Every row still sums j = 0…cols−1 in order, so results equal the simple loop.
 */
function denseMatVec(rows: number, cols: number, data: ArrayLike<number>, beta: Float64Array, intercept: number, out: Float64Array): void {
  let i = 0;
  let off = 0;
  for (; i + 3 < rows; i += 4, off += 4 * cols) {
    const o1 = off + cols;
    const o2 = o1 + cols;
    const o3 = o2 + cols;
    let s0 = intercept;
    let s1 = intercept;
    let s2 = intercept;
    let s3 = intercept;
    for (let j = 0; j < cols; j++) {
      const b = beta[j]!;
      s0 += data[off + j]! * b;
      s1 += data[o1 + j]! * b;
      s2 += data[o2 + j]! * b;
      s3 += data[o3 + j]! * b;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < rows; i++, off += cols) {
    let s = intercept;
    for (let j = 0; j < cols; j++) s += data[off + j]! * beta[j]!;
    out[i] = s;
  }
}

/** out[j] = Σᵢ X[i, j]·r[i] (out is overwritten). */
export function transposeVec(X: Matrix, r: Float64Array, out: Float64Array): Float64Array {
  const { rows, cols, data } = X;
  out.fill(0, 0, cols);
  if (isCsr(X)) {
    const { indptr, indices } = X;
    for (let i = 0; i < rows; i++) {
      const ri = r[i]!;
      if (ri === 0) continue;
      const end = indptr[i + 1]!;
      for (let k = indptr[i]!; k < end; k++) out[indices[k]!]! += data[k]! * ri;
    }
  } else {
    // Four rows per sweep: out[j] is loaded and stored once per four rows instead of once per row,
    // and still adds row by row, so sums round exactly as the one-row loop (and as the CSR branch).
    let i = 0;
    let off = 0;
    for (; i + 3 < rows; i += 4, off += 4 * cols) {
      const r0 = r[i]!;
      const r1 = r[i + 1]!;
      const r2 = r[i + 2]!;
      const r3 = r[i + 3]!;
      const o1 = off + cols;
      const o2 = o1 + cols;
      const o3 = o2 + cols;
      for (let j = 0; j < cols; j++) {
        let a = out[j]!;
        a += data[off + j]! * r0;
        a += data[o1 + j]! * r1;
        a += data[o2 + j]! * r2;
        a += data[o3 + j]! * r3;
        out[j] = a;
      }
    }
    for (; i < rows; i++, off += cols) {
      const ri = r[i]!;
      for (let j = 0; j < cols; j++) out[j]! += data[off + j]! * ri;
    }
  }
  return out;
}

/**
 * Dense designs from this many entries up are streamed as float32 by the full-batch solver: each
 * iteration reads all of X twice, which is memory-bound, and float32 halves the bytes. Products still
 * accumulate in float64; the rounding of X (relative 6e-8) moves the fitted probabilities by ~1e-8,
 * far below what `tol` leaves. Smaller designs stay float64, bit for bit.
 */
export const FLOAT32_STREAM_MIN_ENTRIES = 1 << 24;

/** The design the full-batch solver passes over: a float32 copy of a large float64 dense X, else X. */
export function streamingDesign(X: Matrix): Matrix {
  if (isCsr(X) || X.data instanceof Float32Array || X.rows * X.cols < FLOAT32_STREAM_MIN_ENTRIES) return X;
  return { rows: X.rows, cols: X.cols, data: Float32Array.from(X.data) };
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
