import { describe, expect, it } from 'vitest';
import { loadMovieLens } from '../src/index';
import { ml100kFiles, ml1mFiles, mlLatestFiles, writeDir, writeZip } from './fixtures';

describe('format detection and parsing', () => {
  it('ml-100k from a zip and from a directory give the same tables', async () => {
    const fromZip = await loadMovieLens(writeZip(ml100kFiles(), 'ml-100k'));
    const fromDir = await loadMovieLens(writeDir(ml100kFiles(), 'ml-100k'));
    for (const ds of [fromZip, fromDir]) {
      expect(ds.format).toBe('ml-100k');
      expect(Array.from(ds.ratings.userId)).toEqual([1, 1, 2, 2]);
      expect(Array.from(ds.ratings.rating)).toEqual([5, 3, 4, 1]);
      expect(ds.movies.title).toEqual(['Toy Story (1995)', 'Café Society (1995)', 'unknown']);
      // no release date: the year comes from the title; neither: NaN
      expect(Array.from(ds.movies.year)).toEqual([1995, 1995, Number.NaN]);
      expect(ds.movies.releaseTimestamp[1]).toBeNaN();
      expect(ds.users!.occupation.values[ds.users!.occupation.codes[0]!]).toBe('technician');
      expect(Array.from(ds.users!.age)).toEqual([24, 53]);
    }
    expect(fromZip.ratings).toEqual(fromDir.ratings);
    expect(fromZip.movies).toEqual(fromDir.movies);
  });

  it('reads stored (uncompressed) zip members too', async () => {
    const stored = await loadMovieLens(writeZip(ml1mFiles(), 'ml-1m', 0));
    const deflated = await loadMovieLens(writeZip(ml1mFiles(), 'ml-1m', 6));
    expect(stored.ratings).toEqual(deflated.ratings);
    expect(stored.movies).toEqual(deflated.movies);
  });

  it('ml-1m: "::" fields, latin-1 titles, genre lists, age and occupation codes', async () => {
    const ds = await loadMovieLens(writeZip(ml1mFiles(), 'ml-1m'));
    expect(ds.format).toBe('ml-1m');
    expect(ds.ratings.length).toBe(3);
    expect(ds.movies.title[2]).toBe('Léon (1994)');
    expect(ds.movies.genreNames).toHaveLength(18);
    const g = ds.movies.genreNames;
    const flagged = (row: number) => g.filter((_, k) => ds.movies.genres[row * g.length + k] === 1);
    expect(flagged(0)).toEqual(['Animation', "Children's", 'Musical']);
    expect(Array.from(ds.movies.year)).toEqual([1996, 1975, 1994]);
    const u = ds.users!;
    expect(Array.from(u.age)).toEqual([1, 56]);
    expect(Array.from(u.occupation.codes, (c) => u.occupation.values[c])).toEqual(['K-12 student', 'self-employed']);
    expect(Array.from(u.gender.codes, (c) => u.gender.values[c])).toEqual(['F', 'M']);
  });

  it('ml-latest: header, half stars, quoted titles with commas and quotes, (no genres listed), tags, links', async () => {
    const ds = await loadMovieLens(writeDir(mlLatestFiles()));
    expect(ds.format).toBe('ml-latest');
    expect(ds.users).toBeUndefined();
    expect(Array.from(ds.ratings.rating)).toEqual([4, 4.5, 0.5, 3]);
    expect(ds.movies.title).toEqual([
      'Toy Story (1995)',
      'American President, The (1995)',
      'Say "Anything" (1989)',
      "Amélie (Fabuleux destin d'Amélie Poulain) (2001)",
    ]);
    const G = ds.movies.genreNames.length;
    expect(Array.from(ds.movies.genres.subarray(2 * G, 3 * G)).every((f) => f === 0)).toBe(true);
    expect(ds.movies.genreNames).not.toContain('(no genres listed)');
    expect(ds.tags!.tag.values).toEqual(['funny', 'dark, witty']);
    expect(Array.from(ds.links!.imdbId)).toEqual([114709, 113228, 113277, 211915]);
    expect(ds.links!.tmdbId[1]).toBeNaN();
  });

  it('ml-latest with a UTF-8 BOM and CRLF line ends parses the same', async () => {
    const files = mlLatestFiles();
    const crlf: Record<string, string> = {};
    for (const [k, v] of Object.entries(files)) crlf[k] = `\uFEFF${(v as string).replaceAll('\n', '\r\n')}`;
    const plain = await loadMovieLens(writeDir(files));
    const odd = await loadMovieLens(writeDir(crlf));
    expect(odd.ratings).toEqual(plain.ratings);
    expect(odd.movies).toEqual(plain.movies);
    expect(odd.tags).toEqual(plain.tags);
  });

  it('ml-100k with CRLF line ends parses the same', async () => {
    const files = ml100kFiles();
    const crlf: Record<string, string | Uint8Array> = {};
    for (const [k, v] of Object.entries(files)) {
      crlf[k] = typeof v === 'string' ? v.replaceAll('\n', '\r\n') : Buffer.from(Buffer.from(v).toString('latin1').replaceAll('\n', '\r\n'), 'latin1');
    }
    const a = await loadMovieLens(writeDir(files));
    const b = await loadMovieLens(writeDir(crlf));
    expect(b.ratings).toEqual(a.ratings);
    expect(b.movies).toEqual(a.movies);
    expect(b.users).toEqual(a.users);
  });
});
