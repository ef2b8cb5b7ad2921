import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { PipelineError } from '../errors';
import { messages } from '../messages';

/** What `abt-analyze` was asked to do, parsed once from argv. */
export type AnalyzeOptions = {
  readonly exposures: readonly string[];
  readonly events: readonly string[];
  readonly metrics: string;
  readonly engine: 'duckdb' | 'postgres' | 'spark';
  readonly connection?: string;
  readonly asOf?: string;
  readonly showSql: boolean;
  readonly json: boolean;
  readonly trackingUri?: string;
  readonly experiment: string;
  readonly runName: string;
  readonly fromStats?: readonly string[];
  readonly out: string;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly threads?: number;
  readonly memoryLimit?: string;
};

const ENGINES = ['duckdb', 'postgres', 'spark'] as const;

/** The options table of the analyze CLI: flag, help text (with its default). */
function analyzeCommand(): Command {
  return new Command('abt-analyze')
    .description(
      'Analyze an A/B experiment from its exposures and outcome events where they live: the metrics file is compiled to SQL, ' +
        'the database returns sufficient statistics per arm and day, and the readout (SRM and health checks, fixed-horizon and ' +
        'sequential tests, CUPED, Bayesian figures, power) is printed, written and logged to MLflow as the run AB_Online.',
    )
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .addOption(
      new Option('--exposures <source...>', 'exposure log: file globs (NDJSON v1/v2 with rotated .1 .2 …, Parquet, CSV), table:<name> or sql:<SELECT …>'),
    )
    .addOption(new Option('--events <source...>', 'outcome events: file globs (NDJSON, CSV, Parquet), table:<name> or sql:<SELECT …>'))
    .addOption(new Option('--metrics <file>', 'metrics file (YAML or JSON): experiment arms, column mapping, metrics, dimensions'))
    .addOption(
      new Option('--engine <name>', 'where the SQL runs: duckdb (embedded, files in place), postgres (--connection), spark (prints the Spark SQL)')
        .choices(ENGINES)
        .default('duckdb'),
    )
    .addOption(new Option('--connection <url>', 'database URL for --engine postgres (postgres://user@host:5432/db)'))
    .addOption(new Option('--as-of <date>', 'the readout as it stood at the end of this UTC day (YYYY-MM-DD)'))
    .addOption(new Option('--show-sql', 'print the query for the engine and exit (audit a number)').default(false))
    .addOption(new Option('--json', 'print the readout as JSON on stdout (nothing else on stdout)').default(false))
    .addOption(
      new Option('--tracking-uri <uri>', 'MLflow tracking URI (sqlite:///… or http(s)://…); default $MLFLOW_TRACKING_URI or sqlite:///<out>/mlflow.db'),
    )
    .addOption(new Option('--experiment <name>', 'MLflow experiment of the run').default('abtest_movielens'))
    .addOption(new Option('--run-name <name>', 'MLflow run name').default('AB_Online'))
    .addOption(
      new Option('--from-stats <files...>', 'read the statistics table the Spark SQL produced (Parquet, CSV with header or NDJSON) instead of running a query'),
    )
    .addOption(new Option('--out <dir>', 'where analysis.json, report.html, charts and the default MLflow database go').default('abt-analysis'))
    .addOption(new Option('--threads <n>', 'DuckDB threads (default: all cores)'))
    .addOption(new Option('--memory-limit <size>', "DuckDB memory limit, e.g. '3GB' (default: DuckDB's)"))
    .addOption(new Option('--quiet', 'print nothing but errors (and --json output)').default(false))
    .addOption(new Option('--verbose', 'stack traces on errors').default(false))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  pnpm run analyze --exposures "logs/exposures.ndjson*" --events logs/events.ndjson --metrics metrics.yaml\n' +
        '  pnpm run analyze --engine postgres --connection postgres://me@db:5432/wh --exposures table:ab.exposures --events table:ab.events --metrics metrics.yaml\n' +
        '  pnpm run analyze --engine spark --exposures table:ab.exposures --events table:ab.events --metrics metrics.yaml > stats.sql   # run it on Spark, save the result as Parquet\n' +
        '  pnpm run analyze --from-stats "stats.parquet/*.parquet" --metrics metrics.yaml\n' +
        'Formats: @abt/eval README, "Experiment analysis". Exit codes: 0 ok, 2 usage/metrics file, 3 data/database, 4 tracking, 1 other, 130 interrupted.',
    );
}

/** argv → options; a bad flag is a usage error naming it. Help and version are CommanderErrors for the caller. */
export function parseAnalyzeArgs(argv: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): AnalyzeOptions {
  const program = analyzeCommand();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') throw e;
      throw new PipelineError('usage', e.message.replace(/^error: /, ''));
    }
    throw e;
  }
  const o = program.opts<Record<string, unknown>>();
  const abs = (p: string) =>
    /^(table|sql):/.test(p)
      ? p
      : p.replace(/^((?:ndjson|parquet|csv):)?(.*)$/, (_m, pre: string | undefined, rest: string) => `${pre ?? ''}${path.resolve(cwd, rest)}`);
  if (typeof o.metrics !== 'string') throw new PipelineError('usage', messages.analyze.metricsRequired());
  const fromStats = o.fromStats as string[] | undefined;
  const showOnly = Boolean(o.showSql) || (o.engine === 'spark' && !fromStats);
  if (!fromStats && (!o.exposures || !o.events)) throw new PipelineError('usage', messages.analyze.sourceRequired(!o.exposures ? '--exposures' : '--events'));
  if (fromStats && o.asOf) throw new PipelineError('usage', messages.analyze.fromStatsWithAsOf());
  if (fromStats && (o.exposures || o.events)) throw new PipelineError('usage', messages.analyze.fromStatsWithSources());
  if (o.engine === 'postgres' && !o.connection && !showOnly) throw new PipelineError('usage', messages.analyze.needConnection());
  if (o.connection && o.engine !== 'postgres') throw new PipelineError('usage', messages.analyze.connectionNotPostgres(String(o.engine)));
  if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(o.asOf))) throw new PipelineError('usage', messages.analyze.badAsOf(String(o.asOf)));
  let threads: number | undefined;
  if (o.threads !== undefined) {
    threads = Number(o.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new PipelineError('usage', messages.analyze.badThreads(String(o.threads)));
  }
  return {
    exposures: ((o.exposures as string[] | undefined) ?? []).map(abs),
    events: ((o.events as string[] | undefined) ?? []).map(abs),
    metrics: path.resolve(cwd, o.metrics),
    engine: o.engine as AnalyzeOptions['engine'],
    ...(o.connection ? { connection: String(o.connection) } : {}),
    ...(o.asOf ? { asOf: String(o.asOf) } : {}),
    showSql: Boolean(o.showSql),
    json: Boolean(o.json),
    ...(o.trackingUri ? { trackingUri: String(o.trackingUri) } : {}),
    experiment: String(o.experiment),
    runName: String(o.runName),
    ...(fromStats ? { fromStats: fromStats.map(abs) } : {}),
    out: path.resolve(cwd, String(o.out)),
    quiet: Boolean(o.quiet),
    verbose: Boolean(o.verbose),
    ...(threads !== undefined ? { threads } : {}),
    ...(o.memoryLimit ? { memoryLimit: String(o.memoryLimit) } : {}),
  };
}
