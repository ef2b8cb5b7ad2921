import type { Matrix, MatrixInput } from '../matrix';
import type { SerializedModel } from '../model';

/** Options a transformer's `fit` accepts (a pipeline passes its own through). */
export type TransformerFitOptions = {
  /** Names of X's columns, kept with the fitted transformer. */
  featureNames?: readonly string[];
};

/**
 * A fitted feature transformation: sklearn's transformer contract (`fit` learns from X alone,
 * `transform` applies it without changing the row count), checked for every transformer by
 * `transformerContract` (`@abt/models/testing`). Pipelines chain these before a classifier.
 */
export type Transformer<Params extends object = Record<string, unknown>> = {
  /** Discriminator written into `toJSON()` and checked by the pipeline's step loader. */
  readonly kind: string;
  /** Learn from `X` (rows × features). Refitting forgets the previous fit. Returns `this`. */
  fit(X: MatrixInput, options?: TransformerFitOptions): Transformer<Params>;
  /** A new matrix with the same row count; X is never modified. Throws NotFittedError before `fit`. */
  transform(X: MatrixInput): Matrix;
  /** `fit(X, options).transform(X)`. */
  fitTransform(X: MatrixInput, options?: TransformerFitOptions): Matrix;
  /** True after a successful `fit` (or when loaded from JSON). */
  readonly isFitted: boolean;
  /** Number of columns seen in `fit` (sklearn's `n_features_in_`). */
  readonly nFeaturesIn: number;
  /** Column names from `fit` options, or `Column_0…`. */
  readonly featureNames: readonly string[];
  /** A copy of the hyperparameters, defaults filled. */
  getParams(): Params;
  /** sklearn's `set_params`: unknown names throw at once, values are checked by the next `fit`. Returns `this`. */
  setParams(params: Partial<Params>): Transformer<Params>;
  /** An unfitted transformer with the same hyperparameters. */
  clone(): Transformer<Params>;
  /** Versioned JSON form of the fitted transformer (the same envelope models use). */
  toJSON(): SerializedModel;
};
