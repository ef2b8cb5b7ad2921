/**
 * Every pipeline option, declared once: CLI flag, config-file key, type, default and doc.
 * The commander program, the config-file JSON schema and the defaults all derive from this table.
 */
export const STAGES = ['prepare', 'train', 'eval', 'curves', 'segments', 'cv', 'register', 'router', 'simulate', 'report'] as const;
export type StageName = (typeof STAGES)[number];

export const DATASETS = ['ml-100k', 'ml-1m', 'ml-latest-small', 'ml-25m', 'ml-32m', 'synthetic'] as const;

type OptionSpec = {
  readonly flag: string;
  readonly doc: string;
  readonly schema: Record<string, unknown>;
  readonly default?: unknown;
};

export const OPTION_TABLE = {
  steps: { flag: '--steps <list>', doc: `comma-separated stages to run (${STAGES.join(',')})`, schema: { type: 'array', items: { enum: [...STAGES] }, minItems: 1, uniqueItems: true }, default: [...STAGES] },
  data: { flag: '--data <path|url>', doc: 'MovieLens zip, extracted directory or URL', schema: { type: 'string', minLength: 1 } },
  dataset: { flag: '--dataset <name>', doc: `named data set (${DATASETS.join('|')})`, schema: { enum: [...DATASETS] } },
  dataDir: { flag: '--data-dir <dir>', doc: 'cache directory for named data sets (env ABT_DATA_DIR)', schema: { type: 'string' } },
  syntheticRatings: { flag: '--synthetic-ratings <n>', doc: 'ratings to generate for --dataset synthetic', schema: { type: 'integer', minimum: 1000 }, default: 100_000 },
  syntheticUsers: { flag: '--synthetic-users <n>', doc: 'users for --dataset synthetic (default: ratings / 100)', schema: { type: 'integer', minimum: 10 } },
  syntheticMovies: { flag: '--synthetic-movies <n>', doc: 'movies for --dataset synthetic (default: ratings / 60)', schema: { type: 'integer', minimum: 10 } },
  features: { flag: '--features <set>', doc: "feature set: 'dense' (history + content) or 'onehot' (the original's)", schema: { enum: ['dense', 'onehot'] }, default: 'dense' },
  evalHistory: { flag: '--eval-history <mode>', doc: "history valid/test rows see: 'frozen' (train only, as the deployed router) or 'online' (also earlier valid/test feedback)", schema: { enum: ['frozen', 'online'] }, default: 'frozen' },
  trackingUri: { flag: '--tracking-uri <uri>', doc: 'MLflow tracking URI (env MLFLOW_TRACKING_URI; default sqlite:///<out>/mlflow.db)', schema: { type: 'string', minLength: 1 } },
  experiment: { flag: '--experiment <name>', doc: 'MLflow experiment name', schema: { type: 'string', minLength: 1 }, default: 'abtest_movielens' },
  out: { flag: '--out <dir>', doc: 'output directory', schema: { type: 'string', minLength: 1 }, default: './abt-out' },
  seed: { flag: '--seed <n>', doc: 'seed for every random choice', schema: { type: 'integer', minimum: 0 }, default: 42 },
  cvFolds: { flag: '--cv-folds <k>', doc: 'cross-validation folds', schema: { type: 'integer', minimum: 2, maximum: 20 }, default: 5 },
  cvStrategy: { flag: '--cv-strategy <kind>', doc: "CV folds: 'kfold' (stratified), 'group' (by user) or 'time' (forward-chaining)", schema: { enum: ['kfold', 'group', 'time'] }, default: 'kfold' },
  weights: { flag: '--weights <a,b>', doc: 'traffic share of Policy A and Policy B in the router', schema: { type: 'array', items: { type: 'number', exclusiveMinimum: 0 }, minItems: 2, maxItems: 2 }, default: [0.5, 0.5] },
  hash: { flag: '--hash <version>', doc: "bucketing: 'v2' (GrowthBook, default), 'v1' or 'md5-parity' (the original's rule)", schema: { enum: ['v2', 'v1', 'md5-parity'] }, default: 'v2' },
  simMode: { flag: '--sim-mode <mode>', doc: "online replay: 'topk' (rank candidates per session) or 'impression' (score each rated pair)", schema: { enum: ['topk', 'impression'] }, default: 'topk' },
  simK: { flag: '--sim-k <k>', doc: 'recommendations shown per session in the replay', schema: { type: 'integer', minimum: 1 }, default: 10 },
  simCandidates: { flag: '--sim-candidates <n>', doc: 'unseen movies sampled per user into the replay candidates', schema: { type: 'integer', minimum: 0 }, default: 100 },
  simThreshold: { flag: '--sim-threshold <p>', doc: 'score that shows an impression (--sim-mode impression)', schema: { type: 'number', minimum: 0, maximum: 1 }, default: 0.5 },
  alpha: { flag: '--alpha <a>', doc: 'significance level', schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 0.5 }, default: 0.05 },
  force: { flag: '--force', doc: 'rerun stages even when their outputs are current', schema: { type: 'boolean' }, default: false },
  json: { flag: '--json', doc: 'print a machine-readable summary on stdout', schema: { type: 'boolean' }, default: false },
  quiet: { flag: '--quiet', doc: 'no progress bars or tables', schema: { type: 'boolean' }, default: false },
  verbose: { flag: '--verbose', doc: 'stack traces on errors', schema: { type: 'boolean' }, default: false },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof OPTION_TABLE;

export type PipelineOptions = {
  steps: StageName[];
  data?: string;
  dataset?: (typeof DATASETS)[number];
  dataDir?: string;
  syntheticRatings: number;
  syntheticUsers?: number;
  syntheticMovies?: number;
  features: 'dense' | 'onehot';
  evalHistory: 'frozen' | 'online';
  trackingUri?: string;
  experiment: string;
  out: string;
  seed: number;
  cvFolds: number;
  cvStrategy: 'kfold' | 'group' | 'time';
  weights: [number, number];
  hash: 'v2' | 'v1' | 'md5-parity';
  simMode: 'topk' | 'impression';
  simK: number;
  simCandidates: number;
  simThreshold: number;
  alpha: number;
  force: boolean;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
};

/** JSON schema of `abt.config.json`: every option, nothing else. */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(OPTION_TABLE).map(([k, v]) => [k, v.schema])),
} as const;

export function defaultOptions(): PipelineOptions {
  const defaults: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(OPTION_TABLE) as [string, OptionSpec][]) {
    if (spec.default !== undefined) defaults[key] = structuredClone(spec.default);
  }
  return defaults as PipelineOptions;
}
