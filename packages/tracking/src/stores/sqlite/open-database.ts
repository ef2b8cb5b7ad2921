import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MissingPeerError, TrackingError } from '../../errors';
import { messages } from '../../messages';
import { betterSqlite3Driver, type SqliteConnection, type SqliteDriver, type SqliteStatement } from './driver';
import { ALEMBIC_HEAD, DEFAULT_WORKSPACE, REQUIRED_COLUMNS, SCHEMA_DDL, SEED_SQL, TESTED_REVISIONS } from './schema';
import { checkCall } from '../../arguments';
import { OPEN_DATABASE_KEYS } from '../../call-specs';

export interface OpenMlflowDatabaseOptions {
  /** SQLite library behind a tiny type (default better-sqlite3, an optional peer: MissingPeerError when absent). */
  driver?: SqliteDriver;
  /**
   * Artifact root (default `./mlruns`, made absolute): experiment 0's of a new database, and — when
   * given — of every experiment the store creates without a location (MLflow's `default_artifact_root`).
   */
  artifactRoot?: string;
  /** Busy timeout in ms (default 20 000, MLflow's `PRAGMA busy_timeout`). */
  busyTimeoutMs?: number;
  /** Receives warnings (untested alembic revision). Default console.warn. */
  warn?: (message: string) => void;
  /**
   * `PRAGMA synchronous` (default 'NORMAL': in WAL mode a crashed or killed process never
   * corrupts the file or loses a committed batch; only an OS crash or power cut may drop the last
   * commits. 'FULL' fsyncs every commit, as MLflow's default rollback journal does).
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** Clock for experiment 0's creation time. */
  now?: () => number;
}

/** An open MLflow database: the handle @abt/tracking and @abt/registry share. */
export interface MlflowDatabase {
  /** Absolute file path. */
  readonly path: string;
  /** The `alembic_version` row found (or written). */
  readonly alembicRevision: string;
  /** Cached prepared statement. */
  prepare(sql: string): SqliteStatement;
  run(sql: string, ...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  exec(sql: string): void;
  /**
   * Runs `fn` in one IMMEDIATE transaction (takes the write lock up front, so two writers
   * wait on the busy timeout instead of deadlocking). Nested calls join the outer one.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
  readonly open: boolean;
}

/** Strips a `sqlite://` URI to a file path (`sqlite:///rel.db`, `sqlite:////abs.db`). */
export function sqlitePathFromUri(uri: string): string {
  checkCall('sqlitePathFromUri', arguments, 1);
  if (!uri.startsWith('sqlite:')) return uri;
  const rest = uri.slice('sqlite:'.length);
  if (!rest.startsWith('///')) throw new TrackingError('INVALID_URI', messages.badUri(uri, "expected 'sqlite:///<path>'"));
  const path = rest.slice(3).split('?')[0]!;
  if (path === '' || path === ':memory:')
    throw new TrackingError('INVALID_URI', messages.badUri(uri, 'an in-memory SQLite database cannot be shared; use a file'));
  return path;
}

class Database implements MlflowDatabase {
  readonly path: string;
  alembicRevision = '';
  readonly #conn: SqliteConnection;
  readonly #cache = new Map<string, SqliteStatement>();
  #depth = 0;

  constructor(path: string, conn: SqliteConnection) {
    this.path = path;
    this.#conn = conn;
  }
  get open(): boolean {
    return this.#conn.open;
  }
  prepare(sql: string): SqliteStatement {
    let st = this.#cache.get(sql);
    if (!st) {
      st = this.#conn.prepare(sql);
      this.#cache.set(sql, st);
    }
    return st;
  }
  run(sql: string, ...params: unknown[]) {
    return this.prepare(sql).run(...params);
  }
  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.prepare(sql).get(...params) as T | undefined;
  }
  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.prepare(sql).all(...params) as T[];
  }
  exec(sql: string): void {
    this.#conn.exec(sql);
  }
  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.#depth++;
    try {
      return this.#conn.transaction(fn).immediate();
    } finally {
      this.#depth--;
    }
  }
  close(): void {
    this.#cache.clear();
    if (this.#conn.open) this.#conn.close();
  }
}

function tableColumns(db: MlflowDatabase, table: string): Set<string> {
  return new Set(db.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, table).map((r) => r.name));
}

function initialise(db: MlflowDatabase, artifactRoot: string, now: number): void {
  for (const ddl of SCHEMA_DDL) db.exec(ddl);
  for (const sql of SEED_SQL) db.exec(sql);
  // MLflow's `_create_default_experiment`: id 0, 'Default', `<artifact root>/0`.
  db.run(
    `INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace) VALUES (0, 'Default', ?, 'active', ?, ?, ?)`,
    `${artifactRoot.replace(/\/+$/, '')}/0`,
    now,
    now,
    DEFAULT_WORKSPACE,
  );
}

/**
 * Opens (creating when new) an SQLite file in MLflow's schema at the pinned alembic head.
 * Existing databases: an untested revision is a warning; missing tables or columns that abt
 * writes are a SCHEMA_MISMATCH error. Sets WAL, busy_timeout, foreign_keys and
 * case_sensitive_like (the last three as MLflow's session maker does).
 */
export function openMlflowDatabase(pathOrUri: string, options: OpenMlflowDatabaseOptions = {}): MlflowDatabase {
  checkCall('openMlflowDatabase', arguments, 2, { 1: OPEN_DATABASE_KEYS });
  const path = resolve(sqlitePathFromUri(pathOrUri));
  const driver = options.driver ?? betterSqlite3Driver;
  const busy = options.busyTimeoutMs ?? 20_000;
  if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && statSync(path).isDirectory()) throw new TrackingError('INVALID_URI', messages.badUri(pathOrUri, 'is a directory'));
  let conn: SqliteConnection;
  try {
    conn = driver(path, { timeoutMs: busy });
  } catch (err) {
    if (MissingPeerError.isInstance(err)) throw err;
    throw new TrackingError('SCHEMA_MISMATCH', messages.notADatabase(path, err instanceof Error ? err.message : String(err)), { cause: err });
  }
  const db = new Database(path, conn);
  try {
    conn.pragma(`busy_timeout = ${busy}`);
    conn.pragma('journal_mode = WAL');
    conn.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    conn.pragma('foreign_keys = ON');
    conn.pragma('case_sensitive_like = ON');
    const artifactRoot = resolve(options.artifactRoot ?? 'mlruns');
    db.transaction(() => {
      const hasAlembic = db.get(`SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'`);
      const tableCount = db.get<{ n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`)!.n;
      if (!hasAlembic && tableCount === 0) initialise(db, artifactRoot, (options.now ?? Date.now)());
    });
    const row = db.get<{ version_num: string }>(`SELECT version_num FROM alembic_version`);
    if (!row) throw new TrackingError('SCHEMA_MISMATCH', messages.schemaMissing(path, 'the alembic_version row'));
    db.alembicRevision = row.version_num;
    for (const [table, cols] of Object.entries(REQUIRED_COLUMNS)) {
      const have = tableColumns(db, table);
      if (have.size === 0) throw new TrackingError('SCHEMA_MISMATCH', messages.schemaMissing(path, `table '${table}'`));
      for (const c of cols) if (!have.has(c)) throw new TrackingError('SCHEMA_MISMATCH', messages.schemaMissing(path, `column '${table}.${c}'`));
    }
    if (!TESTED_REVISIONS.has(db.alembicRevision)) (options.warn ?? console.warn)(messages.schemaUntested(path, db.alembicRevision, ALEMBIC_HEAD));
    return db;
  } catch (err) {
    db.close();
    if (TrackingError.isInstance(err)) throw err;
    throw new TrackingError('SCHEMA_MISMATCH', messages.notADatabase(path, err instanceof Error ? err.message : String(err)), { cause: err });
  }
}
