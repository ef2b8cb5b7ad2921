import type { LabeledRatings, MovieLensDataset, MovieLensFormat, RatingsTable, Split } from './tables';
import { checkArity } from './check-args';

/** Counts and rates of one ratings table. */
export type PartStats = {
  readonly rows: number;
  /** Distinct userIds. */
  readonly users: number;
  /** Distinct movieIds. */
  readonly movies: number;
  readonly meanRating: number;
  /** Share of label 1 (LabeledRatings) or of `rating >= 4` (plain ratings). NaN when empty. */
  readonly positiveRate: number;
  /** Earliest / latest timestamp (Unix seconds); NaN when empty. */
  readonly timeStart: number;
  readonly timeEnd: number;
};

export type DatasetStats = PartStats & {
  readonly format: MovieLensFormat;
  readonly catalogMovies: number;
  readonly userRecords: number | undefined;
  readonly genres: number;
  /** rows / (users × movies). */
  readonly density: number;
  readonly skippedLines: number;
  readonly duplicatePairs: number;
};

export type SplitStats = {
  readonly train: PartStats;
  readonly valid: PartStats;
  readonly test: PartStats;
  /** Share of valid / test rows whose user, or movie, has no train row. */
  readonly coldUserRate: { readonly valid: number; readonly test: number };
  readonly coldMovieRate: { readonly valid: number; readonly test: number };
};

function distinct(ids: Int32Array): number {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  const seen = new Uint8Array(max + 1);
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    const v = ids[i]!;
    if (v >= 0 && seen[v] === 0) {
      seen[v] = 1;
      count++;
    }
  }
  return count;
}

/** Stats of one ratings table (labelled or not). */
export function describeRatings(r: RatingsTable | LabeledRatings): PartStats {
  checkArity('describeRatings', arguments, ['r']);
  const n = r.length;
  let sum = 0;
  let pos = 0;
  let lo = Infinity;
  let hi = -Infinity;
  const label = 'label' in r ? r.label : undefined;
  for (let i = 0; i < n; i++) {
    sum += r.rating[i]!;
    pos += label ? label[i]! : r.rating[i]! >= 4 ? 1 : 0;
    const t = r.timestamp[i]!;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return {
    rows: n,
    users: distinct(r.userId),
    movies: distinct(r.movieId),
    meanRating: n ? sum / n : Number.NaN,
    positiveRate: n ? pos / n : Number.NaN,
    timeStart: n ? lo : Number.NaN,
    timeEnd: n ? hi : Number.NaN,
  };
}

/** Dataset-level counts: ratings, distinct users and movies, catalog size, rates, issues. */
export function describeDataset(ds: MovieLensDataset): DatasetStats {
  checkArity('describeDataset', arguments, ['ds']);
  const base = describeRatings(ds.ratings);
  return {
    ...base,
    format: ds.format,
    catalogMovies: ds.movies.length,
    userRecords: ds.users?.length,
    genres: ds.movies.genreNames.length,
    density: base.users && base.movies ? base.rows / (base.users * base.movies) : 0,
    skippedLines: ds.issues?.skipped ?? 0,
    duplicatePairs: ds.issues?.byKind['duplicate-rating'] ?? 0,
  };
}

function coldRate(train: Int32Array, part: Int32Array): number {
  if (part.length === 0) return Number.NaN;
  let max = 0;
  for (const ids of [train, part]) for (let i = 0; i < ids.length; i++) if (ids[i]! > max) max = ids[i]!;
  const known = new Uint8Array(max + 1);
  for (let i = 0; i < train.length; i++) known[train[i]!] = 1;
  let cold = 0;
  for (let i = 0; i < part.length; i++) cold += known[part[i]!] ? 0 : 1;
  return cold / part.length;
}

/** Per-part stats plus how much of valid / test is cold-start relative to train. */
export function describeSplit(split: Split): SplitStats {
  checkArity('describeSplit', arguments, ['split']);
  return {
    train: describeRatings(split.train),
    valid: describeRatings(split.valid),
    test: describeRatings(split.test),
    coldUserRate: { valid: coldRate(split.train.userId, split.valid.userId), test: coldRate(split.train.userId, split.test.userId) },
    coldMovieRate: { valid: coldRate(split.train.movieId, split.valid.movieId), test: coldRate(split.train.movieId, split.test.movieId) },
  };
}
