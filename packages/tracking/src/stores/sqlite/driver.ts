import { createRequire } from 'node:module';
import { checkCall } from '../../arguments';
import { MissingPeerError } from '../../errors';
import { messages } from '../../messages';

/** A prepared statement: the three calls abt uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The raw connection surface abt needs from an SQLite library (better-sqlite3 shaped). */
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { (...args: A): R; immediate(...args: A): R };
  close(): void;
  readonly open: boolean;
}

/** Opens a connection; injected so tests and hosts can swap the SQLite library. */
export type SqliteDriver = (path: string, options: { readonly?: boolean; timeoutMs: number }) => SqliteConnection;

type BetterSqlite3Constructor = new (path: string, options: { readonly: boolean; timeout: number }) => unknown;

/** The optional peer that opens SQLite files; the REST and memory stores never need it. */
const SQLITE_PEER = 'better-sqlite3';
const SQLITE_FEATURE = 'the SQLite store (sqlite:///<path>.db)';

let loaded: BetterSqlite3Constructor | undefined;

/**
 * better-sqlite3, required on first use rather than imported: it is an optional peer (a native
 * compile of about a minute), so `@abt/tracking` installs and loads without it and only opening an
 * SQLite database needs it. Synchronous (`require`), because opening a database is.
 */
function loadBetterSqlite3(): BetterSqlite3Constructor {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  try {
    loaded = require(SQLITE_PEER) as BetterSqlite3Constructor;
  } catch (e) {
    const code = (e as { code?: string }).code;
    // Only the peer itself missing; a broken install of it (a failed native build) is another problem.
    if (code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(`'${SQLITE_PEER}'`))
      throw new MissingPeerError(SQLITE_PEER, SQLITE_FEATURE, messages.missingPeer(SQLITE_PEER, SQLITE_FEATURE), { cause: e });
    throw e;
  }
  return loaded;
}

/** better-sqlite3 12.x (the chosen embedded engine), an optional peer loaded on the first open. */
export const betterSqlite3Driver: SqliteDriver = (...args: Parameters<SqliteDriver>) => {
  checkCall('betterSqlite3Driver', args, 2, { 1: ['readonly', 'timeoutMs'] });
  const [path, options] = args;
  const BetterSqlite3 = loadBetterSqlite3();
  return new BetterSqlite3(path, { readonly: options.readonly ?? false, timeout: options.timeoutMs }) as SqliteConnection;
};
