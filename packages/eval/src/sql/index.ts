// @abt/eval/sql — experiment analysis where the data lives: a metrics file compiled to one SQL query per engine
// (DuckDB embedded, PostgreSQL, Spark SQL emitted), sufficient statistics back, @abt/eval's readout on them.
// The engines' client packages (@duckdb/node-api, pg) are optional peers, loaded when an engine is created.

export { parseMetricsFile } from './parse-metrics-file';
export { metricsFileSchema } from './metrics-schema';
export type { MetricsSpec, MetricSpec, MetricType, Measure, Cap, CupedSpec, ExposureColumns, EventColumns, TimeFormat, AnalysisSettings } from './metrics-spec';
export { DEFAULT_EXPOSURE_COLUMNS, DEFAULT_EVENT_COLUMNS, eventNamesOf } from './metrics-spec';
export { parseSource, formatOfPath, type DataSource, type FileFormat } from './sources';
export { DIALECTS, duckdbDialect, postgresDialect, sparkDialect, type SqlDialect, type EngineName, type SourceColumn } from './dialect';
export { compileAnalysis, type CompileOptions, type CompiledAnalysis } from './compile-analysis';
export { statsColumnsOf, type StatsColumn } from './stats-columns';
export { readStatsRows, type AnalysisStats, type SliceStats, type HealthCount } from './stats-table';
export {
  readoutFromStats,
  type AnalysisReadout,
  type SliceReadout,
  type MetricReadout,
  type ArmFigure,
  type TimelineDay,
  type ReadoutOptions,
} from './readout-from-stats';
export { analysisTrackingMetrics, analysisCheckpointSeries, analysisSummaryLines, analysisSection, primaryTimeline } from './readout-outputs';
export { healthReport, type HealthReport, type HealthCheck } from './health';
export { healthMessages } from './health-messages';
export { runAnalysis, analyzeStatsFile, asOfBounds, type RunAnalysisOptions, type AnalysisRun } from './run-analysis';
export type { SqlEngine, SqlRow, QueryOptions } from './engines/engine';
export { createDuckDbEngine, type DuckDbEngineOptions } from './engines/duckdb-engine';
export { createPostgresEngine, type PostgresEngineOptions } from './engines/postgres-engine';
export { MetricsFileError, AnalysisSourceError, SqlEngineError, type MetricsFileLocation } from './errors';
export { sqlMessages } from './messages';
