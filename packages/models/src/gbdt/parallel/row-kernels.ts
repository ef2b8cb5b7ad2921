/**
 * Row-range work shared by the main thread and the workers besides histograms: the stable
 * partition of a leaf's rows (LightGBM `ParallelPartitionRunner`) and the gradients. A partition is
 * cut into equal chunks (`chunkCount`), gradients into chunks of `ROW_CHUNK` rows, claimed like
 * histogram items (`job << 16 | item`); each chunk's result does not depend on who computes it, so
 * the outcome equals the one-thread code.
 */
import type { BinColumn } from '../dataset/bin-rows';
import { C_DONE, C_ERROR, C_GATHERED, C_NEXT } from './control';
import { waitGathered } from './histogram-kernel';
import { chunkRows, type TrainingMemory } from './training-memory';
import { ROW_KERNEL_BASE64 } from './wasm/row-kernel-bytes';
import { instantiateKernel } from './wasm-arena';

/** The WebAssembly row kernel (tools/wasm-kernel/row-kernel-source.ts). */
type RowKernel = {
  partitionRows(idx: number, end: number, column: number, goLeft: number, left: number, right: number, rightStep: number): number;
  walkLeaves(rows: number, end: number, nodes: number, leafOf: number): number;
};

/** This thread's row kernel per training memory (null: no arena, or it failed to instantiate). */
const kernels = new WeakMap<object, RowKernel | null>();

/** This thread's row kernel on `mem.wasm` when the partition buffers are in it, or null. */
export function rowKernelOf(mem: TrainingMemory): RowKernel | null {
  const w = mem.wasm;
  if (!w || !mem.rowsInWasm) return null;
  let k = kernels.get(w);
  if (k === undefined) {
    k = (instantiateKernel(w, ROW_KERNEL_BASE64) as RowKernel | undefined) ?? null;
    kernels.set(w, k);
  }
  return k;
}

/**
 * The kernel's stable split of idx[from, to) by `goLeft[bin]` of the u8 column at `column` (its
 * address; -1: not in the arena): left rows from idx position `left` on, right rows from tmp
 * position `right` on, going by `rightStep` (±1). The left count, or -1 when the kernel cannot take it.
 */
export function partitionInKernel(
  mem: TrainingMemory,
  column: number,
  from: number,
  to: number,
  left: number,
  right: number,
  rightStep: 1 | -1,
  leftInTmp: boolean,
): number {
  const k = column >= 0 ? rowKernelOf(mem) : null;
  if (!k) return -1;
  const { idx, tmp, goLeft } = mem;
  const at = (a: Int32Array, i: number) => a.byteOffset + 4 * i;
  return k.partitionRows(at(idx, from), at(idx, to), column, goLeft.byteOffset, at(leftInTmp ? tmp : idx, left), at(tmp, right), 4 * rightStep);
}

/**
 * Partition phase 1 for chunk k (of `size` rows) of idx[begin, begin+cnt): in-order left rows go to the front of
 * the chunk's range of `tmp`, right rows to its back (reversed); the left count to `leftCounts[k]`.
 * `goLeft` holds 0 or 1 per bin.
 * Only `tmp` is written, so idx stays intact until every chunk is through phase 1.
 */
export function partitionChunk(mem: TrainingMemory, col: BinColumn, column: number, begin: number, cnt: number, k: number, size: number): void {
  const { goLeft, idx, tmp, leftCounts } = mem;
  const a = begin + k * size;
  const e = Math.min(begin + cnt, a + size);
  const inKernel = partitionInKernel(mem, column, a, e, a, e - 1, -1, true);
  if (inKernel >= 0) {
    leftCounts[k] = inKernel;
    return;
  }
  let l = a;
  let r = e;
  // branch-free: the row goes to both free ends and only the side it belongs to advances (the
  // other copy is overwritten later). A leaf's bins are as good as random, so the branch missed
  // about every other row: 4x slower
  for (let i = a; i < e; i++) {
    const row = idx[i]!;
    const left = goLeft[col[row]!]!;
    tmp[l] = row;
    tmp[r - 1] = row;
    l += left;
    r -= 1 - left;
  }
  leftCounts[k] = l - a;
}

/**
 * Partition phase 2 for chunk k: copies its left rows to their place in the leaf's left part and
 * its right rows (back in order) to theirs in the right part. Reads only `tmp` and the counts, so
 * running it twice writes the same.
 */
export function placeChunk(idx: Int32Array, tmp: Int32Array, begin: number, cnt: number, k: number, chunks: number, leftCounts: Int32Array): void {
  const size = chunkRows(cnt, chunks);
  let leftBefore = 0;
  let totalLeft = 0;
  for (let j = 0; j < chunks; j++) {
    if (j < k) leftBefore += leftCounts[j]!;
    totalLeft += leftCounts[j]!;
  }
  const a = begin + k * size;
  const e = Math.min(begin + cnt, a + size);
  const lc = leftCounts[k]!;
  idx.set(tmp.subarray(a, a + lc), begin + leftBefore);
  let d = begin + totalLeft + (a - begin - leftBefore);
  for (let i = e - 1; i >= a + lc; i--) idx[d++] = tmp[i]!;
}

/** Sum of `leftCounts[0, chunks)`: the left child's row count. */
export function leftTotal(leftCounts: Int32Array, chunks: number): number {
  let t = 0;
  for (let j = 0; j < chunks; j++) t += leftCounts[j]!;
  return t;
}

/**
 * Takes items of a row job until none are left: items [0, phase1) count in C_GATHERED, the rest
 * in C_DONE. Partition jobs have `2 · chunks` items: phase 1 of every chunk, then phase 2 (which
 * waits for all of phase 1). Gradient jobs have `chunks` items, all in C_DONE.
 */
export function takeRowItems(ctrl: Int32Array, job: number, phase1: number, items: number, run: (k: number) => void): void {
  for (;;) {
    const cur = Atomics.load(ctrl, C_NEXT);
    if (cur >>> 16 !== job) return;
    const k = cur & 0xffff;
    if (k >= items) return;
    if (Atomics.compareExchange(ctrl, C_NEXT, cur, cur + 1) !== cur) continue;
    const counter = k < phase1 ? C_GATHERED : C_DONE;
    try {
      run(k);
    } catch (e) {
      Atomics.store(ctrl, C_ERROR, 1);
      throw e;
    } finally {
      Atomics.add(ctrl, counter, 1);
      Atomics.notify(ctrl, counter);
    }
  }
}

/** One partition item (see `takeRowItems`) of the leaf's rows idx[begin, begin + cnt), split by `mem.goLeft` of column `col` (at arena address `column`, or -1). */
export function partitionItem(mem: TrainingMemory, k: number, chunks: number, col: BinColumn, column: number, begin: number, cnt: number): void {
  const { control, idx, tmp, leftCounts } = mem;
  if (k < chunks) partitionChunk(mem, col, column, begin, cnt, k, chunkRows(cnt, chunks));
  else if (waitGathered(control, chunks)) placeChunk(idx, tmp, begin, cnt, k - chunks, chunks, leftCounts);
  else Atomics.store(control, C_ERROR, 1);
}
