import { describe, expect, it } from 'vitest';
import { InvalidOptionError, concatRows, type LabeledRatings } from './index';

const part = (ids: number[], label: number[]): LabeledRatings => ({
  length: ids.length,
  userId: Int32Array.from(ids),
  movieId: Int32Array.from(ids, (i) => i * 10),
  rating: Float32Array.from(label, (l) => (l ? 5 : 1)),
  timestamp: Float64Array.from(ids, (i) => 1000 + i),
  label: Uint8Array.from(label),
});

describe('concatRows', () => {
  it('appends every per-row column, keeping element types', () => {
    const both = concatRows(part([1, 2], [1, 0]), part([3], [1]));
    expect(both.length).toBe(3);
    expect(both.userId).toEqual(Int32Array.from([1, 2, 3]));
    expect(both.timestamp).toEqual(Float64Array.from([1001, 1002, 1003]));
    expect(both.label).toEqual(Uint8Array.from([1, 0, 1]));
  });

  it('names the column when the tables do not match', () => {
    const bad = { ...part([3], [1]), timestamp: Float32Array.from([1]) } as unknown as LabeledRatings;
    expect(() => concatRows(part([1], [1]), bad)).toThrow(InvalidOptionError);
    expect(() => concatRows(part([1], [1]), bad)).toThrow(/b\.timestamp/);
  });
});
