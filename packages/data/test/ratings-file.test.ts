import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFormatError, InvalidOptionError, dropDuplicateRatings, loadRatingsFile } from '../src/index';

function file(name: string, text: string): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), 'abt-ratings-file-')), name);
  writeFileSync(p, text);
  return p;
}

describe('loadRatingsFile (bring-your-own ratings)', () => {
  it('reads userId,itemId,rating,timestamp with Unix seconds or ISO dates', async () => {
    const ds = await loadRatingsFile(file('r.csv', 'userId,itemId,rating,timestamp\n1,10,4,100\n2,11,2.5,2024-01-02\n3,12,5,2024-01-02T03:04:05Z\n'));
    expect(ds.format).toBe('ratings-file');
    expect(Array.from(ds.ratings.userId)).toEqual([1, 2, 3]);
    expect(Array.from(ds.ratings.movieId)).toEqual([10, 11, 12]);
    expect(Array.from(ds.ratings.rating)).toEqual([4, 2.5, 5]);
    expect(Array.from(ds.ratings.timestamp)).toEqual([100, Date.UTC(2024, 0, 2) / 1000, Date.UTC(2024, 0, 2, 3, 4, 5) / 1000]);
  });

  it('maps other column names and finds the delimiter', async () => {
    const ds = await loadRatingsFile(file('r.tsv', 'ts\tstars\tcustomer\tproduct\n7\t3\t5\t9\n'), {
      columns: { userId: 'customer', itemId: 'product', rating: 'stars', timestamp: 'ts' },
    });
    expect([ds.ratings.userId[0], ds.ratings.movieId[0], ds.ratings.rating[0], ds.ratings.timestamp[0]]).toEqual([5, 9, 3, 7]);
  });

  it('strict: the first bad line throws naming file, line and field; lenient: skipped and counted', async () => {
    const text = 'userId,itemId,rating,timestamp\n1,10,4,100\n1,x,4,100\n2,11\n3,12,5,200\n';
    const e = await loadRatingsFile(file('r.csv', text)).catch((err: unknown) => err);
    expect(DataFormatError.isInstance(e) && e.line === 3 && e.field === 'itemId').toBe(true);
    const ds = await loadRatingsFile(file('r.csv', text), { strict: false });
    expect(ds.ratings.length).toBe(2);
    expect(ds.issues.skipped).toBe(2);
    expect(ds.issues.byKind).toEqual({ 'non-numeric': 1, 'field-count': 1 });
    expect(ds.issues.examples.map((x) => x.line)).toEqual([3, 4]);
  });

  it('names a missing column and refuses unknown options', async () => {
    await expect(loadRatingsFile(file('r.csv', 'user,item,rating,timestamp\n1,2,3,4\n'))).rejects.toThrow(/no userId column .*name it with the columns option/);
    await expect(loadRatingsFile(file('r.csv', 'userId,itemId,rating,timestamp\n'), { strct: false } as never)).rejects.toSatisfy(
      (e: unknown) => InvalidOptionError.isInstance(e) && /strct/.test((e as Error).message),
    );
  });

  it('dropDuplicateRatings keeps each pair’s latest rating', async () => {
    const ds = await loadRatingsFile(file('r.csv', 'userId,itemId,rating,timestamp\n1,10,1,300\n1,10,5,100\n2,10,3,50\n1,10,4,300\n'));
    expect(ds.issues.byKind['duplicate-rating']).toBe(2);
    const d = dropDuplicateRatings(ds.ratings);
    expect(d.dropped).toBe(2);
    expect(Array.from(d.ratings.rating)).toEqual([3, 4]);
    expect(d.examples.map((x) => x.row)).toEqual([1, 0]);
  });
});
