// Every user-facing message of @abt/tracking, as functions (tests assert on these).
export const messages = {
  experimentNotFound: (id: string) => `No experiment with id '${id}' exists.`,
  experimentNameNotFound: (name: string) => `No experiment named '${name}' exists.`,
  experimentExists: (name: string) => `Experiment '${name}' already exists.`,
  experimentNotActive: (id: string) => `Experiment '${id}' is deleted; restore it before creating runs or models in it.`,
  runNotFound: (id: string) => `Run '${id}' not found.`,
  runNotActive: (id: string) => `Run '${id}' is deleted (lifecycle_stage 'deleted'); it cannot be modified.`,
  runClosed: (id: string, status: string) => `Run '${id}' has already ended with status ${status}; it cannot log more data.`,
  runNameConflict: (runName: string, tagName: string) =>
    `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${runName}', mlflow.runName='${tagName}').`,
  tagNotFound: (runId: string, key: string) => `No tag with name: ${key} in run with id ${runId}`,
  loggedModelNotFound: (id: string) => `Logged model '${id}' not found.`,
  invalidRunId: (id: string) => `Invalid run id '${id}': expected 32 lowercase hex characters.`,
  paramChanged: (runId: string, key: string, oldValue: string, newValue: string) =>
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${oldValue}' for run ID='${runId}'. Attempted logging new value '${newValue}'.`,
  tooLong: (what: string, key: string, limit: number, actual: number) => `${what} '${key}' is ${actual} characters long; MLflow's limit is ${limit}.`,
  invalidName: (what: string, name: string, why: string) => `Invalid ${what} '${name}': ${why}.`,
  invalidValue: (what: string, value: unknown, why: string) => `Invalid ${what} ${JSON.stringify(value)}: ${why}.`,
  batchTooLarge: (what: string, count: number, limit: number) => `A log-batch request takes at most ${limit} ${what}; got ${count}.`,
  unsafePath: (path: string, why: string) => `Unsafe artifact path ${JSON.stringify(path)}: ${why}.`,
  /** Why a path or location is unsafe (the `why` of unsafePath; shared with @abt/registry). */
  pathProblem: {
    notAString: () => 'not a string',
    emptyLocation: () => 'empty artifact location',
    tooDeeplyEncoded: () => 'percent-encoded more than 8 levels deep',
    controlCharacters: () => 'contains NUL or control characters',
    backslash: () => 'contains a backslash',
    fragment: () => "contains '#' (a URL fragment can hide traversal)",
    pathParameter: () => "contains ';' (a path parameter can hide traversal)",
    driveLetter: () => 'starts with a drive letter',
    absolute: () => 'is absolute',
    scheme: () => 'has a URI scheme',
    dotDot: () => "contains a '..' segment",
    outsideRoot: (root: string) => `resolves outside ${root}`,
    symlinkOutOfRoot: (root: string) => `follows a symlink out of ${root}`,
    danglingSymlink: () => 'goes through a dangling or looping symlink',
    fileHost: (host: string) => `a file: URI with host '${host}' is not a local path`,
    notLocal: () => 'not a local path',
  },
  badUri: (uri: string, why: string) => `Unsupported URI '${uri}': ${why}.`,
  filterSyntax: (filter: string, at: number, why: string) => `Invalid filter '${filter}' at position ${at}: ${why}.`,
  filterUnknownEntity: (prefix: string, what: string, known: readonly string[]) => `unknown entity '${prefix}' for searching ${what} (use ${known.join(', ')})`,
  filterUnknownAttribute: (key: string, what: string, known: readonly string[]) => `unknown attribute '${key}' for searching ${what} (use ${known.join(', ')})`,
  orderBySyntax: (clause: string, why: string) => `Invalid order_by clause '${clause}': ${why}.`,
  badPageToken: (token: string) => `Invalid page token '${token}'.`,
  badMaxResults: (value: unknown, limit: number) =>
    `Invalid value for max_results: it must be an integer between 1 and ${limit}, but got ${JSON.stringify(value)}.`,
  schemaMissing: (path: string, what: string) =>
    `Database '${path}' is not usable by abt: ${what} is missing. Run \`mlflow db upgrade\` or point abt at another file.`,
  schemaUntested: (path: string, revision: string, head: string) =>
    `Database '${path}' is at alembic revision '${revision}', abt was tested at '${head}'; continuing.`,
  notADatabase: (path: string, why: string) => `Cannot open '${path}' as an MLflow SQLite database: ${why}.`,
  missingPeer: (peer: string, feature: string) =>
    `${feature} needs the optional peer dependency "${peer}", which is not installed: npm install ${peer} (it compiles natively where no prebuilt binary is available).`,
  serverUnreachable: (url: string, why: string) => `MLflow server at ${url} is unreachable: ${why}.`,
  notJson: (url: string, status: number, contentType: string) =>
    `MLflow server at ${url} answered HTTP ${status} with ${contentType || 'no content type'} instead of JSON; is the tracking URI pointing at an MLflow server?`,
  timeout: (url: string, ms: number) => `Request to ${url} timed out after ${ms} ms.`,
  artifactNotFound: (path: string, root: string) => `Artifact '${path}' not found under ${root}.`,
  notSupported: (what: string, store: string) => `${what} is not supported by the ${store} store.`,
  unknownOption: (fn: string, where: string, key: string, known: readonly string[]) =>
    `${fn}: unknown option '${key}' in ${where} (known: ${known.length > 0 ? known.join(', ') : 'none'}).`,
  surplusArgument: (fn: string, position: number, max: number) =>
    `${fn} takes at most ${max} argument${max === 1 ? '' : 's'}; argument ${position} is surplus.`,
  notAnOptionsObject: (fn: string, where: string, value: unknown) =>
    `${fn}: ${where} must be an options object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
} as const;
