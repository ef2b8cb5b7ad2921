/**
 * The forest re-expressed in the model's own threshold bins (LightGBM's "predict with bins"
 * idea): per split feature, its distinct thresholds sorted; a value's bin is how many of them it
 * exceeds, so `v > threshold[j]` ⇔ `bin(v) > j` and every tree step compares small integers.
 * Leaves become self-looping pseudo-nodes, so several rows can walk a tree in lock step for the
 * tree's depth without a data-dependent branch.
 */
import type { Forest } from '../forest';

export type BinnedForest = {
  readonly numTrees: number;
  /** Rows per block: bins are stored column-major per block (`bins[u * block + r]`). */
  readonly block: number;
  /** Split features in first-use order; `used[u]` is a column of X. */
  readonly used: Int32Array;
  /** Feature u's thresholds: `thresholds[thrStart[u] .. thrStart[u] + thrPow[u] - 1]`, ascending, padded with +Inf. */
  readonly thrStart: Int32Array;
  /** Padded length per feature: a power of two, so the bin search runs a fixed number of steps. */
  readonly thrPow: Int32Array;
  readonly thresholds: Float64Array;
  /** Bin of the value 0 per used feature (CSR rows start from it). */
  readonly zeroBin: Int32Array;
  /**
   * One 3-int record per node at offset 3n: `u * block << 16 | thresholdBin` (the feature's
   * column start in a block's bins), left, right (offsets of the children's records). Leaf pseudo-nodes have threshold field 0xffff (never exceeded) and point
   * to themselves, so a walk can run past its leaf.
   */
  readonly nodes: Int32Array;
  /** Output by record offset (the leaf value at a leaf's record, 0 elsewhere). */
  readonly value: Float64Array;
  /** Record offset of each tree's root. */
  readonly roots: Int32Array;
  /** Deepest leaf per tree: the number of lock-step walk steps. */
  readonly depth: Int32Array;
};

const LEAF_PACK = 0xffff;
/** Largest per-feature threshold count that fits the 16-bit bin field (0xffff marks a leaf). */
const MAX_THRESHOLDS = 0xfffe;

/** `undefined` when the forest cannot be binned (a node with missing type Zero, or too many thresholds/features). */
export function binForest(f: Forest): BinnedForest | undefined {
  if (f.hasZeroMissing) return undefined;
  const nodes = f.feature.length;
  const leaves = f.leafValue.length;
  // distinct thresholds per used feature
  const uOf = new Map<number, number>();
  const perFeature: number[][] = [];
  for (let n = 0; n < nodes; n++) {
    const col = f.feature[n]!;
    let u = uOf.get(col);
    if (u === undefined) {
      u = perFeature.length;
      uOf.set(col, u);
      perFeature.push([]);
    }
    perFeature[u]!.push(f.threshold[n]!);
  }
  const U = perFeature.length;
  // u * block must fit the record's upper 16 bits; a multiple of 8 rows (the JS walk and the
  // kernel's binning take 8 side by side). Large blocks spread the kernel's per-node cost over
  // more rows (256-row blocks made its walk 1.6x slower than 2,048) and copy input in longer runs.
  const block = Math.min(2048, Math.floor(65536 / Math.max(1, U) / 8) * 8);
  if (block < 8) return undefined;
  const thrStart = new Int32Array(U);
  const thrPow = new Int32Array(U);
  const zeroBin = new Int32Array(U);
  const sorted = perFeature.map((ts) => Float64Array.from(new Set(ts)).sort());
  if (sorted.some((s) => s.length > MAX_THRESHOLDS)) return undefined;
  let total = 0;
  sorted.forEach((s, u) => {
    let p = 1;
    while (p < s.length + 1) p *= 2;
    thrStart[u] = total;
    thrPow[u] = p;
    total += p;
  });
  const thresholds = new Float64Array(total).fill(Infinity);
  sorted.forEach((s, u) => {
    thresholds.set(s, thrStart[u]!);
    zeroBin[u] = s.filter((t) => 0 > t).length;
  });
  const total2 = nodes + leaves;
  const rec = new Int32Array(3 * total2);
  const value = new Float64Array(3 * total2);
  for (let n = 0; n < nodes; n++) {
    const u = uOf.get(f.feature[n]!)!;
    const s = sorted[u]!;
    rec[3 * n] = ((u * block) << 16) | lowerBound(s, f.threshold[n]!);
    rec[3 * n + 1] = 3 * node(f.kids[2 * n]!, nodes);
    rec[3 * n + 2] = 3 * node(f.kids[2 * n + 1]!, nodes);
  }
  for (let l = 0; l < leaves; l++) {
    const o = 3 * (nodes + l);
    rec[o] = LEAF_PACK;
    rec[o + 1] = o;
    rec[o + 2] = o;
    value[o] = f.leafValue[l]!;
  }
  const roots = Int32Array.from(f.roots, (r) => 3 * node(r, nodes));
  const depth = new Int32Array(f.numTrees);
  for (let t = 0; t < f.numTrees; t++) depth[t] = treeDepth(rec, roots[t]!, 3 * nodes);
  return { numTrees: f.numTrees, block, used: Int32Array.from(uOf.keys()), thrStart, thrPow, thresholds, zeroBin, nodes: rec, value, roots, depth };
}

/** Forest child (node ≥ 0 or ~leaf) → index in the binned node arrays. */
const node = (c: number, nodes: number) => (c >= 0 ? c : nodes + ~c);

function lowerBound(s: Float64Array, x: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Deepest leaf below `root`; records at offsets >= `leafStart` are leaves. */
function treeDepth(rec: Int32Array, root: number, leafStart: number): number {
  if (root >= leafStart) return 0;
  let max = 0;
  const stack = [root, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const n = stack.pop()!;
    if (n >= leafStart) {
      if (d > max) max = d;
      continue;
    }
    stack.push(rec[n + 1]!, d + 1, rec[n + 2]!, d + 1);
  }
  return max;
}
