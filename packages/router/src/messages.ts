// Every user-facing message of @abt/router, one function each, so tests assert on them.
export const messages = {
  notAnObject: (path: string) => `${path} must be an object`,
  routerConfigNotJson: (why: string) => `router config is not JSON: ${why}`,
  missingField: (path: string) => `${path} is required`,
  notAString: (path: string) => `${path} must be a non-empty string`,
  notAFiniteNumber: (path: string, got: unknown) => `${path} must be a finite number, got ${describe(got)}`,
  outOfRange: (path: string, got: unknown, range: string) => `${path} must be in ${range}, got ${describe(got)}`,
  tooFewArms: (path: string, n: number) => `${path} needs at least 2 arms, got ${n}`,
  tooManyArms: (path: string, n: number, max: number) => `${path} allows at most ${max} arms, got ${n}`,
  duplicateArm: (path: string, name: string) => `${path}: arm name "${name}" appears more than once`,
  weightsSum: (path: string, sum: number) =>
    `${path}: arm weights must add up to 1 (GrowthBook accepts 0.99–1.01), got ${sum}`,
  unknownArm: (path: string, name: string, arms: readonly string[]) =>
    `${path}: "${name}" is not an arm of this experiment (arms: ${arms.join(', ')})`,
  unknownHashVersion: (path: string, got: unknown, md5: boolean) =>
    `${path} must be 1${md5 ? ', 2 or "md5-parity"' : ' or 2'}, got ${describe(got)}`,
  unknownExperimentKey: (path: string, shape: string, known: readonly string[]) =>
    `${path} is not supported in a${/^[aeiou]/i.test(shape) ? 'n' : ''} ${shape} config (supported: ${known.join(', ')}); refused rather than ignored`,
  twoShapes: (path: string) => `${path} has both "arms" (abt's shape) and "variations" (GrowthBook's): give one`,
  notAnArray: (path: string) => `${path} must be an array`,
  notARange: (path: string) => `${path} must be a range [start, end]`,
  emptyRange: (path: string, start: number, end: number) => `${path}: end ${end} is before start ${start}`,
  rangesPerArm: (path: string, got: number, want: number) => `${path} needs one range per variation: got ${got}, expected ${want}`,
  weightsPerArm: (path: string, got: number, want: number) => `${path} needs one weight per variation: got ${got}, expected ${want}`,
  overlappingRanges: (path: string, a: number, b: number) => `${path}: ranges ${a} and ${b} overlap (GrowthBook would give the first; make them disjoint)`,
  notANamespace: (path: string) => `${path} must be a GrowthBook namespace [id, start, end]`,
  unsupportedHashAttribute: (path: string, got: string, ok: readonly string[]) =>
    `${path} "${got}" is not supported: the router hashes the request's user id, named ${ok.map((a) => `"${a}"`).join(' or ')}`,
  namespaceAndFilters: (path: string) => `${path}: GrowthBook ignores the namespace when filters are given; give one of namespace and filters`,
  variationNotArm: (path: string, got: unknown) => `${path} must be an arm name (a non-empty string), got ${describe(got)}`,
  md5ParityArms: (path: string, n: number) => `${path}: hashVersion "md5-parity" splits into exactly 2 arms, got ${n}`,
  md5ParityWeights: (path: string) =>
    `${path}: hashVersion "md5-parity" is the original's fixed 50/50 parity rule; weights must be equal and coverage 1`,
  unsupportedFormat: (path: string, got: unknown, want: string) => `${path} must be ${want}, got ${describe(got)}`,
  unknownRouterConfigKey: (key: string, known: readonly string[]) => `router config: "${key}" is not a field (fields: ${known.join(', ')})`,
  missingArmModel: (arm: string) => `router config: arm "${arm}" has no model URI in "models"`,
  extraArmModel: (arm: string) => `router config: "models.${arm}" names no arm of the experiment`,
  policyLoad: (uri: string, reason: string) => `could not load policy "${uri}": ${reason}`,
  policyOutputLength: (policy: string, got: number, want: number) =>
    `policy "${policy}" returned ${got} scores for ${want} rows`,
  notAnArrayOfRows: (path: string) => `${path} must be an array of rows or a columnar {userId, movieId, timestamp?}`,
  columnLength: (path: string, got: number, want: number) => `${path} has ${got} values, expected ${want}`,
  badId: (path: string, got: unknown) => `${path} must be an integer (long), got ${describe(got)}`,
  notStarted: () => 'router not started: call start() first',
  // Arguments and options (contract 2)
  surplusArguments: (fn: string, got: number, max: number) => `${fn}() takes at most ${max} argument(s), got ${got}`,
  optionsNotObject: (fn: string, at: string) => `${fn}(): ${at} must be an object`,
  unknownOption: (fn: string, key: string, known: readonly string[]) =>
    `${fn}(): unknown option ${key}${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (it takes none)'}`,
  badArgument: (fn: string, argument: string, what: string, got: unknown) => `${fn}(): ${argument} must be ${what}, got ${describe(got)}`,
  missingPeer: (peer: string, subpath: string) =>
    `${subpath} needs the optional peer dependency "${peer}", which is not installed: npm install ${peer}`,
  noStatusForCode: (code: string) =>
    `@abt/router/server answers error code ${code}, which the error-code table of the installed @abt/registry (CODE_TO_HTTP) has no row for: install the @abt/registry of this @abt/router's release`,
  // Feedback
  feedbackNotEvents: () => 'body must be an event object, an array of events, or {"events": [...]}',
  feedbackEmpty: () => 'body has no events',
  feedbackUnknownTopKey: (path: string) => `${path} is not a field of a feedback batch (expected only "events")`,
  feedbackNotArray: (path: string) => `${path} must be an array of events`,
  feedbackNotObject: (path: string) => `${path} must be an event object {userId, itemId, event, value?, time?, requestId?}`,
  feedbackUnknownField: (path: string, known: readonly string[]) => `${path} is not an event field (fields: ${known.join(', ')})`,
  feedbackBothItemIds: (path: string) => `${path} gives both itemId and movieId (movieId is another name for itemId)`,
  feedbackBadId: (path: string, got: unknown) => `${path} must be a safe integer or a non-empty string of at most 256 characters, got ${describe(got)}`,
  feedbackBadEvent: (path: string, got: unknown) => `${path} must be an event type such as "rating" or "click" (a letter, then up to 63 letters, digits or _.:-), got ${describe(got)}`,
  feedbackBadValue: (path: string, got: unknown) => `${path} must be a finite number or null, got ${describe(got)}`,
  feedbackRatingNeedsValue: (path: string, event: string) => `${path} is required for "${event}" events (the rating that updates features)`,
  feedbackBadTime: (path: string, got: unknown) => `${path} must be an ISO-8601 time with a zone (2026-12-03T10:00:00Z) or Unix seconds, got ${describe(got)}`,
  feedbackTimeRange: (path: string, got: number) => `${path} = ${got} is not Unix seconds in [0, 1e11) (milliseconds? divide by 1000)`,
  feedbackBadRequestId: (path: string, got: unknown) => `${path} must be 1–128 visible ASCII characters, got ${describe(got)}`,
  tooManyEvents: (n: number, max: number) => `body has ${n} events; at most ${max} per request`,
  feedbackOff: () => 'feedback is off on this router (started without a history store)',
  // History stores
  historyClosed: (where: string) => `history store (${where}) is closed`,
  historyNotStarted: (where: string) => `history store (${where}) not started: call start() first`,
  historyAppendFailed: (where: string, reason: string) => `could not append feedback to ${where}: ${reason}; nothing was accepted`,
  historySyncFailed: (where: string, reason: string) => `could not read the shared history at ${where}: ${reason}`,
  badRedisUrl: (url: unknown) => `url must be a redis:// or rediss:// URL, got ${describe(url)}`,
  eventsLogFailed: (file: string, reason: string) =>
    `the events were added to the shared history but could not be written to this replica's events log ${file}: ${reason}`,
  historyUnavailable: () => 'the feedback history is unavailable right now; nothing was accepted, retry later',
  // HTTP server
  needsRouter: () => 'createRouterServer needs one of router, source or reloader',
  unsupportedCharset: (charset: string) => `unsupported charset "${charset}" for application/json; use utf-8`,
  noEndpoint: (method: string, url: string) => `no endpoint ${method} ${url}`,
  unsupportedContentType: (type: string) => `content type "${type}" is not supported; use application/json or text/csv`,
  tooManyRows: (at: string, n: number, max: number) => `${at} has ${n} rows; at most ${max} per request`,
  methodNotAllowed: (method: string, url: string, allowed: readonly string[]) => `${method} is not allowed on ${url} (allowed: ${allowed.join(', ')})`,
  notLoopback: (host: string, admin: boolean) =>
    `listening on ${host}, which is not a loopback address: /predict and /feedback take no authentication, so anyone who can reach this address can score and send feedback${admin ? '' : ' (the admin routes are off: no token)'}; put the router behind a gateway or bind 127.0.0.1`,
  internalError: (requestId: string) => `internal error; the server log has the details (request ${requestId})`,
  adminOff: () => 'the admin routes are off: start the server with an admin token (--admin-token or ABT_ADMIN_TOKEN)',
  adminUnauthenticated: () => 'admin routes need "Authorization: Bearer <token>" with the configured admin token',
  malformedHttp: () => 'malformed HTTP request',
  requestTimeout: () => 'request not completed in time (the body stopped arriving)',
  headersTooLarge: () => 'request headers are too large',
  shuttingDown: () => 'the router is shutting down; retry on another replica',
  tooLarge: () => "request body is larger than this route allows (its row limit times the bytes allowed per row); send fewer rows per request",
  reloadFailed: (reason: string) => `reload failed, still serving the previous models: ${reason}`,
  notAScoringObject: (formats: readonly string[]) => `request body must be a JSON object with exactly one of ${formats.join(', ')}`,
  unknownScoringKeys: (keys: readonly string[], formats: readonly string[]) =>
    `unknown key(s) ${keys.map((k) => `"${k}"`).join(', ')}; expected exactly one of ${formats.join(', ')} (and optional params)`,
  notExactlyOneFormat: (present: readonly string[], formats: readonly string[]) =>
    `request body must have exactly one of ${formats.join(', ')}; got ${present.length === 0 ? 'none' : present.join(', ')}`,
  paramsNotObject: () => 'params must be a JSON object',
  bulkNotObject: () => 'body must be an object {"rows": [{userId, movieId, timestamp?}, …]}',
  bulkUnknownKey: (key: string) => `body.${key} is not a field of /bulk_predict (expected only "rows")`,
  badRecords: (format: string) =>
    `${format} must be ${format === 'dataframe_records' ? 'an array of records' : 'an array of records or an object of columns'}`,
  badSplit: () => 'dataframe_split must be an object {columns, data, index?}',
  badSplitColumns: () => 'dataframe_split.columns must be an array of column names',
  badSplitData: () => 'dataframe_split.data must be an array of rows',
  missingColumn: (where: string, column: string) => `${where} must include "${column}"`,
  unknownColumn: (where: string, column: string) => `${where}: "${column}" is not a request field (fields: userId, movieId or itemId, timestamp)`,
  repeatedColumn: (where: string, column: string) => `${where}: "${column}" names a field given by another column too`,
  badSplitRow: (i: number, n: number) => `dataframe_split.data[${i}] must be an array of ${n} values`,
  emptyCsv: () => 'CSV body is empty; expected a header row with userId,movieId[,timestamp]',
  csvRowWidth: (row: number, got: number, want: number) => `CSV row ${row} has ${got} fields, header has ${want}`,
  // Bundles and registry
  unknownModelClass: (cls: string, known: readonly string[]) => `unknown abt model_class "${cls}" (known: ${known.join(', ')})`,
  notLightGBMKind: (cls: string, file: string) => `${file} is not model JSON, so it must be a LightGBM text model, but model_class is "${cls}"`,
  modelClassMismatch: (cls: string, kind: string) => `abt flavor model_class "${cls}" does not match the model JSON's kind "${kind}"`,
  noFeatureSpec: (dir: string) => `${dir}: the abt flavor names no feature_spec; raw requests cannot be featurized`,
  featureCountMismatch: (model: number, spec: number) => `model expects ${model} features, its FeatureSpec makes ${spec}`,
  notARouterBundle: (dir: string, cls: string) => `${dir}: abt model_class is "${cls}", expected "RouterModel"`,
  noSuchVersion: () => 'no such model version',
  exposureLogClosed: (file: string) => `exposure log ${file} is closed`,
  logNotJson: (where: string, reason: string) => `${where}: not JSON (${reason})`,
  logNotObject: (where: string) => `${where}: a log line must be a JSON object`,
  logBadField: (where: string, field: string, want: string, got: unknown) => `${where}: ${field} must be ${want}, got ${describe(got)}`,
  tornLine: (where: string) => `${where}: the last line is incomplete (a write cut short); skipped, it was never acknowledged`,
  exposureLogWrite: (file: string, reason: string) => `exposure log ${file}: ${reason}`,
} as const;

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'an array' : typeof v;
}
