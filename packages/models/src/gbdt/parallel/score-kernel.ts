/**
 * Adding a new tree's outputs to the raw scores, shared by the main thread and the workers: in-bag
 * training rows take their leaf's value from the partition, other rows (out-of-bag, valid) walk
 * the tree over their bins. Each row is written as `dst[r] = src[r] + value` from one score buffer
 * into the other, so an item can be redone (after a failed worker) without adding twice, and the
 * sums are exactly those of `scores[r] += value`.
 */
import { missingBin, type BinMapper } from '../dataset/bin-mapper';
import { DEFAULT_LEFT_MASK, type TreeArrays } from '../tree';
import type { BinColumn } from './histogram-kernel';

/** Int32 entries per node in a packed tree: feature, threshold bin, missing values' bin (-1: none), missing goes left, left, right. */
export const NODE_STRIDE = 6;

/**
 * Packs the tree's decisions in bin space into `nodes` and its leaf values into `leafValues`.
 * False when a split feature has no dense column in `cols` (the caller then walks floats).
 */
export function packTree(
  tree: TreeArrays, thresholdBin: Int32Array, mappers: readonly BinMapper[], cols: readonly (BinColumn | null)[], nodes: Int32Array, leafValues: Float64Array,
): boolean {
  for (let i = 0; i < tree.numLeaves - 1; i++) {
    const f = tree.splitFeature[i]!;
    if (!cols[f]) return false;
    const m = mappers[f]!;
    const o = i * NODE_STRIDE;
    nodes[o] = f;
    nodes[o + 1] = thresholdBin[i]!;
    nodes[o + 2] = missingBin(m);
    nodes[o + 3] = (tree.decisionType[i]! & DEFAULT_LEFT_MASK) !== 0 ? 1 : 0;
    nodes[o + 4] = tree.leftChild[i]!;
    nodes[o + 5] = tree.rightChild[i]!;
  }
  for (let l = 0; l < tree.numLeaves; l++) leafValues[l] = tree.leafValue[l]!;
  return true;
}

/** dst[r] = src[r] + output of the packed tree for r = rows[i] (r = i when rows is null), i in [from, to). */
export function walkRows(
  nodes: Int32Array, leafValues: Float64Array, cols: readonly (BinColumn | null)[], rows: Int32Array | null,
  from: number, to: number, src: Float64Array, dst: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const r = rows ? rows[i]! : i;
    let n = 0;
    while (n >= 0) {
      const o = n * NODE_STRIDE;
      const b = cols[nodes[o]!]![r]!;
      const left = b === nodes[o + 2]! ? nodes[o + 3] === 1 : b <= nodes[o + 1]!;
      n = left ? nodes[o + 4]! : nodes[o + 5]!;
    }
    dst[r] = src[r]! + leafValues[~n]!;
  }
}

/** dst[r] = src[r] + leafValues[leaf] for the rows at partition positions [from, to) (leaf ranges begin/count). */
export function leafRows(
  idx: Int32Array, begin: Int32Array, count: Int32Array, numLeaves: number, leafValues: Float64Array,
  from: number, to: number, src: Float64Array, dst: Float64Array,
): void {
  for (let leaf = 0; leaf < numLeaves; leaf++) {
    const a = Math.max(from, begin[leaf]!);
    const e = Math.min(to, begin[leaf]! + count[leaf]!);
    const v = leafValues[leaf]!;
    for (let i = a; i < e; i++) {
      const r = idx[i]!;
      dst[r] = src[r]! + v;
    }
  }
}

/** Everything a score job reads and writes (views over shared memory on every thread). */
export type ScoreMemory = {
  readonly nodes: Int32Array;
  readonly leafValues: Float64Array;
  readonly idx: Int32Array;
  readonly begin: Int32Array;
  readonly count: Int32Array;
  readonly oob: Int32Array;
  readonly trainCols: readonly (BinColumn | null)[];
  /** Training scores: [buffer 0, buffer 1]. */
  readonly train: readonly [Float64Array, Float64Array];
  readonly validCols: readonly (BinColumn | null)[];
  readonly valid: readonly [Float64Array, Float64Array] | null;
};

/** Sizes of one score job; items: in-bag chunks, then out-of-bag chunks, then valid chunks. */
export type ScoreJob = { numLeaves: number; bagCnt: number; oobCnt: number; validCnt: number; src: 0 | 1; chunk: number };

export const scoreItems = (j: ScoreJob): number => Math.ceil(j.bagCnt / j.chunk) + Math.ceil(j.oobCnt / j.chunk) + Math.ceil(j.validCnt / j.chunk);

export function scoreItem(k: number, j: ScoreJob, m: ScoreMemory): void {
  const c = j.chunk;
  const bagItems = Math.ceil(j.bagCnt / c);
  const oobItems = Math.ceil(j.oobCnt / c);
  const src = m.train[j.src];
  const dst = m.train[1 - j.src]!;
  if (k < bagItems) {
    leafRows(m.idx, m.begin, m.count, j.numLeaves, m.leafValues, k * c, Math.min(j.bagCnt, (k + 1) * c), src, dst);
  } else if (k < bagItems + oobItems) {
    const a = (k - bagItems) * c;
    walkRows(m.nodes, m.leafValues, m.trainCols, m.oob, a, Math.min(j.oobCnt, a + c), src, dst);
  } else if (m.valid) {
    const a = (k - bagItems - oobItems) * c;
    walkRows(m.nodes, m.leafValues, m.validCols, null, a, Math.min(j.validCnt, a + c), m.valid[j.src], m.valid[1 - j.src]!);
  }
}
