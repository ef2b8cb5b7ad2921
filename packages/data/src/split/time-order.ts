import { checkArity } from '../check-args';
/**
 * Row indices ordered by (timestamp, row index): a stable chronological order that keeps the
 * file's order among equal timestamps (on ml-100k one timestamp straddles the 80 % boundary,
 * so any other tie order changes the split).
 *
 * Integer timestamps spanning < 2^32 seconds take a two-pass LSD radix sort (O(n), stable by
 * construction); anything else falls back to a comparator sort with the index as tie-break.
 */
export function timeOrder(timestamp: ArrayLike<number>, n = timestamp.length): Int32Array {
  checkArity('timeOrder', arguments, ['timestamp', 'n']);
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const t = timestamp[i]!;
    if (t < min) min = t;
    if (t > max) max = t;
    if (integral && !Number.isInteger(t)) integral = false;
    if (sorted && i > 0 && t < timestamp[i - 1]!) sorted = false;
  }
  if (integral && !sorted && n >= 2 && max - min < 2 ** 32) return radixOrder(timestamp, n, min);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (sorted || n < 2) return order;
  return order.sort((a, b) => timestamp[a]! - timestamp[b]! || a - b);
}

function radixOrder(timestamp: ArrayLike<number>, n: number, min: number): Int32Array {
  // Two 16-bit digit passes; keys travel with their indices so both passes read sequentially.
  const key = new Uint32Array(n);
  const lowCount = new Int32Array(65536);
  const highCount = new Int32Array(65536);
  for (let i = 0; i < n; i++) {
    const k = timestamp[i]! - min;
    key[i] = k;
    lowCount[k & 0xffff]!++;
    highCount[k >>> 16]!++;
  }
  prefixSums(lowCount);
  prefixSums(highCount);
  const key1 = new Uint32Array(n);
  const idx1 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = key[i]!;
    const pos = lowCount[k & 0xffff]!++;
    key1[pos] = k;
    idx1[pos] = i;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[highCount[key1[i]! >>> 16]!++] = idx1[i]!;
  return out;
}

function prefixSums(count: Int32Array): void {
  let sum = 0;
  for (let k = 0; k < count.length; k++) {
    const c = count[k]!;
    count[k] = sum;
    sum += c;
  }
}
