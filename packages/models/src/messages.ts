// Every user-facing message of @abt/models, one function each (tests assert on them): `loadModel`'s at
// the top level, then one section per estimator family.

/** Quotes strings; numbers, booleans and null as written. */
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

export const messages = {
  modelNotObject: (got: unknown) => `model JSON must be an object, got ${got === null ? 'null' : typeof got}`,
  modelFormat: (format: unknown) => `model JSON has format ${JSON.stringify(format)}, expected "abt-model"`,
  unknownKind: (kind: unknown, known: readonly string[]) => `unknown model kind ${JSON.stringify(kind)}; this version loads ${known.join(', ')}`,
  modelJsonParse: (why: string) => `model JSON does not parse: ${why}`,
  paramInJson: (message: string, param: string) => `${message} (at $.params.${param})`,
  /** Why a fit asked for several threads runs on one (a warning, once per reason: the model is the same). */
  oneThread: {
    noWorkerThreads: (model: string, threads: number) =>
      `${model} trains on one thread: this runtime has no Node worker threads (num_threads=${threads} asked for more)`,
    noWorkerFile: (model: string, file: string, envVar: string) =>
      `${model} trains on one thread: the training worker file (${file} beside the package, or ${envVar}) was not found`,
    noSharedMemory: (model: string) => `${model} trains on one thread: this runtime has no SharedArrayBuffer`,
    notStarted: (model: string, seconds: number) => `${model} trains on one thread: its worker threads did not start within ${seconds} s`,
    startFailed: (model: string, why: string) => `${model} trains on one thread: a worker thread could not start (${why})`,
    workerFailed: (model: string) => `${model} goes on on one thread: a worker thread stopped with an error (the model is the same)`,
  },
  /** Every estimator's refusals of unknown options, keys and arguments (src/arguments.ts), and `number[][]` input (src/as-matrix.ts). */
  common: {
    surplusArguments: (fn: string, max: number, got: number) =>
      `${fn}: takes at most ${max} argument${max === 1 ? '' : 's'}; got ${got} (argument ${max + 1} and after are not used by abt)`,
    notOptionsObject: (fn: string, name: string, got: unknown) => `${fn}: \`${name}\` must be an object of options; got ${fmt(got)}`,
    notBooleanOption: (fn: string, key: string, got: unknown) => `${fn}: \`options.${key}\` must be true or false; got ${fmt(got)}`,
    unknownOption: (fn: string, name: string, key: string, known: readonly string[]) =>
      `${fn}: unknown option \`${name}.${key}\`; known options: ${known.length === 0 ? 'none' : known.join(', ')}`,
    unknownParam: (owner: string, key: string, known: readonly string[]) => `${owner}: unknown parameter \`${key}\`; known parameters: ${known.join(', ')}`,
    notMatrix: (where: string, got: unknown) =>
      `${where}: X must be a dense matrix {rows, cols, data}, a CSR matrix {rows, cols, indptr, indices, data} or an array of rows (number[][]); got ${fmt(got)}`,
    raggedRows: (where: string, row: number, length: number, cols: number) =>
      `${where}: X[${row}] has ${length} values but X[0] has ${cols}; every row of number[][] needs the same length`,
    notNumber: (where: string, row: number, col: number, got: unknown) =>
      `${where}: X[${row}][${col}] is ${fmt(got)}; entries of number[][] must be numbers (NaN for missing)`,
  },
  /** GBDT (src/gbdt). */
  gbdt: {
    unknownParam: (key: string) => `GBDT: unknown parameter '${key}'`,
    duplicateParam: (key: string, prev: string, name: string) => `GBDT: parameter '${key}' and '${prev}' both set '${name}'; pass only one`,
    badParam: (name: string, v: unknown, allowed: string) => `GBDT: ${name} must be ${allowed}, got ${show(v)}`,
    notFitted: (what: string) => `GBDT: ${what} needs a fitted model; call fit() or load one first`,
    noRows: (where: string) => `GBDT: ${where} has zero rows`,
    lengthMismatch: (rows: number, labels: number, where: string) => `GBDT: ${where} has ${rows} rows but ${labels} labels`,
    badLabel: (i: number, v: number, where: string) => `GBDT: ${where} label at row ${i} is ${v}; labels must be 0 or 1`,
    singleClass: (c: number) => `GBDT: training labels are all ${c}; need both classes 0 and 1`,
    featureCount: (got: number, want: number, where: string) => `GBDT: ${where} has ${got} features but the model was trained on ${want}`,
    badMatrix: (where: string, why: string) => `GBDT: ${where} is not a valid matrix: ${why}`,
    featureNames: (got: number, want: number) => `GBDT: featureNames has ${got} names for ${want} columns`,
    format: (why: string, line?: number) => `LightGBM model text${line ? ` line ${line}` : ''}: ${why}`,
    json: (why: string) => `GBDT JSON: ${why}`,
    earlyStoppingNeedsValid: (k: number) => `GBDT: early_stopping_round=${k} needs validation data; pass fit(X, y, { valid: { X, y } })`,
    earlyStoppingNeedsMetric: (k: number) => `GBDT: early_stopping_round=${k} needs a metric, but metric is 'None'; set metric to 'binary_logloss' or 'auc'`,
    unsupportedParam: (name: string, v: unknown, what: string) => `GBDT: ${name} = ${fmt(v)} is not supported: abt does not implement ${what}`,
    unsupportedMetric: (m: string) => `GBDT: metric '${m}' is not supported: abt computes 'binary_logloss' (alias 'binary') and 'auc', or none ('None')`,
    unbalanceAndScale: () => 'GBDT: is_unbalance and scale_pos_weight cannot be set at the same time (as in LightGBM)',
    histogramPoolTooSmall: (mb: number, fits: number, leaves: number) =>
      `GBDT: histogram_pool_size = ${mb} MB holds ${fits} leaf histograms of this data, fewer than num_leaves = ${leaves}: ` +
      'LightGBM then rebuilds histograms instead of subtracting them, which abt does not implement; use -1 (no limit)',
    outBuffer: (got: unknown, rows: number) =>
      `GBDT.predictRaw: options.out must be a Float64Array of ${rows} entries (one per row), got ${got instanceof Float64Array ? `a Float64Array of ${got.length}` : fmt(got)}`,
    importanceType: (fn: string, got: unknown) => `GBDT.${fn}: importance type must be 'split' or 'gain', got ${fmt(got)}`,
    maxBinByFeature: (got: number, cols: number) => `GBDT: max_bin_by_feature has ${got} entries for ${cols} columns`,
    randomForestModel: () =>
      'this is a random-forest model (boosting=rf, average_output): abt loads gradient-boosted models only (LightGBM averages the trees of rf models, abt adds them)',
  },
  /** LogisticRegression (src/linear). */
  linear: {
    paramRange: (name: string, allowed: string, got: unknown) => `LogisticRegression: param \`${name}\` must be ${allowed}; got ${fmt(got)}`,
    solverPenalty: (solver: string, penalty: string) =>
      `LogisticRegression: solver '${solver}' supports only the l2 penalty (l1_ratio = 0) or none (C = Infinity), got penalty '${penalty}' (as scikit-learn); use solver 'owlqn' or 'saga' for l1 and elastic-net`,
    solverDual: (solver: string) =>
      `LogisticRegression: solver '${solver}' supports only dual = false (as scikit-learn: only 'liblinear' has a dual formulation)`,
    solverElasticnet: (solver: string) =>
      `LogisticRegression: solver '${solver}' does not support the elastic-net penalty (0 < l1_ratio < 1); use solver 'owlqn' or 'saga'`,
    liblinearNoPenalty: () =>
      `LogisticRegression: solver 'liblinear' needs a penalty: C = Infinity (or penalty = null) is not supported by liblinear (as scikit-learn)`,
    liblinearDualL1: () => `LogisticRegression: solver 'liblinear' has no dual formulation for the l1 penalty; pass dual = false`,
    l1RatioMissing: () => `LogisticRegression: param \`l1_ratio\` must be a number in [0, 1] when penalty = 'elasticnet'; got null`,
    maxIter: (got: unknown) =>
      `LogisticRegression: param \`max_iter\` must be an integer ≥ 1; got ${fmt(got)} (scikit-learn's max_iter = 0 still takes scipy's first line-search step, which abt does not reproduce)`,
    seedConflict: (seed: unknown, randomState: unknown) =>
      `LogisticRegression: \`seed\` = ${fmt(seed)} and its alias \`random_state\` = ${fmt(randomState)} disagree; pass only one`,
    warning: (code: string, d: Record<string, unknown>) => WARNINGS[code]?.(d) ?? code,
    sampleWeight: (detail: string) => `LogisticRegression.fit: options.sampleWeight ${detail}`,
    classWeightless: (label: number) => `LogisticRegression.fit: class ${label} has total sample weight 0; class_weight 'balanced' cannot weight it`,
    warmStartShape: (got: number, expected: number) =>
      `LogisticRegression.fit: warm_start: the previous fit has ${got} coefficients but X has ${expected} features (as scikit-learn, the shapes must agree)`,
    emptyX: (rows: number, cols: number) => `LogisticRegression.fit: X must have at least one row and one column; got ${rows} × ${cols}`,
    lengthMismatch: (rows: number, yLength: number) => `LogisticRegression.fit: X has ${rows} rows but y has ${yLength} labels`,
    nonFiniteLabel: (where: string, i: number, v: number) => `LogisticRegression.${where}: y[${i}] is ${v}; labels must be finite 0 or 1`,
    badLabel: (where: string, i: number, v: number) => `LogisticRegression.${where}: y[${i}] = ${v}; labels must be 0 or 1`,
    singleClass: (label: number) => `LogisticRegression.fit: y contains only class ${label}; two classes (0 and 1) are needed`,
    zeroWeights: () => `LogisticRegression.fit: class_weight and sampleWeight give every row weight 0; nothing to learn`,
    badShape: (where: string, detail: string) => `LogisticRegression.${where}: malformed X: ${detail}`,
    nonFiniteFeature: (where: string, row: number, col: number, v: number) =>
      `LogisticRegression.${where}: X[${row}, ${col}] is ${v}; features must be finite (impute missing values first)`,
    float32Overflow: (where: string, row: number, col: number, v: number) =>
      `LogisticRegression.${where}: X[${row}, ${col}] is ${v}, beyond float32's range; a dense X of 2^24 entries or more is read as float32 (scale the feature first, e.g. with StandardScaler)`,
    featureCount: (where: string, got: number, expected: number) =>
      `LogisticRegression.${where}: X has ${got} features but the model was fitted on ${expected}`,
    featureNames: (got: number, expected: number) => `LogisticRegression.fit: options.featureNames has ${got} names but X has ${expected} columns`,
    notFitted: (what: string) => `LogisticRegression.${what}: the model is not fitted yet; call fit(X, y) first`,
    format: (path: string, expected: string, got: unknown) => `LogisticRegression.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
  },
  /** Pipeline (src/pipeline). */
  pipeline: {
    noSteps: (got: unknown) => `Pipeline: param \`steps\` must be a non-empty array [transformer..., classifier]; got ${fmt(got)}`,
    notTransformer: (i: number, kind: unknown) =>
      `Pipeline: param \`steps[${i}]\` (kind ${fmt(kind)}) must be a transformer with fit and transform; only the last step is the classifier`,
    notClassifier: (i: number, kind: unknown) =>
      `Pipeline: param \`steps[${i}]\` (kind ${fmt(kind)}) is the last step and must be a classifier with fit, predictProba and clone`,
    memory: (got: unknown) =>
      `Pipeline: param \`memory\` must be null; got ${fmt(got)} (abt has no cache of fitted transformers: fitting is fast and models are data)`,
    transformInput: (got: unknown) =>
      `Pipeline: param \`transform_input\` must be null; got ${fmt(got)} (abt always passes options.valid.X through the fitted transformers)`,
    verbose: (got: unknown) => `Pipeline: param \`verbose\` must be true or false; got ${fmt(got)}`,
    notFitted: (what: string) => `Pipeline.${what}: the pipeline is not fitted yet; call fit(X, y) first`,
    format: (path: string, expected: string, got: unknown) => `Pipeline.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
    unknownTransformer: (path: string, kind: unknown, known: readonly string[]) =>
      `Pipeline.fromJSON: \`${path}\` is an unknown transformer kind ${fmt(kind)}; this version loads ${known.join(', ')}`,
    inStep: (path: string, message: string) => `Pipeline.fromJSON: in \`${path}\`: ${message}`,
  },
  /** the preprocessing transformers (src/preprocessing). */
  preprocessing: {
    paramType: (owner: string, name: string, allowed: string, got: unknown) => `${owner}: param \`${name}\` must be ${allowed}; got ${fmt(got)}`,
    sparseCentering: (owner: string, where: string) => `${owner}.${where}: cannot center a CSR matrix (it would become dense); pass with_mean: false`,
    badShape: (owner: string, where: string, detail: string) => `${owner}.${where}: malformed X: ${detail}`,
    emptyX: (owner: string, rows: number, cols: number) => `${owner}.fit: X must have at least one row and one column; got ${rows} × ${cols}`,
    infinite: (owner: string, where: string, row: number, col: number, v: number) =>
      `${owner}.${where}: X[${row}, ${col}] is ${v}; features must be finite or NaN (missing)`,
    featureCount: (owner: string, where: string, got: number, expected: number) =>
      `${owner}.${where}: X has ${got} features but the transformer was fitted on ${expected}`,
    featureNames: (owner: string, got: number, expected: number) => `${owner}.fit: options.featureNames has ${got} names but X has ${expected} columns`,
    notFitted: (owner: string, what: string) => `${owner}.${what}: the transformer is not fitted yet; call fit(X) first`,
    outBuffer: (owner: string, got: unknown, entries: number) =>
      `${owner}.transform: options.out must be a Float32Array or Float64Array of ${entries} entries (rows × cols), got ${
        got instanceof Float32Array || got instanceof Float64Array ? `a ${got.constructor.name} of ${got.length}` : fmt(got)
      }`,
    outSparse: (owner: string) => `${owner}.transform: options.out is for dense X; a CSR matrix is scaled into its own copy`,
    format: (owner: string, path: string, expected: string, got: unknown) => `${owner}.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
  },
} as const;

// sklearn 1.9's own wording where it applies, so a warning reads the same in both.
const WARNINGS: Readonly<Record<string, (d: Record<string, unknown>) => string>> = {
  'penalty-deprecated': () =>
    "LogisticRegression: 'penalty' is deprecated (scikit-learn 1.8; removed in 1.10). Leave it unset and use 'l1_ratio' or 'C': l1_ratio = 0 instead of penalty 'l2', l1_ratio = 1 instead of 'l1', 0 < l1_ratio < 1 instead of 'elasticnet', C = Infinity instead of null",
  'l1-ratio-none-deprecated': () => "LogisticRegression: 'l1_ratio = null' is deprecated (scikit-learn 1.8; an error in 1.10); use 0 ≤ l1_ratio ≤ 1",
  'l1-ratio-unused': (d) => `LogisticRegression: l1_ratio is only used when the penalty is 'elasticnet'; got penalty ${fmt(d.penalty)}`,
  'penalty-l1-ratio-inconsistent': (d) =>
    `LogisticRegression: inconsistent values: penalty ${fmt(d.penalty)} with l1_ratio ${fmt(d.l1_ratio)}; penalty wins. penalty is deprecated: use l1_ratio only`,
  'penalty-none-ignores-c': () => 'LogisticRegression: penalty = null ignores the C and l1_ratio parameters',
  'n-jobs-deprecated': (d) =>
    `LogisticRegression: 'n_jobs' has no effect (scikit-learn 1.8 deprecated it; removed in 1.10); got n_jobs = ${fmt(d.n_jobs)}, leave it unset`,
};

/** A value for a message: strings quoted, objects as JSON cut at 80 characters. */
function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined || typeof v === 'bigint') return String(v);
  if (typeof v === 'function') return 'a function';
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}
