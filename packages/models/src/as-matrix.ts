import { messages } from './messages';
import { InvalidInputError } from './errors';
import type { CsrMatrix, DenseMatrix, Matrix, MatrixInput } from './matrix';

const msg = messages.common;

/** `X` as a structural matrix: matrices pass through unchanged, `number[][]` becomes dense Float64. */
export function asMatrix(X: CsrMatrix, where: string): CsrMatrix;
export function asMatrix(X: DenseMatrix | readonly ArrayLike<number>[], where: string): DenseMatrix;
export function asMatrix(X: MatrixInput, where: string): Matrix;
export function asMatrix(X: MatrixInput, where: string): Matrix {
  if (Array.isArray(X)) return fromRows(X as readonly ArrayLike<number>[], where);
  if (typeof X !== 'object' || X === null || !('data' in X) || !('rows' in X) || !('cols' in X)) throw new InvalidInputError(msg.notMatrix(where, X));
  return X as Matrix;
}

function fromRows(rows: readonly ArrayLike<number>[], where: string): DenseMatrix {
  const n = rows.length;
  const first = rows[0];
  const cols = n === 0 ? 0 : isRow(first) ? first.length : -1;
  if (cols < 0) throw new InvalidInputError(msg.notMatrix(where, rows));
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isRow(row)) throw new InvalidInputError(msg.notMatrix(where, rows));
    if (row.length !== cols) throw new InvalidInputError(msg.raggedRows(where, i, row.length, cols));
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number') throw new InvalidInputError(msg.notNumber(where, i, j, v));
      data[i * cols + j] = v;
    }
  }
  return { rows: n, cols, data };
}

const isRow = (r: unknown): r is ArrayLike<number> => (Array.isArray(r) || ArrayBuffer.isView(r)) && typeof (r as ArrayLike<number>).length === 'number';
