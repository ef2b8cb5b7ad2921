import type { MatrixInput } from './matrix';

/**
 * What every abt classifier is: sklearn's estimator contract in TypeScript, checked for every
 * estimator by `classifierContract` (`@abt/models/testing`).
 * The constructor takes hyperparameters only and never throws (problems surface in `fit`); `fit`
 * validates, learns and returns `this`; refitting forgets earlier fits; fitted state is separate
 * (`isFitted`, getters that throw NotFittedError before `fit`); the fitted model serializes to JSON
 * (models are data); `clone()` is `new Ctor(getParams())`.
 */
export type Classifier<Params extends object = Record<string, unknown>> = {
  /** Discriminator written into `toJSON()` and checked by the loader. */
  readonly kind: string;
  /** Learn from `X` (rows × features) and binary labels `y` (0/1). Returns `this`. */
  fit(X: MatrixInput, y: ArrayLike<number>, options?: FitOptions): Classifier<Params>;
  /** P(y = 1) per row, as a Float64Array of length `X.rows`. Throws NotFittedError before `fit`. */
  predictProba(X: MatrixInput): Float64Array;
  /** Class per row (0 or 1), as sklearn's `predict`. Throws NotFittedError before `fit`. */
  predict(X: MatrixInput): Float64Array;
  /** A copy of the hyperparameters, with defaults filled: `new Ctor(getParams())` is an equal, unfitted estimator. */
  getParams(): Params;
  /** sklearn's `set_params`: unknown names throw InvalidParamError at once; values are checked by the next `fit`. Returns `this`. */
  setParams(params: Partial<Params>): Classifier<Params>;
  /** An unfitted estimator with the same hyperparameters (sklearn's `clone`). */
  clone(): Classifier<Params>;
  /** True after a successful `fit` (or when loaded from JSON); false after a failed refit. */
  readonly isFitted: boolean;
  /** Feature names seen in `fit` (from `FitOptions.featureNames`), or `Column_0…` (see feature-names.ts). */
  readonly featureNames: readonly string[];
  /** Number of columns seen in `fit` (sklearn's `n_features_in_`). */
  readonly nFeaturesIn: number;
  /** Versioned JSON form of the fitted model. */
  toJSON(): SerializedModel;
};

/** Progress reported during `fit`. */
export type FitProgress = {
  /** 1-based iteration (solver step, epoch or boosting round). */
  iteration: number;
  /** The most iterations this fit can take (`max_iter`, `num_iterations`). */
  total: number;
  /**
   * Metrics after this iteration. One naming rule for every estimator: metrics on `options.valid`
   * under LightGBM's metric names (`binary_logloss`, `auc`); diagnostics of the training objective
   * prefixed `train_` (`train_objective`).
   */
  metrics?: Record<string, number>;
};

export type FitOptions = {
  /** Names of X's columns, kept with the model. */
  featureNames?: readonly string[];
  /** Validation data for early stopping / monitoring. */
  valid?: { X: MatrixInput; y: ArrayLike<number> };
  /** Called after each iteration/epoch; return `false` to stop early. */
  onProgress?: (p: FitProgress) => void | boolean;
};

/** The JSON envelope every model writes. */
export type SerializedModel = {
  readonly format: 'abt-model';
  readonly formatVersion: 1;
  readonly kind: string;
  readonly params: Record<string, unknown>;
  readonly featureNames: readonly string[];
  readonly state: Record<string, unknown>;
};
