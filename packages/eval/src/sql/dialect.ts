import { AnalysisSourceError } from './errors';
import { sqlMessages } from './messages';
import type { TimeFormat } from './metrics-spec';
import type { DataSource } from './sources';

export type EngineName = 'duckdb' | 'postgres' | 'spark';

/** A column the analysis reads from a file source, with the type it needs (NDJSON readers take a schema). */
export interface SourceColumn {
  readonly name: string;
  readonly type: 'text' | 'double' | 'boolean';
}

/**
 * Everything that differs between the engines' SQL: quoting, types, time arithmetic, percentiles and how
 * files are read. The compiler writes one query through this, so DuckDB, PostgreSQL and Spark SQL run the
 * same logic (one query text per engine, not three hand-kept copies).
 */
export interface SqlDialect {
  readonly name: EngineName;
  ident(name: string): string;
  string(value: string): string;
  readonly text: string;
  readonly double: string;
  /** `MATERIALIZED` where the engine takes the hint (a CTE read twice is computed once). */
  readonly materialized: string;
  /** `NOT MATERIALIZED` where the engine would otherwise materialize a CTE read twice (DuckDB does). */
  readonly notMaterialized: string;
  /** A unique integer per row of a query (a compact join/group key; any unique values do). */
  readonly rowKey: string;
  /** Unix seconds (double) of a time column stored as `format`. */
  epochSeconds(expr: string, format: TimeFormat): string;
  /** Continuous percentile (linear interpolation) of `expr` over a group. */
  percentile(expr: string, q: number): string;
  /** A FROM-able relation for a source. */
  relation(source: DataSource, role: string, columns: readonly SourceColumn[]): string;
}

const dq = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sq = (value: string) => `'${value.replace(/'/g, "''")}'`;
const list = (patterns: readonly string[]) => `[${patterns.map(sq).join(', ')}]`;
const qualified = (name: string, quote: (s: string) => string) =>
  name
    .split('.')
    .map((p) => quote(p.trim()))
    .join('.');
const numberLiteral = (v: number) => (Number.isInteger(v) ? `${v}` : `${v}`);

function commonRelation(source: DataSource, quote: (s: string) => string): string | undefined {
  if (source.kind === 'table') return qualified(source.name, quote);
  if (source.kind === 'query') return `(${source.sql})`;
  return undefined;
}

export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  ident: dq,
  string: sq,
  text: 'VARCHAR',
  double: 'DOUBLE',
  materialized: 'MATERIALIZED ',
  notMaterialized: 'NOT MATERIALIZED ',
  rowKey: 'row_number() OVER ()',
  epochSeconds: (e, f) => (f === 'iso' ? `epoch(CAST(${e} AS TIMESTAMPTZ))` : f === 'epoch_s' ? `CAST(${e} AS DOUBLE)` : `CAST(${e} AS DOUBLE) / 1000`),
  percentile: (e, q) => `quantile_cont(${e}, ${numberLiteral(q)})`,
  relation(source, _role, columns) {
    const common = commonRelation(source, dq);
    if (common) return common;
    if (source.kind !== 'files') throw new Error('unreachable');
    if (source.format === 'parquet') return `read_parquet(${list(source.patterns)}, union_by_name = true)`;
    if (source.format === 'csv') return `read_csv(${list(source.patterns)}, header = true, union_by_name = true)`;
    // An explicit schema: abt's logs mix v1 and v2 lines and ids that are strings or numbers.
    const types = { text: 'VARCHAR', double: 'DOUBLE', boolean: 'BOOLEAN' } as const;
    const schema = columns.map((c) => `${sq(c.name)}: ${sq(types[c.type])}`).join(', ');
    return `read_json(${list(source.patterns)}, format = 'newline_delimited', columns = {${schema}})`;
  },
};

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  ident: dq,
  string: sq,
  text: 'TEXT',
  double: 'DOUBLE PRECISION',
  // Inlined CTEs keep the tables' statistics for the planner; a materialized one is estimated blind.
  materialized: '',
  notMaterialized: '',
  rowKey: 'row_number() OVER ()',
  epochSeconds: (e, f) =>
    f === 'iso'
      ? `CAST(EXTRACT(EPOCH FROM CAST(${e} AS TIMESTAMPTZ)) AS DOUBLE PRECISION)`
      : f === 'epoch_s'
        ? `CAST(${e} AS DOUBLE PRECISION)`
        : `CAST(${e} AS DOUBLE PRECISION) / 1000`,
  percentile: (e, q) => `percentile_cont(${numberLiteral(q)}) WITHIN GROUP (ORDER BY ${e})`,
  relation(source, role) {
    const common = commonRelation(source, dq);
    if (common) return common;
    throw new AnalysisSourceError(sqlMessages.engineCannotReadFiles('postgres', role, source.kind === 'files' ? source.format : source.kind));
  },
};

const bq = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export const sparkDialect: SqlDialect = {
  name: 'spark',
  ident: bq,
  // Spark SQL string literals take backslash escapes.
  string: (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  text: 'STRING',
  double: 'DOUBLE',
  materialized: '',
  notMaterialized: '',
  // Unique without moving every row to one partition (row_number() OVER () would).
  rowKey: 'monotonically_increasing_id()',
  // unix_micros counts from the instant, so the session time zone does not matter for ISO text with an offset.
  epochSeconds: (e, f) =>
    f === 'iso' ? `CAST(unix_micros(CAST(${e} AS TIMESTAMP)) AS DOUBLE) / 1000000` : f === 'epoch_s' ? `CAST(${e} AS DOUBLE)` : `CAST(${e} AS DOUBLE) / 1000`,
  percentile: (e, q) => `percentile(${e}, ${numberLiteral(q)})`,
  relation(source, role) {
    const common = commonRelation(source, bq);
    if (common) return common;
    if (source.kind !== 'files') throw new Error('unreachable');
    if (source.format === 'csv') throw new AnalysisSourceError(sqlMessages.engineCannotReadFiles('spark', role, 'csv'));
    const reader = source.format === 'parquet' ? 'parquet' : 'json';
    const parts = source.patterns.map((p) => `SELECT * FROM ${reader}.${bq(p)}`);
    return parts.length === 1 ? `(${parts[0]})` : `(${parts.join(' UNION ALL ')})`;
  },
};

export const DIALECTS: Readonly<Record<EngineName, SqlDialect>> = { duckdb: duckdbDialect, postgres: postgresDialect, spark: sparkDialect };
