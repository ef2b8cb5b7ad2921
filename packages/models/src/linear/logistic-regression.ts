import { checkArity, checkOptions, checkParamNames, unknownParamKeys } from '../arguments';
import { asMatrix } from '../as-matrix';
import { InvalidInputError, InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import { defaultFeatureNames } from '../feature-names';
import type { Matrix, MatrixInput } from '../matrix';
import { messages } from '../messages';
import type { Classifier, FitOptions, SerializedModel } from '../model';
import { FLOAT32_STREAM_MIN_ENTRIES, matVec, streamsAsFloat32 } from './design';
import { planFit } from './fit-plan';
import { logLossAt, sigmoid } from './logistic';
import { interceptOf } from './objective';
import { baseLogOdds, buildProblem } from './problem';
import { checkParamTypes, LOGISTIC_REGRESSION_OPTION_NAMES, withDefaults, type LogisticRegressionOptions, type LogisticRegressionParams } from './params';
import { deserialize, LOGISTIC_REGRESSION_KIND, serialize, type LogisticRegressionState } from './serialize';
import { seededRng } from '../../../../internal/random';
import { defaultThreads, float32DesignBuffer } from './row-engine';
import { owlqn } from './solvers/owlqn';
import { saga } from './solvers/saga';
import { binaryLabels, validateLabels, validateMatrix } from './validate-input';
import { emitWarning } from './warnings';

/** `fit` options: the common ones plus sklearn's `sample_weight`. */
export type LogisticRegressionFitOptions = FitOptions & {
  /** Non-negative weight per row (sklearn's `sample_weight`), multiplied by `class_weight`. */
  sampleWeight?: ArrayLike<number>;
};

const OWNER = 'LogisticRegression';
const FIT_OPTIONS = ['featureNames', 'valid', 'onProgress', 'sampleWeight'] as const;

const msg = messages.linear;
const common = messages.common;

/**
 * Binary logistic regression with scikit-learn 1.9's objective, parameter names and parameter rules:
 * minimizes C·Σᵢ wᵢ·loglossᵢ + (1 − l1_ratio)/2·|β|² + l1_ratio·|β|₁ (intercept unpenalized, except
 * with liblinear), on CSR (never densified), dense row-major X or `number[][]`. The objective is
 * convex, so every solver that converges reaches sklearn's optimum; the default OWL-QN gets there in
 * far fewer passes than saga (also available, for the original pipeline's `solver='saga'`).
 */
export class LogisticRegression implements Classifier<LogisticRegressionParams> {
  readonly kind = LOGISTIC_REGRESSION_KIND;
  #params: LogisticRegressionParams;
  /** Constructor problems (unknown keys, surplus arguments, alias conflicts), reported by `fit`: constructors do not throw. */
  #issues: InvalidParamError[] = [];
  #fitted: LogisticRegressionState | null = null;

  /** Hyperparameters only, sklearn's names (`random_state` is accepted for `seed`). */
  constructor(params: LogisticRegressionOptions = {}) {
    if (arguments.length > 1) this.#issues.push(new InvalidParamError(`argument ${2}`, common.surplusArguments(`new ${OWNER}`, 1, arguments.length)));
    const options = typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {};
    if (options !== params) this.#issues.push(new InvalidParamError('params', common.notOptionsObject(`new ${OWNER}`, 'params', params)));
    for (const key of unknownParamKeys(options, LOGISTIC_REGRESSION_OPTION_NAMES)) {
      this.#issues.push(new InvalidParamError(key, common.unknownParam(OWNER, key, LOGISTIC_REGRESSION_OPTION_NAMES)));
    }
    const { params: resolved, conflict } = withDefaults(options);
    if (conflict !== null) this.#issues.push(new InvalidParamError('random_state', conflict));
    this.#params = resolved;
  }

  /**
   * Learns β and b from X and 0/1 labels y. Refitting forgets the previous fit (unless `warm_start`,
   * which starts from it, as sklearn). Emits sklearn's parameter warnings (see fit-plan.ts). Returns `this`.
   */
  fit(X: MatrixInput, y: ArrayLike<number>, options: LogisticRegressionFitOptions = {}): this {
    checkArity(`${OWNER}.fit`, arguments.length, 3);
    checkOptions(`${OWNER}.fit`, options, FIT_OPTIONS);
    const previous = this.#fitted;
    this.#fitted = null;
    const issue = this.#issues[0];
    if (issue !== undefined) throw issue;
    const params = this.#params;
    checkParamTypes(params);
    const plan = planFit(params, emitWarning);
    const Xm = asMatrix(X, `${OWNER}.fit`);
    // the full-batch solver reads a large dense float64 X as float32: its values must fit there too
    validateMatrix(Xm, 'fit', plan.algorithm !== 'saga' && streamsAsFloat32(Xm));
    const labels = validateLabels(Xm, y);
    const names = featureNamesFor(Xm.cols, options.featureNames);
    const valid = options.valid === undefined ? undefined : checkValid(options.valid, Xm.cols);

    const prob = buildProblem(Xm, labels.y, params, plan, options.sampleWeight);
    let init: Float64Array | undefined;
    // sklearn: warm_start reuses coef_ and intercept_; liblinear ignores it.
    if (params.warm_start && previous !== null && !plan.liblinear) {
      if (previous.coef.length !== Xm.cols) throw new InvalidInputError(msg.warmStartShape(previous.coef.length, Xm.cols));
      init = new Float64Array(Xm.cols + 1);
      init.set(previous.coef);
      init[Xm.cols] = params.fit_intercept ? previous.intercept / prob.interceptScale : 0;
    }
    const validZ = valid === undefined ? null : new Float64Array(valid.X.rows);
    const solve = plan.algorithm === 'saga' ? saga : owlqn;
    const onProgress = options.onProgress;
    const result = solve(prob, {
      rng: seededRng(params.seed),
      threads: fitThreads(params),
      tol: params.tol,
      maxIter: params.max_iter,
      initIntercept: params.fit_intercept ? baseLogOdds(prob) : 0,
      ...(init === undefined ? {} : { init }),
      onIteration:
        onProgress === undefined
          ? undefined
          : (iteration, objective, theta) => {
              // Progress metric names (model.ts): training diagnostics `train_*`, validation metrics by LightGBM's name.
              const metrics: Record<string, number> = { train_objective: plan.C === Infinity ? objective : objective * plan.C * prob.weightSum };
              if (valid !== undefined && validZ !== null) metrics.binary_logloss = meanLogLoss(valid.X, valid.y, theta, interceptOf(prob, theta), validZ);
              return onProgress({ iteration, total: params.max_iter, metrics });
            },
    });
    const p = Xm.cols;
    this.#fitted = {
      coef: result.theta.slice(0, p),
      intercept: interceptOf(prob, result.theta),
      nIter: result.nIter,
      converged: result.converged,
      featureNames: names,
    };
    return this;
  }

  /** P(y = 1 | x) per row. */
  predictProba(X: MatrixInput): Float64Array {
    checkArity(`${OWNER}.predictProba`, arguments.length, 1);
    const z = this.#margins(X, 'predictProba');
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
    return z;
  }

  /** Class per row: 1 where the margin is > 0, as sklearn's `predict`. */
  predict(X: MatrixInput): Float64Array {
    checkArity(`${OWNER}.predict`, arguments.length, 1);
    const z = this.#margins(X, 'predict');
    for (let i = 0; i < z.length; i++) z[i] = z[i]! > 0 ? 1 : 0;
    return z;
  }

  /** The margin x·β + b per row (log-odds of class 1). */
  decisionFunction(X: MatrixInput): Float64Array {
    checkArity(`${OWNER}.decisionFunction`, arguments.length, 1);
    return this.#margins(X, 'decisionFunction');
  }

  #margins(X: MatrixInput, where: string): Float64Array {
    const f = this.#state(where);
    const Xm = asMatrix(X, `${OWNER}.${where}`);
    validateMatrix(Xm, where);
    if (Xm.cols !== f.coef.length) throw new InvalidInputError(msg.featureCount(where, Xm.cols, f.coef.length));
    return matVec(Xm, f.coef, f.intercept, new Float64Array(Xm.rows));
  }

  /** Coefficients β (a copy), one per feature (sklearn's `coef_[0]`). */
  get coef(): Float64Array {
    return this.#state('coef').coef.slice();
  }

  /** sklearn's `intercept_[0]` (0 when fit_intercept is false). */
  get intercept(): number {
    return this.#state('intercept').intercept;
  }

  /** Solver iterations used by the last fit (sklearn's `n_iter_`). */
  get nIter(): number {
    return this.#state('nIter').nIter;
  }

  /** Whether the last fit met `tol` (or could not decrease the objective further) before `max_iter`. */
  get converged(): boolean {
    return this.#state('converged').converged;
  }

  /** Column names from `fit` options, or `Column_0…` (sklearn's `feature_names_in_`). */
  get featureNames(): readonly string[] {
    return this.#state('featureNames').featureNames;
  }

  /** Number of columns seen in `fit` (sklearn's `n_features_in_`). */
  get nFeaturesIn(): number {
    return this.#state('nFeaturesIn').coef.length;
  }

  /** True after a successful `fit` or `fromJSON` (sklearn's `check_is_fitted`). */
  get isFitted(): boolean {
    return this.#fitted !== null;
  }

  /** A copy of the hyperparameters, defaults filled. */
  getParams(): LogisticRegressionParams {
    checkArity(`${OWNER}.getParams`, arguments.length, 0);
    return withDefaults(this.#params).params;
  }

  /**
   * Updates hyperparameters (sklearn's `set_params`): unknown names throw now, values are validated
   * at the next fit; the fitted state is kept until then. Returns `this`.
   */
  setParams(params: LogisticRegressionOptions): this {
    checkArity(`${OWNER}.setParams`, arguments.length, 1);
    checkParamNames(`${OWNER}.setParams`, params, LOGISTIC_REGRESSION_OPTION_NAMES);
    const { random_state, ...rest } = params;
    const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    // random_state replaces the current seed unless `seed` is given beside it (then they must agree).
    const alias = random_state === undefined || random_state === null ? {} : { seed: rest.seed, random_state };
    const { params: merged, conflict } = withDefaults({ ...this.#params, ...given, ...alias });
    if (conflict !== null) throw new InvalidParamError('random_state', conflict);
    this.#params = merged;
    return this;
  }

  /** An unfitted estimator with the same hyperparameters: `new LogisticRegression(this.getParams())`. */
  clone(): LogisticRegression {
    checkArity(`${OWNER}.clone`, arguments.length, 0);
    return new LogisticRegression(this.getParams());
  }

  /** The versioned JSON envelope (`JSON.stringify` passes a key: one argument is allowed). */
  toJSON(): SerializedModel {
    checkArity(`${OWNER}.toJSON`, arguments.length, 1);
    return serialize(this.#params, this.#state('toJSON'));
  }

  /** Rebuilds a fitted model from `toJSON()` output; throws ModelFormatError naming the bad path. */
  static fromJSON(json: SerializedModel | unknown): LogisticRegression {
    checkArity(`${OWNER}.fromJSON`, arguments.length, 1);
    const { params, state } = deserialize(json);
    try {
      checkParamTypes(params);
    } catch (e) {
      if (InvalidParamError.isInstance(e)) throw new ModelFormatError(messages.paramInJson(e.message, e.param), undefined, { cause: e });
      throw e;
    }
    const model = new LogisticRegression(params);
    model.#fitted = state;
    return model;
  }

  #state(what: string): LogisticRegressionState {
    if (this.#fitted === null) throw new NotFittedError(msg.notFitted(what));
    return this.#fitted;
  }
}

function featureNamesFor(cols: number, names: readonly string[] | undefined): readonly string[] {
  if (names === undefined) return defaultFeatureNames(cols);
  if (!Array.isArray(names) || names.length !== cols || !names.every((n) => typeof n === 'string')) {
    throw new InvalidInputError(msg.featureNames(Array.isArray(names) ? names.length : NaN, cols));
  }
  return [...names];
}

function checkValid(valid: { X: MatrixInput; y: ArrayLike<number> }, cols: number): { X: Matrix; y: ArrayLike<number> } {
  checkOptions(`${OWNER}.fit`, valid, ['X', 'y'], 'options.valid');
  const X = asMatrix(valid.X, `${OWNER}.fit (options.valid)`);
  validateMatrix(X, 'fit');
  if (X.cols !== cols) throw new InvalidInputError(msg.featureCount('fit (options.valid)', X.cols, cols));
  if (valid.y.length !== X.rows) throw new InvalidInputError(msg.lengthMismatch(X.rows, valid.y.length));
  binaryLabels(valid.y, 'fit (options.valid)');
  return { X, y: valid.y };
}

function meanLogLoss(X: Matrix, y: ArrayLike<number>, theta: Float64Array, intercept: number, z: Float64Array): number {
  matVec(X, theta, intercept, z);
  let s = 0;
  for (let i = 0; i < X.rows; i++) s += logLossAt(z[i]!, y[i]!);
  return s / X.rows;
}

/**
 * True when `lr.fit` on a dense X of `rows` × `cols` reads X only in float32: the full-batch solver
 * streams a design this large as float32 (design.ts), so X given in float32 (the same values, rounded
 * once) yields the same model, bit for bit. Pipeline.fit then writes its last transformer's output in
 * float32 and saves the float64 copy (on ml-25m's train rows 11 GB). False when unsure (bad params).
 */
export function readsDenseAsFloat32(lr: LogisticRegression, rows: number, cols: number): boolean {
  if (rows * cols < FLOAT32_STREAM_MIN_ENTRIES) return false;
  try {
    const params = lr.getParams();
    checkParamTypes(params);
    return planFit(params, () => {}).algorithm === 'owlqn';
  } catch {
    return false;
  }
}

/**
 * Where Pipeline.fit writes the design `lr` reads in float32 (`readsDenseAsFloat32`): a buffer the
 * fit then reads in place (float32DesignBuffer), instead of copying it once more.
 */
export function float32DesignFor(lr: LogisticRegression, rows: number, cols: number): Float32Array {
  return float32DesignBuffer(rows, cols, fitThreads(lr.getParams()));
}

/** The threads a fit runs its row passes on. */
const fitThreads = (params: { readonly num_threads: number }) => (params.num_threads > 0 ? params.num_threads : defaultThreads());
