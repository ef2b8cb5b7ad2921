import { InvalidParamError } from '../errors';
import { messages } from '../messages';

const msg = messages.linear;

/**
 * scikit-learn's `penalty` (deprecated there since 1.8: `l1_ratio` and `C` choose the penalty).
 * `'deprecated'` is sklearn's default sentinel (= not given); `'none'` is abt's pre-1.8 spelling of `null`,
 * kept so that saved models load.
 */
export type Penalty = 'deprecated' | 'l2' | 'l1' | 'elasticnet' | null | 'none';
/**
 * scikit-learn's solver names, each run by the abt solver that reaches the same optimum (see
 * `solverPlan`), plus abt's own `'owlqn'` (L-BFGS with OWL-QN's l1 handling: every penalty).
 */
export type LinearSolver = 'owlqn' | 'lbfgs' | 'newton-cg' | 'newton-cholesky' | 'liblinear' | 'sag' | 'saga';
export type ClassWeight = null | 'balanced' | { readonly 0?: number; readonly 1?: number };

/** Hyperparameters, spelled as scikit-learn 1.9's `LogisticRegression` spells them (`seed` = its `random_state`). */
export type LogisticRegressionParams = {
  /** Deprecated as in sklearn ≥ 1.8; when given it overrides `l1_ratio` (sklearn's rule, with its warnings). */
  penalty: Penalty;
  /** Inverse regularization strength in (0, ∞]: the objective is C·Σ wᵢ·loglossᵢ + penalty. `Infinity` = no penalty. */
  C: number;
  /** Elastic-net mix in [0, 1]: 0 = l2 (ridge), 1 = l1 (lasso), between = elastic-net. `null` is sklearn's deprecated spelling of 0. */
  l1_ratio: number | null;
  /** Dual formulation: only `solver: 'liblinear'` with an l2 penalty takes `true` (same optimum as the primal, which abt solves). */
  dual: boolean;
  /**
   * Stopping tolerance with each solver's scikit-learn meaning: the quasi-Newton solvers stop when the
   * largest (pseudo-)gradient entry of objective / (C·Σw) is ≤ tol (sklearn's lbfgs `gtol`); sag / saga
   * when max |Δθ| over an epoch / max |θ| ≤ tol.
   */
  tol: number;
  /** Learn an intercept (unpenalized, except with `solver: 'liblinear'`, as in liblinear). */
  fit_intercept: boolean;
  /** liblinear's synthetic intercept feature value (> 0); the intercept is penalized as intercept_scaling · w. No effect with other solvers. */
  intercept_scaling: number;
  /** Per-class weights multiplying sample weights: null, 'balanced' (Σw / (2·Σw_class)) or {0: w0, 1: w1}. */
  class_weight: ClassWeight;
  /** Seed of the RNG created in `fit` (sklearn's `random_state`, an accepted alias); only sag / saga sample rows. */
  seed: number;
  /** See `LinearSolver`; default `'owlqn'` (sklearn's default `'lbfgs'` refuses l1 penalties; owlqn takes every one). */
  solver: LinearSolver;
  /** Maximum iterations (≥ 1): quasi-Newton steps, or epochs for sag / saga. */
  max_iter: number;
  /** sklearn prints solver progress when > 0; abt reports progress through `fit`'s `onProgress` instead. No effect on the model. */
  verbose: number | boolean;
  /** Start the next `fit` from the previous solution (sklearn's warm start; ignored by liblinear, as in sklearn). */
  warm_start: boolean;
  /** Deprecated in sklearn 1.8 and without effect there; accepted (a FutureWarning when set), no effect. */
  n_jobs: number | null;
  /**
   * abt's own (LightGBM's name, as the GBDT): threads for the row passes of the quasi-Newton solvers on
   * large dense X; 0 = min(2, cores). The model is byte for byte the same for any value.
   */
  num_threads: number;
};

/** Constructor options: the params, with sklearn's `random_state` accepted for `seed`. */
export type LogisticRegressionOptions = Partial<LogisticRegressionParams> & { random_state?: number | null };

export const LOGISTIC_REGRESSION_DEFAULTS: Readonly<LogisticRegressionParams> = Object.freeze({
  penalty: 'deprecated',
  C: 1.0,
  l1_ratio: 0.0,
  dual: false,
  tol: 1e-4,
  fit_intercept: true,
  intercept_scaling: 1,
  class_weight: null,
  seed: 0,
  solver: 'owlqn',
  max_iter: 100,
  verbose: 0,
  warm_start: false,
  n_jobs: null,
  num_threads: 0,
});

/** Every parameter name, in sklearn's order (`seed` where sklearn has `random_state`), then abt's `num_threads`. */
export const LOGISTIC_REGRESSION_PARAM_NAMES = Object.keys(LOGISTIC_REGRESSION_DEFAULTS) as (keyof LogisticRegressionParams)[];
/** Names the constructor and `setParams` take: the params and the `random_state` alias. */
export const LOGISTIC_REGRESSION_OPTION_NAMES: readonly string[] = [...LOGISTIC_REGRESSION_PARAM_NAMES, 'random_state'];

/**
 * Fills defaults in the one place they live and folds `random_state` into `seed` (sklearn's
 * `random_state=None` = not given). Copies object-valued params so callers cannot mutate them later.
 * Returns the alias conflict, if any, for `fit` to report.
 */
export function withDefaults(options: LogisticRegressionOptions): { params: LogisticRegressionParams; conflict: string | null } {
  const { random_state, ...rest } = options;
  const params = { ...LOGISTIC_REGRESSION_DEFAULTS } as Record<string, unknown>;
  for (const name of LOGISTIC_REGRESSION_PARAM_NAMES) {
    const v = (rest as Record<string, unknown>)[name];
    if (v !== undefined) params[name] = v;
  }
  const cw = params.class_weight;
  if (cw !== null && typeof cw === 'object') params.class_weight = { ...cw };
  let conflict: string | null = null;
  if (random_state !== undefined && random_state !== null) {
    if (rest.seed !== undefined && rest.seed !== random_state) conflict = msg.seedConflict(rest.seed, random_state);
    params.seed = random_state;
  }
  return { params: params as LogisticRegressionParams, conflict };
}

const SOLVERS: readonly LinearSolver[] = ['owlqn', 'lbfgs', 'newton-cg', 'newton-cholesky', 'liblinear', 'sag', 'saga'];
const PENALTIES: readonly Penalty[] = ['deprecated', 'l2', 'l1', 'elasticnet', null, 'none'];

/** sklearn's `_parameter_constraints`, checked first as sklearn does; throws InvalidParamError naming the first bad one. */
export function checkParamTypes(p: LogisticRegressionParams): void {
  const bad = (name: string, allowed: string, got: unknown) => new InvalidParamError(name, msg.paramRange(name, allowed, got));
  const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
  if (!PENALTIES.includes(p.penalty)) throw bad('penalty', "one of 'l2', 'l1', 'elasticnet' or null", p.penalty);
  if (!isNum(p.C) || !(p.C > 0)) throw bad('C', 'a number in (0, Infinity] (Infinity = no penalty)', p.C);
  if (p.l1_ratio !== null && (!isNum(p.l1_ratio) || !(p.l1_ratio >= 0 && p.l1_ratio <= 1))) throw bad('l1_ratio', 'a number in [0, 1]', p.l1_ratio);
  if (typeof p.dual !== 'boolean') throw bad('dual', 'true or false', p.dual);
  if (!isNum(p.tol) || !Number.isFinite(p.tol) || p.tol < 0) throw bad('tol', 'a finite number ≥ 0', p.tol);
  if (typeof p.fit_intercept !== 'boolean') throw bad('fit_intercept', 'true or false', p.fit_intercept);
  if (!isNum(p.intercept_scaling) || !Number.isFinite(p.intercept_scaling) || p.intercept_scaling <= 0) {
    throw bad('intercept_scaling', 'a finite number > 0', p.intercept_scaling);
  }
  checkClassWeight(p.class_weight);
  if (!Number.isSafeInteger(p.seed)) throw bad('seed', 'a safe integer (random_state: an integer or null)', p.seed);
  if (!SOLVERS.includes(p.solver)) throw bad('solver', `one of ${SOLVERS.map((s) => `'${s}'`).join(', ')}`, p.solver);
  if (!Number.isInteger(p.max_iter) || p.max_iter < 1) throw new InvalidParamError('max_iter', msg.maxIter(p.max_iter));
  if (!(typeof p.verbose === 'boolean' || (Number.isInteger(p.verbose) && p.verbose >= 0))) throw bad('verbose', 'an integer ≥ 0 or a boolean', p.verbose);
  if (typeof p.warm_start !== 'boolean') throw bad('warm_start', 'true or false', p.warm_start);
  if (p.n_jobs !== null && !Number.isInteger(p.n_jobs)) throw bad('n_jobs', 'null or an integer', p.n_jobs);
  if (!Number.isInteger(p.num_threads) || p.num_threads < 0) throw bad('num_threads', 'an integer ≥ 0 (0 = min(2, cores))', p.num_threads);
}

function checkClassWeight(cw: unknown): void {
  if (cw === null || cw === 'balanced') return;
  const allowed = "null, 'balanced' or {0: w0, 1: w1} with finite weights ≥ 0";
  if (typeof cw !== 'object' || Array.isArray(cw)) throw new InvalidParamError('class_weight', msg.paramRange('class_weight', allowed, cw));
  for (const [k, v] of Object.entries(cw as Record<string, unknown>)) {
    // sklearn ignores a key that is no class when every class has a weight; abt's classes are 0 and 1, so such a key is a typo.
    if ((k !== '0' && k !== '1') || typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new InvalidParamError('class_weight', msg.paramRange('class_weight', allowed, cw));
    }
  }
}

/** Weight of each class as sklearn's `compute_class_weight` gives it; `sums` are the classes' summed sample weights. */
export function classWeights(cw: ClassWeight, sums: readonly [number, number]): [number, number] {
  if (cw === null) return [1, 1];
  const total = sums[0] + sums[1];
  if (cw === 'balanced') return [total / (2 * sums[0]), total / (2 * sums[1])];
  return [cw[0] ?? 1, cw[1] ?? 1];
}
