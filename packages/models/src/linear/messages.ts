// Every user-facing message of the linear models, one function each (tests assert on them).

export const msg = {
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
} as const;

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
