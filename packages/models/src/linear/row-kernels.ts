import type { Matrix } from '../matrix';
import { matVecRows, transposeVecRows } from './design';
import type { WasmPasses } from './wasm-rows';

/**
 * The row work of one quasi-Newton iteration, cut into fixed row chunks: margins, X·dir, the loss
 * of a trial step and the gradient. Each chunk writes only its own rows and its own partial sums,
 * and the partial sums are added in chunk order, so the result is the same whichever thread runs a
 * chunk and however many threads there are. The main thread and the workers run these same
 * functions on the same memory.
 */
export type RowMemory = {
  readonly X: Matrix;
  readonly y: Float64Array;
  /** Normalized sample weights (see LogisticProblem). */
  readonly sw: Float64Array;
  /** Two margin slots: the current point's and a trial point's. */
  readonly z: readonly [Float64Array, Float64Array];
  readonly xDir: Float64Array;
  /** Per-row gradient factor swᵢ·(σ(zᵢ) − yᵢ) of the last evaluated slot. */
  readonly r: Float64Array;
  /** Input vector of `margins` / `direction`: [β…, w_b]. */
  readonly vec: Float64Array;
  /** Σ swᵢ·ℓᵢ per chunk. */
  readonly lossParts: Float64Array;
  /** Per chunk, cols + 1 entries: Σ X[i, j]·r[i] for each j, then Σ r[i]. */
  readonly gradParts: Float64Array;
  /** [step, interceptScale, fitIntercept ? 1 : 0]. */
  readonly scalars: Float64Array;
  /** Rows per chunk (the last chunk takes the rest). */
  readonly chunkRows: number;
  /** The WebAssembly passes, when X and the vectors they read and write live in its memory (each thread has its own). */
  readonly wasm?: WasmPasses;
};

export const ITEM_MARGINS = 1; // z[dst] = X·vec
export const ITEM_DIRECTION = 2; // xDir = X·vec
export const ITEM_LOSS = 3; // loss of z[src] (and r)
export const ITEM_TRIAL = 4; // z[dst] = z[src] + step·xDir, its loss (and r)
export const ITEM_GRADIENT = 5; // partial Xᵀr and Σr

export const chunkCount = (m: RowMemory): number => Math.max(1, Math.ceil(m.X.rows / m.chunkRows));

/** Runs item `k` (a row chunk) of a job of kind `item`. */
export function runItem(m: RowMemory, item: number, k: number, src: number, dst: number): void {
  const from = k * m.chunkRows;
  const to = Math.min(m.X.rows, from + m.chunkRows);
  const p = m.X.cols;
  const b = m.scalars[2] === 1 ? m.scalars[1]! * m.vec[p]! : 0;
  switch (item) {
    case ITEM_MARGINS:
    case ITEM_DIRECTION: {
      const out = item === ITEM_MARGINS ? m.z[dst]! : m.xDir;
      if (m.wasm) m.wasm.matVec(from, to, m.vec, b, out);
      else matVecRows(m.X, m.vec, b, out, from, to);
      return;
    }
    case ITEM_LOSS:
    case ITEM_TRIAL:
      m.lossParts[k] = lossRows(m, item === ITEM_TRIAL, src, dst, from, to);
      return;
    case ITEM_GRADIENT: {
      const part = m.gradParts.subarray(k * (p + 1), (k + 1) * (p + 1));
      part.fill(0);
      if (m.wasm) m.wasm.transposeVec(from, to, m.r, part);
      else transposeVecRows(m.X, m.r, part, from, to);
      let s = 0;
      for (let i = from; i < to; i++) s += m.r[i]!;
      part[p] = s;
      return;
    }
    default:
      throw new Error(`linear row kernel: unknown item kind ${item}`);
  }
}

/**
 * Σ swᵢ·ℓᵢ over [from, to) at z[src] (+ step·xDir into z[dst] for a trial), storing rᵢ: the
 * WebAssembly kernel where X lives in its memory (the rows it cannot take through the JS loop, one
 * at a time, summed in row order), else the JS loop. Both give the same bits.
 */
function lossRows(m: RowMemory, trial: boolean, src: number, dst: number, from: number, to: number): number {
  if (!m.wasm) return lossRowsJs(m, trial, src, dst, from, to);
  return m.wasm.loss(m.z[src]!, m.xDir, m.z[dst]!, m.y, m.sw, m.r, from, to, trial ? m.scalars[0]! : undefined, (i) =>
    lossRowsJs(m, trial, src, dst, i, i + 1),
  );
}

/** The JS loop of `lossRows` (exported for the kernel's bit-for-bit test). */
export function lossRowsJs(m: RowMemory, trial: boolean, src: number, dst: number, from: number, to: number): number {
  const { y, sw, r, xDir } = m;
  const z = m.z[src]!;
  const out = m.z[dst]!;
  const step = m.scalars[0]!;
  let loss = 0;
  for (let i = from; i < to; i++) {
    let zi = z[i]!;
    if (trial) {
      zi += step * xDir[i]!;
      out[i] = zi;
    }
    const e = Math.exp(-Math.abs(zi));
    // log(1 + e^z) − y·z, stable for both signs of z; r shares the exp.
    loss += sw[i]! * ((zi > 0 ? zi : 0) + Math.log1p(e) - y[i]! * zi);
    r[i] = sw[i]! * ((zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i]!);
  }
  return loss;
}
