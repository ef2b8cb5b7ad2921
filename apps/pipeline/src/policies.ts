import {
  GBDT,
  GBDT_PARAMS,
  LogisticRegression,
  ModelsError,
  Pipeline,
  StandardScaler,
  makePipeline,
  type Classifier,
  type FitOptions,
  type Matrix,
} from '@abt/models';

/** Hyperparameters as the reference library spells them (scikit-learn for A, LightGBM for B). */
export type Hyperparameters = Readonly<Record<string, unknown>>;

/** The two arms of the test and the names the seed's run layout fixes for them (ARCHITECTURE.md §2). */
export type PolicySpec = {
  readonly key: 'A' | 'B';
  /** Registry alias of this policy's version of `movielens_ctr_ab`. */
  readonly alias: 'PolicyA' | 'PolicyB';
  readonly runName: string;
  /** Prefix of the test metrics in `Eval_Offline_AB` (`A_logreg_test_auc`). */
  readonly evalPrefix: string;
  /** Prefix of the CV metrics in `CV_5fold` (`A_LogReg_auc_mean`). */
  readonly cvPrefix: string;
  readonly title: string;
  /** The original pipeline's hyperparameters (the seed comes from `--seed`). */
  readonly defaults: Hyperparameters;
  /** Names the user may give for the seed (`seed`, or LightGBM's aliases). */
  readonly seedNames: readonly string[];
  /** A canonical name for a user-given name (LightGBM aliases → their parameter), else the name itself. */
  canonical(name: string): string;
  /** The estimator these hyperparameters configure (its own validation judges them). */
  estimator(params: Hyperparameters): Classifier;
  /** The fitted unit: the estimator, with a StandardScaler in front for A on dense features. */
  make(params: Hyperparameters, features: 'dense' | 'onehot'): Classifier;
};

/**
 * Policy A: the original's elastic-net logistic regression (l1_ratio 0.1, C 1.0, 200 iterations).
 * Same objective as scikit-learn's saga, solved by OWL-QN (same optimum, far fewer passes). On the
 * dense set the columns have very different scales, so a StandardScaler travels with the model
 * (sklearn's make_pipeline); the one-hot set is already 0/1, as in the original.
 */
export const POLICY_A: PolicySpec = {
  key: 'A',
  alias: 'PolicyA',
  runName: 'PolicyA_LogReg',
  evalPrefix: 'A_logreg',
  cvPrefix: 'A_LogReg',
  title: 'Policy A (elastic-net logistic regression)',
  // scikit-learn ≥ 1.8 spelling: l1_ratio alone picks elastic-net (penalty is deprecated).
  defaults: { l1_ratio: 0.1, C: 1.0, solver: 'owlqn', max_iter: 200 },
  seedNames: ['seed', 'random_state'],
  canonical: (name) => name,
  estimator: (params) => new LogisticRegression(params),
  make(params, features) {
    const lr = this.estimator(params) as LogisticRegression;
    return features === 'dense' ? makePipeline(new StandardScaler(), lr) : lr;
  },
};

const GBDT_NAME_OF = new Map<string, string>(
  Object.entries(GBDT_PARAMS).flatMap(([name, s]) => [[name, name], ...s.aliases.map((a): [string, string] => [a, name])]),
);

/** Policy B: the original's LightGBM parameters, early stopping 50 rounds on the valid log loss. */
export const POLICY_B: PolicySpec = {
  key: 'B',
  alias: 'PolicyB',
  runName: 'PolicyB_LightGBM',
  evalPrefix: 'B_lgbm',
  cvPrefix: 'B_LGBM',
  title: 'Policy B (gradient-boosted trees, LightGBM format)',
  defaults: {
    num_leaves: 64,
    learning_rate: 0.05,
    feature_fraction: 0.8,
    bagging_fraction: 0.8,
    bagging_freq: 1,
    min_data_in_leaf: 50,
    num_iterations: 500,
    early_stopping_round: 50,
    metric: 'binary_logloss',
  },
  seedNames: ['seed', ...GBDT_PARAMS.seed.aliases],
  canonical: (name) => GBDT_NAME_OF.get(name) ?? name,
  estimator: (params) => new GBDT(params),
  make(params) {
    return this.estimator(params);
  },
};

export const POLICIES = [POLICY_A, POLICY_B] as const;

/**
 * The policy's hyperparameters: the defaults, then the user's (a user alias replaces the default it
 * names: `n_estimators` replaces `num_iterations`), the seed from `--seed` unless the user gave one.
 */
export function policyParams(spec: PolicySpec, user: Hyperparameters, seed: number): Hyperparameters {
  const out: Record<string, unknown> = { ...spec.defaults };
  const userCanonical = new Set(Object.keys(user).map((k) => spec.canonical(k)));
  for (const k of Object.keys(out)) if (userCanonical.has(spec.canonical(k))) delete out[k];
  Object.assign(out, user);
  if (!Object.keys(user).some((k) => spec.seedNames.includes(k))) out.seed = seed;
  return out;
}

/**
 * Runs the estimator's own hyperparameter validation without training: estimators validate in
 * `fit` (scikit-learn's contract) and check their parameters before their input, so a fit on an
 * empty matrix throws the parameter error when there is one, and otherwise an input error we drop.
 */
export function checkPolicyParams(spec: PolicySpec, params: Hyperparameters): void {
  try {
    spec.estimator(params).fit({ rows: 0, cols: 1, data: new Float64Array(0) }, new Float64Array(0));
  } catch (e) {
    if (ModelsError.isInstance(e) && e.code === 'INVALID_PARAM') throw e;
  }
}

/** Registered model names (ARCHITECTURE.md §2). */
export const POLICY_MODEL_NAME = 'movielens_ctr_ab';
export const ROUTER_MODEL_NAME = 'movielens_ctr_router';

export type Trained = { readonly model: Classifier; readonly seconds: number };

/** What a policy is fitted on; `valid` drives early stopping (B) and the validation curve. */
export type FitData = {
  readonly X: Matrix;
  readonly y: ArrayLike<number>;
  readonly featureNames: readonly string[];
  readonly valid?: { readonly X: Matrix; readonly y: ArrayLike<number> };
  /**
   * X may be overwritten: Policy A's scaler then standardizes a large design in X's own memory
   * (Pipeline's `copyX: false`) instead of beside it. Only for a matrix nothing else reads afterwards.
   */
  readonly overwriteX?: boolean;
};

/**
 * Fits one policy; `onProgress` drives a progress bar and returns false to stop on Ctrl-C.
 * `threads`, when given, is the thread count a fit left at `num_threads = 0` (auto) runs with: the
 * pipeline's scheduler hands out the cores (fit-pool.ts). The parameter is set back to 0 after the
 * fit (scikit-learn's `set_params` keeps the fitted state), so the model, its LightGBM text and the
 * logged parameters are the same bytes as an auto fit: the estimators give the same model for any
 * thread count. A `num_threads` the user set is used as given.
 */
export function trainPolicy(
  spec: PolicySpec,
  params: Hyperparameters,
  features: 'dense' | 'onehot',
  data: FitData,
  onProgress?: FitOptions['onProgress'],
  threads?: number,
): Trained {
  const t0 = performance.now();
  const model = spec.make(params, features);
  const estimator = finalEstimator(model);
  const auto = threads !== undefined && estimator.getParams().num_threads === 0;
  if (auto) estimator.setParams({ num_threads: threads });
  try {
    model.fit(data.X, data.y, {
      featureNames: data.featureNames,
      ...(data.valid ? { valid: data.valid } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(data.overwriteX && model instanceof Pipeline ? { copyX: false } : {}),
    });
  } finally {
    if (auto) estimator.setParams({ num_threads: 0 });
  }
  return { model, seconds: (performance.now() - t0) / 1000 };
}

/** The estimator itself, or the last step of a pipeline (Policy A's scaler + logistic regression). */
function finalEstimator(model: Classifier): Classifier<{ num_threads: number }> {
  return ((model as Classifier & { finalEstimator?: Classifier }).finalEstimator ?? model) as Classifier<{ num_threads: number }>;
}

/** How a fit ended, in words for its progress bar: "stopped early at round 61, best 11", "converged after 57 iterations". */
export function fitOutcome(trained: Trained, lastIteration: number, total: number): string {
  const model = trained.model as Classifier & { finalEstimator?: Classifier };
  const est = (model.finalEstimator ?? model) as Classifier & { bestIteration?: number; nIter?: number; converged?: boolean };
  const secs = `${trained.seconds.toFixed(1)} s`;
  if (est instanceof GBDT) {
    const best = est.bestIteration;
    return best > 0 && lastIteration < total ? `stopped early at round ${lastIteration}, best ${best} (${secs})` : `${lastIteration} rounds (${secs})`;
  }
  if (est instanceof LogisticRegression) {
    return est.converged ? `converged after ${est.nIter} iterations (${secs})` : `stopped at the ${est.nIter}-iteration limit without converging (${secs})`;
  }
  return `${lastIteration}/${total} (${secs})`;
}
