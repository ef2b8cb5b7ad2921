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
    const cols = X.cols;
    for (let i = 0, off = 0; i < rows; i++, off += cols) {
      let s = intercept;
      for (let j = 0; j < cols; j++) s += data[off + j]! * beta[j]!;
      out[i] = s;
    }
  }
  return out;
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
    for (let i = 0, off = 0; i < rows; i++, off += cols) {
      const ri = r[i]!;
      if (ri === 0) continue;
      for (let j = 0; j < cols; j++) out[j]! += data[off + j]! * ri;
    }
  }
  return out;
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
