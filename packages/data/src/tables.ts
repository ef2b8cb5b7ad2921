import type { ParseIssues } from './parse/issues';

/**
 * Typed columnar tables: the shapes every other package consumes. Columns are typed
 * arrays of equal `length`; strings are dictionary-encoded (`codes` index `values`).
 * Tables are plain objects so they cross package lines structurally.
 */

/** Any table here: columns with one value per row, `length` rows (what `takeRows` and `concatRows` accept). */
export type ColumnTable = { readonly length: number };

/** A dictionary-encoded string column: `values[codes[i]]` is row i's string. */
export type DictColumn = {
  readonly codes: Int32Array;
  readonly values: readonly string[];
};

/** One rating per row, in file order unless a function says otherwise. */
export type RatingsTable = {
  readonly length: number;
  readonly userId: Int32Array;
  readonly movieId: Int32Array;
  /** Star rating (ml-latest has half stars). */
  readonly rating: Float32Array;
  /** Unix seconds. */
  readonly timestamp: Float64Array;
};

/** Ratings with a binary label per row (see `labelRatings`). */
export type LabeledRatings = RatingsTable & {
  /** 1 = positive (default `rating >= 4`), 0 = negative. */
  readonly label: Uint8Array;
};

/** The movie catalog. */
export type MoviesTable = {
  readonly length: number;
  readonly movieId: Int32Array;
  readonly title: readonly string[];
  /** Release year; NaN when the source has none. */
  readonly year: Float32Array;
  /** Release date as Unix seconds (ml-100k only); NaN when unknown. */
  readonly releaseTimestamp: Float64Array;
  /** Genre vocabulary, in the dataset's own order. */
  readonly genreNames: readonly string[];
  /** Row-major multi-hot, `length * genreNames.length`; 1 = movie has that genre. */
  readonly genres: Uint8Array;
};

/** Demographics (ml-100k and ml-1m only). */
export type UsersTable = {
  readonly length: number;
  readonly userId: Int32Array;
  /** Age in years (ml-100k) or the ml-1m age-group code's lower bound (1, 18, 25, 35, 45, 50, 56). */
  readonly age: Int32Array;
  readonly gender: DictColumn;
  readonly occupation: DictColumn;
  readonly zip: DictColumn;
};

/** Free-text tags (ml-latest family, optional). */
export type TagsTable = {
  readonly length: number;
  readonly userId: Int32Array;
  readonly movieId: Int32Array;
  readonly tag: DictColumn;
  readonly timestamp: Float64Array;
};

/** External ids (ml-latest family, optional). NaN when missing. */
export type LinksTable = {
  readonly length: number;
  readonly movieId: Int32Array;
  readonly imdbId: Float64Array;
  readonly tmdbId: Float64Array;
};

export type MovieLensFormat = 'ml-100k' | 'ml-1m' | 'ml-latest';

/** What `loadMovieLens` returns. */
export type MovieLensDataset = {
  readonly format: MovieLensFormat;
  /** Where it was read from (zip path, directory or resolved cache path). */
  readonly source: string;
  readonly ratings: RatingsTable;
  readonly movies: MoviesTable;
  readonly users?: UsersTable;
  readonly tags?: TagsTable;
  readonly links?: LinksTable;
  /** What the loader found wrong: skipped lines (`strict: false`) and kept duplicates. */
  readonly issues?: ParseIssues;
};

/** A chronological split; each part keeps the labels and rows of the input. */
export type Split = {
  readonly train: LabeledRatings;
  readonly valid: LabeledRatings;
  readonly test: LabeledRatings;
  /** Row indices into the (labelled) input table for each part, in split order. */
  readonly indices: { readonly train: Int32Array; readonly valid: Int32Array; readonly test: Int32Array };
};
