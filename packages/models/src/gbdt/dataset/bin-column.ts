/**
 * A dense feature column → bins, the same bins as `valueToBin` (first bin whose upper bound is
 * ≥ the value), found as "how many bounds are below the value" over bounds padded to a power of
 * two: a fixed number of branch-free steps, four rows at a time. NaN (rare) takes `valueToBin`.
 */
import { MissingType, valueToBin, type BinMapper } from './bin-mapper';

export function binDenseColumn(m: BinMapper, data: Float32Array | Float64Array, cols: number, f: number, n: number, out: Uint8Array | Uint16Array): void {
  // searchable bounds: all but the last finite bin (+Inf) and the NaN bin
  const R = m.numBin - 1 - (m.missingType === MissingType.NaN ? 1 : 0);
  let P = 1;
  while (P < R + 1) P *= 2;
  const T = new Float64Array(P).fill(Infinity);
  T.set(m.upperBounds.subarray(0, R));
  const half = P >> 1;
  const quad = n & ~3;
  let r = 0;
  let p = f;
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
  for (; r < n; r++, p += cols) out[r] = valueToBin(m, data[p]!);
}
