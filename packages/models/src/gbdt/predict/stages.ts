/**
 * The prediction stages one by one, for bench/gbdt-predict.mjs only (not part of the public API):
 * the benchmark bundles this file from source to time input binning and the tree walk apart.
 */
import { isCsr, type DenseMatrix, type Matrix } from '../../matrix';
import { compileForest, addRawScoresFloat } from '../forest';
import { readLightGBMText } from '../lightgbm-text/read';
import type { TreeArrays } from '../tree';
import { binDenseF32, binDenseF64, newBlockBins, walkBlock } from './binned-predict';
import { lanePredictor } from './lane-predict';
import { wasmPredictor } from './wasm-predict';

export { compileForest, addRawScoresFloat };

export const parseTrees = (text: string): readonly TreeArrays[] => readLightGBMText(text).trees;

export type Breakdown = { prepare: number; bin: number; walk: number };

/** Milliseconds on some clock: wall (`performance.now`) or the process's CPU time. */
export type Clock = () => number;

/**
 * Best-of-`repeats` seconds of each stage over all rows of dense X (one core), on `clock`, for one
 * engine: the lane kernel (what `predictRaw` runs when the forest fits it), the row-list kernel or
 * the pure-JS walk; NaN when the forest has no binned form (or does not fit the lanes).
 */
export function breakdown(
  trees: readonly TreeArrays[],
  X: DenseMatrix,
  repeats: number,
  engine: 'lanes' | 'wasm' | 'js' = 'lanes',
  clock: Clock = () => performance.now(),
): Breakdown {
  if (engine === 'lanes') return laneBreakdown(trees, X, repeats, clock);
  const best: Breakdown = { prepare: Infinity, bin: Infinity, walk: Infinity };
  const out = new Float64Array(X.rows);
  for (let i = 0; i < repeats; i++) {
    let t = clock();
    const bf = compileForest(trees).binned;
    if (!bf) return { prepare: NaN, bin: NaN, walk: NaN }; // zero-as-missing models: float walk only
    const kernel = engine === 'wasm' ? wasmPredictor(bf) : undefined;
    best.prepare = Math.min(best.prepare, (clock() - t) / 1000);
    const kernelBins = kernel?.prepareDense(X.cols, X.data.BYTES_PER_ELEMENT) ?? false;
    const bins = kernel ? kernel.bins : newBlockBins(bf);
    let bin = 0;
    let walk = 0;
    const { data, cols } = X;
    for (let r0 = 0; r0 < X.rows; r0 += bf.block) {
      const r1 = Math.min(X.rows, r0 + bf.block);
      t = clock();
      if (kernelBins) kernel!.loadDense(data, cols, r0, r1);
      else if (data instanceof Float32Array) binDenseF32(bf, data, cols, r0, r1, bins);
      else binDenseF64(bf, data, cols, r0, r1, bins);
      const t2 = clock();
      if (kernel) kernel.walk(r1 - r0, out, r0, 0, bf.numTrees, true);
      else walkBlock(bf, bins, r1 - r0, out, r0, 0, bf.numTrees);
      walk += clock() - t2;
      bin += t2 - t;
    }
    best.bin = Math.min(best.bin, bin / 1000);
    best.walk = Math.min(best.walk, walk / 1000);
  }
  return best;
}

/** `breakdown` on the lane kernel, for dense or CSR X (CSR rows are binned from their stored entries). */
export function laneBreakdown(trees: readonly TreeArrays[], X: Matrix, repeats: number, clock: Clock = () => performance.now()): Breakdown {
  const best: Breakdown = { prepare: Infinity, bin: Infinity, walk: Infinity };
  const out = new Float64Array(X.rows);
  for (let i = 0; i < repeats; i++) {
    const t = clock();
    const lp = lanePredictor(compileForest(trees));
    if (!lp) return { prepare: NaN, bin: NaN, walk: NaN };
    best.prepare = Math.min(best.prepare, (clock() - t) / 1000);
    if (!isCsr(X)) lp.prepareDense(X.cols, X.data.BYTES_PER_ELEMENT);
    let bin = 0;
    let walk = 0;
    for (let r0 = 0; r0 < X.rows; r0 += lp.block) {
      const r1 = Math.min(X.rows, r0 + lp.block);
      const t1 = clock();
      if (isCsr(X)) lp.loadCsr(X, r0, r1);
      else lp.loadDense(X.data, X.cols, r0, r1);
      const t2 = clock();
      lp.walk(r1 - r0, out, r0, 0, trees.length);
      walk += clock() - t2;
      bin += t2 - t1;
    }
    best.bin = Math.min(best.bin, bin / 1000);
    best.walk = Math.min(best.walk, walk / 1000);
  }
  return best;
}
