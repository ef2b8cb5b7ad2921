import { AGE_BUCKET_BOUNDS, ageBucket, type MovieCatalog, type UserCatalog } from './catalog';
import type { IdIndex } from './id-index';
import { type EntityId, numericId } from './request';

/** Observation counts and positives of a cross table, row-major `rows * width`. */
export type CountTable = {
  readonly width: number;
  readonly count: Float64Array;
  readonly pos: Float64Array;
};

/** Per-entity (user or movie) running aggregates; timestamps NaN until the first interaction. */
export type EntityHistory = {
  readonly count: Float64Array;
  readonly pos: Float64Array;
  readonly ratingSum: Float64Array;
  readonly first: Float64Array;
  readonly last: Float64Array;
};

/**
 * Exponentially decayed positives and count per movie, valid at time `at` (Unix seconds);
 * reading at time t multiplies both by 2^-((t - at) / halfLife).
 */
type DecayedHistory = {
  readonly pos: Float64Array;
  readonly count: Float64Array;
  readonly at: Float64Array;
};

/**
 * Everything the dense features read: aggregates over the train interactions seen so far.
 * While featurizing train it grows group by group (leak-free); after fit it holds all of train.
 */
export type HistoryState = {
  /** [count, positives, rating sum] over all interactions. */
  readonly global: Float64Array;
  /** Indexed by the train user index. */
  readonly users: EntityHistory;
  /**
   * Per user: sums of residuals `label - movie rate` and `rating - movie mean rating`, the movie
   * side read strictly before each interaction. How much the user likes what they rate beyond
   * what everyone thinks of it: a bias that the raw user rate confounds with their movie choice.
   */
  readonly userResidual: { readonly label: Float64Array; readonly rating: Float64Array };
  /** Indexed by the train movie index. */
  readonly movies: EntityHistory;
  readonly moviesDecayed: DecayedHistory;
  /** 1 × genres. */
  readonly genre: CountTable;
  /** users × genres. */
  readonly userGenre: CountTable;
  /** users × genres: sums of `label - movie rate` (counts are `userGenre.count`). */
  readonly userGenreResidual: Float64Array;
  /** Present when the spec has a user catalog. */
  readonly demo?: {
    /** movies × genders, movies × age groups, movies × occupations. */
    readonly movieGender: CountTable;
    readonly movieAge: CountTable;
    readonly movieOccupation: CountTable;
    /** genders × genres, age groups × genres, occupations × genres. */
    readonly genderGenre: CountTable;
    readonly ageGenre: CountTable;
    readonly occupationGenre: CountTable;
  };
};

const countTable = (rows: number, width: number): CountTable => ({
  width,
  count: new Float64Array(rows * width),
  pos: new Float64Array(rows * width),
});

const entity = (n: number): EntityHistory => ({
  count: new Float64Array(n),
  pos: new Float64Array(n),
  ratingSum: new Float64Array(n),
  first: new Float64Array(n).fill(NaN),
  last: new Float64Array(n).fill(NaN),
});

export function emptyHistory(nUsers: number, nMovies: number, movies: MovieCatalog, users?: UserCatalog): HistoryState {
  const g = movies.genreNames.length;
  return {
    global: new Float64Array(3),
    users: entity(nUsers),
    userResidual: { label: new Float64Array(nUsers), rating: new Float64Array(nUsers) },
    movies: entity(nMovies),
    moviesDecayed: { pos: new Float64Array(nMovies), count: new Float64Array(nMovies), at: new Float64Array(nMovies) },
    genre: countTable(1, g),
    userGenre: countTable(nUsers, g),
    userGenreResidual: new Float64Array(nUsers * g),
    demo: users && {
      movieGender: countTable(nMovies, users.genderValues.length),
      movieAge: countTable(nMovies, AGE_BUCKET_BOUNDS.length),
      movieOccupation: countTable(nMovies, users.occupationValues.length),
      genderGenre: countTable(users.genderValues.length, g),
      ageGenre: countTable(AGE_BUCKET_BOUNDS.length, g),
      occupationGenre: countTable(users.occupationValues.length, g),
    },
  };
}

/** Row keys resolved once per table: indices into history (train ids) and catalogs; -1 = unknown. */
export type RowKeys = {
  readonly histUser: Int32Array;
  readonly histMovie: Int32Array;
  readonly catMovie: Int32Array;
  readonly catUser: Int32Array;
};

export function resolveKeys(
  userId: ArrayLike<EntityId>,
  movieId: ArrayLike<EntityId>,
  hist: { users: IdIndex; movies: IdIndex },
  movies: MovieCatalog,
  users: UserCatalog | undefined,
): RowKeys {
  const n = userId.length;
  const keys = { histUser: new Int32Array(n), histMovie: new Int32Array(n), catMovie: new Int32Array(n), catUser: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    // String ids count as the integer they spell ("42" is user 42); others are unknown here.
    const u = numericId(userId[i]!);
    const m = numericId(movieId[i]!);
    keys.histUser[i] = hist.users.get(u);
    keys.histMovie[i] = hist.movies.get(m);
    keys.catMovie[i] = movies.index.get(m);
    keys.catUser[i] = users ? users.index.get(u) : -1;
  }
  return keys;
}

const bump = (t: CountTable, row: number, col: number, label: number): void => {
  const k = row * t.width + col;
  t.count[k]! += 1;
  t.pos[k]! += label;
};

function touch(e: EntityHistory, k: number, ts: number, label: number, rating: number): void {
  e.count[k]! += 1;
  e.pos[k]! += label;
  e.ratingSum[k]! += rating;
  if (Number.isNaN(e.first[k]!)) e.first[k] = ts;
  e.last[k] = ts;
}

/** Adds the movie-side and global part of one interaction (everything but the user's own history). */
export function addMovieSide(
  s: HistoryState,
  keys: RowKeys,
  i: number,
  ts: number,
  label: number,
  rating: number,
  halfLifeSeconds: number,
  movies: MovieCatalog,
  users: UserCatalog | undefined,
): void {
  const m = keys.histMovie[i]!;
  const cm = keys.catMovie[i]!;
  const cu = keys.catUser[i]!;
  s.global[0]! += 1;
  s.global[1]! += label;
  s.global[2]! += rating;
  touch(s.movies, m, ts, label, rating);
  const d = s.moviesDecayed;
  const f = d.count[m]! > 0 ? 2 ** (-Math.max(0, ts - d.at[m]!) / halfLifeSeconds) : 0;
  d.pos[m] = d.pos[m]! * f + label;
  d.count[m] = d.count[m]! * f + 1;
  d.at[m] = ts;
  const gender = cu >= 0 && users ? users.gender[cu]! : -1;
  const age = cu >= 0 && users ? ageBucket(users.age[cu]!) : -1;
  const occ = cu >= 0 && users ? users.occupation[cu]! : -1;
  if (cm >= 0) {
    for (let p = movies.genreStart[cm]!; p < movies.genreStart[cm + 1]!; p++) {
      const g = movies.genreList[p]!;
      bump(s.genre, 0, g, label);
      if (s.demo) {
        if (gender >= 0) bump(s.demo.genderGenre, gender, g, label);
        if (age >= 0) bump(s.demo.ageGenre, age, g, label);
        if (occ >= 0) bump(s.demo.occupationGenre, occ, g, label);
      }
    }
  }
  if (s.demo) {
    if (gender >= 0) bump(s.demo.movieGender, m, gender, label);
    if (age >= 0) bump(s.demo.movieAge, m, age, label);
    if (occ >= 0) bump(s.demo.movieOccupation, m, occ, label);
  }
}

/**
 * Residuals of one interaction against its movie's smoothed rate and mean rating in `s` (which
 * must not yet contain the interaction), written to `out[2i]` and `out[2i + 1]`. Cold movies are
 * measured against the global rate and mean.
 */
export function movieResiduals(s: HistoryState, keys: RowKeys, i: number, label: number, rating: number, k: number, out: Float64Array): void {
  const m = keys.histMovie[i]!;
  const n = s.global[0]!;
  const rate = (s.global[1]! + 1) / (n + 2);
  const mean = n > 0 ? s.global[2]! / n : 3;
  const c = m >= 0 ? s.movies.count[m]! : 0;
  out[2 * i] = label - (m >= 0 ? (s.movies.pos[m]! + k * rate) / (c + k) : rate);
  out[2 * i + 1] = rating - (m >= 0 ? (s.movies.ratingSum[m]! + k * mean) / (c + k) : mean);
}

/**
 * Adds the user's own part of one interaction: the user's history, user × genre counts and the
 * residuals `resid[2i]` (label) and `resid[2i + 1]` (rating) from `movieResiduals`.
 */
export function addUserSide(
  s: HistoryState,
  keys: RowKeys,
  i: number,
  ts: number,
  label: number,
  rating: number,
  resid: Float64Array,
  movies: MovieCatalog,
): void {
  const u = keys.histUser[i]!;
  const cm = keys.catMovie[i]!;
  touch(s.users, u, ts, label, rating);
  const r = resid[2 * i]!;
  s.userResidual.label[u]! += r;
  s.userResidual.rating[u]! += resid[2 * i + 1]!;
  if (cm < 0) return;
  const w = s.userGenre.width;
  for (let p = movies.genreStart[cm]!; p < movies.genreStart[cm + 1]!; p++) {
    const g = movies.genreList[p]!;
    bump(s.userGenre, u, g, label);
    s.userGenreResidual[u * w + g]! += r;
  }
}

const grow = (a: Float64Array, n: number, fill = 0): Float64Array => {
  const out = new Float64Array(n).fill(fill);
  out.set(a.subarray(0, Math.min(a.length, n)));
  return out;
};
const growTable = (t: CountTable, rows: number): CountTable => ({
  width: t.width,
  count: grow(t.count, rows * t.width),
  pos: grow(t.pos, rows * t.width),
});
const growEntity = (e: EntityHistory, n: number): EntityHistory => ({
  count: grow(e.count, n),
  pos: grow(e.pos, n),
  ratingSum: grow(e.ratingSum, n),
  first: grow(e.first, n, NaN),
  last: grow(e.last, n, NaN),
});

/**
 * A copy of `s` sized for `nUsers` users and `nMovies` movies (existing indices keep their
 * aggregates; new ones start empty). The copy never aliases `s`, so a fitted spec is not mutated.
 */
export function copyHistory(s: HistoryState, nUsers: number, nMovies: number): HistoryState {
  const d = s.demo;
  return {
    global: s.global.slice(),
    users: growEntity(s.users, nUsers),
    userResidual: { label: grow(s.userResidual.label, nUsers), rating: grow(s.userResidual.rating, nUsers) },
    movies: growEntity(s.movies, nMovies),
    moviesDecayed: {
      pos: grow(s.moviesDecayed.pos, nMovies),
      count: grow(s.moviesDecayed.count, nMovies),
      at: grow(s.moviesDecayed.at, nMovies),
    },
    genre: growTable(s.genre, 1),
    userGenre: growTable(s.userGenre, nUsers),
    userGenreResidual: grow(s.userGenreResidual, nUsers * s.userGenre.width),
    demo: d && {
      movieGender: growTable(d.movieGender, nMovies),
      movieAge: growTable(d.movieAge, nMovies),
      movieOccupation: growTable(d.movieOccupation, nMovies),
      genderGenre: growTable(d.genderGenre, d.genderGenre.count.length / d.genderGenre.width),
      ageGenre: growTable(d.ageGenre, d.ageGenre.count.length / d.ageGenre.width),
      occupationGenre: growTable(d.occupationGenre, d.occupationGenre.count.length / d.occupationGenre.width),
    },
  };
}
