import { describe, expect, test } from 'vitest';
import { sortFloat64 } from './sort-float64';

/** Deterministic LCG in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const same = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`differs at ${i}: ${a[i]} vs ${b[i]}`);
};

describe('sortFloat64', () => {
  test('radix path matches Float64Array#sort: mixed signs, tiny, huge, infinities, -0, duplicates, integers', () => {
    const r = lcg(3);
    const n = 50_000;
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = i % 7;
      a[i] =
        k === 0
          ? Math.floor(r() * 30) - 15
          : k === 1
            ? (r() - 0.5) * 1e-300
            : k === 2
              ? (r() - 0.5) * 1e300
              : k === 3
                ? i % 2
                  ? -0
                  : 0
                : k === 4
                  ? i % 2
                    ? Infinity
                    : -Infinity
                  : (r() - 0.5) * 4;
    }
    same(sortFloat64(a.slice()), a.slice().sort());
  });

  test('integer-valued data (passes skipped) and a sorted view with an offset', () => {
    const r = lcg(9);
    const buf = new Float64Array(20_003);
    for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(r() * 40);
    const view = buf.subarray(3);
    const want = view.slice().sort();
    expect(sortFloat64(view)).toBe(view);
    same(view, want);
  });

  test('small arrays take the built-in sort', () => {
    same(sortFloat64(Float64Array.from([3, -1, 2, -0, 0])), Float64Array.from([-1, -0, 0, 2, 3]));
  });
});
