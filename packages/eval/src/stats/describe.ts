/** Arithmetic mean (NaN for an empty input). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length === 0 ? NaN : s / values.length;
}

/** Standard deviation with `ddof` degrees of freedom removed (numpy's `np.std(x, ddof)`). */
export function std(values: ArrayLike<number>, ddof = 0): number {
  const n = values.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    s += d * d;
  }
  return Math.sqrt(s / (n - ddof));
}

/**
 * Quantile of an ascending-sorted array with numpy's default 'linear' method,
 * including numpy's two-sided lerp (`b - (b - a)(1 - t)` when t >= 0.5) so values match bit for bit.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * q;
  let prev = Math.floor(virtual);
  if (prev < 0) prev = 0;
  if (prev > n - 1) prev = n - 1;
  const next = Math.min(prev + 1, n - 1);
  const t = virtual - prev;
  const a = sorted[prev]!;
  const b = sorted[next]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** numpy's `np.percentile(values, p)` for each p (percent), linear method. */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => quantileSorted(sorted, p / 100));
}

/** numpy's `np.linspace(start, stop, num)` (endpoint included), reproducing its rounding. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** numpy's `searchsorted(edges, v, side='left')`: first index i with edges[i] >= v. */
export function searchSortedLeft(edges: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
