/**
 * All trees flattened into shared typed arrays for fast prediction. Decisions follow LightGBM
 * `Tree::NumericalDecision`: NaN becomes 0 unless the node's missing type is NaN; values that are
 * missing for the node (NaN, or |x| <= kZeroThreshold with missing type Zero) take the default side.
 */
import type { Matrix } from '../matrix';
import { isCsr } from '../matrix';
import { MissingType } from './dataset/bin-mapper';
import { F_DEFAULT_LEFT, F_NAN_LEFT, F_ZERO_MISSING, leafF32, leafF64 } from './forest-walk';
import { binForest, type BinnedForest } from './predict/binned-forest';
import { binCsr, binDenseF32, binDenseF64, newBlockBins, walkBlock } from './predict/binned-predict';
import { lanePredictor, type LanePredictor } from './predict/lane-predict';
import { wasmPredictor } from './predict/wasm-predict';
import { DEFAULT_LEFT_MASK, missingTypeOf, type TreeArrays } from './tree';

export type Forest = {
  readonly numTrees: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly flags: Uint8Array;
  readonly leafValue: Float64Array;
  /** left/right children interleaved (kids[2n] left, kids[2n+1] right), for branch-free walks. */
  readonly kids: Int32Array;
  /** Some node has missing type Zero (only models LightGBM trained with zero_as_missing). */
  readonly hasZeroMissing: boolean;
  /** The same trees over the model's threshold bins (fast path); undefined when not expressible. */
  readonly binned: BinnedForest | undefined;
};

export function compileForest(trees: readonly TreeArrays[]): Forest {
  let nodes = 0;
  let leaves = 0;
  for (const t of trees) {
    nodes += t.numLeaves - 1;
    leaves += t.numLeaves;
  }
  const f: Omit<Forest, 'binned'> = {
    numTrees: trees.length,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    flags: new Uint8Array(nodes),
    leafValue: new Float64Array(leaves),
    kids: new Int32Array(2 * nodes),
    hasZeroMissing: trees.some((t) => Array.from(t.decisionType).some((d) => missingTypeOf(d) === MissingType.Zero)),
  };
  let n0 = 0;
  let l0 = 0;
  const enc = (c: number) => (c >= 0 ? c + n0 : ~(~c + l0));
  trees.forEach((t, ti) => {
    f.roots[ti] = t.numLeaves > 1 ? n0 : ~l0;
    for (let i = 0; i < t.numLeaves - 1; i++) {
      const dt = t.decisionType[i]!;
      const mt = missingTypeOf(dt);
      const defLeft = (dt & DEFAULT_LEFT_MASK) !== 0;
      const thr = t.threshold[i]!;
      const nanLeft = mt === MissingType.None ? 0 <= thr : defLeft;
      f.feature[n0 + i] = t.splitFeature[i]!;
      f.threshold[n0 + i] = thr;
      f.left[n0 + i] = enc(t.leftChild[i]!);
      f.right[n0 + i] = enc(t.rightChild[i]!);
      f.kids[2 * (n0 + i)] = f.left[n0 + i]!;
      f.kids[2 * (n0 + i) + 1] = f.right[n0 + i]!;
      f.flags[n0 + i] = (defLeft ? F_DEFAULT_LEFT : 0) | (nanLeft ? F_NAN_LEFT : 0) | (mt === MissingType.Zero ? F_ZERO_MISSING : 0);
    }
    f.leafValue.set(t.leafValue.subarray(0, t.numLeaves), l0);
    n0 += t.numLeaves - 1;
    l0 += t.numLeaves;
  });
  return { ...f, binned: binForest(f as Forest) };
}

/**
 * Which walk runs binned blocks: the lane kernel (predict/lane-predict.ts; forests of u8 bins and
 * leaf indices), the row-list WebAssembly kernel (any binned forest), the pure-JS walk, or `auto`
 * (the lane kernel where the forest fits it, else the row-list kernel, when WebAssembly is there
 * and the call is big enough to pay for laying the forest out). All give the same bits; tests pin
 * each. `lanes` on a forest that does not fit takes the row-list kernel.
 */
export type WalkEngine = 'auto' | 'lanes' | 'wasm' | 'js';

/** Below this many row-trees `auto` keeps the JS walk: a one-tree validation pass during training need not set up the kernel. */
const WASM_MIN_WORK = 1 << 15;

/**
 * Adds trees [from, to) of `f` to `out` (raw scores) for every row of X. Blocks of rows are binned
 * with the model's thresholds and walked as integers; a block with a NaN in a split feature (or a
 * model with zero-as-missing nodes) takes the float walk. Both add each row's trees in tree order,
 * so the result is bit-identical either way.
 */
export function addRawScores(f: Forest, X: Matrix, out: Float64Array, from = 0, to = f.numTrees, scratch?: Float64Array, engine: WalkEngine = 'auto'): void {
  const bf = f.binned;
  if (!bf || to <= from) {
    addRawScoresFloat(f, X, out, from, to, 0, X.rows, scratch);
    return;
  }
  const big = (to - from) * X.rows >= WASM_MIN_WORK;
  const lanes = engine === 'lanes' || (engine === 'auto' && big) ? lanePredictor(f) : undefined;
  if (lanes) {
    addRawScoresLanes(f, lanes, X, out, from, to, scratch);
    return;
  }
  const useWasm = engine === 'wasm' || engine === 'lanes' || (engine === 'auto' && big);
  const kernel = useWasm ? wasmPredictor(bf) : undefined;
  const jsBins = kernel ? undefined : newBlockBins(bf);
  const dense = !isCsr(X);
  const walk = (r0: number, r1: number) => {
    if (kernel) kernel.walk(r1 - r0, out, r0, from, to, dense);
    else walkBlock(bf, jsBins!, r1 - r0, out, r0, from, to);
  };
  if (!isCsr(X)) {
    const { data, cols } = X;
    const kernelBins = kernel?.prepareDense(cols, data.BYTES_PER_ELEMENT) ?? false;
    const bins = kernel ? kernel.bins : jsBins!;
    for (let r0 = 0; r0 < X.rows; r0 += bf.block) {
      const r1 = Math.min(X.rows, r0 + bf.block);
      const ok = kernelBins
        ? kernel!.loadDense(data, cols, r0, r1)
        : data instanceof Float32Array
          ? binDenseF32(bf, data, cols, r0, r1, bins)
          : binDenseF64(bf, data, cols, r0, r1, bins);
      if (ok) walk(r0, r1);
      else addRawScoresFloat(f, X, out, from, to, r0, r1, scratch);
    }
    return;
  }
  const colToU = new Int32Array(X.cols).fill(-1);
  bf.used.forEach((c, u) => {
    if (c < X.cols) colToU[c] = u;
  });
  for (let r0 = 0; r0 < X.rows; r0 += bf.block) {
    const r1 = Math.min(X.rows, r0 + bf.block);
    if (binCsr(bf, X, colToU, r0, r1, kernel ? kernel.bins : jsBins!)) walk(r0, r1);
    else addRawScoresFloat(f, X, out, from, to, r0, r1, scratch);
  }
}

/** `addRawScores` on the lane kernel: blocks it cannot bin (NaN in a split feature, memory that cannot grow) take the float walk. */
function addRawScoresLanes(f: Forest, lp: LanePredictor, X: Matrix, out: Float64Array, from: number, to: number, scratch?: Float64Array): void {
  const B = lp.block;
  if (!isCsr(X)) {
    const { data, cols } = X;
    const ready = lp.prepareDense(cols, data.BYTES_PER_ELEMENT);
    for (let r0 = 0; r0 < X.rows; r0 += B) {
      const r1 = Math.min(X.rows, r0 + B);
      if (ready && lp.loadDense(data, cols, r0, r1)) lp.walk(r1 - r0, out, r0, from, to);
      else addRawScoresFloat(f, X, out, from, to, r0, r1, scratch);
    }
    return;
  }
  for (let r0 = 0; r0 < X.rows; r0 += B) {
    const r1 = Math.min(X.rows, r0 + B);
    if (lp.loadCsr(X, r0, r1)) lp.walk(r1 - r0, out, r0, from, to);
    else addRawScoresFloat(f, X, out, from, to, r0, r1, scratch);
  }
}

/** The float walk over rows [r0, r1): dense rows read in place, CSR rows scattered into one scratch row. Exact by construction: the reference the fast paths must match bit for bit. */
export function addRawScoresFloat(f: Forest, X: Matrix, out: Float64Array, from = 0, to = f.numTrees, r0 = 0, r1 = X.rows, scratch?: Float64Array): void {
  const { roots, leafValue } = f;
  if (!isCsr(X)) {
    const { data, cols } = X;
    if (!f.hasZeroMissing) {
      if (data instanceof Float32Array) addDenseBlockedF32(f, data, cols, r0, r1, out, from, to);
      else addDenseBlockedF64(f, data, cols, r0, r1, out, from, to);
      return;
    }
    if (data instanceof Float32Array) {
      for (let r = r0, base = r0 * cols; r < r1; r++, base += cols) {
        let s = 0;
        for (let t = from; t < to; t++) s += leafValue[leafF32(f, roots[t]!, data, base)]!;
        out[r]! += s;
      }
    } else {
      for (let r = r0, base = r0 * cols; r < r1; r++, base += cols) {
        let s = 0;
        for (let t = from; t < to; t++) s += leafValue[leafF64(f, roots[t]!, data, base)]!;
        out[r]! += s;
      }
    }
    return;
  }
  const row = scratch ?? new Float64Array(X.cols);
  const { indptr, indices, data } = X;
  for (let r = r0; r < r1; r++) {
    const a = indptr[r]!;
    const b = indptr[r + 1]!;
    for (let k = a; k < b; k++) row[indices[k]!] = data[k]!;
    let s = 0;
    for (let t = from; t < to; t++) s += leafValue[leafF64(f, roots[t]!, row, 0)]!;
    out[r]! += s;
    for (let k = a; k < b; k++) row[indices[k]!] = 0;
  }
}

const BLOCK = 64;

/**
 * Dense float walk in row blocks, tree by tree: a tree's nodes stay in cache while 64 rows walk it,
 * and each step picks the child without a branch (NaN takes the node's missing side). Valid when no
 * node has missing type Zero. One copy per array type keeps each call site monomorphic.
 */
function addDenseBlockedF32(f: Forest, data: Float32Array, cols: number, rowFrom: number, rowTo: number, out: Float64Array, from: number, to: number): void {
  const { roots, feature, threshold, kids, flags, leafValue } = f;
  for (let r0 = rowFrom; r0 < rowTo; r0 += BLOCK) {
    const r1 = Math.min(rowTo, r0 + BLOCK);
    for (let t = from; t < to; t++) {
      const root = roots[t]!;
      for (let r = r0, base = r0 * cols; r < r1; r++, base += cols) {
        let n = root;
        while (n >= 0) {
          const v = data[base + feature[n]!]!;
          // right when v > threshold, or v is NaN and the node sends NaN right
          const right = v > threshold[n]! ? 1 : v !== v ? 1 - ((flags[n]! & F_NAN_LEFT) >> 1) : 0;
          n = kids[2 * n + right]!;
        }
        out[r]! += leafValue[~n]!;
      }
    }
  }
}

/** `addDenseBlockedF32` for Float64 rows. */
function addDenseBlockedF64(f: Forest, data: Float64Array, cols: number, rowFrom: number, rowTo: number, out: Float64Array, from: number, to: number): void {
  const { roots, feature, threshold, kids, flags, leafValue } = f;
  for (let r0 = rowFrom; r0 < rowTo; r0 += BLOCK) {
    const r1 = Math.min(rowTo, r0 + BLOCK);
    for (let t = from; t < to; t++) {
      const root = roots[t]!;
      for (let r = r0, base = r0 * cols; r < r1; r++, base += cols) {
        let n = root;
        while (n >= 0) {
          const v = data[base + feature[n]!]!;
          const right = v > threshold[n]! ? 1 : v !== v ? 1 - ((flags[n]! & F_NAN_LEFT) >> 1) : 0;
          n = kids[2 * n + right]!;
        }
        out[r]! += leafValue[~n]!;
      }
    }
  }
}
