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
  /** GBDT (src/gbdt). */
  gbdt: {
    unknownParam: (key: string) => `GBDT: unknown parameter '${key}'`,
    duplicateParam: (key: string, prev: string, name: string) =>
      `GBDT: parameter '${key}' and '${prev}' both set '${name}'; pass only one`,
    badParam: (name: string, v: unknown, allowed: string) => `GBDT: ${name} must be ${allowed}, got ${show(v)}`,
    notFitted: (what: string) => `GBDT: ${what} needs a fitted model; call fit() or load one first`,
    noRows: (where: string) => `GBDT: ${where} has zero rows`,
    lengthMismatch: (rows: number, labels: number, where: string) =>
      `GBDT: ${where} has ${rows} rows but ${labels} labels`,
    badLabel: (i: number, v: number, where: string) =>
      `GBDT: ${where} label at row ${i} is ${v}; labels must be 0 or 1`,
    singleClass: (c: number) => `GBDT: training labels are all ${c}; need both classes 0 and 1`,
    featureCount: (got: number, want: number, where: string) =>
      `GBDT: ${where} has ${got} features but the model was trained on ${want}`,
    badMatrix: (where: string, why: string) => `GBDT: ${where} is not a valid matrix: ${why}`,
    featureNames: (got: number, want: number) => `GBDT: featureNames has ${got} names for ${want} columns`,
    format: (why: string, line?: number) => `LightGBM model text${line ? ` line ${line}` : ''}: ${why}`,
    json: (why: string) => `GBDT JSON: ${why}`,
    earlyStoppingNeedsValid: (k: number) =>
      `GBDT: early_stopping_round=${k} needs validation data; pass fit(X, y, { valid: { X, y } })`,
  },
  /** LogisticRegression (src/linear). */
  linear: {
    paramRange: (name: string, allowed: string, got: unknown) =>
      `LogisticRegression: param \`${name}\` must be ${allowed}; got ${fmt(got)}`,
    solverPenalty: (solver: string, penalty: string) =>
      `LogisticRegression: param \`solver\` = '${solver}' does not support penalty '${penalty}'; use solver 'owlqn' or 'saga' (both support every penalty)`,
    l1RatioMissing: () =>
      `LogisticRegression: param \`l1_ratio\` must be a number in [0, 1] when penalty = 'elasticnet'; got null`,
    emptyX: (rows: number, cols: number) =>
      `LogisticRegression.fit: X must have at least one row and one column; got ${rows} × ${cols}`,
    lengthMismatch: (rows: number, yLength: number) =>
      `LogisticRegression.fit: X has ${rows} rows but y has ${yLength} labels`,
    nonFiniteLabel: (where: string, i: number, v: number) =>
      `LogisticRegression.${where}: y[${i}] is ${v}; labels must be finite 0 or 1`,
    badLabel: (where: string, i: number, v: number) => `LogisticRegression.${where}: y[${i}] = ${v}; labels must be 0 or 1`,
    singleClass: (label: number) =>
      `LogisticRegression.fit: y contains only class ${label}; two classes (0 and 1) are needed`,
    zeroWeights: () => `LogisticRegression.fit: class_weight gives every row weight 0; nothing to learn`,
    badShape: (where: string, detail: string) => `LogisticRegression.${where}: malformed X: ${detail}`,
    nonFiniteFeature: (where: string, row: number, col: number, v: number) =>
      `LogisticRegression.${where}: X[${row}, ${col}] is ${v}; features must be finite (impute missing values first)`,
    featureCount: (where: string, got: number, expected: number) =>
      `LogisticRegression.${where}: X has ${got} features but the model was fitted on ${expected}`,
    featureNames: (got: number, expected: number) =>
      `LogisticRegression.fit: options.featureNames has ${got} names but X has ${expected} columns`,
    notFitted: (what: string) =>
      `LogisticRegression.${what}: the model is not fitted yet; call fit(X, y) first`,
    format: (path: string, expected: string, got: unknown) =>
      `LogisticRegression.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
  },
  /** Pipeline (src/pipeline). */
  pipeline: {
    noSteps: (got: unknown) => `Pipeline: param \`steps\` must be a non-empty array [transformer..., classifier]; got ${fmt(got)}`,
    notTransformer: (i: number, kind: unknown) =>
      `Pipeline: param \`steps[${i}]\` (kind ${fmt(kind)}) must be a transformer with fit and transform; only the last step is the classifier`,
    notClassifier: (i: number, kind: unknown) =>
      `Pipeline: param \`steps[${i}]\` (kind ${fmt(kind)}) is the last step and must be a classifier with fit, predictProba and clone`,
    notFitted: (what: string) => `Pipeline.${what}: the pipeline is not fitted yet; call fit(X, y) first`,
    format: (path: string, expected: string, got: unknown) => `Pipeline.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
    unknownTransformer: (path: string, kind: unknown, known: readonly string[]) =>
      `Pipeline.fromJSON: \`${path}\` is an unknown transformer kind ${fmt(kind)}; this version loads ${known.join(', ')}`,
    inStep: (path: string, message: string) => `Pipeline.fromJSON: in \`${path}\`: ${message}`,
  },
  /** the preprocessing transformers (src/preprocessing). */
  preprocessing: {
    paramType: (owner: string, name: string, allowed: string, got: unknown) =>
      `${owner}: param \`${name}\` must be ${allowed}; got ${fmt(got)}`,
    sparseCentering: (owner: string, where: string) =>
      `${owner}.${where}: cannot center a CSR matrix (it would become dense); pass with_mean: false`,
    badShape: (owner: string, where: string, detail: string) => `${owner}.${where}: malformed X: ${detail}`,
    emptyX: (owner: string, rows: number, cols: number) =>
      `${owner}.fit: X must have at least one row and one column; got ${rows} × ${cols}`,
    infinite: (owner: string, where: string, row: number, col: number, v: number) =>
      `${owner}.${where}: X[${row}, ${col}] is ${v}; features must be finite or NaN (missing)`,
    featureCount: (owner: string, where: string, got: number, expected: number) =>
      `${owner}.${where}: X has ${got} features but the transformer was fitted on ${expected}`,
    featureNames: (owner: string, got: number, expected: number) =>
      `${owner}.fit: options.featureNames has ${got} names but X has ${expected} columns`,
    notFitted: (owner: string, what: string) => `${owner}.${what}: the transformer is not fitted yet; call fit(X) first`,
    format: (owner: string, path: string, expected: string, got: unknown) =>
      `${owner}.fromJSON: \`${path}\` must be ${expected}; got ${fmt(got)}`,
  },
} as const;

/** A value for a message: strings quoted, objects as JSON cut at 80 characters. */
function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}
