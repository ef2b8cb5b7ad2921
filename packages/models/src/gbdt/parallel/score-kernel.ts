/**
 * Adding a new tree's outputs to the raw scores (LightGBM `ScoreUpdater::AddScore`), shared by the
 * main thread and the workers: in-bag training rows take their leaf's value from the partition
 * (LightGBM `AddPredictionToScore` with the tree learner), the other rows — out-of-bag and valid —
 * walk the tree over their bins, dense or sparse. Each row is written as
 * `dst[r] = src[r] + value` from one score buffer into the other, so an item can be redone (after
 * a failed worker) without adding twice, and the sums are exactly those of `scores[r] += value`.
 */
import { missingBin } from '../dataset/bin-mapper';
import type { BinRows } from '../dataset/bin-rows';
import { DEFAULT_LEFT_MASK, type TreeArrays } from '../tree';
import { NODE_STRIDE, type TrainingMemory } from './training-memory';

/** Packs the tree's decisions in bin space into `mem.nodes` and its leaf values into `mem.leafValues`. */
export function packTree(tree: TreeArrays, thresholdBin: Int32Array, mem: TrainingMemory): void {
  const { nodes, leafValues, mappers } = mem;
  for (let i = 0; i < tree.numLeaves - 1; i++) {
    const f = tree.splitFeature[i]!;
    const o = i * NODE_STRIDE;
    nodes[o] = f;
    nodes[o + 1] = thresholdBin[i]!;
    nodes[o + 2] = missingBin(mappers[f]!);
    nodes[o + 3] = (tree.decisionType[i]! & DEFAULT_LEFT_MASK) !== 0 ? 1 : 0;
    nodes[o + 4] = tree.leftChild[i]!;
    nodes[o + 5] = tree.rightChild[i]!;
    nodes[o + 6] = mappers[f]!.defaultBin;
  }
  for (let l = 0; l < tree.numLeaves; l++) leafValues[l] = tree.leafValue[l]!;
}

/** Per thread: the feature of each global bin slot, and a row's sparse bins by feature (-1: zero's bin). */
let slotFeature = new Int32Array(0);
let slotsOf: Int32Array | undefined;
let rowBins = new Int32Array(0);

function sparseScratch(binOffsets: Int32Array): void {
  if (slotsOf === binOffsets) return;
  const features = binOffsets.length - 1;
  slotFeature = new Int32Array(binOffsets[features]!);
  for (let f = 0; f < features; f++) slotFeature.fill(f, binOffsets[f]!, binOffsets[f + 1]!);
  rowBins = new Int32Array(features).fill(-1);
  slotsOf = binOffsets;
}

/**
 * dst[r] = src[r] + output of the packed tree for r = rows[i] (r = i when rows is null), i in
 * [from, to). A row's sparse entries are spread by feature first (and cleared after), so a node on
 * a sparse feature costs one load, as on a dense one.
 */
function walkRows(mem: TrainingMemory, bins: BinRows, rows: Int32Array | null, from: number, to: number, src: Float64Array, dst: Float64Array): void {
  const { nodes, leafValues, binOffsets } = mem;
  const { dense, rowPtr, rowSlots } = bins;
  if (rowSlots.length === 0) {
    walkDenseRows(nodes, leafValues, dense, rows, from, to, src, dst);
    return;
  }
  sparseScratch(binOffsets);
  for (let i = from; i < to; i++) {
    const r = rows ? rows[i]! : i;
    const a = rowPtr[r]!;
    const e = rowPtr[r + 1]!;
    for (let k = a; k < e; k++) {
      const s = rowSlots[k]!;
      const f = slotFeature[s]!;
      rowBins[f] = s - binOffsets[f]!;
    }
    let n = 0;
    while (n >= 0) {
      const o = n * NODE_STRIDE;
      const f = nodes[o]!;
      const col = dense[f];
      const sb = col ? 0 : rowBins[f]!;
      const b = col ? col[r]! : sb >= 0 ? sb : nodes[o + 6]!;
      const left = b === nodes[o + 2]! ? nodes[o + 3] === 1 : b <= nodes[o + 1]!;
      n = left ? nodes[o + 4]! : nodes[o + 5]!;
    }
    for (let k = a; k < e; k++) rowBins[slotFeature[rowSlots[k]!]!] = -1;
    dst[r] = src[r]! + leafValues[~n]!;
  }
}

/** `walkRows` when every feature is dense. */
function walkDenseRows(
  nodes: Int32Array,
  leafValues: Float64Array,
  dense: BinRows['dense'],
  rows: Int32Array | null,
  from: number,
  to: number,
  src: Float64Array,
  dst: Float64Array,
): void {
  for (let i = from; i < to; i++) {
    const r = rows ? rows[i]! : i;
    let n = 0;
    while (n >= 0) {
      const o = n * NODE_STRIDE;
      const b = dense[nodes[o]!]![r]!;
      const left = b === nodes[o + 2]! ? nodes[o + 3] === 1 : b <= nodes[o + 1]!;
      n = left ? nodes[o + 4]! : nodes[o + 5]!;
    }
    dst[r] = src[r]! + leafValues[~n]!;
  }
}

/** dst[r] = src[r] + leafValues[leaf] for the rows at partition positions [from, to) (leaf ranges `begin` / `count`). */
function leafRows(mem: TrainingMemory, numLeaves: number, from: number, to: number, src: Float64Array, dst: Float64Array): void {
  const { idx, begin, count, leafValues } = mem;
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

/** Sizes of one score job; items: in-bag chunks, then out-of-bag chunks, then valid chunks. */
export type ScoreJob = { numLeaves: number; bagCnt: number; oobCnt: number; validCnt: number; src: 0 | 1; chunk: number };

export const scoreItems = (j: ScoreJob): number => Math.ceil(j.bagCnt / j.chunk) + Math.ceil(j.oobCnt / j.chunk) + Math.ceil(j.validCnt / j.chunk);

export function scoreItem(k: number, j: ScoreJob, m: TrainingMemory): void {
  const c = j.chunk;
  const bagItems = Math.ceil(j.bagCnt / c);
  const oobItems = Math.ceil(j.oobCnt / c);
  const src = m.scores[j.src];
  const dst = m.scores[1 - j.src]!;
  if (k < bagItems) {
    leafRows(m, j.numLeaves, k * c, Math.min(j.bagCnt, (k + 1) * c), src, dst);
  } else if (k < bagItems + oobItems) {
    const a = (k - bagItems) * c;
    walkRows(m, m.train, m.oob, a, Math.min(j.oobCnt, a + c), src, dst);
  } else if (m.valid && m.validScores) {
    const a = (k - bagItems - oobItems) * c;
    walkRows(m, m.valid, null, a, Math.min(j.validCnt, a + c), m.validScores[j.src], m.validScores[1 - j.src]!);
  }
}
