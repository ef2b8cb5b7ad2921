import { POLICY_A, POLICY_B, type Hyperparameters } from './policies';
import { choice, columnMap, exportFormat, flag, hyperparameters, integer, number, shares, text, wordList, type Parser } from './option-parsers';

/**
 * Every pipeline option, declared once: CLI flag, config-file key (the camelCase key, or the flag's
 * kebab-case name), help group, doc, default and the parser that turns a raw value into its type.
 * The commander program, the config-file reader, the defaults and `PipelineOptions` derive from it.
 */
export const STAGES = ['prepare', 'train', 'export', 'eval', 'curves', 'segments', 'cv', 'register', 'router', 'simulate', 'report'] as const;
export type StageName = (typeof STAGES)[number];

const DATASETS = ['ml-100k', 'ml-1m', 'ml-latest-small', 'ml-25m', 'ml-32m', 'synthetic'] as const;

const pairs = (h: Hyperparameters) =>
  Object.entries(h)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(',');

const FEATURE_SETS = ['dense', 'onehot'] as const;
const BAD_ROWS = ['error', 'skip'] as const;
const EVAL_HISTORIES = ['frozen', 'online'] as const;
const CV_STRATEGIES = ['kfold', 'group', 'time'] as const;
const HASHES = ['v2', 'v1', 'md5-parity'] as const;
const SIM_MODES = ['topk', 'impression'] as const;

/** Help sections, in the order `--help` prints them. */
export const OPTION_GROUPS = ['data', 'features', 'models', 'evaluation', 'experiment', 'output'] as const;
export type OptionGroup = (typeof OPTION_GROUPS)[number];

export type OptionSpec<T> = {
  readonly flag: string;
  readonly group: OptionGroup;
  readonly doc: string;
  readonly parse: Parser<T>;
  readonly default?: T;
  /** A filesystem path: resolved against the working directory (flags) or the config file's directory. */
  readonly path?: true;
  /** How `--help` shows the default when the value itself would not say it well. */
  readonly defaultText?: string;
};

// The value type is the parser's (a default of 'dense' must not widen it to string).
type SpecOf<P extends Parser<unknown>> = Omit<OptionSpec<ReturnType<P>>, 'parse'> & { readonly parse: P };
const option = <P extends Parser<unknown>>(spec: SpecOf<P>) => spec;
const withDefault = <P extends Parser<unknown>>(spec: SpecOf<P> & { readonly default: ReturnType<P> }) => spec;

export const OPTION_TABLE = {
  // data
  data: option({
    flag: '--data <path|url>',
    group: 'data',
    doc: 'MovieLens zip, extracted directory or URL, or a plain ratings file (.csv, .tsv, .txt) without catalog or user table',
    parse: text(),
    path: true,
  }),
  dataset: option({ flag: '--dataset <name>', group: 'data', doc: `named data set (${DATASETS.join(', ')})`, parse: choice(DATASETS) }),
  dataDir: option({ flag: '--data-dir <dir>', group: 'data', doc: 'cache directory for named data sets (env ABT_DATA_DIR)', parse: text(), path: true }),
  columns: option({
    flag: '--columns <k=v,...>',
    group: 'data',
    doc: 'header names in a plain ratings file given as --data (userId=customer,itemId=product,rating=stars,timestamp=ts); default userId,itemId (or movieId),rating,timestamp',
    parse: columnMap(['userId', 'itemId', 'rating', 'timestamp']),
  }),
  badRows: withDefault({
    flag: '--bad-rows <mode>',
    group: 'data',
    doc: "malformed lines, ratings of items missing from the catalog, repeated (user, item) pairs: 'error' stops at the first, 'skip' drops them, counts them by reason and logs the counts to MLflow",
    parse: choice(BAD_ROWS),
    default: 'error',
  }),
  positiveThreshold: withDefault({
    flag: '--positive-threshold <r>',
    group: 'data',
    doc: 'a rating at or above this is a positive label',
    parse: number({}),
    default: 4,
  }),
  syntheticRatings: withDefault({
    flag: '--synthetic-ratings <n>',
    group: 'data',
    doc: 'ratings to generate for --dataset synthetic',
    parse: integer({ min: 1000 }),
    default: 100_000,
  }),
  syntheticUsers: option({
    flag: '--synthetic-users <n>',
    group: 'data',
    doc: 'users for --dataset synthetic (default: ratings / 100)',
    parse: integer({ min: 10 }),
  }),
  syntheticMovies: option({
    flag: '--synthetic-movies <n>',
    group: 'data',
    doc: 'movies for --dataset synthetic (default: ratings / 60)',
    parse: integer({ min: 10 }),
  }),
  // features
  features: withDefault({
    flag: '--features <set>',
    group: 'features',
    doc: "feature set: 'dense' (history + content) or 'onehot' (the original's)",
    parse: choice(FEATURE_SETS),
    default: 'dense',
  }),
  evalHistory: withDefault({
    flag: '--eval-history <mode>',
    group: 'features',
    doc: "history valid/test rows see: 'frozen' (train only, as the deployed router) or 'online' (also earlier valid/test feedback)",
    parse: choice(EVAL_HISTORIES),
    default: 'frozen',
  }),
  // models
  policyA: withDefault({
    flag: '--policy-a <k=v,...>',
    group: 'models',
    doc: "Policy A's hyperparameters over the defaults, scikit-learn names (C=0.5,l1_ratio=0.2,max_iter=300)",
    parse: hyperparameters(),
    default: {},
    defaultText: pairs(POLICY_A.defaults),
  }),
  policyB: withDefault({
    flag: '--policy-b <k=v,...>',
    group: 'models',
    doc: "Policy B's hyperparameters over the defaults, LightGBM names or aliases (num_leaves=31,learning_rate=0.1)",
    parse: hyperparameters(),
    default: {},
    defaultText: pairs(POLICY_B.defaults),
  }),
  seed: withDefault({ flag: '--seed <n>', group: 'models', doc: 'seed for every random choice', parse: integer({ min: 0 }), default: 42 }),
  // evaluation
  alpha: withDefault({ flag: '--alpha <a>', group: 'evaluation', doc: 'significance level', parse: number({ above: 0, below: 0.5 }), default: 0.05 }),
  curvePoints: withDefault({
    flag: '--curve-points <n>',
    group: 'evaluation',
    doc: 'ROC and PR curves stored (curves.json, the report) keep at most n points each, evenly spaced along the thresholds (AUC and AP use every row)',
    parse: integer({ min: 2 }),
    default: 10_000,
  }),
  cvFolds: withDefault({ flag: '--cv-folds <k>', group: 'evaluation', doc: 'cross-validation folds', parse: integer({ min: 2, max: 20 }), default: 5 }),
  cvSample: option({
    flag: '--cv-sample <n>',
    group: 'evaluation',
    doc: 'cross-validate on a seeded random subsample of n train rows, kept in time order (for data too large to refit K times, e.g. 25M ratings)',
    parse: integer({ min: 100 }),
    defaultText: 'all train rows',
  }),
  cvStrategy: withDefault({
    flag: '--cv-strategy <kind>',
    group: 'evaluation',
    doc: "CV folds: 'kfold' (stratified), 'group' (by user) or 'time' (forward-chaining)",
    parse: choice(CV_STRATEGIES),
    default: 'kfold',
  }),
  // experiment
  weights: withDefault({
    flag: '--weights <a,b>',
    group: 'experiment',
    doc: 'traffic shares of Policy A and Policy B: fractions (0.7,0.3) or percentages (70,30)',
    parse: shares(2),
    default: [0.5, 0.5],
  }),
  hash: withDefault({
    flag: '--hash <version>',
    group: 'experiment',
    doc: "bucketing: 'v2' (GrowthBook), 'v1' or 'md5-parity' (the original's rule, 50/50 only)",
    parse: choice(HASHES),
    default: 'v2',
  }),
  simMode: withDefault({
    flag: '--sim-mode <mode>',
    group: 'experiment',
    doc: "online replay: 'topk' (rank candidates per session) or 'impression' (score each rated pair)",
    parse: choice(SIM_MODES),
    default: 'topk',
  }),
  simK: withDefault({
    flag: '--sim-k <k>',
    group: 'experiment',
    doc: 'recommendations shown per session in the replay',
    parse: integer({ min: 1 }),
    default: 10,
  }),
  simCandidates: withDefault({
    flag: '--sim-candidates <n>',
    group: 'experiment',
    doc: 'unseen movies sampled per user into the replay candidates',
    parse: integer({ min: 0 }),
    default: 100,
  }),
  simThreshold: withDefault({
    flag: '--sim-threshold <p>',
    group: 'experiment',
    doc: 'score that shows an impression (--sim-mode impression)',
    parse: number({ min: 0, max: 1 }),
    default: 0.5,
  }),
  // output
  steps: withDefault({
    flag: '--steps <list>',
    group: 'output',
    doc: `comma-separated stages to run (${STAGES.join(',')})`,
    parse: wordList(STAGES),
    default: STAGES.filter((s) => s !== 'export'),
    defaultText: 'all but export, in this order',
  }),
  export: option({
    flag: '--export [format]',
    group: 'output',
    doc: "also write the split, feature matrices (with user/item ids) and test scores to <out>/export as 'parquet' (default) or 'csv', with feature-spec.json",
    parse: exportFormat(),
  }),
  out: withDefault({ flag: '--out <dir>', group: 'output', doc: 'output directory', parse: text(), default: './abt-out', path: true }),
  trackingUri: option({
    flag: '--tracking-uri <uri>',
    group: 'output',
    doc: 'MLflow tracking URI: sqlite:///<file>.db or an MLflow server http(s)://host:port (env MLFLOW_TRACKING_URI; default sqlite:///<out>/mlflow.db)',
    parse: text(),
  }),
  experiment: withDefault({ flag: '--experiment <name>', group: 'output', doc: 'MLflow experiment name', parse: text(), default: 'abtest_movielens' }),
  force: withDefault({ flag: '--force', group: 'output', doc: 'rerun stages even when their outputs are current', parse: flag(), default: false }),
  json: withDefault({ flag: '--json', group: 'output', doc: 'print a machine-readable summary on stdout', parse: flag(), default: false }),
  quiet: withDefault({ flag: '--quiet', group: 'output', doc: 'no progress bars or tables (the report path is still printed)', parse: flag(), default: false }),
  verbose: withDefault({ flag: '--verbose', group: 'output', doc: 'stack traces on errors', parse: flag(), default: false }),
} as const;

export type OptionKey = keyof typeof OPTION_TABLE;
type Table = typeof OPTION_TABLE;
type ValueOf<K extends OptionKey> = ReturnType<Table[K]['parse']>;
type WithDefault = { [K in OptionKey]: Table[K] extends { readonly default: unknown } ? K : never }[OptionKey];

/** The parsed options: keys with a default are always present, the others optional. Derived from the table. */
export type PipelineOptions = { [K in WithDefault]: ValueOf<K> } & { [K in Exclude<OptionKey, WithDefault>]?: ValueOf<K> };

/** `--cv-folds` for `cvFolds`. */
export const flagName = (key: OptionKey): string => OPTION_TABLE[key].flag.split(' ')[0]!;

/** `cv-folds` for `cvFolds`: the kebab-case config key. */
export const kebabKey = (key: OptionKey): string => flagName(key).slice(2);

export function defaultOptions(): PipelineOptions {
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(OPTION_TABLE) as [OptionKey, OptionSpec<unknown>][]) {
    if (spec.default !== undefined) defaults[key] = structuredClone(spec.default);
  }
  return defaults as PipelineOptions;
}
