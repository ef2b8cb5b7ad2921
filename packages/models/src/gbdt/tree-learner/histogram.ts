/**
 * Gradient histograms: one Float64Array per leaf, interleaved (grad, hess) per global bin slot.
 * Built from ordered gradients (gathered once per leaf so the inner loops read sequentially).
 */
import type { BinnedDataset } from '../dataset/binned-dataset';
import { addDenseFeatures, FEATURE_GROUP, GATHER_CHUNK, gatherGradients, takeJobItems } from '../parallel/histogram-kernel';
import type { HistogramPool } from '../parallel/histogram-pool';

/** Below this many rows a leaf's histogram is built on the main thread alone (a hand-off costs more). */
const MIN_PARALLEL_ROWS = 4096;

export type LeafSums = { sumG: number; sumH: number };

/**
 * Histogram of rows `idx[begin, begin+cnt)` into `hist` (zeroed here). Sparse features get
 * their implicit bin as leaf total (`leafSumG/H` when given) minus the explicit bins (LightGBM `FixHistogram`).
 * With a `pool`, `hist` must be histogram `slot` of the pool's shared memory; the workers share
 * the gradient gather and the dense features. Every feature's sums are the same either way.
 */
export function buildHistogram(
  ds: BinnedDataset,
  idx: Int32Array,
  begin: number,
  cnt: number,
  grad: Float32Array,
  hess: Float32Array,
  used: Uint8Array,
  ordered: Float32Array,
  hist: Float64Array,
  leafSumG?: number,
  leafSumH?: number,
  pool?: HistogramPool,
  slot = 0,
): LeafSums {
  hist.fill(0);
  const off = ds.binOffsets;
  // the used dense features, listed where the workers can read them
  const list = pool ? pool.features : scratchList(ds.numFeatures);
  const dense = ds.denseFeatures;
  let m = 0;
  for (let j = 0; j < dense.length; j++) if (used[dense[j]!]) list[m++] = dense[j]!;
  const parallel = pool !== undefined && pool.open && cnt >= MIN_PARALLEL_ROWS && m > FEATURE_GROUP;
  if (parallel) {
    // gather and dense features shared with the workers; the sparse part below needs the whole gather
    const job = pool.begin(begin, cnt, slot, m);
    takeJobItems(pool.control, job, Math.ceil(cnt / GATHER_CHUNK), m, ds.dense, off, list, idx, begin, cnt, grad, hess, ordered, hist);
    if (!pool.gathered()) return rebuildAlone(pool, ds, idx, begin, cnt, grad, hess, used, ordered, hist, leafSumG, leafSumH);
  } else {
    gatherGradients(grad, hess, idx, begin, 0, cnt, ordered);
    addDenseFeatures(ds.dense, off, list, 0, m, idx, begin, cnt, ordered, hist);
  }
  // leaf totals in row order (a child's come from its parent's split)
  let sumG = 0;
  let sumH = 0;
  if (leafSumG === undefined || leafSumH === undefined) {
    for (let i = 0; i < cnt; i++) {
      sumG += ordered[2 * i]!;
      sumH += ordered[2 * i + 1]!;
    }
  }
  const sparse = ds.sparseFeatures;
  if (sparse.length > 0) {
    const { rowPtr, rowSlots } = ds;
    for (let i = 0; i < cnt; i++) {
      const r = idx[begin + i]!;
      const g = ordered[2 * i]!;
      const h = ordered[2 * i + 1]!;
      for (let k = rowPtr[r]!, e = rowPtr[r + 1]!; k < e; k++) {
        const s = 2 * rowSlots[k]!;
        hist[s]! += g;
        hist[s + 1]! += h;
      }
    }
    for (let j = 0; j < sparse.length; j++) {
      const f = sparse[j]!;
      if (!used[f]) continue;
      const a = off[f]!;
      const b = off[f + 1]!;
      // LightGBM FixHistogram uses the leaf's totals (from the parent split when there is one)
      let g = leafSumG ?? sumG;
      let h = leafSumH ?? sumH;
      for (let s = a; s < b; s++) {
        g -= hist[2 * s]!;
        h -= hist[2 * s + 1]!;
      }
      const d = 2 * (a + ds.mappers[f]!.defaultBin);
      hist[d] = g;
      hist[d + 1] = h;
    }
  }
  if (parallel && !pool.finish()) return rebuildAlone(pool, ds, idx, begin, cnt, grad, hess, used, ordered, hist, leafSumG, leafSumH);
  return { sumG, sumH };
}

/** A worker failed: its part may be half done, so stop the workers and build it all on this thread. */
function rebuildAlone(
  pool: HistogramPool, ds: BinnedDataset, idx: Int32Array, begin: number, cnt: number, grad: Float32Array, hess: Float32Array,
  used: Uint8Array, ordered: Float32Array, hist: Float64Array, leafSumG?: number, leafSumH?: number,
): LeafSums {
  pool.close();
  return buildHistogram(ds, idx, begin, cnt, grad, hess, used, ordered, hist, leafSumG, leafSumH);
}

/** The subtraction trick: parent − smaller child = larger child, written into `parent`. */
export function subtractHistogram(parent: Float64Array, smaller: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i]! -= smaller[i]!;
}

let list0 = new Int32Array(0);
/** Feature list for single-threaded builds (module scratch, grown on demand). */
function scratchList(n: number): Int32Array {
  if (list0.length < n) list0 = new Int32Array(n);
  return list0;
}
