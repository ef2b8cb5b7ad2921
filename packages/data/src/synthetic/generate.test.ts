import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, describeDataset, generateSynthetic, loadMovieLens } from '../index';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'abt-synth-'));
const small = { users: 120, movies: 200, ratings: 4000 } as const;

describe('generateSynthetic', () => {
  it.each(['ml-100k', 'ml-1m', 'ml-latest'] as const)('writes %s files that load back cleanly', async (format) => {
    const dir = tmp();
    const res = await generateSynthetic({ ...small, seed: 11, format, outDir: dir });
    expect(res.ratings).toBe(4000);
    const ds = await loadMovieLens(dir);
    expect(ds.format).toBe(format);
    expect(ds.ratings.length).toBe(4000);
    expect(ds.movies.length).toBe(200);
    expect(ds.issues).toEqual({ skipped: 0, byKind: {}, examples: [] });
    expect(ds.users?.length).toBe(format === 'ml-latest' ? undefined : 120);
    if (format === 'ml-latest') {
      expect(Array.from(ds.ratings.rating).some((r) => !Number.isInteger(r))).toBe(true);
      expect(ds.movies.title.some((t) => t.includes(','))).toBe(true);
      expect(ds.tags!.length).toBeGreaterThan(0);
    }
    expect(ds.movies.title.some((t) => /[éèëüçÇ]/.test(t))).toBe(true);
  });

  it('is deterministic by seed: same seed, same bytes; another seed, other bytes', async () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await generateSynthetic({ ...small, seed: 5, format: 'ml-latest', outDir: a });
    await generateSynthetic({ ...small, seed: 5, format: 'ml-latest', outDir: b });
    await generateSynthetic({ ...small, seed: 6, format: 'ml-latest', outDir: c });
    for (const f of ['ratings.csv', 'movies.csv', 'tags.csv', 'links.csv']) {
      expect(readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f)))).toBe(true);
    }
    expect(readFileSync(path.join(a, 'ratings.csv')).equals(readFileSync(path.join(c, 'ratings.csv')))).toBe(false);
  });

  it('tables equal what the ml-1m files load to for the same seed', async () => {
    const tables = await generateSynthetic({ ...small, seed: 9 });
    const dir = tmp();
    await generateSynthetic({ ...small, seed: 9, format: 'ml-1m', outDir: dir });
    const loaded = await loadMovieLens(dir);
    expect(tables.ratings).toEqual(loaded.ratings);
    expect(tables.movies.title).toEqual(loaded.movies.title);
    expect(tables.movies.genres).toEqual(loaded.movies.genres);
    expect(Array.from(tables.users!.age)).toEqual(Array.from(loaded.users!.age));
  });

  it('looks like MovieLens: skewed popularity, no duplicate pairs, rating spread, genre signal', async () => {
    const ds = await generateSynthetic({ users: 300, movies: 500, ratings: 20_000, seed: 1 });
    const stats = describeDataset(ds);
    expect(stats.positiveRate).toBeGreaterThan(0.4);
    expect(stats.positiveRate).toBeLessThan(0.7);
    const perMovie = new Map<number, number>();
    const seen = new Set<number>();
    for (let i = 0; i < ds.ratings.length; i++) {
      const m = ds.ratings.movieId[i]!;
      perMovie.set(m, (perMovie.get(m) ?? 0) + 1);
      seen.add(ds.ratings.userId[i]! * 1000 + m);
    }
    expect(seen.size).toBe(ds.ratings.length);
    const counts = [...perMovie.values()].sort((a, b) => b - a);
    const top10 = counts.slice(0, 50).reduce((a, b) => a + b, 0);
    expect(top10 / ds.ratings.length).toBeGreaterThan(0.2); // top 10 % of movies take > 20 % of ratings
    const hist = [1, 2, 3, 4, 5].map((s) => Array.from(ds.ratings.rating).filter((r) => r === s).length);
    for (const h of hist) expect(h).toBeGreaterThan(0);
    // per-user timestamps inside [start, start + span)
    expect(stats.timeStart).toBeGreaterThanOrEqual(946684800);
    expect(stats.timeEnd).toBeLessThan(946684800 + 3 * 365 * 86400);
  });

  it('validates its options', async () => {
    await expect(generateSynthetic({ users: 2, movies: 2, ratings: 5, seed: 1 })).rejects.toThrow(InvalidOptionError);
    await expect(generateSynthetic({ users: 2, movies: 2, ratings: 1, seed: 1, format: 'ml-1m' } as never)).rejects.toThrow(/outDir/);
  });
});

describe('generateSynthetic onProgress', () => {
  it('reports rising ratings done, ending at the total, without changing the output', async () => {
    const opts = { users: 3000, movies: 2000, ratings: 2_500_000, seed: 9 } as const;
    const seen: { ratingsDone: number; ratingsTotal: number }[] = [];
    const a = await generateSynthetic({ ...opts, onProgress: (p) => seen.push(p) });
    const b = await generateSynthetic(opts);
    expect(Buffer.from(a.ratings.timestamp.buffer).equals(Buffer.from(b.ratings.timestamp.buffer))).toBe(true);
    expect(Buffer.from(a.ratings.movieId.buffer).equals(Buffer.from(b.ratings.movieId.buffer))).toBe(true);
    expect(seen.at(-1)).toEqual({ ratingsDone: opts.ratings, ratingsTotal: opts.ratings });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.ratingsDone).toBeGreaterThan(seen[i - 1]!.ratingsDone);
    await expect(generateSynthetic({ ...small, seed: 1, onProgress: 'no' as never })).rejects.toThrow(InvalidOptionError);
  });
});
