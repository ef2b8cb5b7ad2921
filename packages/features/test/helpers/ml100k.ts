/**
 * MovieLens 100K for tests: `@abt/data`'s loader, label (`rating >= 4`) and the original's global
 * time split (stable sort by timestamp, 80/10/10 by row count). Read from ABT_ML100K or
 * ../shared beside the repo; the data is never copied into the repo.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatRows, labelRatings, loadMovieLens, splitByTime, type LabeledRatings, type MoviesTable, type UsersTable } from '@abt/data';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repo root is three levels above packages/features/test/helpers. */
const repoRoot = path.resolve(here, '../../../..');
export const ML100K_PATH = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');

export type Ml100kSplit = { train: LabeledRatings; valid: LabeledRatings; test: LabeledRatings; movies: MoviesTable; users: UsersTable };

let cached: Promise<Ml100kSplit> | undefined;

export function splitMl100k(): Promise<Ml100kSplit> {
  cached ??= (async () => {
    const ds = await loadMovieLens(ML100K_PATH);
    if (!ds.users) throw new Error(`${ML100K_PATH} has no users table`);
    const { train, valid, test } = splitByTime(labelRatings(ds.ratings));
    return { train, valid, test, movies: ds.movies, users: ds.users };
  })();
  return cached;
}

/** Rows of `a` followed by rows of `b`. */
export const concatLabeled = concatRows;

/** Rows [start, end) of a dense row-major matrix. */
export function sliceRows<T extends Float32Array | Float64Array>(m: { cols: number; data: T }, start: number, end: number) {
  return { rows: end - start, cols: m.cols, data: m.data.slice(start * m.cols, end * m.cols) as T };
}
