/**
 * Gradient histograms: one Float64Array per leaf, interleaved (grad, hess) per global bin slot.
 * Built from ordered gradients (gathered once per leaf so the inner loops read sequentially).
 */
import type { BinnedDataset } from '../dataset/binned-dataset';

export type LeafSums = { sumG: number; sumH: number };

/**
 * Histogram of rows `idx[begin, begin+cnt)` into `hist` (zeroed here). Sparse features get
 * their implicit bin as leaf total (`leafSumG/H` when given) minus the explicit bins (LightGBM `FixHistogram`).
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
): LeafSums {
  hist.fill(0);
  let sumG = 0;
  let sumH = 0;
  for (let i = 0; i < cnt; i++) {
    const r = idx[begin + i]!;
    const g = grad[r]!;
    const h = hess[r]!;
    ordered[2 * i] = g;
    ordered[2 * i + 1] = h;
    sumG += g;
    sumH += h;
  }
  const off = ds.binOffsets;
  // dense features four at a time: one pass over the leaf's rows feeds four histograms
  const group: number[] = [];
  const dense = ds.denseFeatures;
  for (let j = 0; j < dense.length; j++) {
    const f = dense[j]!;
    if (!used[f]) continue;
    group.push(f);
    if (group.length === 4) {
      addDense4(ds, group, idx, begin, cnt, ordered, hist);
      group.length = 0;
    }
  }
  for (const f of group) addDense1(ds.dense[f]!, 2 * off[f]!, idx, begin, cnt, ordered, hist);
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
  return { sumG, sumH };
}

/** The subtraction trick: parent − smaller child = larger child, written into `parent`. */
export function subtractHistogram(parent: Float64Array, smaller: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i]! -= smaller[i]!;
}

type Col = Uint8Array | Uint16Array;

function addDense1(col: Col, o: number, idx: Int32Array, begin: number, cnt: number, ordered: Float32Array, hist: Float64Array): void {
  for (let i = 0; i < cnt; i++) {
    const s = o + 2 * col[idx[begin + i]!]!;
    hist[s]! += ordered[2 * i]!;
    hist[s + 1]! += ordered[2 * i + 1]!;
  }
}

function addDense4(ds: BinnedDataset, fs: number[], idx: Int32Array, begin: number, cnt: number, ordered: Float32Array, hist: Float64Array): void {
  const c0 = ds.dense[fs[0]!]!;
  const c1 = ds.dense[fs[1]!]!;
  const c2 = ds.dense[fs[2]!]!;
  const c3 = ds.dense[fs[3]!]!;
  const o0 = 2 * ds.binOffsets[fs[0]!]!;
  const o1 = 2 * ds.binOffsets[fs[1]!]!;
  const o2 = 2 * ds.binOffsets[fs[2]!]!;
  const o3 = 2 * ds.binOffsets[fs[3]!]!;
  for (let i = 0; i < cnt; i++) {
    const r = idx[begin + i]!;
    const g = ordered[2 * i]!;
    const h = ordered[2 * i + 1]!;
    let s = o0 + 2 * c0[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o1 + 2 * c1[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o2 + 2 * c2[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o3 + 2 * c3[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
  }
}
