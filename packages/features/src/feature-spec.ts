import type { LabeledRatings, MoviesTable, RatingsTable, UsersTable } from '@abt/data';
import { EMPTY_MOVIES, buildMovieCatalog, buildUserCatalog } from './catalog';
import { denseFeatureNames, writeDenseRow } from './dense-features';
import { FeaturesError } from './errors';
import { CURRENT_LAYOUT, contextFor, historyPass, keysFor, type Fitted } from './fitted';
import { appendIds, buildIdIndex } from './id-index';
import type { CsrMatrix, DenseMatrix, FeatureMatrix } from './matrix';
import { messages } from './messages';
import { onehotFeatureNames, onehotMatrix } from './onehot';
import { resolveOptions, type FeatureKind, type FeatureSpecOptions } from './options';
import { fittedFromJSON, fittedToJSON, type FeatureSpecJSON } from './spec-json';
import { checkLabeled, checkRatings, checkTrain } from './validate';
import { checkArity, checkKeys, keysOf } from './check-args';
import { FEATURE_SPEC_OPTION_KEYS } from './options';
import { OnlineHistory } from './online-history';
import { type EntityId, type FeatureRequest, type RequestColumns, type RequestColumnsInput, requestColumns } from './request';
import {
  denseOutput,
  FIT_OPTION_KEYS,
  progressFor,
  refuseOutForOnehot,
  TRANSFORM_OPTION_KEYS,
  type FitOptions,
  type TransformOptions,
} from './transform-options';

/**
 * What a spec is fitted on. `users` enables the demographic features of the dense set; `movies`
 * the content features (without a catalog, or with one that has no genres and no release dates,
 * the dense set has no content columns: see `CONTENT_FEATURES`).
 */
export type FitInput = {
  readonly train: LabeledRatings;
  readonly movies?: MoviesTable;
  readonly users?: UsersTable;
};

/** Options of {@link FeatureSpec.transformColumns}. */
export type TransformColumnsOptions = {
  /**
   * Feedback history from `spec.createOnlineHistory()`: rows are featurized from train plus every
   * interaction added to it strictly before each row's time (the online protocol). Without it, from
   * train alone (`transform`'s frozen protocol).
   */
  readonly history?: OnlineHistory;
};

const FIT_INPUT_KEYS = keysOf<FitInput>({ train: true, movies: true, users: true });
const TRANSFORM_COLUMNS_KEYS = keysOf<TransformColumnsOptions>({ history: true });

/**
 * Fits feature transforms on train and applies them to train, to any ratings table, and to raw
 * requests. Constructor takes options only; `fit` validates, returns `this`, and forgets any
 * earlier fit (scikit-learn's estimator contract).
 */
export class FeatureSpec {
  readonly #params: FeatureSpecOptions;
  #fitted: Fitted | undefined;

  constructor(options: FeatureSpecOptions = {}) {
    checkArity('new FeatureSpec', arguments, ['options']);
    checkKeys('new FeatureSpec', 'options', options, FEATURE_SPEC_OPTION_KEYS);
    this.#params = { ...options };
  }

  /** A copy of the options as given. */
  getParams(): FeatureSpecOptions {
    checkArity('FeatureSpec.getParams', arguments, []);
    return { ...this.#params };
  }

  /** An unfitted spec with the same options. */
  clone(): FeatureSpec {
    checkArity('FeatureSpec.clone', arguments, []);
    return new FeatureSpec(this.getParams());
  }

  get isFitted(): boolean {
    return this.#fitted !== undefined;
  }

  get kind(): FeatureKind {
    return this.#fitted?.options.kind ?? resolveOptions(this.#params).kind;
  }

  /** Output column names; throws NOT_FITTED before fit. */
  get featureNames(): readonly string[] {
    return this.#need('featureNames').featureNames;
  }

  /** Learns the catalogs, id indices and (dense) the history aggregates of train; `options.onProgress` follows the history pass. */
  fit(input: FitInput, fitOptions: FitOptions = {}): this {
    checkArity('FeatureSpec.fit', arguments, ['input', 'options']);
    if (input && typeof input === 'object') checkKeys('FeatureSpec.fit', 'input', input, FIT_INPUT_KEYS);
    checkKeys('FeatureSpec.fit', 'options', fitOptions, FIT_OPTION_KEYS);
    const options = resolveOptions(this.#params);
    if (!input || typeof input !== 'object') throw new FeaturesError('INVALID_INPUT', messages.missingColumn('input', 'train'), 'train');
    checkTrain(input.train);
    const movies = buildMovieCatalog(input.movies ?? EMPTY_MOVIES);
    const users = input.users ? buildUserCatalog(input.users) : undefined;
    const train = input.train;
    const histUsers = buildIdIndex(train.userId);
    const histMovies = buildIdIndex(train.movieId);
    let trainEnd = -Infinity;
    for (let i = 0; i < train.length; i++) trainEnd = Math.max(trainEnd, train.timestamp[i]!);
    const base = { options, movies, users, histUsers, histMovies, layout: CURRENT_LAYOUT };
    const dense = options.kind === 'dense';
    const progress = progressFor('fit', 'fit', train.length, fitOptions.onProgress);
    const state = dense ? historyPass(base, train, undefined, undefined, progress) : undefined;
    progress.finish();
    this.#fitted = {
      ...base,
      state,
      trainRows: train.length,
      trainEnd,
      featureNames: dense ? denseFeatureNames(movies, users, CURRENT_LAYOUT) : onehotFeatureNames(histUsers, histMovies, movies),
      train,
    };
    return this;
  }

  /**
   * Features of the train rows this spec was fitted on, row i = train row i. Dense history
   * features are leak-free: each row sees only train rows with a strictly earlier timestamp.
   * (One-hot has no history, so it equals `transform(train)`.) `options`: see {@link TransformOptions}.
   */
  transformTrain(options: TransformOptions = {}): FeatureMatrix {
    checkArity('FeatureSpec.transformTrain', arguments, ['options']);
    checkKeys('FeatureSpec.transformTrain', 'options', options, TRANSFORM_OPTION_KEYS);
    const f = this.#need('transformTrain');
    if (!f.train) throw new FeaturesError('UNAVAILABLE', messages.trainUnavailable(), 'transformTrain');
    if (f.options.kind === 'onehot') return this.#rows(f, f.train.userId, f.train.movieId, f.train.timestamp, 'transformTrain', options);
    const cols = f.featureNames.length;
    const data = denseOutput(f, 'transformTrain', f.train.length * cols, options.out);
    const progress = progressFor('transformTrain', 'transformTrain', f.train.length, options.onProgress);
    historyPass(f, f.train, { data, cols }, undefined, progress);
    progress.finish();
    return { X: { rows: f.train.length, cols, data } satisfies DenseMatrix, featureNames: f.featureNames };
  }

  /** Features of any rows (valid, test, new) from the whole train history; labels are never read. `options`: see {@link TransformOptions}. */
  transform(rows: RatingsTable, options: TransformOptions = {}): FeatureMatrix {
    checkArity('FeatureSpec.transform', arguments, ['rows', 'options']);
    checkKeys('FeatureSpec.transform', 'options', options, TRANSFORM_OPTION_KEYS);
    const f = this.#need('transform');
    checkRatings('rows', rows);
    return this.#rows(f, rows.userId, rows.movieId, rows.timestamp, 'transform', options);
  }

  /**
   * Online replay: features of labelled rows that follow train, as a router whose history is
   * updated with feedback would compute them. Each row sees all of train plus the rows of `rows`
   * with a strictly earlier timestamp (labels included), never its own label, a later row or a
   * same-timestamp row: `transformTrain`'s expanding pass, continued over `rows`. Users and movies
   * new in `rows` get history slots. The spec itself is not changed. One-hot has no history, so
   * it equals `transform(rows)`. `options`: see {@link TransformOptions}.
   */
  transformOnline(rows: LabeledRatings, options: TransformOptions = {}): FeatureMatrix {
    checkArity('FeatureSpec.transformOnline', arguments, ['rows', 'options']);
    checkKeys('FeatureSpec.transformOnline', 'options', options, TRANSFORM_OPTION_KEYS);
    const f = this.#need('transformOnline');
    checkLabeled('rows', rows);
    if (f.options.kind === 'onehot') return this.#rows(f, rows.userId, rows.movieId, rows.timestamp, 'transformOnline', options);
    const grown = {
      ...f,
      histUsers: appendIds(f.histUsers, rows.userId).index,
      histMovies: appendIds(f.histMovies, rows.movieId).index,
    };
    const cols = f.featureNames.length;
    const data = denseOutput(f, 'transformOnline', rows.length * cols, options.out);
    const progress = progressFor('transformOnline', 'transformOnline', rows.length, options.onProgress);
    historyPass(grown, rows, { data, cols }, f.state, progress);
    progress.finish();
    return { X: { rows: rows.length, cols, data } satisfies DenseMatrix, featureNames: f.featureNames };
  }

  /** Same features as `transform` for raw requests; catalog lookups come from inside the spec. */
  transformRequests(requests: readonly FeatureRequest[]): FeatureMatrix {
    checkArity('FeatureSpec.transformRequests', arguments, ['requests']);
    this.#need('transformRequests');
    return this.transformColumns(requestColumns(requests, 'requests', 'FeatureSpec.transformRequests'));
  }

  /**
   * Features of requests given column by column (`requestColumns(...)`, or plain columns, which are
   * validated here). Ids may be safe integers or strings (`"42"` is id 42; other strings are ids the
   * train tables never saw). Rows without a timestamp use the spec's `defaultTimestamp`. With
   * `history`, rows see feedback too (see {@link TransformColumnsOptions}).
   */
  transformColumns(columns: RequestColumns | RequestColumnsInput, options?: TransformColumnsOptions): FeatureMatrix {
    checkArity('FeatureSpec.transformColumns', arguments, ['columns', 'options']);
    checkKeys('FeatureSpec.transformColumns', 'options', options, TRANSFORM_COLUMNS_KEYS);
    const history = options?.history;
    const f = this.#need('transformColumns');
    const cols = requestColumns(columns, 'columns', 'FeatureSpec.transformColumns');
    const fallback = f.options.defaultTimestamp === 'train-end' ? f.trainEnd : f.options.defaultTimestamp;
    if (history !== undefined) {
      if (!(history instanceof OnlineHistory) || history.fitted !== f) throw new FeaturesError('INVALID_OPTION', messages.historyOfAnotherSpec(), 'history');
      if (f.options.kind === 'dense') {
        const width = f.featureNames.length;
        const data = denseOutput(f, 'transformColumns', cols.length * width, undefined);
        history.writeRows(cols, fallback, data, width);
        return { X: { rows: cols.length, cols: width, data } satisfies DenseMatrix, featureNames: f.featureNames };
      }
    }
    const ts = new Float64Array(cols.length);
    for (let i = 0; i < cols.length; i++) {
      const t = cols.timestamp ? cols.timestamp[i]! : Number.NaN;
      ts[i] = Number.isNaN(t) ? fallback : t;
    }
    return this.#rows(f, cols.userId, cols.movieId, ts);
  }

  /**
   * A feedback history for this spec, starting from train's: add interactions as they arrive
   * (`history.add(...)`) and pass it to `transformColumns` to serve the online protocol's features.
   * Needs `userHistoryLagDays` 0. One-hot specs have no history (their features never change).
   */
  createOnlineHistory(): OnlineHistory {
    checkArity('FeatureSpec.createOnlineHistory', arguments, []);
    return new OnlineHistory(this.#need('createOnlineHistory'));
  }

  /**
   * The versioned, JSON-serializable spec (`format: 'abt-feature-spec'`, `formatVersion: 2`; a
   * spec loaded from version 1 is written back as version 1, with its 1 layout).
   */
  toJSON(): FeatureSpecJSON {
    checkArity('FeatureSpec.toJSON', arguments, []);
    return fittedToJSON(this.#need('toJSON'));
  }

  /** Restores a spec written by `toJSON`; throws INVALID_FORMAT naming the offending JSON path. */
  static fromJSON(json: unknown): FeatureSpec {
    checkArity('FeatureSpec.fromJSON', arguments, ['json']);
    const fitted = fittedFromJSON(json);
    const spec = new FeatureSpec(fitted.options);
    spec.#fitted = fitted;
    return spec;
  }

  #need(method: string): Fitted {
    if (!this.#fitted) throw new FeaturesError('NOT_FITTED', messages.notFitted(method), method);
    return this.#fitted;
  }

  #rows(
    f: Fitted,
    userId: ArrayLike<EntityId>,
    movieId: ArrayLike<EntityId>,
    ts: ArrayLike<number>,
    step: 'transform' | 'transformTrain' | 'transformOnline' = 'transform',
    options: TransformOptions = {},
  ): FeatureMatrix {
    const n = userId.length;
    const progress = progressFor(step, step, n, options.onProgress);
    if (f.options.kind === 'onehot') {
      refuseOutForOnehot(step, options.out);
      const X: CsrMatrix = onehotMatrix(keysFor(f, userId, movieId), f.histUsers.ids.length, f.histMovies.ids.length, f.movies, f.options.dtype);
      progress.finish();
      return { X, featureNames: f.featureNames };
    }
    const cols = f.featureNames.length;
    const data = denseOutput(f, step, n * cols, options.out);
    const keys = keysFor(f, userId, movieId);
    const ctx = contextFor(f, f.state!);
    for (let i = 0; i < n; i++) {
      writeDenseRow(ctx, keys, i, ts[i]!, data, i * cols);
      progress.advance(i + 1);
    }
    progress.finish();
    return { X: { rows: n, cols, data } satisfies DenseMatrix, featureNames: f.featureNames };
  }
}

/** `new FeatureSpec(options).fit(input)`. */
export function fitFeatureSpec(input: FitInput, options: FeatureSpecOptions = {}): FeatureSpec {
  checkArity('fitFeatureSpec', arguments, ['input', 'options']);
  checkKeys('fitFeatureSpec', 'options', options, FEATURE_SPEC_OPTION_KEYS);
  if (input && typeof input === 'object') checkKeys('fitFeatureSpec', 'input', input, FIT_INPUT_KEYS);
  return new FeatureSpec(options).fit(input);
}

/** Alias of `FeatureSpec.fromJSON`. */
export function loadFeatureSpec(json: unknown): FeatureSpec {
  checkArity('loadFeatureSpec', arguments, ['json']);
  return FeatureSpec.fromJSON(json);
}
