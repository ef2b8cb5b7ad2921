// Every user-facing message of the router demo, as functions (tests assert on these).
export const messages = {
  trackingUri: (uri: string, source: string) => `tracking: ${uri} (from ${source})`,
  noTrackingDatabase: (file: string, modelUri: string) =>
    `model "${modelUri}" not found: no tracking database at ${file} (run \`pnpm run pipeline\` first, or pass --tracking-uri)`,
  modelNotFound: (modelUri: string, reason: string) => `model "${modelUri}" not found: ${reason}`,
  modelLoadFailed: (modelUri: string, reason: string) => `model "${modelUri}" could not be loaded: ${reason}`,
  expectedInteger: (min: number, max: number) => `expected an integer in ${min} … ${max}`,
  expectedSeconds: () => 'expected a number of seconds ≥ 0 (0 disables polling)',
  invalidOption: (flag: string, value: unknown, allowed: string) => `invalid ${flag} ${JSON.stringify(value)}: expected ${allowed}`,
  dataUnavailable: (source: string, reason: string) => `cannot read MovieLens data at ${source}: ${reason} (pass --data or set ABT_ML100K)`,
  noTestRows: (source: string) => `the test split of ${source} has no rows to route`,
  cannotListen: (host: string, port: number, code: string) =>
    `cannot listen on ${host}:${port} (${code === 'EADDRINUSE' ? 'address already in use' : code}): pick another --port or --host`,
  serving: (address: string, modelUri: string) =>
    `serving ${modelUri} at ${address} (GET /health, POST /predict, /bulk_predict, /invocations, /feedback; Ctrl-C stops)`,
  routerLoaded: (key: string, arms: string) => `experiment ${key}: ${arms}`,
  feedbackOn: (kind: string, location: string, events: number) =>
    `feedback: on (POST /feedback), history ${kind === 'memory' ? 'in-process' : 'shared'} at ${location}, ${events} event(s) loaded${kind === 'memory' && location === 'memory' ? ' (no --events-log: lost on restart)' : ''}`,
  feedbackOff: () => 'feedback: off (--history off): features use the train-time history',
  admin: (on: boolean) => (on ? 'admin routes: on (bearer token)' : 'admin routes: off (no --admin-token or ABT_ADMIN_TOKEN)'),
  exposureLog: (file: string) => `exposure log: ${file}`,
  polling: (seconds: number) =>
    seconds > 0
      ? `hot reload: polling the registry every ${seconds} s (POST /admin/reload forces one)`
      : 'hot reload: polling off (POST /admin/reload still reloads)',
  shuttingDown: (signal: string) => `${signal}: finishing in-flight requests and closing`,
  stopped: () => 'stopped',
  loggedRun: (runName: string, runId: string, experiment: string) => `logged run ${runName} (${runId}) in experiment ${experiment}`,
  wroteOutputs: (dir: string, charts: number) => `wrote ${charts} chart files (PNG + SVG), demo.html, summary.json and assignments.csv to ${dir}`,
  singleClassArm: (arm: string) => `arm ${arm}: its routed rows hold one class only, so ROC/PR are undefined`,
  emptyArm: (arm: string) => `arm ${arm}: no routed rows`,
  unexpected: (message: string) => `unexpected error: ${message}`,
} as const;
