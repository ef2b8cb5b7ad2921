/** Every user-facing GBDT message, one function each (tests assert on these). */
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

export const msg = {
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
};
