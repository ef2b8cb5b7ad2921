import { describe, expect, it } from 'vitest';
import { createRng, timeOrder } from '../index';

function reference(ts: ArrayLike<number>): number[] {
  return Array.from({ length: ts.length }, (_, i) => i).sort((a, b) => ts[a]! - ts[b]! || a - b);
}

describe('timeOrder', () => {
  it('matches a stable (timestamp, index) sort on integer times with many ties (radix path)', () => {
    const rng = createRng(1);
    const ts = Float64Array.from({ length: 5000 }, () => 880_000_000 + Math.floor(rng() * 200_000));
    expect(Array.from(timeOrder(ts))).toEqual(reference(ts));
  });

  it('handles fractional and very wide timestamps (comparator path)', () => {
    const ts = Float64Array.from([3.5, 1.25, 3.5, -2, 1e12, 0]);
    expect(Array.from(timeOrder(ts))).toEqual([3, 5, 1, 0, 2, 4]);
  });

  it('keeps already sorted input and empty input as is', () => {
    expect(Array.from(timeOrder(Float64Array.from([1, 1, 2, 3])))).toEqual([0, 1, 2, 3]);
    expect(timeOrder(new Float64Array(0)).length).toBe(0);
  });
});
