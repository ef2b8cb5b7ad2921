import { InvalidInputError, InvalidParamError, ModelFormatError, NotFittedError } from '../errors';
import type { Matrix } from '../matrix';
import type { Classifier, FitOptions, SerializedModel } from '../model';
import { matVec } from './design';
import { logLossAt, sigmoid } from './logistic';
import { messages } from '../messages';
import type { LogisticProblem } from './objective';
import { classWeights, validateParams, withDefaults, type LogisticRegressionParams } from './params';
import { deserialize, LOGISTIC_REGRESSION_KIND, serialize, type LogisticRegressionState } from './serialize';
import { createRng } from './random';
import { owlqn } from './solvers/owlqn';
import { saga } from './solvers/saga';
import { binaryLabels, validateLabels, validateMatrix } from './validate-input';

const msg = messages.linear;

/**
 * Binary logistic regression with scikit-learn's objective and parameter names:
 * minimizes C·Σᵢ wᵢ·loglossᵢ + (1 − l1_ratio)/2·|β|² + l1_ratio·|β|₁ (intercept unpenalized),
 * on CSR (never densified) or dense row-major X. The objective is convex, so any solver that
 * converges reaches sklearn's optimum; the default OWL-QN gets there in far fewer passes than saga
 * (also available, for the original pipeline's `solver='saga'`).
 */
export class LogisticRegression implements Classifier<LogisticRegressionParams> {
  readonly kind = LOGISTIC_REGRESSION_KIND;
  #params: LogisticRegressionParams;
  #fitted: LogisticRegressionState | null = null;

  constructor(params: Partial<LogisticRegressionParams> = {}) {
    this.#params = withDefaults(params);
  }

  /** Learns β and b from X and 0/1 labels y. Refitting forgets the previous fit. Returns `this`. */
  fit(X: Matrix, y: ArrayLike<number>, options: FitOptions = {}): this {
    this.#fitted = null;
    const params = this.#params;
    const mix = validateParams(params);
    validateMatrix(X, 'fit');
    const labels = validateLabels(X, y);
    const names = featureNamesFor(X.cols, options.featureNames);
    const valid = options.valid;
    if (valid !== undefined) {
      validateMatrix(valid.X, 'fit');
      if (valid.X.cols !== X.cols) throw new InvalidInputError(msg.featureCount('fit (options.valid)', valid.X.cols, X.cols));
      if (valid.y.length !== valid.X.rows) throw new InvalidInputError(msg.lengthMismatch(valid.X.rows, valid.y.length));
      binaryLabels(valid.y, 'fit (options.valid)');
    }

    const prob = buildProblem(X, labels.y, labels.counts, params, mix);
    const validZ = valid === undefined ? null : new Float64Array(valid.X.rows);
    const solve = params.solver === 'saga' ? saga : owlqn;
    const result = solve(prob, {
      rng: createRng(params.seed),
      tol: params.tol,
      maxIter: params.max_iter,
      initIntercept: params.fit_intercept ? baseLogOdds(prob) : 0,
      onIteration: options.onProgress === undefined ? undefined : (iteration, objective, theta) => {
        const metrics: Record<string, number> = { objective: objective * params.C * prob.weightSum };
        if (valid !== undefined && validZ !== null) metrics.valid_logloss = meanLogLoss(valid.X, valid.y, theta, params.fit_intercept, validZ);
        return options.onProgress!({ iteration, total: params.max_iter, metrics });
      },
    });
    const p = X.cols;
    this.#fitted = {
      coef: result.theta.slice(0, p),
      intercept: params.fit_intercept ? result.theta[p]! : 0,
      nIter: result.nIter,
      converged: result.converged,
      featureNames: names,
    };
    return this;
  }

  /** P(y = 1 | x) per row. */
  predictProba(X: Matrix): Float64Array {
    const z = this.decisionFunction(X);
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]!);
    return z;
  }

  /** The margin x·β + b per row (log-odds of class 1). */
  decisionFunction(X: Matrix): Float64Array {
    const f = this.#state('decisionFunction');
    validateMatrix(X, 'predict');
    if (X.cols !== f.coef.length) throw new InvalidInputError(msg.featureCount('predict', X.cols, f.coef.length));
    return matVec(X, f.coef, f.intercept, new Float64Array(X.rows));
  }

  /** Coefficients β (a copy), one per feature. */
  get coef(): Float64Array {
    return this.#state('coef').coef.slice();
  }

  get intercept(): number {
    return this.#state('intercept').intercept;
  }

  /** Solver iterations used by the last fit. */
  get nIter(): number {
    return this.#state('nIter').nIter;
  }

  /** Whether the last fit met `tol` (or could not decrease the objective further) before `max_iter`. */
  get converged(): boolean {
    return this.#state('converged').converged;
  }

  get featureNames(): readonly string[] {
    return this.#state('featureNames').featureNames;
  }

  /** A copy of the hyperparameters, defaults filled. */
  getParams(): LogisticRegressionParams {
    return withDefaults(this.#params);
  }

  /** Updates hyperparameters (validated at the next fit); the fitted state is kept until then. */
  setParams(params: Partial<LogisticRegressionParams>): this {
    this.#params = withDefaults({ ...this.#params, ...params });
    return this;
  }

  /** An unfitted estimator with the same hyperparameters. */
  clone(): LogisticRegression {
    return new LogisticRegression(this.getParams());
  }

  toJSON(): SerializedModel {
    return serialize(this.#params, this.#state('toJSON'));
  }

  /** Rebuilds a fitted model from `toJSON()` output; throws ModelFormatError naming the bad path. */
  static fromJSON(json: SerializedModel | unknown): LogisticRegression {
    const { params, state } = deserialize(json);
    try {
      validateParams(params);
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
  if (names === undefined) return Array.from({ length: cols }, (_, j) => `f${j}`);
  if (names.length !== cols) throw new InvalidInputError(msg.featureNames(names.length, cols));
  return [...names];
}

function buildProblem(
  X: Matrix,
  y: Float64Array,
  counts: [number, number],
  params: LogisticRegressionParams,
  mix: { l1Ratio: number; active: boolean },
): LogisticProblem & { weightSum: number } {
  const [w0, w1] = classWeights(params.class_weight, counts);
  const weightSum = w0 * counts[0] + w1 * counts[1];
  if (!(weightSum > 0)) throw new InvalidInputError(msg.zeroWeights());
  const sw = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) sw[i] = (y[i] === 1 ? w1 : w0) / weightSum;
  const scale = mix.active ? 1 / (params.C * weightSum) : 0;
  return { X, y, sw, l1: mix.l1Ratio * scale, l2: (1 - mix.l1Ratio) * scale, fitIntercept: params.fit_intercept, weightSum };
}

/** log(p / (1 − p)) of the weighted positive rate: the optimal intercept when β = 0. */
function baseLogOdds(prob: LogisticProblem): number {
  let pos = 0;
  for (let i = 0; i < prob.y.length; i++) if (prob.y[i] === 1) pos += prob.sw[i]!;
  return Math.log(pos / (1 - pos));
}

function meanLogLoss(X: Matrix, y: ArrayLike<number>, theta: Float64Array, fitIntercept: boolean, z: Float64Array): number {
  matVec(X, theta, fitIntercept ? theta[X.cols]! : 0, z);
  let s = 0;
  for (let i = 0; i < X.rows; i++) s += logLossAt(z[i]!, y[i]!);
  return s / X.rows;
}
