/**
 * Every GBDT hyperparameter, declared once (LightGBM's `config.h` pattern): name, aliases,
 * default, range check and doc. Types, alias resolution, validation and the model file's
 * `parameters:` block are all derived from this table.
 */
import { InvalidParamError } from '../errors';
import { messages } from '../messages';

const msg = messages.gbdt;

type Check<T> = (v: T) => string | undefined;

type ParamSpec<T, A extends readonly string[]> = {
  readonly aliases: A;
  readonly default: T;
  /** Returns the allowed range as text when `v` is outside it. */
  readonly check: Check<T>;
  readonly doc: string;
};

const spec = <T, const A extends readonly string[]>(s: ParamSpec<T, A>) => s;

const isInt = (v: number) => Number.isInteger(v);
const intAtLeast = (min: number): Check<number> => (v) => (isInt(v) && v >= min ? undefined : `an integer >= ${min}`);
const atLeast = (min: number): Check<number> => (v) => (v >= min ? undefined : `a number >= ${min}`);
const fraction: Check<number> = (v) => (v > 0 && v <= 1 ? undefined : 'a number in (0, 1]');
const positive: Check<number> = (v) => (v > 0 ? undefined : 'a number > 0');
const anyInt: Check<number> = (v) => (isInt(v) ? undefined : 'an integer');
const optionalInt: Check<number | undefined> = (v) => (v === undefined || isInt(v) ? undefined : 'an integer or undefined');
const oneOf = <T extends string>(...allowed: T[]): Check<T> => (v) =>
  allowed.includes(v) ? undefined : `one of ${allowed.map((a) => `'${a}'`).join(', ')}`;
const anyBool: Check<boolean> = () => undefined;

export type GBDTMetricName = 'binary_logloss' | 'auc';

export const GBDT_PARAMS = {
  objective: spec({ aliases: ['objective_type', 'app', 'application', 'loss'], default: 'binary' as 'binary', check: oneOf('binary'), doc: 'Loss to minimize; only binary log loss is implemented.' }),
  num_iterations: spec({ aliases: ['num_iteration', 'n_iter', 'num_tree', 'num_trees', 'num_round', 'num_rounds', 'nrounds', 'num_boost_round', 'n_estimators', 'max_iter'], default: 100, check: intAtLeast(0), doc: 'Boosting rounds (upper bound when early stopping).' }),
  learning_rate: spec({ aliases: ['shrinkage_rate', 'eta'], default: 0.1, check: positive, doc: 'Shrinkage applied to every tree.' }),
  num_leaves: spec({ aliases: ['num_leaf', 'max_leaves', 'max_leaf', 'max_leaf_nodes'], default: 31, check: (v) => (isInt(v) && v >= 2 && v <= 131072 ? undefined : 'an integer in [2, 131072]'), doc: 'Maximum leaves per tree (leaf-wise growth).' }),
  max_depth: spec({ aliases: [], default: -1, check: anyInt, doc: 'Maximum tree depth; <= 0 means no limit.' }),
  min_data_in_leaf: spec({ aliases: ['min_data_per_leaf', 'min_data', 'min_child_samples', 'min_samples_leaf'], default: 20, check: intAtLeast(0), doc: 'Minimal rows in a leaf (counted from hessians, as LightGBM does).' }),
  min_sum_hessian_in_leaf: spec({ aliases: ['min_sum_hessian_per_leaf', 'min_sum_hessian', 'min_hessian', 'min_child_weight'], default: 1e-3, check: atLeast(0), doc: 'Minimal sum of hessians in a leaf.' }),
  feature_fraction: spec({ aliases: ['sub_feature', 'colsample_bytree'], default: 1, check: fraction, doc: 'Fraction of features sampled per tree.' }),
  bagging_fraction: spec({ aliases: ['sub_row', 'subsample', 'bagging'], default: 1, check: fraction, doc: 'Fraction of rows sampled when bagging.' }),
  bagging_freq: spec({ aliases: ['subsample_freq'], default: 0, check: intAtLeast(0), doc: 'Re-bag every k iterations; 0 disables bagging.' }),
  lambda_l1: spec({ aliases: ['reg_alpha', 'l1_regularization'], default: 0, check: atLeast(0), doc: 'L1 regularization on leaf values.' }),
  lambda_l2: spec({ aliases: ['reg_lambda', 'lambda', 'l2_regularization'], default: 0, check: atLeast(0), doc: 'L2 regularization on leaf values.' }),
  min_gain_to_split: spec({ aliases: ['min_split_gain'], default: 0, check: atLeast(0), doc: 'Minimal gain to perform a split.' }),
  max_bin: spec({ aliases: ['max_bins'], default: 255, check: (v) => (isInt(v) && v >= 2 && v <= 65535 ? undefined : 'an integer in [2, 65535]'), doc: 'Maximum histogram bins per feature.' }),
  min_data_in_bin: spec({ aliases: [], default: 3, check: intAtLeast(1), doc: 'Minimal sampled rows per bin.' }),
  bin_construct_sample_cnt: spec({ aliases: ['subsample_for_bin'], default: 200000, check: intAtLeast(1), doc: 'Rows sampled to find bin boundaries.' }),
  zero_as_missing: spec({ aliases: [], default: false, check: anyBool, doc: 'Treat zero (and NaN) as missing, with a learned default direction.' }),
  feature_pre_filter: spec({ aliases: [], default: true, check: anyBool, doc: 'Drop features that min_data_in_leaf cannot split.' }),
  use_missing: spec({ aliases: [], default: true, check: anyBool, doc: 'Treat NaN as missing (learned default direction); false maps NaN to 0.' }),
  seed: spec({ aliases: ['random_seed', 'random_state'], default: undefined as number | undefined, check: optionalInt, doc: 'Master seed; derives the other seeds exactly as LightGBM does.' }),
  bagging_seed: spec({ aliases: ['bagging_fraction_seed'], default: undefined as number | undefined, check: optionalInt, doc: 'Bagging seed; default derived from `seed`, else 3 (LightGBM).' }),
  feature_fraction_seed: spec({ aliases: [], default: undefined as number | undefined, check: optionalInt, doc: 'Feature sampling seed; default derived from `seed`, else 2 (LightGBM).' }),
  data_random_seed: spec({ aliases: ['data_seed'], default: undefined as number | undefined, check: optionalInt, doc: 'Seed of the bin-construction sample; default derived from `seed`, else 1 (LightGBM).' }),
  early_stopping_round: spec({ aliases: ['early_stopping_rounds', 'early_stopping', 'n_iter_no_change'], default: 0, check: intAtLeast(0), doc: 'Stop when the valid metric has not improved for this many rounds; 0 disables.' }),
  metric: spec({ aliases: ['metrics', 'metric_types'], default: 'binary_logloss' as GBDTMetricName, check: oneOf<GBDTMetricName>('binary_logloss', 'auc'), doc: 'Valid metric used for early stopping and progress.' }),
  sigmoid: spec({ aliases: [], default: 1, check: positive, doc: 'Slope of the sigmoid in the binary objective.' }),
  num_threads: spec({ aliases: ['num_thread', 'nthread', 'nthreads', 'n_jobs'], default: 0, check: intAtLeast(0), doc: 'Threads for histogram construction (worker_threads); 0 means min(2, cores). The model is the same for any value.' }),
  boost_from_average: spec({ aliases: [], default: true, check: anyBool, doc: 'Start from log(p/(1-p)) of the training labels (LightGBM BoostFromScore).' }),
} as const;

type Table = typeof GBDT_PARAMS;
export type GBDTParamName = keyof Table;

/** Resolved hyperparameters, canonical LightGBM names. */
export type GBDTParams = { -readonly [K in GBDTParamName]: Table[K]['default'] };

/** Constructor options: canonical names or any LightGBM alias (`n_estimators`, `reg_lambda`, …). */
export type GBDTOptions = Partial<GBDTParams> & {
  [K in GBDTParamName as Table[K]['aliases'][number]]?: GBDTParams[K];
};

const ALIAS_TO_NAME: ReadonlyMap<string, GBDTParamName> = new Map(
  (Object.keys(GBDT_PARAMS) as GBDTParamName[]).flatMap((name) => [
    [name, name] as const,
    ...GBDT_PARAMS[name].aliases.map((a) => [a, name] as const),
  ]),
);

export const defaultParams = (): GBDTParams =>
  Object.fromEntries(Object.entries(GBDT_PARAMS).map(([k, s]) => [k, s.default])) as GBDTParams;

/** Resolution problems found in the constructor, reported by `fit` (constructors do not throw). */
export type ResolveIssue = { param: string; message: string };

/** Canonicalizes aliases and fills defaults; unknown or duplicated names become issues. */
export function resolveParams(options: Record<string, unknown>): { params: GBDTParams; issues: ResolveIssue[] } {
  const params = defaultParams() as Record<string, unknown>;
  const seen = new Map<GBDTParamName, string>();
  const issues: ResolveIssue[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const name = ALIAS_TO_NAME.get(key);
    if (!name) {
      issues.push({ param: key, message: msg.unknownParam(key) });
      continue;
    }
    const prev = seen.get(name);
    if (prev !== undefined) issues.push({ param: key, message: msg.duplicateParam(key, prev, name) });
    seen.set(name, key);
    params[name] = value;
  }
  return { params: params as GBDTParams, issues };
}

/** Throws InvalidParamError naming the first bad parameter and its allowed range. */
export function validateParams(params: GBDTParams, issues: readonly ResolveIssue[]): void {
  const first = issues[0];
  if (first) throw new InvalidParamError(first.param, first.message);
  for (const name of Object.keys(GBDT_PARAMS) as GBDTParamName[]) {
    const s = GBDT_PARAMS[name] as ParamSpec<unknown, readonly string[]>;
    const v = (params as Record<string, unknown>)[name];
    const def = s.default;
    const typeOk =
      def === undefined
        ? v === undefined || (typeof v === 'number' && Number.isFinite(v))
        : typeof def === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : typeof v === typeof def;
    // a wrong type reports the same range text (NaN fails every range check), else the type
    const problem = typeOk ? s.check(v) : s.check(NaN) ?? `a ${def === undefined ? 'number' : typeof def}`;
    if (problem) throw new InvalidParamError(name, msg.badParam(name, v, problem));
  }
}
