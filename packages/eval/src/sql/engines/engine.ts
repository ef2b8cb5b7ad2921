import type { EngineName, SqlDialect } from '../dialect';

/** A plain row: numbers (64-bit integers converted), strings, booleans or null. */
export type SqlRow = Readonly<Record<string, number | string | boolean | null>>;

export interface QueryOptions {
  /** Called about every `progressIntervalMs` while the query runs: fraction done (null when the engine cannot tell) and seconds so far. */
  readonly onProgress?: (fraction: number | null, seconds: number) => void;
  readonly progressIntervalMs?: number;
  /** Aborting interrupts the query. */
  readonly signal?: AbortSignal;
}

/** An engine that runs the analysis query where the data lives; implemented per database, created by a factory. */
export interface SqlEngine {
  readonly kind: 'sql-engine';
  readonly name: EngineName;
  readonly dialect: SqlDialect;
  /** Runs one statement and returns its rows. Database errors become `SqlEngineError` (or `AnalysisSourceError` for missing files). */
  query(sql: string, options?: QueryOptions): Promise<SqlRow[]>;
  /** Releases the connection; idempotent. */
  close(): Promise<void>;
}

/** 64-bit integers and decimals as numbers (the statistics are doubles; counts stay exact below 2⁵³). */
export function plainValue(v: unknown): number | string | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && typeof (v as { toDouble?: unknown }).toDouble === 'function') return (v as { toDouble(): number }).toDouble();
  return String(v);
}
