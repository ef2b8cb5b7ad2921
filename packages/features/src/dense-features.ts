import { ageBucket, hasContent, type MovieCatalog, type UserCatalog } from './catalog';
import type { CountTable, HistoryState, RowKeys } from './history';

const DAY = 86_400;
const YEAR = 365.25 * DAY;

/** The content columns: left out when the catalog has no genres and no release dates (`hasContent`). */
export const CONTENT_FEATURES = ['user_genre_affinity', 'user_genre_residual', 'genre_pos_rate', 'release_year', 'movie_age_years', 'genre=*'] as const;

/**
 * Column names of the dense set, in output order. Demographic columns appear only when the spec
 * was fitted with a users table; the user residual columns only in layout 2 (formatVersion 2);
 * the content columns only when the catalog has content (see `CONTENT_FEATURES`).
 * See the README's feature table for definitions.
 */
export function denseFeatureNames(movies: MovieCatalog, users: UserCatalog | undefined, layout: 1 | 2): string[] {
  const content = hasContent(movies);
  const names = [
    'movie_pos_rate',
    'movie_count_log1p',
    'movie_mean_rating',
    'movie_log1p_days_since_last',
    'movie_log1p_days_since_first',
    'movie_recent_pos_rate',
    'movie_recent_count_log1p',
    'user_pos_rate',
    'user_count_log1p',
    'user_mean_rating',
    'user_log1p_days_since_last',
    ...(content ? ['user_genre_affinity'] : []),
    ...(layout >= 2 ? ['user_residual', 'user_rating_residual', ...(content ? ['user_genre_residual'] : [])] : []),
    ...(content ? ['genre_pos_rate', 'release_year', 'movie_age_years', ...movies.genreNames.map((g) => `genre=${g}`)] : []),
  ];
  if (users) {
    names.push(
      'age',
      ...users.genderValues.map((v) => `gender=${v}`),
      ...users.occupationValues.map((v) => `occupation=${v}`),
      'movie_gender_pos_rate',
      'movie_age_pos_rate',
      'movie_occupation_pos_rate',
      'gender_genre_pos_rate',
      'age_genre_pos_rate',
      'occupation_genre_pos_rate',
    );
  }
  names.push('hour', 'weekday');
  return names;
}

/** Read-only view of the state plus the priors derived from it; rebuilt when the state changes. */
export type DenseContext = {
  readonly state: HistoryState;
  readonly movies: MovieCatalog;
  readonly users: UserCatalog | undefined;
  /** Column layout (see `denseFeatureNames`). */
  readonly layout: 1 | 2;
  /** Whether the content columns are written (`hasContent(movies)`). */
  readonly content: boolean;
  readonly prior: number;
  readonly halfLifeSeconds: number;
  readonly missing: number;
  /** Laplace-smoothed global positive rate, so an empty history still has a defined prior. */
  globalRate: number;
  /** Global mean rating; 3 (the middle of the 1–5 scale) before any interaction. */
  globalMean: number;
  /** Per-genre rate smoothed toward `globalRate`. */
  readonly genreRate: Float64Array;
};

export function denseContext(
  state: HistoryState,
  movies: MovieCatalog,
  users: UserCatalog | undefined,
  o: { layout: 1 | 2; prior: number; halfLifeSeconds: number; missing: number },
): DenseContext {
  const ctx: DenseContext = {
    state,
    movies,
    users,
    layout: o.layout,
    content: hasContent(movies),
    prior: o.prior,
    halfLifeSeconds: o.halfLifeSeconds,
    missing: o.missing,
    globalRate: 0.5,
    globalMean: 3,
    genreRate: new Float64Array(movies.genreNames.length),
  };
  refreshPriors(ctx);
  return ctx;
}

/** Recomputes the global and genre priors from the current state. */
export function refreshPriors(ctx: DenseContext): void {
  const [n, p, r] = ctx.state.global as unknown as [number, number, number];
  ctx.globalRate = (p + 1) / (n + 2);
  ctx.globalMean = n > 0 ? r / n : 3;
  const t = ctx.state.genre;
  for (let g = 0; g < ctx.genreRate.length; g++) ctx.genreRate[g] = smooth(t.pos[g]!, t.count[g]!, ctx.globalRate, ctx.prior);
}

const smooth = (pos: number, count: number, prior: number, k: number): number => (pos + k * prior) / (count + k);

const logDays = (from: number, to: number, missing: number): number => (Number.isNaN(from) ? missing : Math.log1p(Math.max(0, to - from) / DAY));

/** Smoothed rate of cell (row, col), or `fallback` when row/col is unknown. */
function cellRate(t: CountTable, row: number, col: number, fallback: number, k: number): number {
  if (row < 0 || col < 0) return fallback;
  const i = row * t.width + col;
  return smooth(t.pos[i]!, t.count[i]!, fallback, k);
}

/** Mean over the movie's genres of row `row`'s smoothed genre rate (toward the genre prior); `fallback` without genres. */
function genreMean(ctx: DenseContext, t: CountTable | undefined, row: number, cm: number, fallback: number): number {
  if (cm < 0) return fallback;
  const { genreStart, genreList } = ctx.movies;
  const a = genreStart[cm]!;
  const b = genreStart[cm + 1]!;
  if (a === b) return fallback;
  let sum = 0;
  for (let p = a; p < b; p++) {
    const g = genreList[p]!;
    sum += t && row >= 0 ? cellRate(t, row, g, ctx.genreRate[g]!, ctx.prior) : ctx.genreRate[g]!;
  }
  return sum / (b - a);
}

/** Mean over the movie's genres of the user's residual in that genre, shrunk toward 0; 0 when cold or genre-less. */
function userGenreResidual(ctx: DenseContext, u: number, cm: number): number {
  if (u < 0 || cm < 0) return 0;
  const { genreStart, genreList } = ctx.movies;
  const a = genreStart[cm]!;
  const b = genreStart[cm + 1]!;
  if (a === b) return 0;
  const t = ctx.state.userGenre;
  let sum = 0;
  for (let p = a; p < b; p++) {
    const i = u * t.width + genreList[p]!;
    sum += ctx.state.userGenreResidual[i]! / (t.count[i]! + ctx.prior);
  }
  return sum / (b - a);
}

/**
 * Writes row `i`'s dense features at `out[off ..]`, reading only `ctx.state`. The same function
 * serves transformTrain (state = strictly earlier train rows), transform and transformRequests
 * (state = all of train), which is what makes their outputs agree.
 */
export function writeDenseRow(ctx: DenseContext, keys: RowKeys, i: number, ts: number, out: Float32Array | Float64Array, off: number): void {
  const { state: s, users, prior: k, missing } = ctx;
  const u = keys.histUser[i]!;
  const m = keys.histMovie[i]!;
  const cm = keys.catMovie[i]!;
  const cu = keys.catUser[i]!;
  let c = off;

  // Movie history. Cold movies get the global prior, count 0 and `missing` recency.
  const mCount = m >= 0 ? s.movies.count[m]! : 0;
  const movieRate = m >= 0 ? smooth(s.movies.pos[m]!, mCount, ctx.globalRate, k) : ctx.globalRate;
  out[c++] = movieRate;
  out[c++] = Math.log1p(mCount);
  out[c++] = m >= 0 ? smooth(s.movies.ratingSum[m]!, mCount, ctx.globalMean, k) : ctx.globalMean;
  out[c++] = m >= 0 ? logDays(s.movies.last[m]!, ts, missing) : missing;
  out[c++] = m >= 0 ? logDays(s.movies.first[m]!, ts, missing) : missing;
  let dPos = 0;
  let dCount = 0;
  if (m >= 0 && s.moviesDecayed.count[m]! > 0) {
    const f = 2 ** (-Math.max(0, ts - s.moviesDecayed.at[m]!) / ctx.halfLifeSeconds);
    dPos = s.moviesDecayed.pos[m]! * f;
    dCount = s.moviesDecayed.count[m]! * f;
  }
  out[c++] = smooth(dPos, dCount, movieRate, k);
  out[c++] = Math.log1p(dCount);

  // User history.
  const uCount = u >= 0 ? s.users.count[u]! : 0;
  const userRate = u >= 0 ? smooth(s.users.pos[u]!, uCount, ctx.globalRate, k) : ctx.globalRate;
  out[c++] = userRate;
  out[c++] = Math.log1p(uCount);
  out[c++] = u >= 0 ? smooth(s.users.ratingSum[u]!, uCount, ctx.globalMean, k) : ctx.globalMean;
  out[c++] = u >= 0 ? logDays(s.users.last[u]!, ts, missing) : missing;
  if (ctx.content) out[c++] = genreMean(ctx, s.userGenre, u, cm, userRate);
  if (ctx.layout >= 2) {
    // Residual means shrunk toward 0 (no evidence of a bias); cold users get exactly 0.
    out[c++] = u >= 0 ? s.userResidual.label[u]! / (uCount + k) : 0;
    out[c++] = u >= 0 ? s.userResidual.rating[u]! / (uCount + k) : 0;
    if (ctx.content) out[c++] = userGenreResidual(ctx, u, cm);
  }

  // Content.
  if (ctx.content) c = writeContent(ctx, cm, ts, out, c);

  // Demographics and their crosses with the movie and its genres (the signal for cold users).
  if (users && s.demo) {
    const gender = cu >= 0 ? users.gender[cu]! : -1;
    const age = cu >= 0 ? users.age[cu]! : NaN;
    const bucket = ageBucket(age);
    const occ = cu >= 0 ? users.occupation[cu]! : -1;
    out[c++] = Number.isNaN(age) ? missing : age;
    for (let v = 0; v < users.genderValues.length; v++) out[c++] = v === gender ? 1 : 0;
    for (let v = 0; v < users.occupationValues.length; v++) out[c++] = v === occ ? 1 : 0;
    out[c++] = cellRate(s.demo.movieGender, m, gender, movieRate, k);
    out[c++] = cellRate(s.demo.movieAge, m, bucket, movieRate, k);
    out[c++] = cellRate(s.demo.movieOccupation, m, occ, movieRate, k);
    const genreOnly = genreMean(ctx, undefined, -1, cm, ctx.globalRate);
    out[c++] = gender >= 0 ? genreMean(ctx, s.demo.genderGenre, gender, cm, genreOnly) : genreOnly;
    out[c++] = bucket >= 0 ? genreMean(ctx, s.demo.ageGenre, bucket, cm, genreOnly) : genreOnly;
    out[c++] = occ >= 0 ? genreMean(ctx, s.demo.occupationGenre, occ, cm, genreOnly) : genreOnly;
  }

  // Time of the interaction (UTC).
  const dayFrac = (((ts % DAY) + DAY) % DAY) / 3600;
  out[c++] = Math.floor(dayFrac);
  // 1970-01-01 was a Thursday: weekday 0 = Sunday like Date.getUTCDay().
  out[c++] = (((Math.floor(ts / DAY) + 4) % 7) + 7) % 7;
}

/** The content columns of row at `c` (genre prior, release year, movie age, genre flags); returns the next column. */
function writeContent(ctx: DenseContext, cm: number, ts: number, out: Float32Array | Float64Array, c: number): number {
  const { movies, missing } = ctx;
  out[c++] = genreMean(ctx, undefined, -1, cm, ctx.globalRate);
  const year = cm >= 0 ? movies.year[cm]! : NaN;
  out[c++] = Number.isNaN(year) ? missing : year;
  let release = cm >= 0 ? movies.releaseTimestamp[cm]! : NaN;
  if (Number.isNaN(release) && !Number.isNaN(year)) release = Date.UTC(year, 0, 1) / 1000;
  out[c++] = Number.isNaN(release) ? missing : (ts - release) / YEAR;
  const gw = movies.genreNames.length;
  // a loop, not out.set(genres.subarray(…)): one view object per row costs more than the copy
  const g = movies.genres;
  if (cm >= 0) for (let k = 0, from = cm * gw; k < gw; k++) out[c + k] = g[from + k]!;
  else for (let k = 0; k < gw; k++) out[c + k] = 0;
  return c + gw;
}
