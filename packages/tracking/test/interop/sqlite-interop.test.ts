import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, SqliteStore, TrackingClient, openMlflowDatabase, withRun, type Run } from '@abt/tracking';
import { runInterop } from './env';
import { probe, startMlflowServer } from './python';

/**
 * Whitespace-insensitive DDL, with a table's top-level elements (columns, constraints) sorted:
 * MLflow's batch migrations emit table constraints in Python set order, which changes with
 * PYTHONHASHSEED, so two fresh MLflow databases differ in that order only.
 */
function normalizeDdl(sql: string | null): string {
  const text = (sql ?? '').replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
  const open = text.indexOf('(');
  if (!/^CREATE TABLE/i.test(text) || open < 0 || !text.endsWith(')')) return text;
  const body = text.slice(open + 1, -1);
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  return `${text.slice(0, open)}(${parts.sort().join(', ')})`;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

interface PyRun {
  run_id: string;
  status: string;
  start_time: number;
  end_time: number | null;
  user_id: string;
  artifact_uri: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, number | 'NaN'>;
  history: Record<string, [number, number | 'NaN', number][]>;
  artifacts: string[];
  downloaded: string[];
}

describe.skipIf(!runInterop)('SQLite store against the real MLflow', () => {
  let dir: string;
  let db: string;
  let client: TrackingClient;
  let expId: string;
  const runs: Record<string, Run> = {};
  let modelId = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'abt-interop-'));
    db = join(dir, 'mlflow.db');
    client = new TrackingClient(new SqliteStore(`sqlite:///${db}`, { artifactRoot: join(dir, 'mlruns') }));
    const exp = await client.getOrCreateExperiment('abtest_movielens', { tags: { project: 'abt' } });
    expId = exp.experimentId;
    const src = join(dir, 'src');
    mkdirSync(join(src, 'charts'), { recursive: true });
    writeFileSync(join(src, 'model.lgb'), 'tree\nversion=v4\n');
    writeFileSync(join(src, 'charts', 'roc.json'), '{"auc":0.7}');
    await withRun(client, { experimentId: expId, runName: 'PolicyA_LogReg', tags: { policy: 'A' } }, async (run) => {
      await run.logParams({ C: 1.0, l1_ratio: 0.1, solver: 'saga', max_iter: 200 });
      for (let step = 0; step < 5; step++) await run.logMetrics({ train_logloss: 0.7 - step * 0.01 }, { step, timestamp: 1_700_000_000_000 + step });
      await run.logMetrics({ valid_auc: 0.718, valid_pr_auc: 0.75, valid_logloss: 0.612, weird: Number.NaN, big: Infinity });
      await run.logArtifact(join(src, 'model.lgb'), 'model');
      await run.logArtifacts(join(src, 'charts'), 'charts');
      await run.logText('hello', 'notes/readme.txt');
      await run.logJson({ a: 1 }, 'summary.json');
      await run.logImage(PNG, 'charts/roc.png');
      const m = await client.createLoggedModel({ experimentId: expId, name: 'policy_a', sourceRunId: run.runId, params: { C: '1.0' } });
      await client.store.artifactRepository(m.artifactLocation).logBytes('flavors: {}\n', 'MLmodel');
      await client.finalizeLoggedModel(m.modelId, 'READY');
      modelId = m.modelId;
    });
    await withRun(client, { experimentId: expId, runName: 'PolicyB_LightGBM', tags: { policy: 'B' } }, async (run) => {
      await run.logParams({ num_leaves: 64, learning_rate: 0.05 });
      await run.logMetrics({ valid_auc: 0.691, valid_pr_auc: 0.72, valid_logloss: 0.627 });
    });
    await expect(
      withRun(client, { experimentId: expId, runName: 'Eval_Offline_AB' }, async (run) => {
        await run.logMetrics({ A_logreg_test_auc: 0.72, B_lgbm_test_auc: 0.69 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    for (const r of await client.searchAllRuns({ experimentIds: [expId] })) runs[r.info.runName] = r;
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("Python's MlflowClient lists abt's experiment, runs, params, metric histories, tags, artifacts and logged model", async () => {
    const out = await probe<{
      experiment: { id: string; name: string; tags: Record<string, string> };
      experiments: string[];
      runs: Record<string, PyRun>;
      logged_model: Record<string, unknown>;
    }>('read', { db, experiment: 'abtest_movielens', dst: join(dir, 'py-download'), model_id: modelId });
    expect(out.experiment.id).toBe(expId);
    expect(out.experiment.tags.project).toBe('abt');
    expect(out.experiments).toEqual(['Default', 'abtest_movielens']);
    expect(Object.keys(out.runs).sort()).toEqual(['Eval_Offline_AB', 'PolicyA_LogReg', 'PolicyB_LightGBM']);
    const a = out.runs.PolicyA_LogReg!;
    const mine = runs.PolicyA_LogReg!;
    expect(a.run_id).toBe(mine.info.runId);
    expect(a.status).toBe('FINISHED');
    expect(a.start_time).toBe(mine.info.startTime);
    expect(a.end_time).toBe(mine.info.endTime);
    expect(a.artifact_uri).toBe(mine.info.artifactUri);
    expect(a.params).toEqual({ C: '1', l1_ratio: '0.1', solver: 'saga', max_iter: '200' });
    expect(a.tags['mlflow.runName']).toBe('PolicyA_LogReg');
    expect(a.tags['mlflow.source.type']).toBe('LOCAL');
    expect(a.tags['mlflow.user']).toBe(mine.data.tags['mlflow.user']);
    expect(a.metrics.valid_auc).toBe(0.718);
    expect(a.metrics.weird).toBe('NaN');
    expect(a.metrics.big).toBe(LIMITS.maxMetricValue);
    expect(a.history.train_logloss!.map((p) => p[0])).toEqual([0, 1, 2, 3, 4]);
    expect(a.history.train_logloss!.map((p) => p[1])).toEqual([0.7, 0.69, 0.6799999999999999, 0.6699999999999999, 0.6599999999999999]);
    expect(a.artifacts).toEqual(['charts', 'model', 'notes', 'summary.json']);
    expect(a.downloaded).toEqual(['charts/roc.json', 'charts/roc.png', 'model/model.lgb', 'notes/readme.txt', 'summary.json']);
    expect(out.runs.Eval_Offline_AB!.status).toBe('FAILED');
    expect(out.logged_model).toMatchObject({ model_id: modelId, name: 'policy_a', status: 'READY', source_run_id: mine.info.runId, params: { C: '1.0' } });
    expect(String(out.logged_model.artifact_location)).toContain(`/models/${modelId}/artifacts`);
  }, 180_000);

  it('mlflow.search_runs with the common filters returns what abt searchRuns returns', async () => {
    const filters = [
      { filter: 'metrics.valid_auc > 0.7' },
      { filter: "params.num_leaves = '64'" },
      { filter: "tags.mlflow.runName = 'PolicyA_LogReg'" },
      { filter: "attributes.status = 'FINISHED'" },
      { filter: "attributes.status = 'FINISHED' AND metrics.valid_logloss < 0.62" },
      { filter: "tags.policy = 'B' AND params.learning_rate = '0.05'" },
      { filter: "tags.mlflow.runName LIKE 'Policy%'" },
      { filter: 'metrics.weird > -1' },
      { filter: 'metrics.weird != 0' },
      { filter: "tags.policy ILIKE 'a'" },
      { filter: `attributes.run_id IN ('${runs.PolicyA_LogReg!.info.runId}', '${runs.Eval_Offline_AB!.info.runId}')` },
      { filter: `attributes.run_id NOT IN ('${runs.PolicyA_LogReg!.info.runId}')` },
      { filter: "attributes.run_name LIKE '%LightGBM'" },
      { filter: `attributes.start_time >= ${runs.PolicyB_LightGBM!.info.startTime}` },
      { filter: '', order_by: ['metrics.weird DESC'] },
      { filter: '', order_by: ['tags.policy DESC'] },
      { filter: '', order_by: ['metrics.valid_auc DESC'] },
      { filter: '', order_by: ['params.C ASC'] },
      { filter: '', order_by: ['attributes.start_time ASC'] },
    ];
    const py = await probe<Record<string, string[]>>('search', { db, experiment_ids: [expId], filters });
    for (const f of filters) {
      const abt = (await client.searchRuns({ experimentIds: [expId], filter: f.filter, orderBy: f.order_by })).items.map((r) => r.info.runId);
      expect(abt, `${f.filter} ${f.order_by ?? ''}`).toEqual(py[`${f.filter} | ${(f.order_by ?? []).join(',')}`]);
    }
  }, 180_000);

  it('abt reads a database that Python MLflow wrote', async () => {
    const pyDir = mkdtempSync(join(tmpdir(), 'abt-pydb-'));
    try {
      const pyDb = join(pyDir, 'py.db');
      const ids = await probe<{ experiment_id: string; run_id: string }>('write', { db: pyDb, artifacts: join(pyDir, 'artifacts') }, { cwd: pyDir });
      const store = new SqliteStore(`sqlite:///${pyDb}`);
      const run = await store.getRun(ids.run_id);
      expect(run.info.runName).toBe('py_run');
      expect(run.info.status).toBe('FINISHED');
      expect(run.data.params).toEqual({ alpha: '0.5' });
      expect(run.data.tags.origin).toBe('python');
      expect(run.data.metrics.loss).toBe(0.2);
      expect(Number.isNaN(run.data.metrics.nan_metric)).toBe(true);
      expect((await store.getMetricHistory(ids.run_id, 'loss')).map((m) => m.value)).toEqual([1, 0.5, 1 / 3, 0.25, 0.2]);
      const found = await store.searchRuns({ experimentIds: [ids.experiment_id], filter: 'metrics.loss < 0.3' });
      expect(found.items.map((r) => r.info.runId)).toEqual([ids.run_id]);
      const repo = store.artifactRepository(run.info.artifactUri);
      expect(new TextDecoder().decode(await repo.readArtifact('notes/hello.txt'))).toBe('from python');
      // abt can keep writing into MLflow's own database.
      await store.logBatch(ids.run_id, { tags: [{ key: 'touched_by', value: 'abt' }] });
      expect((await store.getRun(ids.run_id)).data.tags.touched_by).toBe('abt');
      await store.close();
    } finally {
      rmSync(pyDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("abt's schema, normalized, equals the one the installed MLflow creates", async () => {
    const fresh = await probe<{ objects: [string, string, string, string | null][]; alembic: [string][]; workspaces: [string, string][] }>('schema', {});
    const handle = openMlflowDatabase(join(dir, 'schema-check.db'), { artifactRoot: join(dir, 'x') });
    try {
      const mine = handle.all<{ type: string; name: string; tbl_name: string; sql: string | null }>(
        `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`,
      );
      const norm = normalizeDdl;
      const key = (o: { type: string; name: string; tbl: string; sql: string | null }) => `${o.type}|${o.name}|${o.tbl}|${norm(o.sql)}`;
      const theirs = fresh.objects.map(([type, name, tbl, sql]) => key({ type, name, tbl, sql })).sort();
      const ours = mine.map((o) => key({ type: o.type, name: o.name, tbl: o.tbl_name, sql: o.sql })).sort();
      expect(ours).toEqual(theirs);
      expect(handle.alembicRevision).toBe(fresh.alembic[0]![0]);
      expect(handle.all(`SELECT name, description FROM workspaces`).map((r) => [r.name, r.description])).toEqual(fresh.workspaces);
    } finally {
      handle.close();
    }
  }, 180_000);

  it("mlflow server on abt's database starts without a schema error and returns abt's runs", async () => {
    const server = await startMlflowServer(db, join(dir, 'server-artifacts'));
    try {
      const res = await fetch(`${server.url}/api/2.0/mlflow/runs/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ experiment_ids: [expId], max_results: 100 }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { runs: { info: { run_name: string; run_id: string } }[] };
      expect(body.runs.map((r) => r.info.run_name).sort()).toEqual(['Eval_Offline_AB', 'PolicyA_LogReg', 'PolicyB_LightGBM']);
      expect(server.log()).not.toMatch(/out-of-date database schema|db upgrade/i);
    } finally {
      await server.stop();
    }
  }, 180_000);
});
