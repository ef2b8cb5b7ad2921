import { checkArity } from './check-args';

/**
 * Structural matrix shapes, identical to `@abt/models`' (features does not import models):
 * packages meet on shapes, not classes.
 */

/** Dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
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
  checkArity('isCsr', arguments, ['m']);
  return 'indptr' in m;
}

/** What every transform returns: the matrix and one name per column. */
export type FeatureMatrix<M extends Matrix = Matrix> = {
  readonly X: M;
  readonly featureNames: readonly string[];
};
