/** Shape and label checks shared by fit and predict; each failure names what and where. */
import { InvalidInputError } from '../errors';
import { isCsr, type Matrix } from '../matrix';
import { messages } from '../messages';

const msg = messages.gbdt;

export function checkMatrix(X: Matrix, where: string): void {
  const bad = (why: string) => {
    throw new InvalidInputError(msg.badMatrix(where, why));
  };
  if (!X || typeof X !== 'object') bad('not an object');
  if (!Number.isInteger(X.rows) || X.rows < 0 || !Number.isInteger(X.cols) || X.cols < 0) bad('rows/cols must be non-negative integers');
  if (isCsr(X)) {
    if (X.indptr.length !== X.rows + 1) bad(`indptr has length ${X.indptr.length}, expected rows + 1 = ${X.rows + 1}`);
    const nnz = X.indptr[X.rows]!;
    if (X.indices.length < nnz || X.data.length < nnz) bad(`indices/data shorter than indptr[rows] = ${nnz}`);
    for (let r = 0; r < X.rows; r++) if (X.indptr[r + 1]! < X.indptr[r]!) bad(`indptr decreases at row ${r}`);
    for (let k = 0; k < nnz; k++) {
      const c = X.indices[k]!;
      if (c < 0 || c >= X.cols) bad(`column index ${c} at entry ${k} is outside [0, ${X.cols})`);
    }
  } else if (X.data.length !== X.rows * X.cols) {
    bad(`data has length ${X.data.length}, expected rows × cols = ${X.rows * X.cols}`);
  }
}

export function checkLabels(X: Matrix, y: ArrayLike<number>, where: string, needBothClasses: boolean): void {
  if (X.rows === 0) throw new InvalidInputError(msg.noRows(where));
  if (y.length !== X.rows) throw new InvalidInputError(msg.lengthMismatch(X.rows, y.length, where));
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw new InvalidInputError(msg.badLabel(i, v, where));
    pos += v;
  }
  if (needBothClasses && (pos === 0 || pos === y.length)) throw new InvalidInputError(msg.singleClass(pos === 0 ? 0 : 1));
}
