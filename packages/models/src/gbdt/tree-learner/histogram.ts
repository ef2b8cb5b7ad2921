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

/** One leaf's histogram to build. */
export type HistogramRequest = {
  readonly ds: BinnedDataset;
  /** The leaf's rows: `idx[begin, begin + count)`. */
  readonly idx: Int32Array;
  readonly begin: number;
  readonly count: number;
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  /** Features to build (1 = build); the others' slots are left as they are. */
  readonly features: Uint8Array;
  /** Scratch for the gathered (grad, hess) pairs, 2 per row. */
  readonly ordered: Float32Array;
  /** Written here (zeroed first). With a `pool`, slot `slot` of the pool's shared histograms. */
  readonly hist: Float64Array;
  readonly slot: number;
  /** The leaf's totals when known (a child's come from its parent's split); the root's are summed here. */
  readonly sums?: LeafSums;
  readonly pool?: HistogramPool | undefined;
};

/**
 * Histogram of the leaf's rows into `hist`; returns the leaf totals (the given ones, or the rows
 * summed in order, LightGBM `LeafSplits::Init`). The workers, when a `pool` is given, share the
 * gradient gather and the dense features; every feature's sums are the same either way. Then, as
 * LightGBM `Dataset::FixHistogram`, each built feature's most frequent bin (its rows are never
 * added) is the leaf total minus the other bins.
 */
export function buildHistogram(r: HistogramRequest): LeafSums {
  const { ds, idx, begin, count: cnt, grad, hess, features: used, ordered, hist, pool } = r;
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
    const job = pool.begin(begin, cnt, r.slot, m);
    takeJobItems(pool.control, job, Math.ceil(cnt / GATHER_CHUNK), m, ds.dense, off, list, idx, begin, cnt, grad, hess, ordered, hist);
    if (!pool.gathered()) return rebuildAlone(r, pool);
  } else {
    gatherGradients(grad, hess, idx, begin, 0, cnt, ordered);
    addDenseFeatures(ds.dense, off, list, 0, m, idx, begin, cnt, ordered, hist);
  }
  let sums = r.sums;
  if (!sums) {
    let sumG = 0;
    let sumH = 0;
    for (let i = 0; i < cnt; i++) {
      sumG += ordered[2 * i]!;
      sumH += ordered[2 * i + 1]!;
    }
    sums = { sumG, sumH };
  }
  const sparse = ds.sparseFeatures;
  if (sparse.length > 0) {
    const { rowPtr, rowSlots } = ds;
    for (let i = 0; i < cnt; i++) {
      const row = idx[begin + i]!;
      const g = ordered[2 * i]!;
      const h = ordered[2 * i + 1]!;
      for (let k = rowPtr[row]!, e = rowPtr[row + 1]!; k < e; k++) {
        const s = 2 * rowSlots[k]!;
        hist[s]! += g;
        hist[s + 1]! += h;
      }
    }
  }
  if (parallel && !pool.finish()) return rebuildAlone(r, pool);
  fixMostFrequentBins(ds, used, hist, sums);
  return sums;
}

/**
 * LightGBM `Dataset::FixHistogram`: a feature whose most frequent bin is > 0 gets that bin as the
 * leaf total minus its other bins, subtracted in bin order (sparse columns never stored its rows;
 * dense ones did, but LightGBM never sums them, and the difference is not the same double).
 */
function fixMostFrequentBins(ds: BinnedDataset, used: Uint8Array, hist: Float64Array, sums: LeafSums): void {
  const off = ds.binOffsets;
  for (const f of ds.usable) {
    const mfb = ds.mappers[f]!.mostFreqBin;
    if (!used[f] || mfb === 0) continue;
    const a = 2 * off[f]!;
    const e = 2 * off[f + 1]!;
    const d = a + 2 * mfb;
    let g = sums.sumG;
    let h = sums.sumH;
    for (let s = a; s < e; s += 2) {
      if (s === d) continue;
      g -= hist[s]!;
      h -= hist[s + 1]!;
    }
    hist[d] = g;
    hist[d + 1] = h;
  }
}

/** A worker failed: its part may be half done, so stop the workers and build it all on this thread. */
function rebuildAlone(r: HistogramRequest, pool: HistogramPool): LeafSums {
  pool.close();
  return buildHistogram({ ...r, pool: undefined });
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
