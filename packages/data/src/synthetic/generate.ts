import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { MovieLensDataset, MovieLensFormat, MoviesTable, RatingsTable, UsersTable } from '../tables';
import { InvalidOptionError } from '../errors';
import { messages as msg } from '../messages';
import { createRng, normal } from '../random';
import { ML100K_GENRES, ML100K_OCCUPATIONS, ML1M_GENRES, ML1M_OCCUPATIONS, ML_LATEST_GENRES } from '../formats/vocabulary';
import { ChunkedWriter } from './chunked-writer';
import { ageCode, encodingOf, hasNoGenres, ratingLine, ratingsFileName, writeSideFiles } from './formats';
import { sampleMovies } from './sample';
import { buildWorld, type World } from './world';
import { checkArity, checkKeys, keysOf } from '../check-args';

export type SyntheticFormat = 'tables' | MovieLensFormat;

export type SyntheticOptions = {
  readonly users: number;
  readonly movies: number;
  readonly ratings: number;
  readonly seed: number;
  /** 'tables' (default) returns tables; a MovieLens format writes its files to `outDir`. */
  readonly format?: SyntheticFormat;
  /** Required for file formats; created when missing. */
  readonly outDir?: string;
  /** First possible timestamp, Unix seconds. Default 946684800 (2000-01-01). */
  readonly start?: number;
  /** Seconds covered by the timestamps. Default 3 years. */
  readonly span?: number;
  /** Latent factor dimensions. Default 8. */
  readonly factors?: number;
  /** Zipf exponent of movie popularity. Default 1. */
  readonly zipf?: number;
  /** Called about every {@link SYNTHETIC_PROGRESS_ROWS} ratings and once at the end; the output does not depend on it. */
  readonly onProgress?: (progress: SyntheticProgress) => void;
};
const SYNTHETIC_OPTIONS = keysOf<SyntheticOptions>({
  users: true,
  movies: true,
  ratings: true,
  seed: true,
  format: true,
  outDir: true,
  start: true,
  span: true,
  factors: true,
  zipf: true,
  onProgress: true,
});

/** What `SyntheticOptions.onProgress` receives: ratings generated so far, of `ratingsTotal`. */
export type SyntheticProgress = { readonly ratingsDone: number; readonly ratingsTotal: number };
/** Ratings between two progress reports. */
export const SYNTHETIC_PROGRESS_ROWS = 1 << 20;

/** What a file-format run wrote. */
export type SyntheticFiles = {
  readonly format: MovieLensFormat;
  readonly dir: string;
  /** File names inside `dir`. */
  readonly files: readonly string[];
  readonly ratings: number;
};

const GLOBAL_MEAN = 3.55; // MovieLens' mean rating is about 3.53

function check(name: string, v: unknown, ok: boolean, allowed: string): void {
  if (!ok) throw new InvalidOptionError(name, msg.invalidOption(name, v, allowed));
}

/**
 * A MovieLens-like dataset from a seeded latent-factor model: genre-structured item factors,
 * users leaning to a favourite genre, Zipf popularity, log-normal user activity, demographics,
 * per-user activity windows. The same options give byte-identical output. File formats are
 * written user by user in ~1 MB chunks, so 10M ratings need memory for the catalog only.
 */
export async function generateSynthetic(options: SyntheticOptions & { format?: 'tables' }): Promise<MovieLensDataset>;
export async function generateSynthetic(options: SyntheticOptions & { format: MovieLensFormat; outDir: string }): Promise<SyntheticFiles>;
export async function generateSynthetic(options: SyntheticOptions): Promise<MovieLensDataset | SyntheticFiles>;
export async function generateSynthetic(options: SyntheticOptions): Promise<MovieLensDataset | SyntheticFiles> {
  checkArity('generateSynthetic', arguments, ['options']);
  checkKeys('generateSynthetic', 'options', options, SYNTHETIC_OPTIONS);
  const {
    users: U,
    movies: M,
    ratings: R,
    seed,
    format = 'tables',
    outDir,
    start = 946684800,
    span = 3 * 365 * 86400,
    factors = 8,
    zipf = 1,
    onProgress,
  } = options;
  check('users', U, Number.isInteger(U) && U >= 1, 'an integer ≥ 1');
  check('movies', M, Number.isInteger(M) && M >= 1, 'an integer ≥ 1');
  check('ratings', R, Number.isInteger(R) && R >= 0 && R <= U * M, `an integer in 0 … users × movies (${U * M})`);
  check('seed', seed, Number.isFinite(seed), 'a finite number');
  check('format', format, ['tables', 'ml-100k', 'ml-1m', 'ml-latest'].includes(format), "'tables', 'ml-100k', 'ml-1m' or 'ml-latest'");
  check('outDir', outDir, format === 'tables' || typeof outDir === 'string', 'a directory path (required for file formats)');
  check('start', start, Number.isInteger(start) && start >= 0, 'an integer ≥ 0');
  check('span', span, Number.isInteger(span) && span >= 1, 'an integer ≥ 1');
  check('factors', factors, Number.isInteger(factors) && factors >= 1, 'an integer ≥ 1');
  check('zipf', zipf, Number.isFinite(zipf) && zipf >= 0, 'a number ≥ 0');
  check('onProgress', onProgress, onProgress === undefined || typeof onProgress === 'function', 'a function');
  const progress = reporter(R, onProgress);

  const rng = createRng(seed);
  const genreNames = format === 'ml-100k' ? [...ML100K_GENRES] : format === 'ml-latest' ? [...ML_LATEST_GENRES] : [...ML1M_GENRES];
  const world = buildWorld(rng, {
    users: U,
    movies: M,
    dims: factors,
    zipf,
    genreNames,
    skipGenres: format === 'ml-100k' ? [0] : [],
    occupations: format === 'ml-100k' ? ML100K_OCCUPATIONS.length : ML1M_OCCUPATIONS.length,
    startYear: new Date(start * 1000).getUTCFullYear(),
    quotesInTitles: format === 'ml-latest',
  });
  const counts = userCounts(rng, U, M, R);

  if (format === 'tables') {
    const ratings = { userId: new Int32Array(R), movieId: new Int32Array(R), rating: new Float32Array(R), timestamp: new Float64Array(R) };
    let row = 0;
    emitRatings(
      rng,
      world,
      counts,
      start,
      span,
      false,
      (u, m, r, t) => {
        ratings.userId[row] = u;
        ratings.movieId[row] = m;
        ratings.rating[row] = r;
        ratings.timestamp[row++] = t;
      },
      progress,
    );
    progress.finish();
    return {
      format: 'ml-1m',
      source: `synthetic:seed=${seed}`,
      ratings: { length: R, ...ratings } as RatingsTable,
      movies: moviesTable(world, format),
      users: usersTable(world),
    };
  }
  const dir = path.resolve(outDir!);
  mkdirSync(dir, { recursive: true });
  const out = new ChunkedWriter(path.join(dir, ratingsFileName(format)), encodingOf(format));
  if (format === 'ml-latest') out.write('userId,movieId,rating,timestamp\n');
  emitRatings(rng, world, counts, start, span, format === 'ml-latest', (u, m, r, t) => out.write(ratingLine(format, u, m, r, t)), progress);
  out.close();
  progress.finish();
  const files = writeSideFiles(dir, format, world, rng, Math.min(5000, Math.ceil(R / 50)), start, span);
  return { format, dir, files, ratings: R };
}

/** Ratings per user: log-normal activity shares of R, capped at the catalog size. */
function userCounts(rng: () => number, U: number, M: number, R: number): Int32Array {
  const w = new Float64Array(U);
  let W = 0;
  for (let u = 0; u < U; u++) W += w[u] = Math.exp(normal(rng));
  const n = new Int32Array(U);
  let used = 0;
  for (let u = 0; u < U; u++) used += n[u] = Math.min(M, Math.floor((R * w[u]!) / W));
  // Hand out the remainder one by one from a seeded starting user.
  for (let u = Math.floor(rng() * U); used < R; u = (u + 1) % U) {
    if (n[u]! < M) {
      n[u]!++;
      used++;
    }
  }
  return n;
}

function emitRatings(
  rng: () => number,
  world: World,
  counts: Int32Array,
  start: number,
  span: number,
  halfStars: boolean,
  emit: (u: number, m: number, r: number, t: number) => void,
  progress: Reporter,
): void {
  const D = world.dims;
  const taken = new Uint8Array(world.movies);
  const picks = new Int32Array(world.movies);
  const end = start + span;
  let done = 0;
  for (let u = 0; u < world.users; u++) {
    const n = counts[u]!;
    if (n === 0) continue;
    progress.advance(done);
    done += n;
    sampleMovies(rng, world, n, taken, picks);
    // Each user is active from a join time on, mostly soon after joining.
    const joined = start + Math.floor(rng() * span * 0.9);
    for (let k = 0; k < n; k++) {
      const m = picks[k]!;
      let dot = 0;
      for (let d = 0; d < D; d++) dot += world.userFactor[u * D + d]! * world.itemFactor[m * D + d]!;
      const score = GLOBAL_MEAN + world.userBias[u]! + world.itemBias[m]! + dot + normal(rng) * 0.75;
      const r = halfStars ? Math.min(5, Math.max(0.5, Math.round(score * 2) / 2)) : Math.min(5, Math.max(1, Math.round(score)));
      const t = joined + Math.floor((end - joined) * rng() ** 3);
      emit(u + 1, m + 1, r, t);
    }
  }
}

type Reporter = { advance(done: number): void; finish(): void };

/** Forwards to `onProgress` when `done` has grown by SYNTHETIC_PROGRESS_ROWS since the last report. */
function reporter(total: number, onProgress: SyntheticOptions['onProgress']): Reporter {
  if (!onProgress) return { advance() {}, finish() {} };
  let next = SYNTHETIC_PROGRESS_ROWS;
  return {
    advance(done) {
      if (done < next) return;
      next = done + SYNTHETIC_PROGRESS_ROWS;
      onProgress({ ratingsDone: done, ratingsTotal: total });
    },
    finish: () => onProgress({ ratingsDone: total, ratingsTotal: total }),
  };
}

function moviesTable(world: World, format: SyntheticFormat): MoviesTable {
  const G = world.genreNames.length;
  const genres = new Uint8Array(world.movies * G);
  world.movieGenres.forEach((list, i) => {
    if (!hasNoGenres(format as MovieLensFormat, i)) for (const g of list) genres[i * G + g] = 1;
  });
  return {
    length: world.movies,
    movieId: Int32Array.from({ length: world.movies }, (_, i) => i + 1),
    title: world.title,
    year: Float32Array.from(world.year),
    releaseTimestamp: new Float64Array(world.movies).fill(Number.NaN),
    genreNames: [...world.genreNames],
    genres,
  };
}

function usersTable(world: World): UsersTable {
  const dict = (values: readonly string[]) => {
    const index = new Map<string, number>();
    const codes = Int32Array.from(values, (v) => {
      let c = index.get(v);
      if (c === undefined) index.set(v, (c = index.size));
      return c;
    });
    return { codes, values: [...index.keys()] };
  };
  return {
    length: world.users,
    userId: Int32Array.from({ length: world.users }, (_, i) => i + 1),
    age: Int32Array.from(world.age, ageCode), // ml-1m semantics: the age group's lower bound
    gender: dict(world.gender),
    occupation: dict(Array.from(world.occupation, (o) => ML1M_OCCUPATIONS[o % ML1M_OCCUPATIONS.length]!)),
    zip: dict(world.zip),
  };
}
