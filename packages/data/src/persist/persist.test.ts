import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TablesFormatError, generateSynthetic, labelRatings, loadTables, saveTables, splitByTime, type Split } from '../index';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'abt-tables-'));

describe('saveTables / loadTables', async () => {
  const ds = await generateSynthetic({ users: 50, movies: 40, ratings: 600, seed: 3 });
  const split = splitByTime(labelRatings(ds.ratings));

  it('round-trips a split, movies and users exactly (typed columns, strings, dict columns, NaN)', async () => {
    const dir = tmp();
    await saveTables(dir, { split, movies: ds.movies, users: ds.users!, meta: { format: ds.format, n: 3 } });
    const back = await loadTables<{ split: Split; movies: typeof ds.movies; users: typeof ds.users; meta: unknown }>(dir);
    expect(back.split).toEqual(split);
    expect(back.split.train.timestamp).toBeInstanceOf(Float64Array);
    expect(back.movies).toEqual(ds.movies);
    expect(back.users).toEqual(ds.users);
    expect(back.meta).toEqual({ format: ds.format, n: 3 });
    // one raw little-endian file per typed column: 600*0.8 rows of int32
    expect(statSync(path.join(dir, 'split.train.userId.bin')).size).toBe(480 * 4);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'tables.json'), 'utf8'));
    expect([manifest.format, manifest.version]).toEqual(['abt-tables', 1]);
  });

  it('rejects an unknown version, a corrupt manifest and a truncated column, naming the path', async () => {
    const dir = tmp();
    await saveTables(dir, { split });
    const mf = path.join(dir, 'tables.json');
    const good = readFileSync(mf, 'utf8');
    writeFileSync(mf, good.replace('"version":1', '"version":99'));
    await expect(loadTables(dir)).rejects.toSatisfy((e) => TablesFormatError.isInstance(e) && e.path === mf && /version 99/.test(e.message));
    writeFileSync(mf, '{not json');
    await expect(loadTables(dir)).rejects.toSatisfy((e) => TablesFormatError.isInstance(e) && e.path === mf);
    writeFileSync(mf, good);
    const col = path.join(dir, 'split.test.rating.bin');
    writeFileSync(col, readFileSync(col).subarray(0, 7));
    await expect(loadTables(dir)).rejects.toSatisfy((e) => TablesFormatError.isInstance(e) && e.path === col && /7 bytes/.test(e.message));
    await expect(loadTables(tmp())).rejects.toSatisfy((e) => TablesFormatError.isInstance(e));
  });
});
