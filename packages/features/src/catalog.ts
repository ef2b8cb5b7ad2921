import type { MoviesTable, UsersTable } from '@abt/data';
import { FeaturesError } from './errors';
import { buildIdIndex, type IdIndex } from './id-index';
import { messages } from './messages';

/**
 * Movie and user lookups stored inside a spec, so `transformRequests` can featurize a raw
 * `{userId, movieId}` without the tables. Rows are ordered by sorted id.
 */
export type MovieCatalog = {
  readonly index: IdIndex;
  /** Release year, NaN when unknown. */
  readonly year: Float64Array;
  /** Release date as Unix seconds, NaN when unknown. */
  readonly releaseTimestamp: Float64Array;
  readonly genreNames: readonly string[];
  /** Row-major multi-hot, `ids.length * genreNames.length`. */
  readonly genres: Uint8Array;
  /** The same genres as lists (movie k's are `genreList[genreStart[k] .. genreStart[k + 1])`), derived, not serialized. */
  readonly genreStart: Int32Array;
  readonly genreList: Int32Array;
};

/** Derives the per-movie genre lists from the multi-hot block (hot loops touch only a movie's own genres). */
export function genreLists(genres: Uint8Array, n: number, g: number): { genreStart: Int32Array; genreList: Int32Array } {
  const genreStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let j = 0; j < g; j++) c += genres[k * g + j] ? 1 : 0;
    genreStart[k + 1] = genreStart[k]! + c;
  }
  const genreList = new Int32Array(genreStart[n]!);
  for (let k = 0, p = 0; k < n; k++) for (let j = 0; j < g; j++) if (genres[k * g + j]) genreList[p++] = j;
  return { genreStart, genreList };
}

export type UserCatalog = {
  readonly index: IdIndex;
  /** Age in years, NaN when unknown. */
  readonly age: Float64Array;
  /** Index into `genderValues`, -1 when unknown. */
  readonly gender: Int32Array;
  readonly genderValues: readonly string[];
  /** Index into `occupationValues`, -1 when unknown. */
  readonly occupation: Int32Array;
  readonly occupationValues: readonly string[];
};

/** Lower bounds of the age groups (ml-1m's codes), used by the movie × age and age × genre rates. */
export const AGE_BUCKET_BOUNDS = [1, 18, 25, 35, 45, 50, 56] as const;

/** Age group of `age` (index into AGE_BUCKET_BOUNDS), -1 when unknown. */
export function ageBucket(age: number): number {
  if (!Number.isFinite(age)) return -1;
  let b = 0;
  while (b + 1 < AGE_BUCKET_BOUNDS.length && age >= AGE_BUCKET_BOUNDS[b + 1]!) b++;
  return b;
}

function checkLength(table: string, column: string, got: number | undefined, expected: number): void {
  if (got === undefined) throw new FeaturesError('INVALID_INPUT', messages.missingColumn(table, column), `${table}.${column}`);
  if (got !== expected) {
    throw new FeaturesError('INVALID_INPUT', messages.lengthMismatch(table, column, got, expected), `${table}.${column}`);
  }
}

/** Positions of `ids` in ascending id order; throws on a duplicate id. */
function sortedOrder(table: string, ids: Int32Array): { order: Int32Array; index: IdIndex } {
  const index = buildIdIndex(ids);
  if (index.ids.length !== ids.length) {
    throw new FeaturesError('INVALID_INPUT', messages.badField(`${table}.${table === 'movies' ? 'movieId' : 'userId'}`, 'unique ids'), table);
  }
  const order = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) order[index.get(ids[i]!)] = i;
  return { order, index };
}

/** A catalog with no movies: what a spec fitted without a movies table knows. */
export const EMPTY_MOVIES: MoviesTable = {
  length: 0,
  movieId: new Int32Array(0),
  title: [],
  year: new Float32Array(0),
  releaseTimestamp: new Float64Array(0),
  genreNames: [],
  genres: new Uint8Array(0),
};

/**
 * Whether the catalog says anything about content (a genre vocabulary or any release year/date).
 * Without it the content columns would be constant, so the dense set leaves them out; derived
 * from the catalog stored in the spec, so specs need no extra field.
 */
export function hasContent(movies: MovieCatalog): boolean {
  return movies.genreNames.length > 0 || movies.year.some(Number.isFinite) || movies.releaseTimestamp.some(Number.isFinite);
}

export function buildMovieCatalog(movies: MoviesTable): MovieCatalog {
  const n = movies.length;
  for (const c of ['movieId', 'year', 'releaseTimestamp'] as const) checkLength('movies', c, movies[c]?.length, n);
  const g = movies.genreNames.length;
  if (movies.genres?.length !== n * g) {
    throw new FeaturesError('INVALID_INPUT', messages.badGenres(movies.genres?.length ?? 0, n * g), 'movies.genres');
  }
  const { order, index } = sortedOrder('movies', movies.movieId);
  const year = new Float64Array(n);
  const releaseTimestamp = new Float64Array(n);
  const genres = new Uint8Array(n * g);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    year[k] = movies.year[i]!;
    releaseTimestamp[k] = movies.releaseTimestamp[i]!;
    for (let j = 0; j < g; j++) genres[k * g + j] = movies.genres[i * g + j] ? 1 : 0;
  }
  return { index, year, releaseTimestamp, genreNames: [...movies.genreNames], genres, ...genreLists(genres, n, g) };
}

/** Re-codes a dictionary column against its sorted distinct values, so the layout does not depend on input order. */
function recode(codes: Int32Array, values: readonly string[], order: Int32Array): { codes: Int32Array; values: string[] } {
  const used = [...new Set(Array.from(order, (i) => values[codes[i]!]).filter((v): v is string => v !== undefined))].sort();
  const at = new Map(used.map((v, k) => [v, k]));
  return { codes: Int32Array.from(order, (i) => at.get(values[codes[i]!] ?? '') ?? -1), values: used };
}

export function buildUserCatalog(users: UsersTable): UserCatalog {
  const n = users.length;
  checkLength('users', 'userId', users.userId?.length, n);
  checkLength('users', 'age', users.age?.length, n);
  checkLength('users', 'gender.codes', users.gender?.codes?.length, n);
  checkLength('users', 'occupation.codes', users.occupation?.codes?.length, n);
  const { order, index } = sortedOrder('users', users.userId);
  const gender = recode(users.gender.codes, users.gender.values, order);
  const occupation = recode(users.occupation.codes, users.occupation.values, order);
  return {
    index,
    age: Float64Array.from(order, (i) => users.age[i]!),
    gender: gender.codes,
    genderValues: gender.values,
    occupation: occupation.codes,
    occupationValues: occupation.values,
  };
}
