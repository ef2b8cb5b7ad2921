/**
 * Gradient histograms: one Float64Array per leaf, interleaved (grad, hess) per global bin slot.
 * Built from ordered gradients (gathered once per leaf so the inner loops read sequentially).
 */
import type { BinnedDataset } from '../dataset/binned-dataset';
import { addDenseFeatures, FEATURE_GROUP, gatherGradients } from '../parallel/histogram-kernel';
import type { TrainingMemory } from '../parallel/training-memory';
import type { TrainingWorkers } from '../parallel/training-workers';

/** Below this many rows a leaf's histogram is built on the main thread alone (a hand-off costs more). */
const MIN_PARALLEL_ROWS = 1024;

export type LeafSums = { sumG: number; sumH: number };

/** One leaf's histogram to build. */
export type HistogramRequest = {
  readonly ds: BinnedDataset;
  /**
   * The training memory: the leaf's rows are `idx[begin, begin + count)`, gradients `grad` /
   * `hess`, gathered into `ordered`; the used dense features are listed in `histFeatures`.
   */
  readonly mem: TrainingMemory;
  readonly begin: number;
  readonly count: number;
  /** Features to build (1 = build); the others' slots are left as they are. */
  readonly features: Uint8Array;
  /** Written here (each built feature's bins zeroed first, or the whole slot with sparse features): slot `slot` of `mem.hists`. */
  readonly hist: Float64Array;
  readonly slot: number;
  /** The leaf's totals when known (a child's come from its parent's split); the root's are summed here. */
  readonly sums?: LeafSums;
  readonly workers?: TrainingWorkers | undefined;
};

/**
 * Histogram of the leaf's rows into `hist`; returns the leaf totals (the given ones, or the rows
 * summed in order, LightGBM `LeafSplits::Init`). The workers, when given, share the
 * gradient gather and the dense features; every feature's sums are the same either way. Then, as
 * LightGBM `Dataset::FixHistogram`, each built feature's most frequent bin (its rows are never
 * added) is the leaf total minus the other bins.
 */
export function buildHistogram(r: HistogramRequest): LeafSums {
  const { ds, mem, begin, count: cnt, features: used, hist, workers } = r;
  const { idx, ordered, histFeatures: list } = mem;
  // dense features' bins are zeroed where they are built; with sparse features (thousands of
  // one-hot columns, one `fill` call each) one pass over the slot costs less
  const sparse = ds.sparseFeatures;
  if (sparse.length > 0) hist.fill(0);
  // the used dense features, listed where the workers can read them
  const dense = ds.denseFeatures;
  let m = 0;
  for (let j = 0; j < dense.length; j++) if (used[dense[j]!]) list[m++] = dense[j]!;
  const parallel = workers?.open && cnt >= MIN_PARALLEL_ROWS && m > FEATURE_GROUP;
  if (parallel) {
    // gather and dense features shared with the workers; the sparse part below needs the whole gather
    if (!workers.histogram(begin, cnt, r.slot, m, hist)) return rebuildAlone(r, workers);
  } else {
    gatherGradients(mem, begin, 0, cnt);
    addDenseFeatures(mem, list, 0, m, begin, cnt, hist);
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
  if (parallel && !workers.finish()) return rebuildAlone(r, workers);
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
function rebuildAlone(r: HistogramRequest, workers: TrainingWorkers): LeafSums {
  workers.fail();
  return buildHistogram({ ...r, workers: undefined });
}

/**
 * The subtraction trick for one feature: `larger` = `parent` − `smaller` in feature f's slots.
 * Done per feature by whichever thread searches it, and only for the features searched: the others
 * are never read again below this split (a feature the parent could not split is not searched in
 * its subtree). The parent is left intact, so a search redone after a failed worker writes the same.
 */
export function subtractFeature(larger: Float64Array, parent: Float64Array, smaller: Float64Array, binOffsets: Int32Array, f: number): void {
  for (let i = 2 * binOffsets[f]!, e = 2 * binOffsets[f + 1]!; i < e; i++) larger[i] = parent[i]! - smaller[i]!;
}
