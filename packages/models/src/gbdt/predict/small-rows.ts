/**
 * Prediction for a handful of rows (a server scoring one request): each row walks the float trees
 * directly. The batch path bins every used feature of a block first (and may lay the forest out in
 * the WebAssembly kernel), which costs more than the walk itself when there are only a few rows.
 * Decisions are LightGBM `Tree::NumericalDecision` (forest-walk.ts) and each row's trees are added
 * to `out` in tree order, as every batch path does, so the scores are bit-identical to theirs.
 */
import type { DenseMatrix } from '../../matrix';
import type { Forest } from '../forest';
import { F_NAN_LEFT, leafF32, leafF64 } from '../forest-walk';

/** Up to this many dense rows take the direct walk (one /predict batch is usually 1–16 rows). */
export const SMALL_ROWS = 32;

/** Adds every tree of `f` to `out[r]` for each row of dense X (X.rows <= SMALL_ROWS expected). */
export function addRawScoresSmall(f: Forest, X: DenseMatrix, out: Float64Array): void {
  const { data } = X;
  if (f.hasZeroMissing) {
    // Zero-as-missing nodes (LightGBM models trained with zero_as_missing): the general decision.
    const { roots, leafValue, numTrees } = f;
    const { cols, rows } = X;
    if (data instanceof Float32Array) {
      for (let r = 0, base = 0; r < rows; r++, base += cols) for (let t = 0; t < numTrees; t++) out[r]! += leafValue[leafF32(f, roots[t]!, data, base)]!;
    } else {
      for (let r = 0, base = 0; r < rows; r++, base += cols) for (let t = 0; t < numTrees; t++) out[r]! += leafValue[leafF64(f, roots[t]!, data, base)]!;
    }
  } else if (data instanceof Float32Array) walkF32(f, data, X.cols, X.rows, out);
  else walkF64(f, data, X.cols, X.rows, out);
}

/**
 * Without zero-as-missing nodes a decision is `v > threshold` (right), or NaN to the node's missing
 * side, picked without a branch from the interleaved children, as forest.ts's blocked float walk.
 * One copy per array type keeps each monomorphic.
 */
function walkF32(f: Forest, data: Float32Array, cols: number, rows: number, out: Float64Array): void {
  const { roots, feature, threshold, kids, flags, leafValue, numTrees } = f;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    for (let t = 0; t < numTrees; t++) {
      let n = roots[t]!;
      while (n >= 0) {
        const v = data[base + feature[n]!]!;
        n = kids[2 * n + (v > threshold[n]! ? 1 : v !== v ? 1 - ((flags[n]! & F_NAN_LEFT) >> 1) : 0)]!;
      }
      out[r]! += leafValue[~n]!;
    }
  }
}

function walkF64(f: Forest, data: Float64Array, cols: number, rows: number, out: Float64Array): void {
  const { roots, feature, threshold, kids, flags, leafValue, numTrees } = f;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    for (let t = 0; t < numTrees; t++) {
      let n = roots[t]!;
      while (n >= 0) {
        const v = data[base + feature[n]!]!;
        n = kids[2 * n + (v > threshold[n]! ? 1 : v !== v ? 1 - ((flags[n]! & F_NAN_LEFT) >> 1) : 0)]!;
      }
      out[r]! += leafValue[~n]!;
    }
  }
}
