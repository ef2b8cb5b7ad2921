import { AGE_BUCKET_BOUNDS, genreLists, type MovieCatalog, type UserCatalog } from './catalog';
import { denseFeatureNames } from './dense-features';
import { FeaturesError } from './errors';
import type { DenseLayout, Fitted } from './fitted';
import type { CountTable, EntityHistory, HistoryState } from './history';
import { indexSortedUnique } from './id-index';
import {
  encodeNumbers as num,
  readFloat64,
  readInt32,
  readNumber,
  readObject,
  readSortedIds,
  readStrings,
  readUint8,
  type JsonNumberArray,
} from './json-codec';
import { messages } from './messages';
import { onehotFeatureNames } from './onehot';
import { resolveOptions, type FeatureKind } from './options';

export const FEATURE_SPEC_FORMAT = 'abt-feature-spec';
/** Readable versions. 2 added the user residual state and columns; 1 loads with its old column layout. */
export const FEATURE_SPEC_VERSIONS = [1, 2] as const;

/** A count table in the spec: `width` columns, row-major counts and positives. */
export type CountTableJSON = { width: number; count: JsonNumberArray; pos: JsonNumberArray };
/** One entity's (users' or movies') history in the spec, one entry per train id. */
export type EntityJSON = { count: JsonNumberArray; pos: JsonNumberArray; ratingSum: JsonNumberArray; first: JsonNumberArray; last: JsonNumberArray };

/** The serialized spec (version 2, or 1 for specs loaded from 1). Plain JSON: numbers, strings, arrays; NaN is written as null. */
export type FeatureSpecJSON = {
  format: typeof FEATURE_SPEC_FORMAT;
  formatVersion: (typeof FEATURE_SPEC_VERSIONS)[number];
  kind: FeatureKind;
  options: {
    priorStrength: number;
    halfLifeDays: number;
    userHistoryLagDays: number;
    dtype: 'float32' | 'float64';
    missingValue: number;
    defaultTimestamp: number | 'train-end';
  };
  trainRows: number;
  trainEnd: number;
  /** Output columns, for readers that only need the layout (e.g. a model signature). */
  featureNames: string[];
  movies: { movieId: number[]; year: JsonNumberArray; releaseTimestamp: JsonNumberArray; genreNames: string[]; genres: number[] };
  users?: { userId: number[]; age: JsonNumberArray; genderValues: string[]; gender: number[]; occupationValues: string[]; occupation: number[] };
  /** Sorted train ids: the one-hot categories and the history index. */
  trainUserIds: number[];
  trainMovieIds: number[];
  history?: {
    global: JsonNumberArray;
    users: EntityJSON;
    movies: EntityJSON;
    moviesDecayed: { pos: JsonNumberArray; count: JsonNumberArray; at: JsonNumberArray };
    genre: CountTableJSON;
    userGenre: CountTableJSON;
    /** Version 2 only. */
    userResidual?: { label: JsonNumberArray; rating: JsonNumberArray };
    /** Version 2 only: users × genres, row-major. */
    userGenreResidual?: JsonNumberArray;
    demo?: Record<'movieGender' | 'movieAge' | 'movieOccupation' | 'genderGenre' | 'ageGenre' | 'occupationGenre', CountTableJSON>;
  };
};

const table = (t: CountTable): CountTableJSON => ({ width: t.width, count: num(t.count), pos: num(t.pos) });
const entity = (e: EntityHistory): EntityJSON => ({
  count: num(e.count),
  pos: num(e.pos),
  ratingSum: num(e.ratingSum),
  first: num(e.first),
  last: num(e.last),
});

export function fittedToJSON(f: Fitted): FeatureSpecJSON {
  const s = f.state;
  const { kind, ...options } = f.options;
  return {
    format: FEATURE_SPEC_FORMAT,
    formatVersion: f.layout,
    kind,
    options,
    trainRows: f.trainRows,
    trainEnd: f.trainEnd,
    featureNames: [...f.featureNames],
    movies: {
      movieId: Array.from(f.movies.index.ids),
      year: num(f.movies.year),
      releaseTimestamp: num(f.movies.releaseTimestamp),
      genreNames: [...f.movies.genreNames],
      genres: Array.from(f.movies.genres),
    },
    users: f.users && {
      userId: Array.from(f.users.index.ids),
      age: num(f.users.age),
      genderValues: [...f.users.genderValues],
      gender: Array.from(f.users.gender),
      occupationValues: [...f.users.occupationValues],
      occupation: Array.from(f.users.occupation),
    },
    trainUserIds: Array.from(f.histUsers.ids),
    trainMovieIds: Array.from(f.histMovies.ids),
    history: s && {
      global: num(s.global),
      users: entity(s.users),
      movies: entity(s.movies),
      moviesDecayed: { pos: num(s.moviesDecayed.pos), count: num(s.moviesDecayed.count), at: num(s.moviesDecayed.at) },
      genre: table(s.genre),
      userGenre: table(s.userGenre),
      ...(f.layout >= 2
        ? { userResidual: { label: num(s.userResidual.label), rating: num(s.userResidual.rating) }, userGenreResidual: num(s.userGenreResidual) }
        : {}),
      demo: s.demo && {
        movieGender: table(s.demo.movieGender),
        movieAge: table(s.demo.movieAge),
        movieOccupation: table(s.demo.movieOccupation),
        genderGenre: table(s.demo.genderGenre),
        ageGenre: table(s.demo.ageGenre),
        occupationGenre: table(s.demo.occupationGenre),
      },
    },
  };
}

const fail = (where: string, expected: string) => new FeaturesError('INVALID_FORMAT', messages.badField(where, expected), where);

function readTable(json: unknown, where: string, rows: number, width: number): CountTable {
  const o = readObject(json, where);
  if (o.width !== width) throw fail(`${where}.width`, `${width}`);
  return { width, count: readFloat64(o.count, `${where}.count`, rows * width), pos: readFloat64(o.pos, `${where}.pos`, rows * width) };
}

function readEntity(json: unknown, where: string, n: number): EntityHistory {
  const o = readObject(json, where);
  const r = (k: keyof EntityHistory) => readFloat64(o[k], `${where}.${k}`, n);
  return { count: r('count'), pos: r('pos'), ratingSum: r('ratingSum'), first: r('first'), last: r('last') };
}

function readMovies(json: unknown): MovieCatalog {
  const o = readObject(json, 'movies');
  const ids = readSortedIds(o.movieId, 'movies.movieId');
  const genreNames = readStrings(o.genreNames, 'movies.genreNames');
  const genres = readUint8(o.genres, 'movies.genres', ids.length * genreNames.length);
  return {
    index: indexSortedUnique(ids),
    year: readFloat64(o.year, 'movies.year', ids.length),
    releaseTimestamp: readFloat64(o.releaseTimestamp, 'movies.releaseTimestamp', ids.length),
    genreNames,
    genres,
    ...genreLists(genres, ids.length, genreNames.length),
  };
}

function readUsers(json: unknown): UserCatalog {
  const o = readObject(json, 'users');
  const ids = readSortedIds(o.userId, 'users.userId');
  const genderValues = readStrings(o.genderValues, 'users.genderValues');
  const occupationValues = readStrings(o.occupationValues, 'users.occupationValues');
  const codes = (k: 'gender' | 'occupation', size: number) => {
    const c = readInt32(o[k], `users.${k}`, ids.length);
    c.forEach((v, i) => {
      if (v < -1 || v >= size) throw fail(`users.${k}[${i}]`, `-1 .. ${size - 1}`);
    });
    return c;
  };
  return {
    index: indexSortedUnique(ids),
    age: readFloat64(o.age, 'users.age', ids.length),
    genderValues,
    gender: codes('gender', genderValues.length),
    occupationValues,
    occupation: codes('occupation', occupationValues.length),
  };
}

function readHistory(json: unknown, nu: number, nm: number, movies: MovieCatalog, users: UserCatalog | undefined, layout: DenseLayout): HistoryState {
  const o = readObject(json, 'history');
  const g = movies.genreNames.length;
  const d = readObject(o.moviesDecayed, 'history.moviesDecayed');
  let demo: HistoryState['demo'];
  if (users) {
    const dm = readObject(o.demo, 'history.demo');
    const ng = users.genderValues.length;
    const no = users.occupationValues.length;
    const na = AGE_BUCKET_BOUNDS.length;
    demo = {
      movieGender: readTable(dm.movieGender, 'history.demo.movieGender', nm, ng),
      movieAge: readTable(dm.movieAge, 'history.demo.movieAge', nm, na),
      movieOccupation: readTable(dm.movieOccupation, 'history.demo.movieOccupation', nm, no),
      genderGenre: readTable(dm.genderGenre, 'history.demo.genderGenre', ng, g),
      ageGenre: readTable(dm.ageGenre, 'history.demo.ageGenre', na, g),
      occupationGenre: readTable(dm.occupationGenre, 'history.demo.occupationGenre', no, g),
    };
  }
  // Version 1 has no residual state; its layout never reads it, so zeros stand in.
  let userResidual: HistoryState['userResidual'] = { label: new Float64Array(nu), rating: new Float64Array(nu) };
  let userGenreResidual: Float64Array = new Float64Array(nu * g);
  if (layout >= 2) {
    const r = readObject(o.userResidual, 'history.userResidual');
    userResidual = { label: readFloat64(r.label, 'history.userResidual.label', nu), rating: readFloat64(r.rating, 'history.userResidual.rating', nu) };
    userGenreResidual = readFloat64(o.userGenreResidual, 'history.userGenreResidual', nu * g);
  }
  return {
    global: readFloat64(o.global, 'history.global', 3),
    users: readEntity(o.users, 'history.users', nu),
    userResidual,
    userGenreResidual,
    movies: readEntity(o.movies, 'history.movies', nm),
    moviesDecayed: {
      pos: readFloat64(d.pos, 'history.moviesDecayed.pos', nm),
      count: readFloat64(d.count, 'history.moviesDecayed.count', nm),
      at: readFloat64(d.at, 'history.moviesDecayed.at', nm),
    },
    genre: readTable(o.genre, 'history.genre', 1, g),
    userGenre: readTable(o.userGenre, 'history.userGenre', nu, g),
    demo,
  };
}

/** Parses and validates a serialized spec; every error names the JSON path at fault. */
export function fittedFromJSON(json: unknown): Fitted {
  const o = readObject(json, '$');
  if (o.format !== FEATURE_SPEC_FORMAT) {
    throw new FeaturesError('INVALID_FORMAT', messages.unknownFormat('format', o.format, FEATURE_SPEC_FORMAT), 'format');
  }
  if (!(FEATURE_SPEC_VERSIONS as readonly unknown[]).includes(o.formatVersion)) {
    throw new FeaturesError('INVALID_FORMAT', messages.unknownVersion('formatVersion', o.formatVersion, FEATURE_SPEC_VERSIONS), 'formatVersion');
  }
  let options;
  try {
    options = resolveOptions({ ...readObject(o.options, 'options'), kind: o.kind as FeatureKind });
  } catch (e) {
    if (FeaturesError.isInstance(e)) {
      const where = `options.${e.where ?? ''}`;
      throw new FeaturesError('INVALID_FORMAT', messages.inSpec(where, e.message), where, { cause: e });
    }
    throw e;
  }
  const movies = readMovies(o.movies);
  const users = o.users === undefined ? undefined : readUsers(o.users);
  const histUsers = indexSortedUnique(readSortedIds(o.trainUserIds, 'trainUserIds'));
  const histMovies = indexSortedUnique(readSortedIds(o.trainMovieIds, 'trainMovieIds'));
  const dense = options.kind === 'dense';
  const layout = o.formatVersion as DenseLayout;
  const state = dense ? readHistory(o.history, histUsers.ids.length, histMovies.ids.length, movies, users, layout) : undefined;
  const featureNames = dense ? denseFeatureNames(movies, users, layout) : onehotFeatureNames(histUsers, histMovies, movies);
  const stored = readStrings(o.featureNames, 'featureNames');
  if (stored.length !== featureNames.length || stored.some((n, i) => n !== featureNames[i])) {
    throw fail('featureNames', `the ${featureNames.length} names this version derives from the catalogs`);
  }
  return {
    options,
    movies,
    users,
    histUsers,
    histMovies,
    layout,
    state,
    trainRows: readNumber(o.trainRows, 'trainRows'),
    trainEnd: readNumber(o.trainEnd, 'trainEnd'),
    featureNames,
    train: undefined,
  };
}
