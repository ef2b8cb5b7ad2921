import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrackingClient, openMlflowDatabase } from '@abt/tracking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RegistryError, SqliteRegistryStore, createRegistryStore, loadBundle, registerModel, resolveModel, saveBundle } from '../src/index.js';

let dir: string;
let trackingUri: string;
let runId: string;
let bundleA: string;
let bundleB: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'abt-register-'));
  trackingUri = `sqlite:///${path.join(dir, 'mlflow.db')}`;
  const client = await TrackingClient.create(trackingUri, { artifactRoot: path.join(dir, 'mlruns') });
  const exp = await client.getOrCreateExperiment('abtest_movielens');
  const run = await client.startRun({ experimentId: exp.experimentId, runName: 'PolicyB_LightGBM' });
  runId = run.runId;
  await client.endRun(runId);
  await client.close();
  const common = { clock: () => new Date(Date.UTC(2026, 0, 1)), uuid: () => '0'.repeat(32) };
  bundleA = (
    await saveBundle(path.join(dir, 'bundle-a'), {
      ...common,
      files: { 'model.json': '{"kind":"lr"}' },
      abt: { modelClass: 'LogisticRegression', data: 'model.json' },
    })
  ).dir;
  bundleB = (
    await saveBundle(path.join(dir, 'bundle-b'), {
      ...common,
      files: { 'model.lgb': 'tree\nversion=v4\n' },
      abt: { modelClass: 'GBDT', data: 'model.lgb' },
      lightgbm: {},
      inputExample: { columns: ['userId'], data: [[1]] },
    })
  ).dir;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('registerModel + loadBundle on an SQLite tracking store', () => {
  it('registers two policies under one name with aliases and loads them back by alias', async () => {
    const a = await registerModel({ trackingUri, runId, bundleDir: bundleA, name: 'movielens_ctr_ab', alias: 'PolicyA', tags: { arm: 'A' } });
    const b = await registerModel({ trackingUri, runId, bundleDir: bundleB, name: 'movielens_ctr_ab', alias: 'PolicyB' });
    expect(a.version.version).toBe('1');
    expect(b.version.version).toBe('2');
    expect(a.version.source).toBe(`models:/${a.loggedModelId}`);
    expect(a.version.runId).toBe(runId);
    expect(a.version.tags).toEqual({ arm: 'A' });
    expect(b.version.aliases).toEqual(['PolicyB']);
    expect(b.artifactUri).toMatch(new RegExp(`/models/${b.loggedModelId}/artifacts$`));

    const loaded = await loadBundle('models:/movielens_ctr_ab@PolicyB', { trackingUri });
    expect(loaded.mlmodel.flavors.lightgbm?.data).toBe('model.lgb');
    expect(loaded.mlmodel.model_id).toBe(b.loggedModelId);
    expect(loaded.mlmodel.run_id).toBe(runId);
    expect(loaded.mlmodel.artifact_path).toBe('model');
    expect(loaded.resolved.version?.version).toBe('2');
    expect(loaded.resolved.cached).toBe(false);
    expect(loaded.inputExample).toEqual({ columns: ['userId'], data: [[1]] });
    expect((await loadBundle('models:/movielens_ctr_ab/1', { trackingUri })).mlmodel.flavors.abt?.model_class).toBe('LogisticRegression');
    expect((await loadBundle(`models:/${a.loggedModelId}`, { trackingUri })).mlmodel.flavors.abt?.data).toBe('model.json');
    expect((await loadBundle('models:/movielens_ctr_ab/latest', { trackingUri })).resolved.version?.version).toBe('2');
  });

  it('writes MLflow 3 registration rows: storage_location and the mlflow.modelVersions tag', async () => {
    const db = openMlflowDatabase(trackingUri);
    try {
      const rows = db.all<{ version: number; source: string; storage_location: string; run_id: string }>(
        `SELECT version, source, storage_location, run_id FROM model_versions WHERE name = 'movielens_ctr_ab' ORDER BY version`,
      );
      const lm = db.get<{ model_id: string; artifact_location: string; source_run_id: string; status: number }>(
        `SELECT model_id, artifact_location, source_run_id, status FROM logged_models WHERE model_id = ?`,
        rows[1]!.source.slice('models:/'.length),
      )!;
      expect(rows[1]!.storage_location).toBe(lm.artifact_location);
      expect(lm.source_run_id).toBe(runId);
      expect(lm.status).toBe(2);
      const tag = db.get<{ tag_value: string }>(
        `SELECT tag_value FROM logged_model_tags WHERE model_id = ? AND tag_key = 'mlflow.modelVersions'`,
        lm.model_id,
      )!;
      expect(JSON.parse(tag.tag_value)).toEqual([{ name: 'movielens_ctr_ab', version: 2 }]);
      const mlmodel = parse(await readFile(path.join(lm.artifact_location, 'MLmodel'), 'utf8'));
      expect(mlmodel.model_id).toBe(lm.model_id);
    } finally {
      db.close();
    }
  });

  it('moves an alias to a newer version and supports MLflow 2 run-artifact registration', async () => {
    const c = await registerModel({
      trackingUri,
      runId,
      bundleDir: bundleB,
      name: 'movielens_ctr_ab',
      alias: 'PolicyB',
      mode: 'run-artifacts',
      artifactPath: 'policy_b',
    });
    expect(c.version.version).toBe('3');
    expect(c.loggedModelId).toBeUndefined();
    expect(c.version.source).toMatch(new RegExp(`/${runId}/artifacts/policy_b$`));
    const loaded = await loadBundle('models:/movielens_ctr_ab@PolicyB', { trackingUri });
    expect(loaded.resolved.version?.version).toBe('3');
    expect(loaded.mlmodel.model_id).toBeNull();
    const viaRun = await resolveModel(`runs:/${runId}/policy_b`, { trackingUri });
    expect(viaRun.localDir).toBe(loaded.dir);
  });

  it('refuses an invalid bundle before writing anything, and unknown runs or aliases with typed errors', async () => {
    const store = await createRegistryStore(trackingUri);
    const before = (await store.searchModelVersions({ filter: "name = 'movielens_ctr_ab'" })).items.length;
    await expect(registerModel({ trackingUri, runId, bundleDir: dir, name: 'movielens_ctr_ab' })).rejects.toThrow(/MLmodel: file not found/);
    expect((await store.searchModelVersions({ filter: "name = 'movielens_ctr_ab'" })).items.length).toBe(before);
    await store.close();
    const err = await loadBundle('models:/movielens_ctr_ab@Nope', { trackingUri }).catch((e) => e);
    expect(RegistryError.isInstance(err) && err.code).toBe('INVALID_PARAMETER_VALUE');
    await expect(loadBundle('models:/movielens_ctr_ab/../x', { trackingUri })).rejects.toThrow(/Invalid model URI/);
  });

  it('createRegistryStore follows the tracking URI unless MLFLOW_REGISTRY_URI is set', async () => {
    const viaTracking = await createRegistryStore(undefined, { env: { MLFLOW_TRACKING_URI: trackingUri } });
    expect(viaTracking.kind).toBe('sqlite');
    expect((await viaTracking.getRegisteredModel('movielens_ctr_ab')).aliases).toMatchObject({ PolicyA: '1', PolicyB: '3' });
    await viaTracking.close();
    const mem = await createRegistryStore(undefined, { env: { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_REGISTRY_URI: 'memory:' } });
    expect(mem.kind).toBe('memory');
    await expect(createRegistryStore('ftp://x')).rejects.toThrow(/Unsupported registry URI/);
    expect(SqliteRegistryStore).toBeDefined();
  });
});

describe('createRegistryStore with a tracking store on the same SQLite file', () => {
  it("shares the tracking store's database handle and leaves it open on close", async () => {
    const client = await TrackingClient.create(trackingUri);
    const store = await createRegistryStore(undefined, { trackingUri, trackingStore: client.store });
    expect(store).toBeInstanceOf(SqliteRegistryStore);
    expect((store as SqliteRegistryStore).db).toBe((client.store as unknown as { db: unknown }).db);
    await store.close();
    // The shared handle is still usable by tracking after the registry closed.
    expect((await client.getRun(runId)).info.runId).toBe(runId);
    expect((client.store as unknown as { db: { open: boolean } }).db.open).toBe(true);
    await client.close();
  });
});
