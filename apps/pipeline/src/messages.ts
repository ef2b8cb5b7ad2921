/** Every user-facing message of the pipeline CLI, as functions (tests assert on them); `simulate` holds the replay simulation's. */
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
const words = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export const messages = {
  // stages and workers
  upstreamMissing: (stage: string, by: string, out: string) =>
    `stage '${by}' needs the outputs of '${stage}', which has not run in ${out}. Run it first: --steps ${stage},${by} (or run every stage without --steps).`,
  stageUnavailable: (name: string) => `stage '${name}' is not available in this build`,
  interruptedDuring: (name: string) => `interrupted during '${name}'; its outputs were not recorded, rerun to resume`,
  interruptedTraining: (policy: string) => `interrupted while training ${policy}`,
  workerFailed: (policy: string, reason: string) => `training ${policy} in a worker thread failed: ${reason}`,
  workerExited: (policy: string, code: number) => `the worker thread training ${policy} exited with code ${code}`,
  fitPoolClosed: () => 'the policy fits were stopped: their stage ended before they finished',
  scoreWorkerFailed: (reason: string) => `scoring replay batches in a worker thread failed: ${reason}`,
  scoreWorkerExited: (code: number) => `the worker thread scoring replay batches exited with code ${code}`,

  // option values (`name` is what the user typed: `--cv-folds`, or `abt.yaml: cv-folds`)
  notANumber: (name: string, raw: unknown) => `${name} must be a number, got ${show(raw)}`,
  notAnInteger: (name: string, raw: unknown) => `${name} must be a whole number, got ${show(raw)}`,
  atLeast: (name: string, min: number, got: number) => `${name} must be at least ${min} (got ${got})`,
  atMost: (name: string, max: number, got: number) => `${name} must be at most ${max} (got ${got})`,
  above: (name: string, bound: number, got: number) => `${name} must be greater than ${bound} (got ${got})`,
  below: (name: string, bound: number, got: number) => `${name} must be less than ${bound} (got ${got})`,
  notOneOf: (name: string, raw: unknown, values: readonly string[]) => `${name} must be one of ${words(values)}, got ${show(raw)}`,
  notText: (name: string, raw: unknown) => `${name} must be a non-empty text, got ${show(raw)}`,
  notABoolean: (name: string, raw: unknown) => `${name} must be true or false, got ${show(raw)}`,
  emptyList: (name: string, values: readonly string[]) => `${name} needs at least one of ${words(values)}`,
  unknownWords: (name: string, unknown: readonly unknown[], values: readonly string[]) =>
    `${name}: unknown ${unknown.map(show).join(', ')}; allowed: ${words(values)}`,
  repeatedWords: (name: string, repeated: readonly unknown[]) => `${name}: ${repeated.map(show).join(', ')} given more than once`,
  sharesCount: (name: string, raw: unknown, arms: number) =>
    `${name} needs ${arms} traffic shares, one per policy (e.g. ${name.startsWith('--') ? `${name} 50,50` : '[50, 50]'}), got ${show(raw)}`,
  sharesPositive: (name: string, values: readonly number[]) => `${name}: every traffic share must be greater than 0, got ${values.join(',')}`,
  sharesSum: (name: string, values: readonly number[], sum: number) => {
    const pct = values.map((v) => (v / sum) * 100);
    const fix = pct.map((p) => Number(p.toFixed(1))).join(',');
    return `${name} ${values.join(',')} adds up to ${Number(sum.toPrecision(6))}: give percentages that add up to 100 or fractions that add up to 1 (the same ratio is ${fix})`;
  },
  badHyperparameter: (name: string, pair: string) => `${name}: expected key=value pairs separated by commas, got '${pair}'`,
  notAMap: (name: string, raw: unknown) => `${name} must be a map of hyperparameter names to values, got ${show(raw)}`,
  hyperparameter: (name: string, param: string, reason: string) => `${name}: ${param}: ${reason}`,

  // config files
  configUnreadable: (file: string, reason: string) => `cannot read the config file ${file}: ${reason}`,
  configSyntax: (file: string, kind: 'JSON' | 'YAML', reason: string) => `the config file ${file} is not valid ${kind}: ${reason}`,
  configNotAMap: (file: string) => `the config file ${file} must hold a map of option names to values (e.g. 'cv-folds: 5')`,
  configUnknownKey: (file: string, key: string, suggestion: string | undefined) =>
    `${file}: '${key}' is not a pipeline option${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; see --help for the names`,
  configDuplicateKey: (file: string, a: string, b: string) => `${file}: '${a}' and '${b}' name the same option; keep one`,

  // data
  badRowStops: (reason: string, line: number) =>
    `${reason.replace(/ \(strict: false skips such ratings\)/, '')}${reason.includes(`:${line}:`) ? '' : ` (line ${line})`}. Fix the row, or pass --bad-rows skip to drop such rows (counted by reason, with examples)`,
  ratingsHeader: (reason: string) =>
    reason.replace('the columns option', '--columns (e.g. --columns userId=customer,itemId=product,rating=stars,timestamp=ts)'),

  // the output directory
  outLocked: (out: string, pid: number, startedAt: string, argv: string) =>
    `${out} is in use by another abt-pipeline (process ${pid}, started ${startedAt}: ${argv}). Wait for it to finish, or pass another --out`,
  outLockedElsewhere: (out: string, host: string, pid: number, file: string) =>
    `${out} is locked by abt-pipeline process ${pid} on host ${host}. If that run is gone, delete ${file}; else pass another --out`,
  outLockRace: (out: string, file: string) => `could not take the lock ${file} on ${out}: another invocation keeps taking it; pass another --out`,
  staleLock: (pid: number, startedAt: string) => `took over the lock of an earlier invocation that did not finish (process ${pid}, started ${startedAt})`,
  staleRuns: (names: readonly string[]) =>
    `closed ${names.length} MLflow run${names.length === 1 ? '' : 's'} left RUNNING by an earlier invocation on this --out that did not finish: ${names.join(', ')} → KILLED`,
  interrupting: (doing: string, done: readonly string[], out: string) =>
    `\nCtrl-C: stopping ${doing}. Kept: ${done.length ? done.join(', ') : 'no finished stage'} (in ${out}/state.json); the open MLflow runs are marked FAILED; the unfinished stage's outputs are not recorded. Run the same command again to resume. (Ctrl-C again to quit at once.)\n`,

  // file system (what and where, then the fix)
  fsDenied: (verb: string, p: string) => `cannot ${verb} ${p}: permission denied. Pass an --out you can write to, or give yourself write access to it`,
  fsReadOnly: (verb: string, p: string) => `cannot ${verb} ${p}: the file system is read-only. Pass an --out on a writable disk`,
  fsFull: (verb: string, p: string) => `cannot ${verb} ${p}: the disk is full (or over quota). Free some space, or pass an --out on another disk`,
  fsNotDir: (verb: string, p: string) => `cannot ${verb} ${p}: a part of that path is a file, not a directory. Pass another --out`,
  fsIsFile: (p: string) => `cannot create the directory ${p}: a file of that name exists. Remove or rename it, or pass another --out`,
  fsExists: (verb: string, p: string) => `cannot ${verb} ${p}: it already exists. Remove it, or pass another --out`,
  fsIsDir: (verb: string, p: string) => `cannot ${verb} ${p}: it is a directory where a file was expected. Remove or rename it`,
  fsMissing: (verb: string, p: string, parent: string) => `cannot ${verb} ${p}: it does not exist (check that ${parent} exists and the path is spelled right)`,
  fsTooMany: (verb: string, p: string) => `cannot ${verb} ${p}: too many open files. Raise the limit (ulimit -n) and run again`,

  exportNeedsDense: () =>
    '--export writes dense feature matrices: the one-hot set (--features onehot) is sparse with thousands of columns; use --features dense',

  // register --lightgbm
  registerPolicyA: () => 'Policy A is the logistic regression; a LightGBM model can only become Policy B (--policy B)',
  registerNoSpec: (file: string) => `no FeatureSpec at ${file}: run the pipeline with --export first (it writes it), or pass --feature-spec <file>`,
  registerUnreadable: (file: string, reason: string) => `cannot read ${file}: ${reason}`,
  registerFeatureCount: (model: string, got: number, spec: string, want: number) =>
    `${model} has ${got} features but ${spec} makes ${want}: train on the features_*.parquet columns that --export wrote (all of them, in order)`,
  registerFeatureName: (model: string, j: number, got: string, want: string) =>
    `${model}: feature ${j} is '${got}' but the FeatureSpec's column ${j} is '${want}': train on the exported columns in their order (LightGBM keeps the DataFrame's column names)`,
  registered: (name: string, alias: string, version: string, file: string, trees: number) =>
    `registered ${name}@${alias} → v${version} (LightGBM model ${file}, ${trees} trees): the router serves it from its next reload (abt-router-demo serve polls), or run --steps router,simulate`,

  // combinations
  dataAndDataset: () => '--data and --dataset both given: pick one (a path/URL, or a named data set)',
  noData: () => 'no data given: pass --data <zip|dir|url> or --dataset <name> (or set ABT_ML100K to the ml-100k zip)',
  md5ParityWeights: (weights: readonly number[]) =>
    `--hash md5-parity splits users 50/50 by the parity of md5(userId) and cannot give --weights ${weights.map((w) => Number((w * 100).toFixed(2))).join(',')}: use --weights 50,50, or --hash v2 for other shares`,
  routerConfig: (flags: string, reason: string) => `${flags}: ${reason}`,
  trackingUriDatabase: (uri: string, engine: string) =>
    `--tracking-uri ${uri} is a ${engine} database URL: abt logs to an MLflow server in front of it, or to an SQLite file. Start one with 'mlflow server --backend-store-uri ${uri}' and pass its URL (e.g. --tracking-uri http://127.0.0.1:5000), or use sqlite:///<file>.db`,
  trackingUriDatabricks: (uri: string) =>
    `--tracking-uri ${uri}: abt cannot log to Databricks-managed MLflow directly; use an MLflow server URL (http(s)://host:port) or sqlite:///<file>.db`,
  trackingUriFileStore: (uri: string) =>
    `--tracking-uri ${uri}: MLflow's ./mlruns file store is not supported (MLflow 3.13+ refuses it too); use sqlite:///<file>.db or an MLflow server URL (http(s)://host:port)`,
  trackingUriUnknown: (uri: string) => `--tracking-uri ${uri}: use sqlite:///<file>.db or an MLflow server URL (http(s)://host:port)`,
  /** The replay simulation (src/simulate). */
  simulate: {
    badSetting: (name: string, value: unknown, allowed: string) => `simulation setting ${name} = ${JSON.stringify(value)}; expected ${allowed}`,
    emptyTest: () => 'the test period has no interactions to replay; check the prepare stage output (prepared/tables.json)',
    interrupted: (done: number, total: number) =>
      `replay interrupted after scoring ${done.toLocaleString('en')} of ${total.toLocaleString('en')} candidate rows`,
    armChanged: (userId: number, first: string, now: string) =>
      `user ${userId} was routed to ${first} and later to ${now}; the randomization unit is the user, so the router's assignment must be stable (sticky or hash-based)`,
    noReadout: (users: string, reason: string) =>
      `the online A/B readout cannot be computed from the replay (users per arm: ${users}): ${reason}. Use more data or different --weights.`,
    noArms: () => 'the router has fewer than two arms; an A/B readout needs two',
    routerLoad: (uri: string, reason: string) =>
      `could not load the registered router ${uri}: ${reason}. Run the 'router' stage first (--steps router,simulate).`,
  },
  /** The analyze CLI (src/analyze). */
  analyze: {
    metricsRequired: () => '--metrics <file> is required',
    sourceRequired: (flag: string) => `${flag} is required (or --from-stats <files>)`,
    fromStatsWithSources: () => '--from-stats reads a finished statistics table; --exposures and --events do not apply with it',
    fromStatsWithAsOf: () => '--as-of does not apply to --from-stats: emit the Spark SQL for that date (--engine spark --as-of <date>) and read its result',
    needConnection: () => 'the postgres engine needs --connection (e.g. postgres://user@host:5432/db)',
    connectionNotPostgres: (engine: string) => `--connection applies to --engine postgres, not ${engine}`,
    badAsOf: (value: string) => `--as-of ${value}: expected a date YYYY-MM-DD (UTC)`,
    badThreads: (value: string) => `--threads expects an integer ≥ 1, got '${value}'`,
    metricsUnreadable: (file: string, reason: string) => `cannot read the metrics file ${file}: ${reason}`,
    sparkNext: () =>
      'abt-analyze: run this Spark SQL where the data lives (spark.sql(...) or spark-sql -f), save the result (e.g. df.write.parquet("stats.parquet")), then: abt-analyze --from-stats "stats.parquet/*.parquet" --metrics <file>\n',
    written: (json: string, html: string, charts: number, run: string, runId: string, uri: string) =>
      `written: ${json}, ${html}, ${charts} charts; MLflow run ${run} (${runId}) at ${uri}`,
  },
} as const;
