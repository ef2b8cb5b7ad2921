/**
 * Adding a new tree's outputs to the raw scores (LightGBM `ScoreUpdater::AddScore`), shared by the
 * main thread and the workers: in-bag training rows take their leaf from the partition (LightGBM
 * `AddPredictionToScore` with the tree learner), the other rows — out-of-bag and valid — walk the
 * tree over their bins, dense or sparse. Training rows go in two phases: first each row's leaf is
 * written to `mem.tmp[r]` (free between trees), then one pass in row order adds the leaf values —
 * adding straight from the partition's leaf order cost two cache misses per row (source and
 * destination scores), about 13 ns, against ~1 ns in row order. Each row is written as
 * `dst[r] = src[r] + value` from one score buffer into the other, so an item can be redone (after
 * a failed worker) without adding twice, and the sums are exactly those of `scores[r] += value`.
 */
import { missingBin } from '../dataset/bin-mapper';
import type { BinRows } from '../dataset/bin-rows';
import { DEFAULT_LEFT_MASK, type TreeArrays } from '../tree';
import { C_ERROR } from './control';
import { kernelOf, waitGathered } from './histogram-kernel';
import { rowKernelOf, takeRowItems } from './row-kernels';
import { NODE_STRIDE, type TrainingMemory } from './training-memory';
import { layOutValidLanes } from './valid-lanes';
import { LANE_RECORD_BYTES, LANE_ROWS } from '../predict/wasm/lane-layout';

/** Packs the tree's decisions in bin space into `mem.nodes` and its leaf values into `mem.leafValues` (and lays it out for the valid rows' lane walk). */
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
    nodes[o + 7] = mem.columnAddress[f]!;
  }
  for (let l = 0; l < tree.numLeaves; l++) leafValues[l] = tree.leafValue[l]!;
  if (mem.validLanes) layOutValidLanes(tree, thresholdBin, mappers, mem.validLanes);
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

/** Where a walk's result goes: `leafOf[r] = leaf` (training rows), or `dst[r] = src[r] + value` (valid rows). */
type WalkOut = { leafOf: Int32Array } | { src: Float64Array; dst: Float64Array };

/**
 * The packed tree's leaf of r = rows[i] (r = i when rows is null), i in [from, to), written as
 * `out` says. A row's sparse entries are spread by feature first (and cleared after), so a node on
 * a sparse feature costs one load, as on a dense one.
 */
function walkRows(mem: TrainingMemory, bins: BinRows, rows: Int32Array | null, from: number, to: number, out: WalkOut): void {
  const { nodes, leafValues, binOffsets } = mem;
  const { dense, rowPtr, rowSlots } = bins;
  if (rowSlots.length === 0 && 'leafOf' in out) {
    walkDenseLeaves(nodes, dense, rows, from, to, out.leafOf, 0);
    return;
  }
  if (rowSlots.length === 0 && rows === null && 'dst' in out) {
    walkDenseRows(nodes, leafValues, dense, from, to, out.src, out.dst);
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
    if ('leafOf' in out) out.leafOf[r] = ~n;
    else out.dst[r] = out.src[r]! + leafValues[~n]!;
  }
}

/**
 * The child of node n on row r's side: a dense feature's bin above the threshold goes right, the
 * missing bin to its default side. The side is picked by arithmetic, not a branch: a leaf's rows
 * go either way at random, so a branch missed about every other node.
 */
function childOf(nodes: Int32Array, dense: BinRows['dense'], n: number, r: number): number {
  const o = n * NODE_STRIDE;
  const b = dense[nodes[o]!]![r]!;
  // bins are below 2^16, so threshold - bin is negative exactly when bin > threshold
  const right = b === nodes[o + 2]! ? 1 - nodes[o + 3]! : (nodes[o + 1]! - b) >>> 31;
  return nodes[o + 4 + right]!;
}

/** The packed tree's leaf for row r when every feature is dense. */
function denseLeaf(nodes: Int32Array, dense: BinRows['dense'], r: number): number {
  let n = 0;
  while (n >= 0) n = childOf(nodes, dense, n, r);
  return ~n;
}

/**
 * `out[r - base] = leaf of r` for r = rows[i] (r = i when rows is null), i in [from, to), when
 * every feature is dense. Four rows walk side by side, so their loads overlap instead of each
 * row's path waiting on its last node; a finished row stays on its leaf.
 */
function walkDenseLeaves(nodes: Int32Array, dense: BinRows['dense'], rows: Int32Array | null, from: number, to: number, out: Int32Array, base: number): void {
  let i = from;
  for (; i + 4 <= to; i += 4) {
    const r0 = rows ? rows[i]! : i;
    const r1 = rows ? rows[i + 1]! : i + 1;
    const r2 = rows ? rows[i + 2]! : i + 2;
    const r3 = rows ? rows[i + 3]! : i + 3;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    // until all four are on a leaf (leaves are negative)
    while ((n0 & n1 & n2 & n3) >= 0) {
      n0 = n0 >= 0 ? childOf(nodes, dense, n0, r0) : n0;
      n1 = n1 >= 0 ? childOf(nodes, dense, n1, r1) : n1;
      n2 = n2 >= 0 ? childOf(nodes, dense, n2, r2) : n2;
      n3 = n3 >= 0 ? childOf(nodes, dense, n3, r3) : n3;
    }
    out[r0 - base] = ~n0;
    out[r1 - base] = ~n1;
    out[r2 - base] = ~n2;
    out[r3 - base] = ~n3;
  }
  for (; i < to; i++) {
    const r = rows ? rows[i]! : i;
    out[r - base] = denseLeaf(nodes, dense, r);
  }
}

/**
 * dst[r] = src[r] + the laid-out tree's output for the valid rows r in [from, to), whole groups of
 * LANE_ROWS rows; returns the first row it did not do (the caller walks the rest in JS).
 */
function scoreValidLanes(mem: TrainingMemory, numLeaves: number, src: Float64Array, dst: Float64Array, from: number, to: number): number {
  const lanes = mem.validLanes;
  const k = lanes && kernelOf(mem);
  const rows = (to - from) & -LANE_ROWS;
  if (!lanes || !k || rows === 0) return from;
  const rec = lanes.records.byteOffset;
  k.scoreLanes(rec, rec + LANE_RECORD_BYTES * (numLeaves - 1), rows, from, src.byteOffset + 8 * from, dst.byteOffset + 8 * from, lanes.values.byteOffset);
  return from + rows;
}

/**
 * leafOf[r] = the packed tree's leaf for the out-of-bag rows r = oob[i], i in [from, to), on the
 * row kernel, four rows at a time, when every node's column is in its arena; returns the first i
 * it did not do (the caller walks the rest in JS).
 */
function walkLeavesInKernel(mem: TrainingMemory, numLeaves: number, from: number, to: number): number {
  const k = mem.train.rowSlots.length === 0 ? rowKernelOf(mem) : null;
  if (!k) return from;
  const { nodes, oob, tmp } = mem;
  for (let i = 0; i < numLeaves - 1; i++) if (nodes[i * NODE_STRIDE + 7]! < 0) return from;
  const end = k.walkLeaves(oob.byteOffset + 4 * from, oob.byteOffset + 4 * to, nodes.byteOffset, tmp.byteOffset);
  // an i32 address: above 2^31 it comes back negative
  return ((end >>> 0) - oob.byteOffset) / 4;
}

/** Per thread: the leaves of a chunk of valid rows. */
let chunkLeaves = new Int32Array(0);

/** `walkRows` into scores when every feature is dense: rows [from, to), all of them. */
function walkDenseRows(
  nodes: Int32Array,
  leafValues: Float64Array,
  dense: BinRows['dense'],
  from: number,
  to: number,
  src: Float64Array,
  dst: Float64Array,
): void {
  if (chunkLeaves.length < to - from) chunkLeaves = new Int32Array(to - from);
  walkDenseLeaves(nodes, dense, null, from, to, chunkLeaves, from);
  for (let r = from; r < to; r++) dst[r] = src[r]! + leafValues[chunkLeaves[r - from]!]!;
}

/** leafOf[r] = the leaf of r for the in-bag rows at partition positions [from, to) (leaf ranges `begin` / `count`). */
function bagLeaves(mem: TrainingMemory, numLeaves: number, from: number, to: number, leafOf: Int32Array): void {
  const { idx, begin, count } = mem;
  for (let leaf = 0; leaf < numLeaves; leaf++) {
    const a = Math.max(from, begin[leaf]!);
    const e = Math.min(to, begin[leaf]! + count[leaf]!);
    for (let i = a; i < e; i++) leafOf[idx[i]!] = leaf;
  }
}

/** dst[r] = src[r] + leafValues[leafOf[r]] for the training rows r in [from, to). */
function addLeafValues(leafValues: Float64Array, leafOf: Int32Array, from: number, to: number, src: Float64Array, dst: Float64Array): void {
  for (let r = from; r < to; r++) dst[r] = src[r]! + leafValues[leafOf[r]!]!;
}

/** Sizes of one score job (see `scoreItem` for its items). */
export type ScoreJob = { numLeaves: number; bagCnt: number; oobCnt: number; validCnt: number; src: 0 | 1; chunk: number };

/** Items of phase 1: in-bag chunks, out-of-bag chunks, valid chunks; phase 2 waits for all of them. */
export const scorePhase1 = (j: ScoreJob): number => Math.ceil(j.bagCnt / j.chunk) + Math.ceil(j.oobCnt / j.chunk) + Math.ceil(j.validCnt / j.chunk);

/** Items in all: phase 1, then the training rows' chunks in row order. */
export const scoreItems = (j: ScoreJob): number => scorePhase1(j) + Math.ceil((j.bagCnt + j.oobCnt) / j.chunk);

/**
 * Item k of a score job. Phase 1: in-bag rows' leaves from the partition and out-of-bag rows'
 * leaves from walking the tree (into `mem.tmp`), valid rows' scores from walking it. Phase 2 (the
 * caller runs it only once phase 1 is done): training scores in row order from those leaves.
 */
export function scoreItem(k: number, j: ScoreJob, m: TrainingMemory): void {
  const c = j.chunk;
  const bagItems = Math.ceil(j.bagCnt / c);
  const oobItems = Math.ceil(j.oobCnt / c);
  const phase1 = scorePhase1(j);
  const leafOf = m.tmp;
  if (k < bagItems) {
    bagLeaves(m, j.numLeaves, k * c, Math.min(j.bagCnt, (k + 1) * c), leafOf);
  } else if (k < bagItems + oobItems) {
    const a = (k - bagItems) * c;
    const e = Math.min(j.oobCnt, a + c);
    walkRows(m, m.train, m.oob, walkLeavesInKernel(m, j.numLeaves, a, e), e, { leafOf });
  } else if (k < phase1) {
    const a = (k - bagItems - oobItems) * c;
    const e = Math.min(j.validCnt, a + c);
    if (m.valid && m.validScores) {
      const src = m.validScores[j.src];
      const dst = m.validScores[1 - j.src]!;
      // whole groups of 64 rows on the lane walk when it can take them, the rest here
      walkRows(m, m.valid, null, scoreValidLanes(m, j.numLeaves, src, dst, a, e), e, { src, dst });
    }
  } else {
    const a = (k - phase1) * c;
    addLeafValues(m.leafValues, leafOf, a, Math.min(j.bagCnt + j.oobCnt, a + c), m.scores[j.src], m.scores[1 - j.src]!);
  }
}

/** Takes items of score job `job` until none are left (phase-2 items first wait for phase 1 on every thread). */
export function takeScoreItems(m: TrainingMemory, job: number, j: ScoreJob): void {
  const ctrl = m.control;
  const phase1 = scorePhase1(j);
  takeRowItems(ctrl, job, phase1, scoreItems(j), (k) => {
    if (k < phase1 || waitGathered(ctrl, phase1)) scoreItem(k, j, m);
    else Atomics.store(ctrl, C_ERROR, 1);
  });
}
