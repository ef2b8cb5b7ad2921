import type { Matrix } from './matrix';

/**
 * What every abt classifier is: sklearn's estimator contract in TypeScript.
 * The constructor takes hyperparameters only; `fit` validates, learns and returns `this`;
 * refitting forgets earlier fits; the fitted state serializes to JSON (models are data).
 */
export type Classifier<Params extends object = Record<string, unknown>> = {
  /** Discriminator written into `toJSON()` and checked by the loader. */
  readonly kind: string;
  /** Learn from `X` (rows × features) and binary labels `y` (0/1). Returns `this`. */
  fit(X: Matrix, y: ArrayLike<number>, options?: FitOptions): Classifier<Params>;
  /** P(y = 1) per row, as a Float64Array of length `X.rows`. Throws NotFittedError before `fit`. */
  predictProba(X: Matrix): Float64Array;
  /** A copy of the hyperparameters, as passed to the constructor (with defaults filled). */
  getParams(): Params;
  /** Feature names seen in `fit` (from `FitOptions.featureNames`), or generated `f0…fn`. */
  readonly featureNames: readonly string[];
  /** Versioned JSON form of the fitted model. */
  toJSON(): SerializedModel;
};

export type FitOptions = {
  /** Names of X's columns, kept with the model. */
  featureNames?: readonly string[];
  /** Validation data for early stopping / monitoring. */
  valid?: { X: Matrix; y: ArrayLike<number> };
  /** Called after each iteration/epoch; return `false` to stop early. */
  onProgress?: (p: { iteration: number; total: number; metrics?: Record<string, number> }) => void | boolean;
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
