/**
 * A dense feature column → bins, the same bins as `valueToBin` (first bin whose upper bound is
 * ≥ the value), found as "how many bounds are below the value" over bounds padded to a power of
 * two: a fixed number of branch-free steps, four rows at a time. NaN (rare) takes `valueToBin`.
 */
import { MissingType, valueToBin, type BinMapper } from './bin-mapper';

/** A feature's searchable bounds, padded with +Inf to a power of two (built once per feature). */
export type ColumnBinner = { readonly m: BinMapper; readonly T: Float64Array; readonly half: number };

export function columnBinner(m: BinMapper): ColumnBinner {
  // searchable bounds: all but the last finite bin (+Inf) and the NaN bin
  const R = m.numBin - 1 - (m.missingType === MissingType.NaN ? 1 : 0);
  let P = 1;
  while (P < R + 1) P *= 2;
  const T = new Float64Array(P).fill(Infinity);
  T.set(m.upperBounds.subarray(0, R));
  return { m, T, half: P >> 1 };
}

/** Bins rows [r0, r1) of feature `f` of row-major `data` (`cols` per row) into `out[r0, r1)`. */
function binColumnRows(
  bc: ColumnBinner,
  data: Float32Array | Float64Array,
  cols: number,
  f: number,
  r0: number,
  r1: number,
  out: Uint8Array | Uint16Array,
): void {
  const { m, T, half } = bc;
  const quad = r0 + ((r1 - r0) & ~3);
  let r = r0;
  let p = r0 * cols + f;
  for (; r < quad; r += 4, p += 4 * cols) {
    const v0 = data[p]!;
    const v1 = data[p + cols]!;
    const v2 = data[p + 2 * cols]!;
    const v3 = data[p + 3 * cols]!;
    if (v0 !== v0 || v1 !== v1 || v2 !== v2 || v3 !== v3) {
      for (let k = 0; k < 4; k++) out[r + k] = valueToBin(m, data[p + k * cols]!);
      continue;
    }
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let step = half; step > 0; step >>= 1) {
      b0 += step * +(T[b0 + step - 1]! < v0);
      b1 += step * +(T[b1 + step - 1]! < v1);
      b2 += step * +(T[b2 + step - 1]! < v2);
      b3 += step * +(T[b3 + step - 1]! < v3);
    }
    out[r] = b0;
    out[r + 1] = b1;
    out[r + 2] = b2;
    out[r + 3] = b3;
  }
  for (; r < r1; r++, p += cols) out[r] = valueToBin(m, data[p]!);
}

/** Rows per tile: a tile of a row-major matrix (≤ 2048 × cols values) stays in cache while every column of it is binned. */
const TILE_ROWS = 2048;

/**
 * Bins every column that has a binner (null: leave that column alone) of a row-major matrix,
 * tile by tile: walking one column over the whole matrix would stream all of it from memory once
 * per column, since a row is wider than a cache line.
 */
export function binColumns(
  binners: readonly (ColumnBinner | null)[],
  data: Float32Array | Float64Array,
  rows: number,
  cols: number,
  out: readonly (Uint8Array | Uint16Array | null)[],
): void {
  for (let r0 = 0; r0 < rows; r0 += TILE_ROWS) {
    const r1 = Math.min(rows, r0 + TILE_ROWS);
    for (let f = 0; f < cols; f++) {
      const bc = binners[f];
      const col = out[f];
      if (bc && col) binColumnRows(bc, data, cols, f, r0, r1, col);
    }
  }
}
