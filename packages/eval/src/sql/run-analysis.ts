import { checkArity, checkKeys, keysOf } from '../check-args';
import { compileAnalysis, SOURCES_KEYS } from './compile-analysis';
import type { QueryOptions, SqlEngine } from './engines/engine';
import { AnalysisSourceError } from './errors';
import { sqlMessages } from './messages';
import type { MetricsSpec } from './metrics-spec';
import { readoutFromStats, type AnalysisReadout } from './readout-from-stats';
import { parseSource, type DataSource } from './sources';
import { readStatsRows, type AnalysisStats } from './stats-table';

export interface RunAnalysisOptions extends QueryOptions {
  /** Readout as it stood at the end of this UTC day (YYYY-MM-DD). */
  readonly asOf?: string;
}

export interface AnalysisRun {
  readonly sql: string;
  readonly stats: AnalysisStats;
  readonly readout: AnalysisReadout;
  /** Seconds the query took. */
  readonly querySeconds: number;
}

/** `--as-of YYYY-MM-DD` → the end of that UTC day in Unix seconds and its day number. */
export function asOfBounds(asOf: string): { end: number; lastDay: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const start = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : Number.NaN;
  if (!Number.isFinite(start) || new Date(start * 1000).toISOString().slice(0, 10) !== asOf) throw new AnalysisSourceError(sqlMessages.badAsOf(asOf));
  return { end: start + 86_400, lastDay: start / 86_400 };
}

/**
 * The whole analysis where the data lives: compiles the metrics file for the engine, runs the one query (only
 * the sufficient statistics come back), and computes the readout from them.
 */
export async function runAnalysis(
  spec: MetricsSpec,
  sources: { exposures: DataSource; events: DataSource },
  engine: SqlEngine,
  options: RunAnalysisOptions = {},
): Promise<AnalysisRun> {
  const where = 'runAnalysis';
  checkArity(where, arguments, ['spec', 'sources', 'engine', 'options']);
  checkKeys(where, 'sources', sources, SOURCES_KEYS);
  checkKeys(where, 'options', options, keysOf<RunAnalysisOptions>({ asOf: true, onProgress: true, progressIntervalMs: true, signal: true }));
  const bounds = options.asOf !== undefined ? asOfBounds(options.asOf) : undefined;
  const { sql } = compileAnalysis(spec, sources, engine.dialect, bounds ? { asOfEnd: bounds.end } : {});
  if (engine.name === 'duckdb') await checkFilesExist(engine, sources);
  const started = performance.now();
  const rows = await engine.query(sql, {
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const querySeconds = (performance.now() - started) / 1000;
  const stats = readStatsRows(rows, spec, `${engine.name} query`);
  return { sql, stats, readout: readoutFromStats(spec, stats, bounds ? { lastDay: bounds.lastDay } : {}), querySeconds };
}

/** Every glob must match a file: a typo otherwise reads as an experiment without events. */
async function checkFilesExist(engine: SqlEngine, sources: Readonly<Record<string, DataSource>>): Promise<void> {
  for (const [role, source] of Object.entries(sources)) {
    if (source.kind !== 'files') continue;
    for (const pattern of source.patterns) {
      const rows = await engine.query(`SELECT COUNT(*) AS n FROM glob(${engine.dialect.string(pattern)})`);
      if (Number(rows[0]?.n ?? 0) === 0) throw new AnalysisSourceError(sqlMessages.noFiles(role, pattern));
    }
  }
}

/**
 * The readout from a statistics table someone else's engine produced (the Spark SQL of `--engine spark`,
 * saved as Parquet, CSV with a header, or NDJSON): read with DuckDB, checked against the metrics file.
 */
export async function analyzeStatsFile(
  spec: MetricsSpec,
  patterns: string | readonly string[],
  engine: SqlEngine,
): Promise<{ stats: AnalysisStats; readout: AnalysisReadout }> {
  const where = 'analyzeStatsFile';
  // No as-of here: quantile caps and units that switch arms later depend on the cut-off, so the Spark SQL
  // itself is emitted for the date (`--engine spark --as-of`).
  checkArity(where, arguments, ['spec', 'patterns', 'engine']);
  const source = parseSource('from-stats', patterns);
  const label = typeof patterns === 'string' ? patterns : patterns.join(' ');
  if (source.kind !== 'files') throw new AnalysisSourceError(sqlMessages.statsNotFile(label));
  await checkFilesExist(engine, { 'from-stats': source } as never);
  const rel =
    source.format === 'parquet'
      ? `read_parquet(${patternList(engine, source.patterns)}, union_by_name = true)`
      : source.format === 'csv'
        ? `read_csv(${patternList(engine, source.patterns)}, header = true, union_by_name = true)`
        : `read_json_auto(${patternList(engine, source.patterns)}, format = 'newline_delimited')`;
  const rows = await engine.query(`SELECT * FROM ${rel}`);
  const stats = readStatsRows(rows, spec, label);
  return { stats, readout: readoutFromStats(spec, stats) };
}

const patternList = (engine: SqlEngine, patterns: readonly string[]) => `[${patterns.map((p) => engine.dialect.string(p)).join(', ')}]`;
