/**
 * Prediction on a `BinnedForest`, in blocks of rows: the block is binned once with the model's
 * thresholds, then each tree is walked by eight rows in lock step (integer compares, no branch on
 * the data; the eight independent chains keep the CPU's load units busy), so a tree's nodes stay
 * in cache across the block. Each row adds its trees in tree order, exactly like the float walk,
 * so the sums are bit-identical. A block holding a NaN in a split feature is handed back to the
 * caller (NaN's side depends on the node, which bins cannot express): the `bin*` functions
 * return false for it.
 */
import type { CsrMatrix } from '../../matrix';
import type { BinnedForest } from './binned-forest';

/** Scratch for one block: bins column-major (`bins[u * block + r]`). */
export const newBlockBins = (bf: BinnedForest): Uint16Array => new Uint16Array(bf.block * Math.max(1, bf.used.length));

/** Bins rows [r0, r1) of dense row-major Float32 data; false when a split feature is NaN there. */
export function binDenseF32(bf: BinnedForest, data: Float32Array, cols: number, r0: number, r1: number, bins: Uint16Array): boolean {
  const { used, thrStart, thrPow, thresholds: T } = bf;
  const U = used.length;
  const quad = r0 + ((r1 - r0) & ~3);
  const stride = 4 * cols;
  for (let u = 0; u < U; u++) {
    const s = thrStart[u]! - 1;
    const P = thrPow[u]!;
    const c = used[u]!;
    let r = r0;
    let p = r0 * cols + c;
    let o = u * bf.block;
    // four independent searches side by side; `+(a < b)` keeps each step free of branches
    for (; r < quad; r += 4, p += stride, o += 4) {
      const v0 = data[p]!;
      const v1 = data[p + cols]!;
      const v2 = data[p + 2 * cols]!;
      const v3 = data[p + 3 * cols]!;
      if (v0 !== v0 || v1 !== v1 || v2 !== v2 || v3 !== v3) return false;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let step = P >> 1; step > 0; step >>= 1) {
        b0 += step * +(T[s + b0 + step]! < v0);
        b1 += step * +(T[s + b1 + step]! < v1);
        b2 += step * +(T[s + b2 + step]! < v2);
        b3 += step * +(T[s + b3 + step]! < v3);
      }
      bins[o] = b0;
      bins[o + 1] = b1;
      bins[o + 2] = b2;
      bins[o + 3] = b3;
    }
    for (; r < r1; r++, p += cols, o++) {
      const v = data[p]!;
      if (v !== v) return false;
      let b = 0;
      for (let step = P >> 1; step > 0; step >>= 1) b += step * +(T[s + b + step]! < v);
      bins[o] = b;
    }
  }
  return true;
}

/** Same as `binDenseF32` for Float64 data (a separate copy keeps each monomorphic). */
export function binDenseF64(bf: BinnedForest, data: Float64Array, cols: number, r0: number, r1: number, bins: Uint16Array): boolean {
  const { used, thrStart, thrPow, thresholds: T } = bf;
  const U = used.length;
  const quad = r0 + ((r1 - r0) & ~3);
  const stride = 4 * cols;
  for (let u = 0; u < U; u++) {
    const s = thrStart[u]! - 1;
    const P = thrPow[u]!;
    const c = used[u]!;
    let r = r0;
    let p = r0 * cols + c;
    let o = u * bf.block;
    // four independent searches side by side; `+(a < b)` keeps each step free of branches
    for (; r < quad; r += 4, p += stride, o += 4) {
      const v0 = data[p]!;
      const v1 = data[p + cols]!;
      const v2 = data[p + 2 * cols]!;
      const v3 = data[p + 3 * cols]!;
      if (v0 !== v0 || v1 !== v1 || v2 !== v2 || v3 !== v3) return false;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let step = P >> 1; step > 0; step >>= 1) {
        b0 += step * +(T[s + b0 + step]! < v0);
        b1 += step * +(T[s + b1 + step]! < v1);
        b2 += step * +(T[s + b2 + step]! < v2);
        b3 += step * +(T[s + b3 + step]! < v3);
      }
      bins[o] = b0;
      bins[o + 1] = b1;
      bins[o + 2] = b2;
      bins[o + 3] = b3;
    }
    for (; r < r1; r++, p += cols, o++) {
      const v = data[p]!;
      if (v !== v) return false;
      let b = 0;
      for (let step = P >> 1; step > 0; step >>= 1) b += step * +(T[s + b + step]! < v);
      bins[o] = b;
    }
  }
  return true;
}

/**
 * Bins CSR rows [r0, r1): every used feature starts at the bin of 0, stored entries overwrite it.
 * `colToU` maps a column to its used-feature index or -1. False when a split feature is NaN.
 */
export function binCsr(bf: BinnedForest, X: CsrMatrix, colToU: Int32Array, r0: number, r1: number, bins: Uint16Array): boolean {
  const { thrStart, thrPow, thresholds: T, zeroBin } = bf;
  const U = bf.used.length;
  const { indptr, indices, data } = X;
  const B = bf.block;
  for (let r = r0, o = 0; r < r1; r++, o++) {
    for (let u = 0; u < U; u++) bins[u * B + o] = zeroBin[u]!;
    for (let k = indptr[r]!, e = indptr[r + 1]!; k < e; k++) {
      const u = colToU[indices[k]!]!;
      if (u < 0) continue;
      const v = data[k]!;
      if (v !== v) return false;
      const s = thrStart[u]! - 1;
      let b = 0;
      for (let step = thrPow[u]! >> 1; step > 0; step >>= 1) if (T[s + b + step]! < v) b += step;
      bins[u * B + o] = b;
    }
  }
  return true;
}

/** Adds trees [from, to) to out[r0 .. r0 + count) for a binned block. */
export function walkBlock(bf: BinnedForest, bins: Uint16Array, count: number, out: Float64Array, r0: number, from: number, to: number): void {
  const { nodes, value, roots, depth } = bf;
  const oct = count & ~7;
  for (let t = from; t < to; t++) {
    const root = roots[t]!;
    const D = depth[t]!;
    let r = 0;
    for (; r < oct; r += 8) {
      let n0 = root;
      let n1 = root;
      let n2 = root;
      let n3 = root;
      let n4 = root;
      let n5 = root;
      let n6 = root;
      let n7 = root;
      for (let d = 0; d < D; d++) {
        const w0 = nodes[n0]!;
        const w1 = nodes[n1]!;
        const w2 = nodes[n2]!;
        const w3 = nodes[n3]!;
        const w4 = nodes[n4]!;
        const w5 = nodes[n5]!;
        const w6 = nodes[n6]!;
        const w7 = nodes[n7]!;
        // all eight at leaves (only leaf records have a 0xffff threshold field): this group is done
        if ((w0 & w1 & w2 & w3 & w4 & w5 & w6 & w7 & 0xffff) === 0xffff) break;
        // right child when bin > threshold bin: (thr - bin) is negative, its sign bit picks the right slot
        n0 = nodes[n0 + 1 + (((w0 & 0xffff) - bins[(w0 >>> 16) + r]!) >>> 31)]!;
        n1 = nodes[n1 + 1 + (((w1 & 0xffff) - bins[(w1 >>> 16) + r + 1]!) >>> 31)]!;
        n2 = nodes[n2 + 1 + (((w2 & 0xffff) - bins[(w2 >>> 16) + r + 2]!) >>> 31)]!;
        n3 = nodes[n3 + 1 + (((w3 & 0xffff) - bins[(w3 >>> 16) + r + 3]!) >>> 31)]!;
        n4 = nodes[n4 + 1 + (((w4 & 0xffff) - bins[(w4 >>> 16) + r + 4]!) >>> 31)]!;
        n5 = nodes[n5 + 1 + (((w5 & 0xffff) - bins[(w5 >>> 16) + r + 5]!) >>> 31)]!;
        n6 = nodes[n6 + 1 + (((w6 & 0xffff) - bins[(w6 >>> 16) + r + 6]!) >>> 31)]!;
        n7 = nodes[n7 + 1 + (((w7 & 0xffff) - bins[(w7 >>> 16) + r + 7]!) >>> 31)]!;
      }
      out[r0 + r + 0]! += value[n0]!;
      out[r0 + r + 1]! += value[n1]!;
      out[r0 + r + 2]! += value[n2]!;
      out[r0 + r + 3]! += value[n3]!;
      out[r0 + r + 4]! += value[n4]!;
      out[r0 + r + 5]! += value[n5]!;
      out[r0 + r + 6]! += value[n6]!;
      out[r0 + r + 7]! += value[n7]!;
    }
    for (; r < count; r++) {
      let n = root;
      for (let d = 0; d < D; d++) {
        const w = nodes[n]!;
        n = nodes[n + 1 + (((w & 0xffff) - bins[(w >>> 16) + r]!) >>> 31)]!;
      }
      out[r0 + r]! += value[n]!;
    }
  }
}
