/**
 * Ascending in-place sort of a Float64Array by LSD radix on the IEEE-754 bits (16-bit digits,
 * 4 scatter passes after one pass that builds every histogram): O(n) and about twice as fast as the
 * native comparison sort on millions of values, which keeps AUC / AP on 10M scores within seconds.
 * NaN must not occur (callers validate). Small arrays use the native sort.
 */
export function sortFloat64(a: Float64Array): Float64Array {
  const n = a.length;
  if (n < 4096) return a.sort();
  const u = new Uint32Array(a.buffer, a.byteOffset, n * 2);
  let hi = new Uint32Array(n);
  let lo = new Uint32Array(n);
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    // Sortable unsigned keys: flip every bit of negatives, only the sign bit of non-negatives.
    let h = u[2 * i + 1]!;
    let l = u[2 * i]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[i] = h;
    lo[i] = l;
    counts[l & 0xffff]!++;
    counts[65536 + (l >>> 16)]!++;
    counts[131072 + (h & 0xffff)]!++;
    counts[196608 + (h >>> 16)]!++;
  }
  let hi2 = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const count = counts.subarray(pass * 65536, (pass + 1) * 65536);
    if (count.includes(n)) continue; // every key has the same digit here: nothing to reorder
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    const src = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const p = count[(src[i]! >>> shift) & 0xffff]!++;
      hi2[p] = hi[i]!;
      lo2[p] = lo[i]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i]!;
    const l = lo[i]!;
    if (h & 0x80000000) {
      u[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      u[2 * i] = l;
    } else {
      u[2 * i + 1] = ~h >>> 0;
      u[2 * i] = ~l >>> 0;
    }
  }
  return a;
}
