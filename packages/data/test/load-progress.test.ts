import { describe, expect, it } from 'vitest';
import { loadMovieLens, type LoadProgress } from '../src/index';
import { mlLatestFiles, writeDir } from './fixtures';

describe('loadMovieLens onProgress', () => {
  it('reports the ratings file in rising byte counts, ending at its size, on a file over 8 MiB', async () => {
    const files = mlLatestFiles();
    const lines = ['userId,movieId,rating,timestamp'];
    // ~12 MiB of ratings.csv: two progress steps plus the final call.
    for (let i = 0; i < 600_000; i++) lines.push(`${1 + (i % 5000)},${1 + (i % 4)},${1 + (i % 5)}.0,${964982703 + i}`);
    const text = `${lines.join('\n')}\n`;
    const seen: LoadProgress[] = [];
    const ds = await loadMovieLens(writeDir({ ...files, 'ratings.csv': text }, 'ml-latest-small'), { onProgress: (p) => seen.push(p), checkDuplicates: false });
    expect(ds.ratings.length).toBe(600_000);
    const size = Buffer.byteLength(text);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toEqual({ file: expect.stringMatching(/ratings\.csv$/), bytesDone: size, bytesTotal: size });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytesDone).toBeGreaterThan(seen[i - 1]!.bytesDone);
  });

  it('calls back once at the end for a small file, and loading without it is unchanged', async () => {
    const seen: LoadProgress[] = [];
    const withHook = await loadMovieLens(writeDir(mlLatestFiles(), 'ml-latest-small'), { onProgress: (p) => seen.push(p) });
    const without = await loadMovieLens(writeDir(mlLatestFiles(), 'ml-latest-small'));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.bytesDone).toBe(seen[0]!.bytesTotal);
    expect(withHook.ratings).toEqual(without.ratings);
  });
});
