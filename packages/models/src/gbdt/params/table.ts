/**
 * Every LightGBM 4.7 parameter (`include/LightGBM/config.h`), declared once, in LightGBM's order:
 * name, aliases, type, default, LightGBM's range check and abt's treatment. Types, alias
 * resolution, validation, `getParams`, and the model file's `parameters:` block (which LightGBM
 * writes in this order) are all derived from this table.
 *
 * GBDTParamTreatment:
 *  - `implemented`: trains as LightGBM does;
 *  - `noop`: accepted and written to the model file, but cannot change the model here (`why`);
 *  - `unsupported`: any value but the `supported` ones (by default: the default) is a typed
 *    error naming `what` abt does not implement.
 */

/** A parameter's value type, as LightGBM's config declares it. */
export type GBDTParamType = 'int' | 'double' | 'bool' | 'string' | 'ints' | 'doubles' | 'strings';

/** The JavaScript value of a {@link GBDTParamType}. */
export type GBDTParamTypeValue<T extends GBDTParamType> = T extends 'int' | 'double'
  ? number
  : T extends 'bool'
    ? boolean
    : T extends 'string'
      ? string
      : T extends 'ints' | 'doubles'
        ? readonly number[]
        : readonly string[];

/** What abt does with a parameter: implements it, accepts it as a no-op (`why`), or refuses values it does not implement (`what`). */
export type GBDTParamTreatment =
  | { readonly kind: 'implemented' }
  | { readonly kind: 'noop'; readonly why: string }
  | { readonly kind: 'unsupported'; readonly what: string; readonly supported?: (v: never) => boolean };

/** One row of {@link GBDT_PARAMS}. */
export type GBDTParamSpec<
  T extends GBDTParamType = GBDTParamType,
  A extends readonly string[] = readonly string[],
  Tr extends GBDTParamTreatment = GBDTParamTreatment,
> = {
  readonly type: T;
  readonly default: GBDTParamTypeValue<T>;
  readonly aliases: A;
  /** LightGBM's range check (and abt's own, e.g. allowed names): the allowed range as text when `v` is outside it. */
  readonly check?: (v: GBDTParamTypeValue<T>) => string | undefined;
  readonly treatment: Tr;
  /** Written in the model file's `parameters:` block (LightGBM's `[no-save]` ones are not). */
  readonly saved: boolean;
};

const implemented = { kind: 'implemented' } as const;
const noop = (why: string) => ({ kind: 'noop', why }) as const;
const unsupported = <V>(what: string, supported?: (v: V) => boolean) => ({ kind: 'unsupported', what, ...(supported ? { supported } : {}) }) as const;

function p<T extends GBDTParamType, const A extends readonly string[], const Tr extends GBDTParamTreatment>(
  type: T,
  def: GBDTParamTypeValue<T>,
  aliases: A,
  treatment: Tr,
  extra: { check?: (v: GBDTParamTypeValue<T>) => string | undefined; saved?: boolean } = {},
): GBDTParamSpec<T, A, Tr> {
  return { type, default: def, aliases, treatment, saved: extra.saved ?? true, ...(extra.check ? { check: extra.check } : {}) };
}

// LightGBM's CHECK_* bounds as range texts
const gt = (min: number) => (v: number) => (v > min ? undefined : `> ${min}`);
const ge = (min: number) => (v: number) => (v >= min ? undefined : `>= ${min}`);
const inRange = (lo: number, loOpen: boolean, hi: number, hiOpen: boolean) => (v: number) =>
  (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi) ? undefined : `in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`;
const fraction = inRange(0, true, 1, false);
const unit = inRange(0, false, 1, false);
/** A string that LightGBM lower-cases and accepts as one of `names`. */
const oneOf =
  (...names: string[]) =>
  (v: string) =>
    names.includes(v.toLowerCase()) ? undefined : `one of ${names.map((n) => `'${n}'`).join(', ')}`;
const lower =
  (...names: string[]) =>
  (v: string) =>
    names.includes(v.toLowerCase());

const CLI = "an option of LightGBM's command-line program (files, tasks); abt takes matrices and returns models";
const FILE_DATA = 'data read from files: pass the matrices to `fit`';
const NOT_DART = 'dart boosting only (abt grows gbdt trees)';
const NOT_GOSS = 'GOSS sampling only (abt bags rows)';
const NOT_CATEGORICAL = 'categorical features only (abt has numerical features)';
const NOT_OBJECTIVE = "another objective's setting (abt trains the binary objective)";
const NOT_METRIC = 'a metric abt does not compute (ranking / multiclass)';
const NOT_QUANTIZED = 'quantized gradients only (use_quantized_grad)';
const NOT_NETWORK = 'distributed training only (one machine here)';
const NOT_GPU = 'GPU training only (abt trains on the CPU)';
const NOT_MONOTONE = 'monotone constraints only';
const SAME_TREES = 'abt grows the same trees whatever the threads or histogram layout (see the README)';

export const GBDT_PARAMS = {
  config: p('string', '', ['config_file'], unsupported('a configuration file'), { saved: false }),
  task: p('string', 'train', ['task_type'], unsupported("tasks other than 'train' (use predictRaw / predictProba)", lower('train', 'training')), {
    saved: false,
  }),
  objective: p('string', 'binary', ['objective_type', 'app', 'application', 'loss'], unsupported('objectives other than binary log loss', lower('binary')), {
    saved: false,
  }),
  boosting: p('string', 'gbdt', ['boosting_type', 'boost'], unsupported("boosting other than 'gbdt' (random forest, dart, goss)", lower('gbdt', 'gbrt')), {
    saved: false,
    check: oneOf('gbdt', 'gbrt', 'rf', 'random_forest', 'dart', 'goss'),
  }),
  data_sample_strategy: p('string', 'bagging', [], unsupported('GOSS sampling', lower('bagging')), { check: oneOf('bagging', 'goss') }),
  data: p('string', '', ['train', 'train_data', 'train_data_file', 'data_filename'], unsupported(FILE_DATA)),
  valid: p(
    'strings',
    [],
    ['test', 'valid_data', 'valid_data_file', 'test_data', 'test_data_file', 'valid_filenames'],
    unsupported(`${FILE_DATA} (options.valid)`),
  ),
  num_iterations: p(
    'int',
    100,
    ['num_iteration', 'n_iter', 'num_tree', 'num_trees', 'num_round', 'num_rounds', 'nrounds', 'num_boost_round', 'n_estimators', 'max_iter'],
    implemented,
    { check: ge(0) },
  ),
  learning_rate: p('double', 0.1, ['shrinkage_rate', 'eta'], implemented, { check: gt(0) }),
  num_leaves: p('int', 31, ['num_leaf', 'max_leaves', 'max_leaf', 'max_leaf_nodes'], implemented, { check: inRange(2, false, 131072, false) }),
  tree_learner: p('string', 'serial', ['tree', 'tree_type', 'tree_learner_type'], noop('on one machine LightGBM runs every tree learner as serial'), {
    saved: false,
    check: oneOf('serial', 'feature', 'feature_parallel', 'data', 'data_parallel', 'voting', 'voting_parallel'),
  }),
  num_threads: p('int', 0, ['num_thread', 'nthread', 'nthreads', 'n_jobs'], implemented),
  device_type: p('string', 'cpu', ['device'], unsupported('GPU training', lower('cpu')), { saved: false, check: oneOf('cpu', 'gpu', 'cuda') }),
  seed: p('int', 0, ['random_seed', 'random_state'], implemented),
  deterministic: p('bool', false, [], noop(SAME_TREES)),
  force_col_wise: p('bool', false, [], noop(SAME_TREES)),
  force_row_wise: p('bool', false, [], noop(SAME_TREES)),
  histogram_pool_size: p(
    'double',
    -1,
    ['hist_pool_size'],
    noop(
      "abt keeps every leaf's histogram; a cache too small for num_leaves histograms is refused by fit (LightGBM would then rebuild histograms instead of subtracting them, which changes their last bits)",
    ),
  ),
  max_depth: p('int', -1, [], implemented),
  min_data_in_leaf: p('int', 20, ['min_data_per_leaf', 'min_data', 'min_child_samples', 'min_samples_leaf'], implemented, { check: ge(0) }),
  min_sum_hessian_in_leaf: p('double', 1e-3, ['min_sum_hessian_per_leaf', 'min_sum_hessian', 'min_hessian', 'min_child_weight'], implemented, { check: ge(0) }),
  bagging_fraction: p('double', 1, ['sub_row', 'subsample', 'bagging'], implemented, { check: fraction }),
  pos_bagging_fraction: p(
    'double',
    1,
    ['pos_sub_row', 'pos_subsample', 'pos_bagging'],
    unsupported('balanced bagging (pos_bagging_fraction)', (v: number) => v === 1),
    { check: fraction },
  ),
  neg_bagging_fraction: p(
    'double',
    1,
    ['neg_sub_row', 'neg_subsample', 'neg_bagging'],
    unsupported('balanced bagging (neg_bagging_fraction)', (v: number) => v === 1),
    { check: fraction },
  ),
  bagging_freq: p('int', 0, ['subsample_freq'], implemented),
  bagging_seed: p('int', 3, ['bagging_fraction_seed'], implemented),
  bagging_by_query: p('bool', false, [], unsupported('query groups (ranking)')),
  feature_fraction: p('double', 1, ['sub_feature', 'colsample_bytree'], implemented, { check: fraction }),
  feature_fraction_bynode: p(
    'double',
    1,
    ['sub_feature_bynode', 'colsample_bynode'],
    unsupported('feature sampling per node', (v: number) => v === 1),
    { check: fraction },
  ),
  feature_fraction_seed: p('int', 2, [], implemented),
  extra_trees: p('bool', false, ['extra_tree'], unsupported('extremely randomized trees (extra_trees)')),
  extra_seed: p('int', 6, [], noop('extra_trees only')),
  early_stopping_round: p('int', 0, ['early_stopping_rounds', 'early_stopping', 'n_iter_no_change'], implemented),
  early_stopping_min_delta: p('double', 0, [], implemented, { check: ge(0) }),
  first_metric_only: p('bool', false, [], noop('abt evaluates one metric')),
  max_delta_step: p('double', 0, ['max_tree_output', 'max_leaf_output'], implemented),
  lambda_l1: p('double', 0, ['reg_alpha', 'l1_regularization'], implemented, { check: ge(0) }),
  lambda_l2: p('double', 0, ['reg_lambda', 'lambda', 'l2_regularization'], implemented, { check: ge(0) }),
  linear_lambda: p('double', 0, [], noop('linear trees only'), { check: ge(0) }),
  min_gain_to_split: p('double', 0, ['min_split_gain'], implemented, { check: ge(0) }),
  drop_rate: p('double', 0.1, ['rate_drop'], noop(NOT_DART), { check: unit }),
  max_drop: p('int', 50, [], noop(NOT_DART)),
  skip_drop: p('double', 0.5, [], noop(NOT_DART), { check: unit }),
  xgboost_dart_mode: p('bool', false, [], noop(NOT_DART)),
  uniform_drop: p('bool', false, [], noop(NOT_DART)),
  drop_seed: p('int', 4, [], noop(NOT_DART)),
  top_rate: p('double', 0.2, [], noop(NOT_GOSS), { check: unit }),
  other_rate: p('double', 0.1, [], noop(NOT_GOSS), { check: unit }),
  min_data_per_group: p('int', 100, [], noop(NOT_CATEGORICAL), { check: gt(0) }),
  max_cat_threshold: p('int', 32, [], noop(NOT_CATEGORICAL), { check: gt(0) }),
  cat_l2: p('double', 10, [], noop(NOT_CATEGORICAL), { check: ge(0) }),
  cat_smooth: p('double', 10, [], noop(NOT_CATEGORICAL), { check: ge(0) }),
  max_cat_to_onehot: p('int', 4, [], noop(NOT_CATEGORICAL), { check: gt(0) }),
  top_k: p('int', 20, ['topk'], noop('the voting-parallel tree learner only'), { check: gt(0) }),
  monotone_constraints: p(
    'ints',
    [],
    ['mc', 'monotone_constraint', 'monotonic_cst'],
    unsupported('monotone constraints', (v: readonly number[]) => v.every((c) => c === 0)),
  ),
  monotone_constraints_method: p('string', 'basic', ['monotone_constraining_method', 'mc_method'], noop(NOT_MONOTONE), {
    check: oneOf('basic', 'intermediate', 'advanced'),
  }),
  monotone_penalty: p('double', 0, ['monotone_splits_penalty', 'ms_penalty', 'mc_penalty'], noop(NOT_MONOTONE), { check: ge(0) }),
  feature_contri: p('doubles', [], ['feature_contrib', 'fc', 'fp', 'feature_penalty'], unsupported('feature penalties (feature_contri)')),
  forcedsplits_filename: p('string', '', ['fs', 'forced_splits_filename', 'forced_splits_file', 'forced_splits'], unsupported('forced splits')),
  refit_decay_rate: p('double', 0.9, [], noop("LightGBM's refit task only"), { check: unit }),
  cegb_tradeoff: p('double', 1, [], noop('cost-effective gradient boosting penalties only'), { check: ge(0) }),
  cegb_penalty_split: p('double', 0, [], unsupported('cost-effective gradient boosting (cegb_penalty_split)'), { check: ge(0) }),
  cegb_penalty_feature_lazy: p('doubles', [], [], unsupported('cost-effective gradient boosting (cegb_penalty_feature_lazy)')),
  cegb_penalty_feature_coupled: p('doubles', [], [], unsupported('cost-effective gradient boosting (cegb_penalty_feature_coupled)')),
  path_smooth: p('double', 0, [], unsupported('path smoothing (path_smooth)'), { check: ge(0) }),
  interaction_constraints: p('string', '', [], unsupported('interaction constraints')),
  verbosity: p('int', 1, ['verbose'], noop('abt does not log; progress comes through onProgress')),
  input_model: p('string', '', ['model_input', 'model_in'], unsupported('continued training from a model file'), { saved: false }),
  output_model: p('string', 'LightGBM_model.txt', ['model_output', 'model_out'], noop(`${CLI}; toLightGBMText() gives the text`), { saved: false }),
  saved_feature_importance_type: p(
    'int',
    0,
    [],
    noop("read only by LightGBM's command-line program when it saves; Python's model_to_string and abt's toLightGBMText take the type as an argument"),
    { check: (v) => (v === 0 || v === 1 ? undefined : '0 (split) or 1 (gain)') },
  ),
  snapshot_freq: p('int', -1, ['save_period'], noop(CLI), { saved: false }),
  use_quantized_grad: p('bool', false, [], unsupported('quantized gradients (use_quantized_grad)')),
  num_grad_quant_bins: p('int', 4, [], noop(NOT_QUANTIZED)),
  quant_train_renew_leaf: p('bool', false, [], noop(NOT_QUANTIZED)),
  stochastic_rounding: p('bool', true, [], noop(NOT_QUANTIZED)),
  linear_tree: p('bool', false, ['linear_trees'], unsupported('linear trees (linear_tree)')),
  max_bin: p('int', 255, ['max_bins'], implemented, { check: inRange(2, false, 65535, false) }),
  max_bin_by_feature: p('ints', [], [], implemented, { check: (v) => (v.every((b) => b >= 2 && b <= 65535) ? undefined : 'a list of integers in [2, 65535]') }),
  min_data_in_bin: p('int', 3, [], implemented, { check: gt(0) }),
  bin_construct_sample_cnt: p('int', 200000, ['subsample_for_bin'], implemented, { check: gt(0) }),
  data_random_seed: p('int', 1, ['data_seed'], implemented),
  is_enable_sparse: p('bool', true, ['is_sparse', 'enable_sparse', 'sparse'], noop(SAME_TREES)),
  enable_bundle: p(
    'bool',
    true,
    ['is_enable_bundle', 'bundle'],
    noop(
      "abt never bundles features: it trains as LightGBM does with enable_bundle=false (LightGBM's bundling changes its trees only where bundled features overlap in some rows, see the README)",
    ),
  ),
  use_missing: p('bool', true, [], implemented),
  zero_as_missing: p('bool', false, [], implemented),
  feature_pre_filter: p('bool', true, [], implemented),
  pre_partition: p('bool', false, ['is_pre_partition'], noop(NOT_NETWORK)),
  two_round: p('bool', false, ['two_round_loading', 'use_two_round_loading'], noop(CLI)),
  header: p('bool', false, ['has_header'], noop(CLI)),
  label_column: p('string', '', ['label'], noop(CLI)),
  weight_column: p('string', '', ['weight'], unsupported('sample weights')),
  group_column: p('string', '', ['group', 'group_id', 'query_column', 'query', 'query_id'], unsupported('query groups (ranking)')),
  ignore_column: p('string', '', ['ignore_feature', 'blacklist'], unsupported('ignored columns (pass a matrix without them)')),
  categorical_feature: p('string', '', ['cat_feature', 'categorical_column', 'cat_column', 'categorical_features'], unsupported('categorical features')),
  forcedbins_filename: p('string', '', [], unsupported('forced bin boundaries')),
  save_binary: p('bool', false, ['is_save_binary', 'is_save_binary_file'], noop(CLI), { saved: false }),
  precise_float_parser: p('bool', false, [], noop(CLI)),
  parser_config_file: p('string', '', [], noop(CLI)),
  start_iteration_predict: p('int', 0, [], noop(CLI), { saved: false }),
  num_iteration_predict: p('int', -1, [], noop(CLI), { saved: false }),
  predict_raw_score: p('bool', false, ['is_predict_raw_score', 'predict_rawscore', 'raw_score'], noop(`${CLI}: predictRaw gives raw scores`), { saved: false }),
  predict_leaf_index: p('bool', false, ['is_predict_leaf_index', 'leaf_index'], noop(CLI), { saved: false }),
  predict_contrib: p('bool', false, ['is_predict_contrib', 'contrib'], noop(CLI), { saved: false }),
  predict_disable_shape_check: p('bool', false, [], noop(CLI), { saved: false }),
  pred_early_stop: p('bool', false, [], noop(CLI), { saved: false }),
  pred_early_stop_freq: p('int', 10, [], noop(CLI), { saved: false }),
  pred_early_stop_margin: p('double', 10, [], noop(CLI), { saved: false }),
  output_result: p(
    'string',
    'LightGBM_predict_result.txt',
    ['predict_result', 'prediction_result', 'predict_name', 'prediction_name', 'pred_name', 'name_pred'],
    noop(CLI),
    { saved: false },
  ),
  convert_model_language: p('string', '', [], noop(CLI), { saved: false }),
  convert_model: p('string', 'gbdt_prediction.cpp', ['convert_model_file'], noop(CLI), { saved: false }),
  objective_seed: p('int', 5, [], noop(NOT_OBJECTIVE)),
  num_class: p(
    'int',
    1,
    ['num_classes'],
    unsupported('multiclass models', (v: number) => v === 1),
    { check: gt(0) },
  ),
  is_unbalance: p('bool', false, ['unbalance', 'unbalanced_sets'], implemented),
  scale_pos_weight: p('double', 1, [], implemented, { check: gt(0) }),
  sigmoid: p('double', 1, [], implemented, { check: gt(0) }),
  boost_from_average: p('bool', true, [], implemented),
  reg_sqrt: p('bool', false, [], noop(NOT_OBJECTIVE)),
  alpha: p('double', 0.9, [], noop(NOT_OBJECTIVE), { check: gt(0) }),
  fair_c: p('double', 1, [], noop(NOT_OBJECTIVE), { check: gt(0) }),
  poisson_max_delta_step: p('double', 0.7, [], noop(NOT_OBJECTIVE), { check: gt(0) }),
  tweedie_variance_power: p('double', 1.5, [], noop(NOT_OBJECTIVE), { check: inRange(1, false, 2, true) }),
  lambdarank_truncation_level: p('int', 30, [], noop(NOT_OBJECTIVE), { check: gt(0) }),
  lambdarank_norm: p('bool', true, [], noop(NOT_OBJECTIVE)),
  label_gain: p('doubles', [], [], noop(NOT_OBJECTIVE)),
  lambdarank_position_bias_regularization: p('double', 0, [], noop(NOT_OBJECTIVE), { check: ge(0) }),
  metric: p('string', '', ['metrics', 'metric_types'], implemented, { saved: false }),
  metric_freq: p('int', 1, ['output_freq'], noop(CLI), { saved: false, check: gt(0) }),
  is_provide_training_metric: p('bool', false, ['training_metric', 'is_training_metric', 'train_metric'], noop('abt evaluates the valid data only'), {
    saved: false,
  }),
  eval_at: p('ints', [], ['ndcg_eval_at', 'ndcg_at', 'map_eval_at', 'map_at'], noop(NOT_METRIC)),
  multi_error_top_k: p('int', 1, [], noop(NOT_METRIC), { check: gt(0) }),
  auc_mu_weights: p('doubles', [], [], noop(NOT_METRIC)),
  num_machines: p(
    'int',
    1,
    ['num_machine'],
    unsupported('distributed training', (v: number) => v === 1),
    { check: gt(0) },
  ),
  local_listen_port: p('int', 12400, ['local_port', 'port'], noop(NOT_NETWORK), { check: gt(0) }),
  time_out: p('int', 120, [], noop(NOT_NETWORK), { check: gt(0) }),
  machine_list_filename: p('string', '', ['machine_list_file', 'machine_list', 'mlist'], noop(NOT_NETWORK)),
  machines: p('string', '', ['workers', 'nodes'], noop(NOT_NETWORK)),
  gpu_platform_id: p('int', -1, [], noop(NOT_GPU)),
  gpu_device_id: p('int', -1, [], noop(NOT_GPU)),
  gpu_device_id_list: p('string', '', [], noop(NOT_GPU)),
  gpu_use_dp: p('bool', false, [], noop(NOT_GPU)),
  num_gpu: p('int', 1, [], noop(NOT_GPU), { check: gt(0) }),
} as const;

/** The type of {@link GBDT_PARAMS}: every LightGBM parameter by canonical name. */
export type GBDTParamTable = typeof GBDT_PARAMS;
export type GBDTParamName = keyof GBDTParamTable;
/** The value parameter `K` holds. */
export type GBDTParamValue<K extends GBDTParamName> = GBDTParamTypeValue<GBDTParamTable[K]['type']>;

/** Parameters `getParams()` always returns: the ones abt implements. */
export type GBDTImplementedParamName = { [K in GBDTParamName]: GBDTParamTable[K]['treatment']['kind'] extends 'implemented' ? K : never }[GBDTParamName];

/**
 * Resolved hyperparameters, canonical LightGBM names, as LightGBM holds them after its own
 * adjustments (seeds derived from `seed`, …): every implemented one, and the others that were set.
 */
export type GBDTParams = { -readonly [K in GBDTImplementedParamName]: GBDTParamValue<K> } & {
  -readonly [K in Exclude<GBDTParamName, GBDTImplementedParamName>]?: GBDTParamValue<K>;
};

/** Every parameter, as LightGBM holds it after its own adjustments (`effectiveParams`). */
export type EffectiveParams = { -readonly [K in GBDTParamName]: GBDTParamValue<K> };

/** What a constructor option takes: the value, a comma-separated string for a list, and for `metric` also a list of names (as LightGBM's Python package). */
export type GBDTOptionValue<K extends GBDTParamName> =
  | GBDTParamValue<K>
  | (GBDTParamValue<K> extends readonly unknown[] ? string : never)
  | (K extends 'metric' ? readonly string[] : never);

/** Constructor options: canonical names or any LightGBM alias (`n_estimators`, `reg_lambda`, …). */
export type GBDTOptions = { [K in GBDTParamName]?: GBDTOptionValue<K> } & {
  [K in GBDTParamName as GBDTParamTable[K]['aliases'][number]]?: GBDTOptionValue<K>;
};

/** Metric names abt computes (LightGBM spellings; `binary` is `binary_logloss`'s alias). */
export type GBDTMetricName = 'binary_logloss' | 'auc';
