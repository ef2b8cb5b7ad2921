/**
 * Row partition (LightGBM `DataPartition`): bagged row indices in one Int32Array, each leaf a
 * contiguous range. Splits are stable, so every range stays sorted by row.
 */
import { missingBin } from '../dataset/bin-mapper';
import type { BinnedDataset } from '../dataset/binned-dataset';
import { MIN_CHUNK_ROWS, type TrainingMemory } from '../parallel/training-memory';
import type { TrainingWorkers } from '../parallel/training-workers';
import { partitionInKernel } from '../parallel/row-kernels';

export class Partition {
  readonly idx: Int32Array;
  readonly begin: Int32Array;
  readonly count: Int32Array;
  /** Scratch for splits (workers partition chunks of a leaf through it). */
  readonly tmp: Int32Array;
  readonly #goLeft: Uint8Array;
  readonly #mem: TrainingMemory;

  /** Over the shared memory's partition buffers, so workers partition the leaves' rows in place and score jobs read the ranges. */
  constructor(mem: TrainingMemory) {
    this.#mem = mem;
    this.idx = mem.idx;
    this.tmp = mem.tmp;
    this.begin = mem.begin;
    this.count = mem.count;
    this.#goLeft = mem.goLeft;
  }

  /** Starts a tree with the given in-bag rows, all in leaf 0. */
  reset(rows: Int32Array, cnt: number): void {
    this.idx.set(rows.subarray(0, cnt));
    this.begin[0] = 0;
    this.count[0] = cnt;
  }

  /**
   * Splits `leaf` into `leaf` (left) and `rightLeaf`; returns the left count. With `workers`, a
   * big leaf on a dense feature is partitioned chunk-wise by all threads (the same stable order).
   */
  split(ds: BinnedDataset, leaf: number, rightLeaf: number, feature: number, thresholdBin: number, defaultLeft: boolean, workers?: TrainingWorkers): number {
    const m = ds.mappers[feature]!;
    const parallel = workers?.open && ds.dense[feature] !== null && this.count[leaf]! >= 2 * MIN_CHUNK_ROWS;
    const goLeft = this.#goLeft;
    for (let b = 0; b < m.numBin; b++) goLeft[b] = b <= thresholdBin ? 1 : 0;
    const miss = missingBin(m);
    if (miss >= 0) goLeft[miss] = defaultLeft ? 1 : 0;
    const begin = this.begin[leaf]!;
    const cnt = this.count[leaf]!;
    if (parallel) {
      const leftCnt = workers.partition(feature, begin, cnt);
      this.count[leaf] = leftCnt;
      this.begin[rightLeaf] = begin + leftCnt;
      this.count[rightLeaf] = cnt - leftCnt;
      return leftCnt;
    }
    const idx = this.idx;
    const tmp = this.tmp;
    let l = begin;
    let r = 0;
    const col = ds.dense[feature];
    // the row kernel when the column is in its arena: left rows in place, right ones to tmp
    const inKernel = col ? partitionInKernel(this.#mem, this.#mem.columnAddress[feature]!, begin, begin + cnt, begin, 0, 1, false) : -1;
    if (inKernel >= 0) {
      l = begin + inKernel;
      r = cnt - inKernel;
    } else if (col) {
      // branch-free, as the parallel partition (row-kernels.ts): idx[l] is at or before the row read
      for (let i = begin; i < begin + cnt; i++) {
        const row = idx[i]!;
        const left = goLeft[col[row]!]!;
        idx[l] = row;
        tmp[r] = row;
        l += left;
        r += 1 - left;
      }
    } else {
      // leaf rows and the column's rows are both ascending: walk them together, galloping
      // through the column so a small leaf does not pay for a long column
      const rows = ds.colRows[feature]!;
      const bins = ds.colBins[feature]!;
      const nnz = rows.length;
      const defLeft = goLeft[m.defaultBin]!;
      let p = 0;
      for (let i = begin; i < begin + cnt; i++) {
        const row = idx[i]!;
        if (p < nnz && rows[p]! < row) p = gallop(rows, p, nnz, row);
        // a branch here: most rows lack the sparse column's entry and go the same way
        const left = p < nnz && rows[p] === row ? goLeft[bins[p]!] : defLeft;
        if (left) idx[l++] = row;
        else tmp[r++] = row;
      }
    }
    idx.set(tmp.subarray(0, r), l);
    const leftCnt = l - begin;
    this.count[leaf] = leftCnt;
    this.begin[rightLeaf] = l;
    this.count[rightLeaf] = r;
    return leftCnt;
  }
}

/** First position >= p in ascending `a[0..m)` whose value is >= `target` (exponential + binary search). */
function gallop(a: Int32Array, p: number, m: number, target: number): number {
  let step = 1;
  let lo = p;
  let hi = p + 1;
  while (hi < m && a[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = p + step;
  }
  if (hi > m) hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
