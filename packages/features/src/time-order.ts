/**
 * Row order by timestamp, ties kept in input order (a stable sort), so equal-time rows form
 * contiguous groups. Already-sorted input (the usual case after a time split) costs one scan.
 */
export function timeOrder(ts: ArrayLike<number>): Int32Array {
  const n = ts.length;
  const order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && ts[i]! < ts[i - 1]!) sorted = false;
  }
  if (!sorted) order.sort((a, b) => ts[a]! - ts[b]! || a - b);
  return order;
}

/** Calls `fn(start, end)` for each run of equal timestamps in `order` (end exclusive). */
export function forEachTimeGroup(ts: ArrayLike<number>, order: Int32Array, fn: (start: number, end: number) => void): void {
  let start = 0;
  while (start < order.length) {
    const t = ts[order[start]!]!;
    let end = start + 1;
    while (end < order.length && ts[order[end]!]! === t) end++;
    fn(start, end);
    start = end;
  }
}
