import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError, DataFormatError, DatasetUnavailableError, loadMovieLens } from '../src/index';
import { ml100kFiles, ml1mFiles, mlLatestFiles, writeDir, writeZip, type FixtureFiles } from './fixtures';

/** Loads strictly and returns the DataFormatError it must throw. */
async function formatError(path: string): Promise<DataFormatError> {
  const e = await loadMovieLens(path).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(DataFormatError.isInstance(e)).toBe(true);
  return e as DataFormatError;
}

const with100k = (patch: FixtureFiles) => writeDir({ ...ml100kFiles(), ...patch });
const with1m = (patch: FixtureFiles) => writeDir({ ...ml1mFiles(), ...patch });
const withLatest = (patch: FixtureFiles) => writeDir({ ...mlLatestFiles(), ...patch });

describe('bad input: strict mode names file, line and field', () => {
  it('missing member file', async () => {
    const files = ml100kFiles();
    delete files['u.item'];
    const e = await formatError(writeZip(files, 'ml-100k'));
    expect(e.kind).toBe('missing-member');
    expect(e.file).toMatch(/ml-100k\/u\.item$/);
    expect(e.message).toContain('u.item');
  });

  it('truncated zip', async () => {
    const zip = writeZip(ml100kFiles(), 'ml-100k');
    const bytes = readFileSync(zip);
    writeFileSync(zip, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const e = await formatError(zip);
    expect(e.kind).toBe('corrupt-archive');
    expect(e.file).toBe(zip);
    expect(e.message).toMatch(/truncated/);
  });

  it('no MovieLens files at all', async () => {
    const e = await formatError(writeDir({ 'readme.txt': 'hello' }));
    expect(e.kind).toBe('unknown-format');
  });

  it('wrong delimiter', async () => {
    const e = await formatError(with100k({ 'u.data': '1\t1\t5\t874965758\n1,2,3,876893171\n' }));
    expect([e.kind, e.line, e.field]).toEqual(['wrong-delimiter', 2, 'userId']);
    expect(e.file).toMatch(/u\.data$/);
    const e2 = await formatError(with1m({ 'movies.dat': '1193|Cuckoo (1975)|Drama\n' }));
    expect([e2.kind, e2.line, e2.field]).toEqual(['wrong-delimiter', 1, 'movieId']);
  });

  it('wrong field count', async () => {
    const e = await formatError(with100k({ 'u.data': '1\t1\t5\t874965758\n1\t2\t3\n' }));
    expect([e.kind, e.line, e.field]).toEqual(['field-count', 2, 'timestamp']);
    expect(e.message).toContain('expected 4 fields, got 3');
    const e2 = await formatError(with1m({ 'users.dat': '1::F::1::10\n' }));
    expect([e2.kind, e2.line, e2.field]).toEqual(['field-count', 1, 'zip']);
    const e3 = await formatError(withLatest({ 'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,4.0,964982703,extra\n' }));
    expect([e3.kind, e3.line, e3.field]).toEqual(['field-count', 2, undefined]);
  });

  it('non-numeric ids', async () => {
    const e = await formatError(with100k({ 'u.data': 'abc\t1\t5\t874965758\n' }));
    expect([e.kind, e.line, e.field]).toEqual(['non-numeric', 1, 'userId']);
    const e2 = await formatError(withLatest({ 'movies.csv': 'movieId,title,genres\nx1,Toy Story (1995),Comedy\n' }));
    expect([e2.kind, e2.line, e2.field]).toEqual(['non-numeric', 2, 'movieId']);
    const e3 = await formatError(with1m({ 'ratings.dat': '1::1193::5::978300760\n1::six::3::978302109\n' }));
    expect([e3.kind, e3.line, e3.field]).toEqual(['non-numeric', 2, 'movieId']);
  });

  it('rating out of range', async () => {
    const e = await formatError(with100k({ 'u.data': '1\t1\t6\t874965758\n' }));
    expect([e.kind, e.line, e.field]).toEqual(['out-of-range', 1, 'rating']);
    // ml-1m has whole stars only
    const e2 = await formatError(with1m({ 'ratings.dat': '1::1193::4.5::978300760\n' }));
    expect([e2.kind, e2.field]).toEqual(['out-of-range', 'rating']);
    const e3 = await formatError(withLatest({ 'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,5.5,964982703\n1,1,0.25,964982703\n' }));
    expect([e3.kind, e3.line, e3.field]).toEqual(['out-of-range', 2, 'rating']);
    const e4 = await formatError(with1m({ 'users.dat': '1::F::17::10::48067\n' }));
    expect([e4.kind, e4.field]).toEqual(['out-of-range', 'age']);
  });

  it('empty file', async () => {
    const e = await formatError(with100k({ 'u.data': '' }));
    expect([e.kind, e.line]).toEqual(['empty-file', 0]);
    const e2 = await formatError(withLatest({ 'ratings.csv': 'userId,movieId,rating,timestamp\n' }));
    expect(e2.kind).toBe('empty-file');
    const e3 = await formatError(withLatest({ 'movies.csv': '' }));
    expect([e3.kind, e3.file.endsWith('movies.csv')]).toEqual(['empty-file', true]);
  });

  it('a missing header', async () => {
    const e = await formatError(withLatest({ 'ratings.csv': '1,1,4.0,964982703\n' }));
    expect([e.kind, e.line]).toEqual(['bad-header', 1]);
  });

  it('ratings for movies not in the catalog', async () => {
    const e = await formatError(with100k({ 'u.data': '1\t1\t5\t874965758\n1\t99\t3\t876893171\n' }));
    expect([e.kind, e.line, e.field]).toEqual(['unknown-movie', 2, 'movieId']);
    expect(e.message).toContain('movieId 99');
  });

  it('duplicate movie ids in the catalog', async () => {
    const e = await formatError(with1m({ 'movies.dat': '1193::A (1975)::Drama\n1193::B (1976)::Drama\n661::C (1996)::Drama\n' }));
    expect([e.kind, e.line, e.field]).toEqual(['duplicate-id', 2, 'movieId']);
  });

  it('duplicate (user, movie) pairs are kept and reported, even in strict mode', async () => {
    const ds = await loadMovieLens(with100k({ 'u.data': '1\t1\t5\t874965758\n1\t1\t3\t876893171\n2\t1\t4\t878542960\n' }));
    expect(ds.ratings.length).toBe(3);
    expect(ds.issues!.byKind['duplicate-rating']).toBe(1);
    expect(ds.issues!.skipped).toBe(0);
  });

  it('errors are DataErrors with a code; unknown sources are DatasetUnavailableError', async () => {
    const e = await formatError(with100k({ 'u.data': '' }));
    expect(DataError.isInstance(e)).toBe(true);
    expect(e.code).toBe('DATA_FORMAT');
    const missing = await loadMovieLens('/nonexistent/ml-nothing.zip').catch((err: unknown) => err);
    expect(DatasetUnavailableError.isInstance(missing)).toBe(true);
    expect((missing as DatasetUnavailableError).code).toBe('DATASET_NOT_FOUND');
  });
});

describe('bad input: strict: false skips bad lines and reports them', () => {
  it('counts each kind and keeps the good rows', async () => {
    const dir = with100k({
      'u.data': [
        '1\t1\t5\t874965758',
        '1,2,3,876893171', // wrong delimiter
        '1\t2\t3', // field count
        'x\t2\t3\t876893171', // non-numeric
        '1\t2\t9\t876893171', // out of range
        '1\t77\t3\t876893171', // unknown movie
        '2\t1\t4\t878542960',
        '2\t1\t2\t878542961', // duplicate pair, kept
        '',
      ].join('\n'),
    });
    const ds = await loadMovieLens(dir, { strict: false });
    expect(ds.ratings.length).toBe(3);
    expect(Array.from(ds.ratings.userId)).toEqual([1, 2, 2]);
    const issues = ds.issues!;
    expect(issues.skipped).toBe(5);
    expect(issues.byKind).toEqual({
      'wrong-delimiter': 1,
      'field-count': 1,
      'non-numeric': 1,
      'out-of-range': 1,
      'unknown-movie': 1,
      'duplicate-rating': 1,
    });
    expect(issues.examples.map((x) => x.line).slice(0, 5)).toEqual([2, 3, 4, 5, 6]);
    expect(issues.examples[3]).toMatchObject({ kind: 'out-of-range', field: 'rating', line: 5 });
  });

  it('skips bad catalog and user lines too', async () => {
    const ds = await loadMovieLens(
      with1m({
        'users.dat': '1::F::1::10::48067\n2::M::99::16::70072\n',
        'movies.dat': '661::James (1996)::Animation\nbad line\n1193::Cuckoo (1975)::Drama\n',
      }),
      { strict: false },
    );
    expect(ds.users!.length).toBe(1);
    expect(ds.movies.length).toBe(2);
    expect(ds.issues!.byKind['out-of-range']).toBe(1);
    expect(ds.issues!.byKind['field-count']).toBe(1);
    // user 2 has no demographics but ratings are not tied to users.dat; all 3 ratings stay
    expect(ds.ratings.length).toBe(3);
  });
});
