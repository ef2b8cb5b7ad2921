import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { sortFloat64 } from './radix-sort';

describe('sortFloat64', () => {
  it('sorts like the native sort: negatives, zeros, ties, tiny and huge values', () => {
    const rng = createRng(9);
    const a = new Float64Array(50_000);
    for (let i = 0; i < a.length; i++) {
      const r = rng();
      a[i] = r < 0.1 ? -rng() * 1e6 : r < 0.2 ? Math.round(rng() * 10) / 10 : r < 0.25 ? 0 : r < 0.3 ? 1e-300 * rng() : r < 0.35 ? -1e300 * rng() : rng();
    }
    const expected = a.slice().sort();
    expect(Array.from(sortFloat64(a))).toEqual(Array.from(expected));
  });
  it('leaves short arrays to the native sort', () => {
    expect(Array.from(sortFloat64(Float64Array.from([3, -1, 2])))).toEqual([-1, 2, 3]);
  });
});
