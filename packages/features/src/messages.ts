/** Every user-facing message of `@abt/features`, one function each (tests assert on these). */
export const messages = {
  notFitted: (method: string) => `FeatureSpec.${method}() called before fit(); call fit() or fitFeatureSpec() first`,
  trainUnavailable: () =>
    'FeatureSpec.transformTrain() needs the train rows, which a spec loaded from JSON does not carry; use transform(train) for full-history features or refit',
  invalidOption: (name: string, value: unknown, allowed: string) => `option ${name} = ${JSON.stringify(value)} is invalid; allowed: ${allowed}`,
  lengthMismatch: (table: string, column: string, got: number, expected: number) => `${table}.${column} has ${got} entries but ${table}.length is ${expected}`,
  missingColumn: (table: string, column: string) => `${table}.${column} is missing`,
  emptyTrain: () => 'train has no rows; a FeatureSpec needs at least one train row to fit',
  badLabel: (table: string, row: number, value: number) => `${table}.label[${row}] = ${value}; labels must be 0 or 1`,
  badTimestamp: (table: string, row: number, value: number) => `${table}.timestamp[${row}] = ${value}; timestamps must be finite Unix seconds`,
  badGenres: (got: number, expected: number) => `movies.genres has ${got} entries but movies.length * genreNames.length is ${expected}`,
  notAnObject: (where: string) => `${where} is not a JSON object`,
  unknownFormat: (where: string, got: unknown, expected: string) => `${where} = ${JSON.stringify(got)}; expected ${JSON.stringify(expected)}`,
  unknownVersion: (where: string, got: unknown, supported: readonly number[]) =>
    `${where} = ${JSON.stringify(got)} is not a supported version (supported: ${supported.join(', ')})`,
  inSpec: (where: string, message: string) => `serialized spec, ${where}: ${message}`,
  badField: (where: string, expected: string) => `${where} is malformed; expected ${expected}`,
  surplusArgument: (fn: string, position: number, params: readonly string[]) =>
    `${fn}: unexpected argument ${position}; ${fn} takes ${params.length === 0 ? 'no arguments' : `at most ${params.length} (${params.join(', ')})`}`,
  unknownKey: (fn: string, name: string, key: string, allowed: readonly string[]) =>
    `${fn}: ${name} has the unknown key ${JSON.stringify(key)}; ${fn} implements ${allowed.length === 0 ? 'no keys there' : allowed.join(', ')}`,
  outType: (method: string, dtype: string, out: unknown) =>
    `FeatureSpec.${method}: options.out is ${(out as object | null)?.constructor?.name ?? typeof out}; this spec writes ${dtype === 'float32' ? 'Float32Array' : 'Float64Array'} (its dtype '${dtype}')`,
  outLength: (method: string, got: number, expected: number) =>
    `FeatureSpec.${method}: options.out has ${got} elements; the matrix has rows × cols = ${expected}`,
  outForOnehot: (method: string) => `FeatureSpec.${method}: options.out is for dense specs; one-hot output is CSR, whose size is known only once built`,
  optionsNotAnObject: (fn: string, name: string, value: unknown) =>
    `${fn}: ${name} must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
  // Requests (REQUEST_FIELDS)
  rowNotObject: (where: string) => `${where} must be an object {userId, movieId, timestamp?}`,
  notRequests: (where: string) => `${where} must be an array of rows or an object of columns {userId, movieId, timestamp?}`,
  notAColumn: (where: string) => `${where} must be an array of values`,
  columnLength: (where: string, got: number, expected: number) => `${where} has ${got} values, expected ${expected}`,
  duplicateField: (where: string, field: string, key: string) => `${where} gives ${field} twice (as ${key} too)`,
  badId: (where: string, got: unknown) => `${where} must be a safe integer or a non-empty string of at most 256 characters, got ${describe(got)}`,
  badSeconds: (where: string, got: unknown) => `${where} must be finite Unix seconds (or null), got ${describe(got)}`,
  // Online history
  historyOfAnotherSpec: () => 'this OnlineHistory was created by another FeatureSpec: use spec.createOnlineHistory() of the spec that featurizes',
  onlineLagUnsupported: (days: number) =>
    `online history supports userHistoryLagDays = 0 only (this spec has ${days}): a lagged user history would depend on each request's time, not only on the feedback sequence`,
  badInteraction: (where: string, expected: string, got: unknown) => `${where} must be ${expected}, got ${describe(got)}`,
} as const;

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'an array' : typeof v;
}
