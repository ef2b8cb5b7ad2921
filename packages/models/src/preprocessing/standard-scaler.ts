import { checkArity, checkOptions, checkParamNames, unknownParamKeys } from '../arguments';
import { asMatrix } from '../as-matrix';
import { InvalidInputError, InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import { defaultFeatureNames } from '../feature-names';
import { isCsr, type CsrMatrix, type DenseMatrix, type Matrix, type MatrixInput } from '../matrix';
import type { SerializedModel } from '../model';
import { scaleCsr, scaleDense, scaleDenseInto, type CsrFloat64, type DenseFloat64 } from './apply-scaling';
import { columnStats, scaleFromStats } from './column-stats';
import { messages } from '../messages';
import { deserialize, serialize, STANDARD_SCALER_KIND, type StandardScalerState } from './standard-scaler-json';
import { STANDARD_SCALER_PARAM_NAMES, validateParams, withDefaults, type StandardScalerParams } from './standard-scaler-params';
import type { Transformer, TransformerFitOptions } from './transformer';
import { validateMatrix } from './validate-matrix';

const msg = messages.preprocessing;
const common = messages.common;

const OWNER = 'StandardScaler';
const FIT_OPTIONS = ['featureNames'] as const;
const TRANSFORM_OPTIONS = ['out'] as const;

/** `transform` options. */
export type StandardScalerTransformOptions = {
  /**
   * Write the result here instead of a new Float64Array: rows × cols entries, dense X only. X's own
   * array is allowed (scaling in place, scikit-learn's `copy=False`). Values are computed in float64
   * as always and stored in out's type, so a Float32Array holds them rounded once.
   */
  out?: Float32Array | Float64Array;
};

/**
 * Standardizes each column to zero mean and unit population variance: z = (x − mean) / scale,
 * with scikit-learn's `StandardScaler` semantics and numbers. NaN is ignored by the statistics
 * and kept as NaN by `transform`; constant columns get scale 1; CSR input must use
 * `with_mean: false` and stays CSR (only the stored values are divided).
 */
export class StandardScaler implements Transformer<StandardScalerParams> {
  readonly kind = STANDARD_SCALER_KIND;
  #params: StandardScalerParams;
  /** Constructor problems (unknown keys, surplus arguments), reported by `fit`: constructors do not throw. */
  #issues: InvalidParamError[] = [];
  #fitted: StandardScalerState | null = null;

  /** Hyperparameters only: `copy`, `with_mean`, `with_std` (sklearn's names and defaults). */
  constructor(params: Partial<StandardScalerParams> = {}) {
    if (arguments.length > 1) this.#issues.push(new InvalidParamError('argument 2', common.surplusArguments(`new ${OWNER}`, 1, arguments.length)));
    const options = typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {};
    if (options !== params) this.#issues.push(new InvalidParamError('params', common.notOptionsObject(`new ${OWNER}`, 'params', params)));
    for (const key of unknownParamKeys(options, STANDARD_SCALER_PARAM_NAMES)) {
      this.#issues.push(new InvalidParamError(key, common.unknownParam(OWNER, key, STANDARD_SCALER_PARAM_NAMES)));
    }
    this.#params = withDefaults(options);
  }

  /** Learns each column's mean and standard deviation. Refitting forgets the previous fit. Returns `this`. */
  fit(X: MatrixInput, options: TransformerFitOptions = {}): this {
    checkArity(`${OWNER}.fit`, arguments.length, 2);
    checkOptions(`${OWNER}.fit`, options, FIT_OPTIONS);
    this.#fitted = null;
    const issue = this.#issues[0];
    if (issue !== undefined) throw issue;
    const params = this.#params;
    validateParams(params);
    X = asMatrix(X, `${OWNER}.fit`);
    validateMatrix(X, OWNER, 'fit');
    if (X.rows === 0 || X.cols === 0) throw new InvalidInputError(msg.emptyX(OWNER, X.rows, X.cols));
    const sparse = isCsr(X);
    if (sparse && params.with_mean) throw new InvalidParamError('with_mean', msg.sparseCentering(OWNER, 'fit'));
    const featureNames = namesFor(X.cols, options.featureNames);
    const stats = columnStats(X);
    // Which statistics exist follows sklearn's partial_fit: mean_ / var_ are None when not needed.
    const keepMean = params.with_std || (params.with_mean && !sparse);
    this.#fitted = {
      mean: keepMean ? stats.mean : null,
      variance: params.with_std ? stats.variance : null,
      scale: params.with_std ? scaleFromStats(stats) : null,
      nSamplesSeen: stats.count,
      featureNames,
    };
    return this;
  }

  /** Standardized copy of X: dense → dense Float64Array (or `options.out`), CSR → CSR with the same pattern. */
  // CSR first: a CsrMatrix is structurally also a DenseMatrix (it has rows, cols, data).
  transform(X: CsrMatrix): CsrFloat64;
  transform<T extends Float32Array | Float64Array>(
    X: DenseMatrix | readonly ArrayLike<number>[],
    options: { out: T },
  ): { readonly rows: number; readonly cols: number; readonly data: T };
  transform(X: DenseMatrix | readonly ArrayLike<number>[]): DenseFloat64;
  transform(X: MatrixInput, options?: StandardScalerTransformOptions): Matrix;
  transform(Xin: MatrixInput, options: StandardScalerTransformOptions = {}): Matrix {
    checkArity(`${OWNER}.transform`, arguments.length, 2);
    checkOptions(`${OWNER}.transform`, options, TRANSFORM_OPTIONS);
    const f = this.#state('transform');
    const X = asMatrix(Xin, `${OWNER}.transform`);
    validateMatrix(X, OWNER, 'transform');
    const cols = f.nSamplesSeen.length;
    if (X.cols !== cols) throw new InvalidInputError(msg.featureCount(OWNER, 'transform', X.cols, cols));
    const { with_mean, with_std } = this.#params;
    const scale = with_std ? f.scale : null;
    const { out } = options;
    if (isCsr(X)) {
      if (with_mean) throw new InvalidParamError('with_mean', msg.sparseCentering(OWNER, 'transform'));
      if (out !== undefined) throw new InvalidInputError(msg.outSparse(OWNER));
      return scaleCsr(X, scale);
    }
    if (out === undefined) return scaleDense(X, with_mean ? f.mean : null, scale);
    if (!((out instanceof Float32Array || out instanceof Float64Array) && out.length === X.rows * cols)) {
      throw new InvalidInputError(msg.outBuffer(OWNER, out, X.rows * cols));
    }
    return scaleDenseInto(X, with_mean ? f.mean : null, scale, out);
  }

  /** `fit(X, options).transform(X)`. */
  fitTransform(X: CsrMatrix, options?: TransformerFitOptions): CsrFloat64;
  fitTransform(X: DenseMatrix | readonly ArrayLike<number>[], options?: TransformerFitOptions): DenseFloat64;
  fitTransform(X: MatrixInput, options?: TransformerFitOptions): DenseFloat64 | CsrFloat64;
  fitTransform(X: MatrixInput, options?: TransformerFitOptions): DenseFloat64 | CsrFloat64 {
    checkArity(`${OWNER}.fitTransform`, arguments.length, 2);
    const Xm = asMatrix(X, `${OWNER}.fitTransform`);
    return this.fit(Xm, options).transform(Xm) as DenseFloat64 | CsrFloat64;
  }

  /** Column means over non-NaN values (a copy); null when neither centering nor scaling needs them (sklearn's `mean_`). */
  get mean(): Float64Array | null {
    return this.#state('mean').mean?.slice() ?? null;
  }

  /** Column population variances (ddof = 0), or null when `with_std` is false (sklearn's `var_`). */
  get variance(): Float64Array | null {
    return this.#state('variance').variance?.slice() ?? null;
  }

  /** The divisor per column: √variance, or 1 for constant columns; null when `with_std` is false (sklearn's `scale_`). */
  get scale(): Float64Array | null {
    return this.#state('scale').scale?.slice() ?? null;
  }

  /** Non-NaN values seen per column (sklearn's `n_samples_seen_`, always per column here). */
  get nSamplesSeen(): Float64Array {
    return this.#state('nSamplesSeen').nSamplesSeen.slice();
  }

  /** Number of columns seen in `fit`. */
  get nFeaturesIn(): number {
    return this.#state('nFeaturesIn').nSamplesSeen.length;
  }

  /** Column names from `fit` options, or `Column_0…`. */
  get featureNames(): readonly string[] {
    return this.#state('featureNames').featureNames;
  }

  /** True after a successful `fit` or `fromJSON`. */
  get isFitted(): boolean {
    return this.#fitted !== null;
  }

  /** A copy of the hyperparameters, defaults filled. */
  getParams(): StandardScalerParams {
    checkArity(`${OWNER}.getParams`, arguments.length, 0);
    return withDefaults(this.#params);
  }

  /** Updates hyperparameters: unknown names throw now, values are validated at the next fit; the fitted state is kept until then. */
  setParams(params: Partial<StandardScalerParams>): this {
    checkArity(`${OWNER}.setParams`, arguments.length, 1);
    checkParamNames(`${OWNER}.setParams`, params, STANDARD_SCALER_PARAM_NAMES);
    const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    this.#params = withDefaults({ ...this.#params, ...given });
    return this;
  }

  /** An unfitted scaler with the same hyperparameters: `new StandardScaler(this.getParams())`. */
  clone(): StandardScaler {
    checkArity(`${OWNER}.clone`, arguments.length, 0);
    return new StandardScaler(this.getParams());
  }

  /** The versioned JSON envelope (`JSON.stringify` passes a key: one argument is allowed). */
  toJSON(): SerializedModel {
    checkArity(`${OWNER}.toJSON`, arguments.length, 1);
    return serialize(this.#params, this.#state('toJSON'));
  }

  /** Rebuilds a fitted scaler from `toJSON()` output; throws ModelFormatError naming the bad path. */
  static fromJSON(json: SerializedModel | unknown): StandardScaler {
    checkArity(`${OWNER}.fromJSON`, arguments.length, 1);
    const { params, state } = deserialize(json);
    if (state.featureNames.length === 0) throw new ModelFormatError(msg.format(OWNER, '$.featureNames', 'a non-empty array of strings', []));
    const scaler = new StandardScaler(params);
    scaler.#fitted = state;
    return scaler;
  }

  #state(what: string): StandardScalerState {
    if (this.#fitted === null) throw new NotFittedError(msg.notFitted(OWNER, what));
    return this.#fitted;
  }
}

function namesFor(cols: number, names: readonly string[] | undefined): readonly string[] {
  if (names === undefined) return defaultFeatureNames(cols);
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new InvalidInputError(msg.featureNames(OWNER, NaN, cols));
  if (names.length !== cols) throw new InvalidInputError(msg.featureNames(OWNER, names.length, cols));
  return [...names];
}
