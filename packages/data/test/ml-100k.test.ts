import { describe, expect, it } from 'vitest';
import { describeDataset, describeSplit, labelRatings, loadMovieLens, splitByTime } from '../src/index';
import { ml100kZip } from './paths';

describe('real MovieLens 100K', async () => {
  const ds = await loadMovieLens(ml100kZip);

  it('loads 100,000 ratings from 943 users on 1,682 movies', () => {
    expect(ds.format).toBe('ml-100k');
    expect(ds.ratings.length).toBe(100_000);
    const stats = describeDataset(ds);
    expect(stats.users).toBe(943);
    expect(stats.movies).toBe(1682);
    expect(stats.catalogMovies).toBe(1682);
    expect(ds.users?.length).toBe(943);
    expect(ds.movies.genreNames).toHaveLength(19);
    expect(ds.issues?.skipped).toBe(0);
    expect(ds.issues?.byKind['duplicate-rating']).toBeUndefined();
    // u.data line 1: 196	242	3	881250949
    expect([ds.ratings.userId[0], ds.ratings.movieId[0], ds.ratings.rating[0], ds.ratings.timestamp[0]]).toEqual([196, 242, 3, 881250949]);
  });

  it('parses u.item: release year, title year fallback, genre flags', () => {
    const m = ds.movies;
    expect(m.title[0]).toBe('Toy Story (1995)');
    expect(m.year[0]).toBe(1995);
    expect(m.releaseTimestamp[0]).toBe(Date.UTC(1995, 0, 1) / 1000);
    const g = m.genreNames.length;
    const toyGenres = m.genreNames.filter((_, k) => m.genres[k] === 1);
    expect(toyGenres).toEqual(['Animation', "Children's", 'Comedy']);
    // movie 267 has neither a title year nor a release date
    const i267 = m.movieId.indexOf(267);
    expect(m.title[i267]).toBe('unknown');
    expect(m.year[i267]).toBeNaN();
    expect(m.genres.length).toBe(1682 * g);
  });

  it('splits 80,000 / 10,000 / 10,000 with the straddling timestamp kept in file order', () => {
    const labeled = labelRatings(ds.ratings);
    const split = splitByTime(labeled);
    expect([split.train.length, split.valid.length, split.test.length]).toEqual([80_000, 10_000, 10_000]);
    const last = split.indices.train[79_999]!;
    const first = split.indices.valid[0]!;
    const ts = labeled.timestamp;
    // the same timestamp sits on both sides of the boundary; ties keep file order
    expect(ts[last]).toBe(ts[first]);
    expect(last).toBeLessThan(first);
    // Reference: pandas df.sort_values('timestamp', kind='stable') on u.data, cut at int(n*0.8).
    expect([last, first]).toEqual([1257, 3758]);
    expect(split.indices.train.reduce((a, b) => a + b, 0)).toBe(3994399842);
    const tied = [];
    for (let i = 0; i < labeled.length; i++) if (ts[i] === ts[last]) tied.push(i);
    const all = [...split.indices.train, ...split.indices.valid];
    expect(all.filter((i) => ts[i] === ts[last])).toEqual(tied);
    // chronological across parts
    expect(ts[split.indices.valid.at(-1)!]!).toBeLessThanOrEqual(ts[split.indices.test[0]!]!);
    const stats = describeSplit(split);
    // Positive rates (rating >= 4) recorded from this split.
    expect(stats.train.positiveRate).toBeCloseTo(0.55, 1);
    expect({
      train: stats.train.positiveRate.toFixed(4),
      valid: stats.valid.positiveRate.toFixed(4),
      test: stats.test.positiveRate.toFixed(4),
    }).toMatchInlineSnapshot(`
      {
        "test": "0.5629",
        "train": "0.5509",
        "valid": "0.5674",
      }
    `);
  });
});
