import type { CsrMatrix, DenseMatrix } from '../matrix';

/** A dense row-major result: always Float64Array, whatever the input dtype. */
export type DenseFloat64 = { readonly rows: number; readonly cols: number; readonly data: Float64Array };

/** A CSR result with its own copies of the structure and float64 values. */
export type CsrFloat64 = {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array | Uint32Array;
  readonly indices: Int32Array | Uint32Array;
  readonly data: Float64Array;
};

/** (x − center) / scale per column into a new Float64Array; NaN stays NaN. `center` null = no centering. */
export function scaleDense(X: DenseMatrix, center: Float64Array | null, scale: Float64Array | null): DenseFloat64 {
  return scaleDenseInto(X, center, scale, new Float64Array(X.rows * X.cols));
}

/**
 * scaleDense into `out` (rows × cols entries; X's own array scales in place): each value computed in
 * float64 as there, then stored in out's type (a Float32Array rounds it once).
 */
export function scaleDenseInto<T extends Float32Array | Float64Array>(
  X: DenseMatrix,
  center: Float64Array | null,
  scale: Float64Array | null,
  out: T,
): { readonly rows: number; readonly cols: number; readonly data: T } {
  const { rows, cols, data } = X;
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      let v = data[k]!;
      if (center !== null) v -= center[j]!;
      if (scale !== null) v /= scale[j]!;
      out[k] = v;
    }
  }
  return { rows, cols, data: out };
}

/** Divides each stored value by its column's scale; the sparsity pattern is copied unchanged. */
export function scaleCsr(X: CsrMatrix, scale: Float64Array | null): CsrFloat64 {
  const { rows, cols } = X;
  const nnz = X.indptr[rows]!;
  const indices = X.indices.slice(0, nnz);
  const data = Float64Array.from(X.data.subarray(0, nnz));
  if (scale !== null) for (let k = 0; k < nnz; k++) data[k] = data[k]! / scale[indices[k]!]!;
  return { rows, cols, indptr: X.indptr.slice(), indices, data };
}
