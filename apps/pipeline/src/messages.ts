/** Every user-facing message of the pipeline CLI, as functions (tests assert on them); `simulate` holds the replay simulation's. */
export const messages = {
  upstreamMissing: (stage: string, by: string, out: string) =>
    `stage '${by}' needs the outputs of '${stage}', which has not run in ${out}. Run it first: --steps ${stage},${by} (or run every stage without --steps).`,
  stageUnavailable: (name: string) => `stage '${name}' is not available in this build`,
  interruptedDuring: (name: string) => `interrupted during '${name}'; its outputs were not recorded, rerun to resume`,
  interruptedTraining: (policy: string) => `interrupted while training ${policy}`,
  workerFailed: (policy: string, reason: string) => `training ${policy} in a worker thread failed: ${reason}`,
  workerExited: (policy: string, code: number) => `the worker thread training ${policy} exited with code ${code}`,
  noData: () => 'no data given: pass --data <zip|dir|url> or --dataset <name> (or set ABT_ML100K to the ml-100k zip)',
  dataAndDataset: () => '--data and --dataset both given: pick one (a path/URL, or a named data set)',
  configUnreadable: (file: string, reason: string) => `cannot read config file ${file}: ${reason}`,
  configNotJson: (file: string, reason: string) => `config file ${file} is not valid JSON: ${reason}`,
  unknownStages: (unknown: readonly string[], stages: readonly string[]) =>
    `--steps: unknown stage(s) ${unknown.map((s) => `'${s}'`).join(', ')}; the stages are ${stages.join(', ')}`,
  notANumber: (flag: string, value: string) => `${flag} expects a number, got '${value}'`,
  /** The replay simulation (src/simulate). */
  simulate: {
    badSetting: (name: string, value: unknown, allowed: string) => `simulation setting ${name} = ${JSON.stringify(value)}; expected ${allowed}`,
    emptyTest: () => 'the test period has no interactions to replay; check the prepare stage output (prepared/tables.json)',
    interrupted: (done: number, total: number) => `replay interrupted after scoring ${done.toLocaleString('en')} of ${total.toLocaleString('en')} candidate rows`,
    armChanged: (userId: number, first: string, now: string) =>
      `user ${userId} was routed to ${first} and later to ${now}; the randomization unit is the user, so the router's assignment must be stable (sticky or hash-based)`,
    noReadout: (users: string, reason: string) =>
      `the online A/B readout cannot be computed from the replay (users per arm: ${users}): ${reason}. Use more data or different --weights.`,
    noArms: () => 'the router has fewer than two arms; an A/B readout needs two',
    routerLoad: (uri: string, reason: string) => `could not load the registered router ${uri}: ${reason}. Run the 'router' stage first (--steps router,simulate).`,
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
    written: (json: string, html: string, charts: number, run: string, runId: string, uri: string) => `written: ${json}, ${html}, ${charts} charts; MLflow run ${run} (${runId}) at ${uri}`,
  },
} as const;
