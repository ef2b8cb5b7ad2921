import { GBDT, LogisticRegression, StandardScaler, makePipeline, type Classifier, type FitOptions, type Matrix } from '@abt/models';

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
  make(seed: number, features: 'dense' | 'onehot'): Classifier;
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
  make: (seed, features) => {
    // sklearn ≥ 1.8 spelling: l1_ratio alone picks elastic-net (penalty is deprecated).
    const lr = new LogisticRegression({ l1_ratio: 0.1, C: 1.0, solver: 'owlqn', max_iter: 200, seed });
    return features === 'dense' ? makePipeline(new StandardScaler(), lr) : lr;
  },
};

/** Policy B: the original's LightGBM parameters, early stopping 50 rounds on the valid log loss. */
export const POLICY_B: PolicySpec = {
  key: 'B',
  alias: 'PolicyB',
  runName: 'PolicyB_LightGBM',
  evalPrefix: 'B_lgbm',
  cvPrefix: 'B_LGBM',
  title: 'Policy B (gradient-boosted trees, LightGBM format)',
  make: (seed, _features) =>
    new GBDT({
      num_leaves: 64,
      learning_rate: 0.05,
      feature_fraction: 0.8,
      bagging_fraction: 0.8,
      bagging_freq: 1,
      min_data_in_leaf: 50,
      num_iterations: 500,
      early_stopping_round: 50,
      metric: 'binary_logloss',
      seed,
    }),
};

export const POLICIES = [POLICY_A, POLICY_B] as const;

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
};

/** Fits one policy; `onProgress` drives a progress bar and returns false to stop on Ctrl-C. */
export function trainPolicy(
  spec: PolicySpec,
  seed: number,
  features: 'dense' | 'onehot',
  data: FitData,
  onProgress?: FitOptions['onProgress'],
): Trained {
  const t0 = performance.now();
  const model = spec.make(seed, features);
  model.fit(data.X, data.y, { featureNames: data.featureNames, ...(data.valid ? { valid: data.valid } : {}), ...(onProgress ? { onProgress } : {}) });
  return { model, seconds: (performance.now() - t0) / 1000 };
}
