// Every user-facing message of the preprocessing transformers, one function each (tests assert on them).

export const msg = {
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
} as const;

export function fmt(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}
