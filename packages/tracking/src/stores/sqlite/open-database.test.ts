import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALEMBIC_HEAD, SCHEMA_DDL, SqliteStore, messages, openMlflowDatabase, sqlitePathFromUri } from '../../index';

const dir = mkdtempSync(join(tmpdir(), 'abt-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openMlflowDatabase', () => {
  it("creates every MLflow table, the alembic head, the 'default' workspace and experiment 0", () => {
    const db = openMlflowDatabase(join(dir, 'new.db'), { artifactRoot: join(dir, 'mlruns'), now: () => 1234 });
    const tables = db.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((r) => r.name);
    expect(tables.length).toBe(SCHEMA_DDL.filter((s) => s.startsWith('CREATE TABLE')).length);
    for (const t of [
      'experiments',
      'runs',
      'metrics',
      'latest_metrics',
      'params',
      'tags',
      'logged_models',
      'registered_models',
      'model_versions',
      'registered_model_aliases',
      'trace_info',
      'workspaces',
    ])
      expect(tables).toContain(t);
    expect(db.alembicRevision).toBe(ALEMBIC_HEAD);
    expect(db.get(`SELECT name FROM workspaces`)).toEqual({ name: 'default' });
    expect(db.get(`SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, workspace FROM experiments`)).toEqual({
      experiment_id: 0,
      name: 'Default',
      artifact_location: `${join(dir, 'mlruns')}/0`,
      lifecycle_stage: 'active',
      creation_time: 1234,
      workspace: 'default',
    });
    expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(db.get('PRAGMA busy_timeout')).toEqual({ timeout: 20000 });
    db.close();
    // Reopening leaves it as it is.
    const again = openMlflowDatabase(join(dir, 'new.db'));
    expect(again.all('SELECT * FROM experiments').length).toBe(1);
    again.close();
  });

  it('enforces MLflow CHECK constraints and foreign keys', () => {
    const db = openMlflowDatabase(join(dir, 'checks.db'), { artifactRoot: join(dir, 'm') });
    expect(() => db.run(`INSERT INTO runs (run_uuid, status, lifecycle_stage, experiment_id) VALUES ('x', 'DONE', 'active', 0)`)).toThrow(/CHECK/);
    expect(() => db.run(`INSERT INTO runs (run_uuid, status, lifecycle_stage, experiment_id) VALUES ('x', 'RUNNING', 'active', 42)`)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('warns on an untested alembic revision but opens the database', () => {
    const path = join(dir, 'newer.db');
    openMlflowDatabase(path, { artifactRoot: join(dir, 'm') }).close();
    const raw = openMlflowDatabase(path);
    raw.run(`UPDATE alembic_version SET version_num = 'ffffffffffff'`);
    raw.close();
    const warnings: string[] = [];
    const db = openMlflowDatabase(path, { warn: (m) => warnings.push(m) });
    expect(db.alembicRevision).toBe('ffffffffffff');
    expect(warnings).toEqual([messages.schemaUntested(path, 'ffffffffffff', ALEMBIC_HEAD)]);
    db.close();
  });

  it('refuses a database missing a column abt writes, naming it', () => {
    const path = join(dir, 'old.db');
    openMlflowDatabase(path, { artifactRoot: join(dir, 'm') }).close();
    const raw = openMlflowDatabase(path);
    raw.exec('ALTER TABLE runs DROP COLUMN deleted_time');
    raw.close();
    expect(() => openMlflowDatabase(path)).toThrow(messages.schemaMissing(path, "column 'runs.deleted_time'"));
  });

  it('refuses a file that is not SQLite with a typed error', () => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, 'this is not a database, just text that is long enough to be read as a header page');
    expect(() => openMlflowDatabase(path)).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH' }));
  });

  it('parses sqlite URIs like MLflow', () => {
    expect(sqlitePathFromUri('sqlite:///mlflow.db')).toBe('mlflow.db');
    expect(sqlitePathFromUri('sqlite:////abs/x.db')).toBe('/abs/x.db');
    expect(() => sqlitePathFromUri('sqlite://host/x.db')).toThrow(expect.objectContaining({ code: 'INVALID_URI' }));
    expect(() => sqlitePathFromUri('sqlite:///:memory:')).toThrow(expect.objectContaining({ code: 'INVALID_URI' }));
  });

  it('lets a SqliteStore share an open handle without closing it', async () => {
    const db = openMlflowDatabase(join(dir, 'shared.db'), { artifactRoot: join(dir, 'm') });
    const store = new SqliteStore(`sqlite:///${db.path}`, { database: db });
    await store.createExperiment('shared');
    await store.close();
    expect(db.open).toBe(true);
    expect(db.get(`SELECT name FROM experiments WHERE name = 'shared'`)).toEqual({ name: 'shared' });
    db.close();
  });
});

describe('new experiments in an existing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'abt-root-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("go under the store's artifactRoot when given, else under the file's experiment-0 root", async () => {
    const uri = `sqlite:///${join(dir, 'reopen.db')}`;
    const first = new SqliteStore(uri, { artifactRoot: join(dir, 'first') });
    const a = await first.createExperiment('a');
    await first.close();
    const given = new SqliteStore(uri, { artifactRoot: join(dir, 'second') });
    const b = await given.createExperiment('b');
    expect((await given.getExperiment(a)).artifactLocation).toBe(`${join(dir, 'first')}/${a}`);
    expect((await given.getExperiment(b)).artifactLocation).toBe(`${join(dir, 'second')}/${b}`);
    await given.close();
    const plain = new SqliteStore(uri);
    const c = await plain.createExperiment('c');
    expect((await plain.getExperiment(c)).artifactLocation).toBe(`${join(dir, 'first')}/${c}`);
    await plain.close();
  });
});
