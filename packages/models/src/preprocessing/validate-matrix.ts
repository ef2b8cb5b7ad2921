import { InvalidInputError } from '../errors';
import { isCsr, type Matrix } from '../matrix';
import { messages } from '../messages';

const msg = messages.preprocessing;

/**
 * Checks X's structure (dense length, CSR indptr/indices) and rejects ±Infinity. NaN passes:
 * transformers treat it as missing, as sklearn's `ensure_all_finite="allow-nan"` does.
 */
export function validateMatrix(X: Matrix, owner: string, where: string): void {
  const { rows, cols, data } = X;
  const bad = (detail: string) => new InvalidInputError(msg.badShape(owner, where, detail));
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw bad(`rows/cols must be integers ≥ 0, got ${rows} × ${cols}`);
  }
  if (isCsr(X)) {
    const { indptr, indices } = X;
    if (indptr.length !== rows + 1) throw bad(`indptr has length ${indptr.length}, expected rows + 1 = ${rows + 1}`);
    const nnz = indptr[rows]!;
    if (indptr[0] !== 0 || indices.length < nnz || data.length < nnz) {
      throw bad(`indptr must start at 0 and end at nnz ≤ indices/data length (${indices.length}/${data.length}), got ${indptr[0]}..${nnz}`);
    }
    for (let i = 0; i < rows; i++) {
      const end = indptr[i + 1]!;
      if (end < indptr[i]!) throw bad(`indptr decreases at row ${i}`);
      for (let k = indptr[i]!; k < end; k++) {
        const j = indices[k]!;
        if (j >= cols) throw bad(`row ${i} has column index ${j} ≥ cols = ${cols}`);
        const v = data[k]!;
        if (v === Infinity || v === -Infinity) throw new InvalidInputError(msg.infinite(owner, where, i, j, v));
      }
    }
    return;
  }
  if (data.length !== rows * cols) throw bad(`dense data has length ${data.length}, expected rows × cols = ${rows * cols}`);
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (v === Infinity || v === -Infinity) throw new InvalidInputError(msg.infinite(owner, where, Math.floor(k / cols), k % cols, v));
  }
}
