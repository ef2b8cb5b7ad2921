import { checkArity, checkKeys, keysOf } from '../../check-args';
import { postgresDialect } from '../dialect';
import { SqlEngineError } from '../errors';
import { sqlMessages } from '../messages';
import { plainValue, type QueryOptions, type SqlEngine, type SqlRow } from './engine';

export interface PostgresEngineOptions {
  /** A `postgres://` or `postgresql://` URL. */
  readonly connection: string;
  /** Per-statement timeout in ms (PostgreSQL's `statement_timeout`); default none. */
  readonly statementTimeoutMs?: number;
}

type PgModule = typeof import('pg');

async function loadPg(): Promise<PgModule> {
  try {
    const mod = (await import('pg')) as PgModule & { default?: PgModule };
    return mod.default ?? mod;
  } catch (e) {
    throw new SqlEngineError(sqlMessages.peerMissing('postgres', 'pg'), 'postgres', { cause: e });
  }
}

/** The connection URL without its password, for messages. */
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

/**
 * PostgreSQL through `pg` (an optional peer). One client, UTC session; int8 and numeric come back as numbers.
 * Progress: PostgreSQL cannot tell how far a query is, so `onProgress` gets null and the seconds so far.
 */
export async function createPostgresEngine(options: PostgresEngineOptions): Promise<SqlEngine> {
  checkArity('createPostgresEngine', arguments, ['options']);
  checkKeys('createPostgresEngine', 'options', options, keysOf<PostgresEngineOptions>({ connection: true, statementTimeoutMs: true }));
  if (!options || !/^postgres(ql)?:\/\//.test(options.connection ?? ''))
    throw new SqlEngineError(sqlMessages.badConnection(String(options?.connection)), 'postgres');
  const pg = await loadPg();
  const parseNumber = (v: string) => Number(v);
  const types = {
    getTypeParser: (oid: number, format?: string) => (oid === 20 || oid === 1700 ? parseNumber : pg.types.getTypeParser(oid, format as 'text')),
  };
  const client = new pg.Client({ connectionString: options.connection, types: types as never });
  try {
    await client.connect();
    await client.query("SET TIME ZONE 'UTC'");
    // The analysis joins intermediate results (CTEs) whose sizes the planner cannot estimate; it then picks
    // nested loops that take quadratic time. Hash and merge joins are right for every join of this query.
    await client.query('SET enable_nestloop = on');
    if (options.statementTimeoutMs !== undefined) await client.query(`SET statement_timeout = ${Math.floor(options.statementTimeoutMs)}`);
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new SqlEngineError(sqlMessages.connectFailed('postgres', redact(options.connection), (e as Error).message), 'postgres', { cause: e });
  }
  let closed = false;
  return {
    kind: 'sql-engine',
    name: 'postgres',
    dialect: postgresDialect,
    async query(sql: string, q: QueryOptions = {}): Promise<SqlRow[]> {
      const started = Date.now();
      const timer = q.onProgress ? setInterval(() => q.onProgress!(null, (Date.now() - started) / 1000), q.progressIntervalMs ?? 500) : undefined;
      const abort = () => {
        // Cancelling needs a second connection (pg_cancel_backend); closing ours ends the query too.
        void client.end().catch(() => undefined);
      };
      q.signal?.addEventListener('abort', abort);
      try {
        const result = await client.query({ text: sql, rowMode: 'array' });
        const names = result.fields.map((f) => f.name);
        return result.rows.map((r: unknown[]) => Object.fromEntries(names.map((n, i) => [n, plainValue(r[i])])));
      } catch (e) {
        throw new SqlEngineError(sqlMessages.queryFailed('postgres', (e as Error).message), 'postgres', { cause: e });
      } finally {
        if (timer) clearInterval(timer);
        q.signal?.removeEventListener('abort', abort);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}
