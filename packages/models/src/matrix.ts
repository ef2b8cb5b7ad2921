/**
 * Structural matrix shapes that cross package lines: no class, no dependency.
 * `@abt/features` produces them, `@abt/models` consumes them, `@abt/eval` never needs them.
 */

/** Dense row-major matrix: element (i, j) is `data[i * cols + j]`. NaN means missing. */
export type DenseMatrix = {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
};

/** Compressed sparse rows: row i's entries are `indices/data[indptr[i] .. indptr[i+1])`. */
export type CsrMatrix = {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array | Uint32Array;
  readonly indices: Int32Array | Uint32Array;
  readonly data: Float64Array | Float32Array;
};

export type Matrix = DenseMatrix | CsrMatrix;

/** True when `m` is in CSR form. */
export const isCsr = (m: Matrix): m is CsrMatrix => 'indptr' in m;
