import { checkArity, checkKeys, keysOf } from '../../check-args';
import { duckdbDialect } from '../dialect';
import { AnalysisSourceError, SqlEngineError } from '../errors';
import { sqlMessages } from '../messages';
import { plainValue, type QueryOptions, type SqlEngine, type SqlRow } from './engine';

export interface DuckDbEngineOptions {
  /** Database file; default in memory (files are read in place either way). */
  readonly path?: string;
  /** DuckDB's `threads` setting; default DuckDB's (all cores). */
  readonly threads?: number;
  /** DuckDB's `memory_limit`, e.g. '3GB'; default DuckDB's (80 % of RAM). Spills to `temp_directory` past it. */
  readonly memoryLimit?: string;
}

type DuckDbModule = typeof import('@duckdb/node-api');

async function loadDuckDb(): Promise<DuckDbModule> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw new SqlEngineError(sqlMessages.peerMissing('duckdb', '@duckdb/node-api'), 'duckdb', { cause: e });
  }
}

/** Embedded DuckDB (`@duckdb/node-api`, an optional peer): reads NDJSON, Parquet and CSV files in place. UTC session time zone. */
export async function createDuckDbEngine(options: DuckDbEngineOptions = {}): Promise<SqlEngine> {
  checkArity('createDuckDbEngine', arguments, ['options']);
  checkKeys('createDuckDbEngine', 'options', options, keysOf<DuckDbEngineOptions>({ path: true, threads: true, memoryLimit: true }));
  const duck = await loadDuckDb();
  let connection: Awaited<ReturnType<Awaited<ReturnType<DuckDbModule['DuckDBInstance']['create']>>['connect']>>;
  let instance: Awaited<ReturnType<DuckDbModule['DuckDBInstance']['create']>>;
  try {
    instance = await duck.DuckDBInstance.create(options.path ?? ':memory:');
    connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    // Row order never matters to the analysis; without it large scans and aggregations need less memory.
    await connection.run('SET preserve_insertion_order = false');
    if (options.threads !== undefined) await connection.run(`SET threads = ${Math.max(1, Math.floor(options.threads))}`);
    if (options.memoryLimit !== undefined) await connection.run(`SET memory_limit = '${options.memoryLimit.replace(/'/g, '')}'`);
  } catch (e) {
    throw new SqlEngineError(sqlMessages.connectFailed('duckdb', options.path ?? ':memory:', (e as Error).message), 'duckdb', { cause: e });
  }
  let closed = false;
  return {
    kind: 'sql-engine',
    name: 'duckdb',
    dialect: duckdbDialect,
    async query(sql: string, q: QueryOptions = {}): Promise<SqlRow[]> {
      const started = Date.now();
      const timer = q.onProgress
        ? setInterval(() => {
            const p = connection.progress;
            q.onProgress!(p && p.percentage >= 0 ? p.percentage / 100 : null, (Date.now() - started) / 1000);
          }, q.progressIntervalMs ?? 500)
        : undefined;
      const abort = () => connection.interrupt();
      q.signal?.addEventListener('abort', abort);
      try {
        const reader = await connection.runAndReadAll(sql);
        return reader.getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainValue(v)])));
      } catch (e) {
        const message = (e as Error).message;
        const missing = /No files found that match the pattern "([^"]+)"/.exec(message);
        if (missing)
          throw new AnalysisSourceError(sqlMessages.noFiles(/read_json/.test(message) ? 'events or --exposures' : 'exposures or --events', missing[1]!), {
            cause: e,
          });
        throw new SqlEngineError(sqlMessages.queryFailed('duckdb', message.split('\n')[0]!), 'duckdb', { cause: e });
      } finally {
        if (timer) clearInterval(timer);
        q.signal?.removeEventListener('abort', abort);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}
