import BetterSqlite3 from 'better-sqlite3';
import { checkCall } from '../../arguments';

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

/** better-sqlite3 12.x (the chosen embedded engine). */
export const betterSqlite3Driver: SqliteDriver = (...args: Parameters<SqliteDriver>) => {
  checkCall('betterSqlite3Driver', args, 2, { 1: ['readonly', 'timeoutMs'] });
  const [path, options] = args;
  return new BetterSqlite3(path, { readonly: options.readonly ?? false, timeout: options.timeoutMs }) as unknown as SqliteConnection;
};
