import { describe, expect, it } from 'vitest';
import { generateSynthetic, labelRatings, splitByTime } from '@abt/data';
import { cvSubsample } from '../src/cv-sample';
import type { Prepared } from '../src/data-source';

async function prepared(): Promise<Prepared> {
  const ds = await generateSynthetic({ users: 60, movies: 80, ratings: 3000, seed: 3 });
  const split = splitByTime(labelRatings(ds.ratings));
  return { format: ds.format, train: split.train, valid: split.valid, test: split.test, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) };
}

describe('--cv-sample: a seeded uniform subsample of train rows, in order', () => {
  it('takes exactly n rows, keeps their order, changes only train, and the same seed gives the same rows', async () => {
    const data = await prepared();
    const a = cvSubsample(data, 500, 42);
    const b = cvSubsample(data, 500, 42);
    const c = cvSubsample(data, 500, 43);
    expect(a.train.length).toBe(500);
    expect(Buffer.from(a.train.timestamp.buffer).equals(Buffer.from(b.train.timestamp.buffer))).toBe(true);
    expect(Array.from(a.train.userId)).not.toEqual(Array.from(c.train.userId));
    for (let i = 1; i < a.train.length; i++) expect(a.train.timestamp[i]!).toBeGreaterThanOrEqual(a.train.timestamp[i - 1]!);
    expect(a.valid).toBe(data.valid);
    expect(a.test).toBe(data.test);
    // each kept row is a train row (same user, movie, time and label at some index)
    const key = (t: Prepared['train'], i: number) => `${t.userId[i]}/${t.movieId[i]}/${t.timestamp[i]}/${t.label[i]}`;
    const all = new Set(Array.from({ length: data.train.length }, (_, i) => key(data.train, i)));
    for (let i = 0; i < a.train.length; i++) expect(all.has(key(a.train, i))).toBe(true);
  });

  it('is the data as it is without n or when n covers train', async () => {
    const data = await prepared();
    expect(cvSubsample(data, undefined, 1)).toBe(data);
    expect(cvSubsample(data, data.train.length, 1)).toBe(data);
  });

  it('draws every row with the same probability (selection sampling)', async () => {
    const data = await prepared();
    const n = data.train.length;
    const hits = new Float64Array(n);
    const draws = 400;
    // rows are told apart by their position: index them through a train whose timestamp is the row number
    const indexed = { ...data, train: { ...data.train, timestamp: Float64Array.from({ length: n }, (_, i) => i) } };
    for (let s = 0; s < draws; s++) for (const t of cvSubsample(indexed, n / 4, s).train.timestamp) hits[t]!++;
    const first = hits.subarray(0, n / 2).reduce((x, y) => x + y, 0) / draws;
    expect(first / (n / 4)).toBeGreaterThan(0.47);
    expect(first / (n / 4)).toBeLessThan(0.53);
  });
});
