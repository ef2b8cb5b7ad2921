import { describe, expect, it } from 'vitest';
import { InvalidOptionError, labelRatings, splitByTime, splitLeaveLastOut, type RatingsTable } from '../index';

function ratings(rows: [number, number, number, number][]): RatingsTable {
  return {
    length: rows.length,
    userId: Int32Array.from(rows, (r) => r[0]),
    movieId: Int32Array.from(rows, (r) => r[1]),
    rating: Float32Array.from(rows, (r) => r[2]),
    timestamp: Float64Array.from(rows, (r) => r[3]),
  };
}

describe('labelRatings', () => {
  it('labels rating >= threshold (default 4) and shares the other columns', () => {
    const r = ratings([
      [1, 1, 3.5, 1],
      [1, 2, 4, 2],
      [2, 1, 5, 3],
    ]);
    const l = labelRatings(r);
    expect(Array.from(l.label)).toEqual([0, 1, 1]);
    expect(l.userId).toBe(r.userId);
    expect(Array.from(labelRatings(r, { threshold: 3.5 }).label)).toEqual([1, 1, 1]);
    expect(() => labelRatings(r, { threshold: Number.NaN })).toThrow(InvalidOptionError);
  });
});

describe('splitByTime', () => {
  const r = labelRatings(
    ratings(Array.from({ length: 10 }, (_, i) => [i + 1, 1, (i % 5) + 1, [5, 3, 3, 9, 1, 3, 7, 8, 2, 6][i]!] as [number, number, number, number])),
  );

  it('cuts at floor(n*0.8) and floor(n*0.9) after a stable time sort', () => {
    const s = splitByTime(r);
    expect([s.train.length, s.valid.length, s.test.length]).toEqual([8, 1, 1]);
    // times: 1(i4) 2(i8) 3(i1) 3(i2) 3(i5) 5(i0) 6(i9) 7(i6) | 8(i7) | 9(i3)
    expect(Array.from(s.indices.train)).toEqual([4, 8, 1, 2, 5, 0, 9, 6]);
    expect(Array.from(s.indices.valid)).toEqual([7]);
    expect(Array.from(s.indices.test)).toEqual([3]);
    expect(Array.from(s.train.userId)).toEqual([5, 9, 2, 3, 6, 1, 10, 7]);
    expect(Array.from(s.test.label)).toEqual([r.label[3]]);
  });

  it('takes custom fractions and rejects bad ones', () => {
    const s = splitByTime(r, { fractions: [0.5, 0.25, 0.25] });
    expect([s.train.length, s.valid.length, s.test.length]).toEqual([5, 2, 3]);
    expect(() => splitByTime(r, { fractions: [0.5, 0.5, 0.5] })).toThrow(/fractions/);
  });
});

describe('splitLeaveLastOut', () => {
  const r = labelRatings(
    ratings([
      [1, 1, 5, 10],
      [1, 2, 4, 30],
      [1, 3, 3, 20],
      [1, 4, 2, 30], // user 1: last two tie at 30 → file order decides
      [2, 1, 5, 5], // user 2: one interaction, stays in train
      [3, 2, 1, 1],
      [3, 3, 2, 2],
    ]),
  );

  it("puts each user's last k interactions in test", () => {
    const s = splitLeaveLastOut(r);
    expect(Array.from(s.indices.test).sort()).toEqual([3, 6]);
    expect(s.valid.length).toBe(0);
    expect(s.train.length + s.valid.length + s.test.length).toBe(r.length);
  });

  it('with validK, the interactions before go to valid', () => {
    const s = splitLeaveLastOut(r, { k: 1, validK: 1 });
    expect(Array.from(s.indices.test)).toEqual([3]);
    expect(Array.from(s.indices.valid)).toEqual([1]);
    // user 3 has only 2 interactions ≤ k + validK: all in train
    expect(Array.from(s.indices.train)).toEqual([5, 6, 4, 0, 2]);
    expect(() => splitLeaveLastOut(r, { k: -1 })).toThrow(InvalidOptionError);
  });
});
