import { checkArity } from './arguments';

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
export function isCsr(m: Matrix): m is CsrMatrix {
  if (arguments.length > 1) checkArity('isCsr', arguments.length, 1);
  return typeof m === 'object' && m !== null && 'indptr' in m;
}

/**
 * What every `fit` / `predict*` / `transform` accepts: a structural matrix, or rows as arrays
 * (`number[][]`, as scikit-learn takes lists of lists). Rows are copied into a dense Float64Array.
 */
export type MatrixInput = Matrix | readonly ArrayLike<number>[];
