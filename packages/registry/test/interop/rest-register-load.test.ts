import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrackingClient } from '@abt/tracking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestRegistryStore, loadBundle, registerModel, saveBundle } from '../../src/index.js';
import { py } from './python.js';

const url = process.env.ABT_MLFLOW_URL;
// Skipped only outside the interop runner (scripts/interop.sh always sets ABT_PYTHON and ABT_MLFLOW_URL).
const suite = process.env.ABT_PYTHON ? describe : describe.skip;

suite('registerModel / loadBundle through a real mlflow server (REST + mlflow-artifacts proxy)', () => {
  let dir: string;
  let data: { X: number[][]; preds: number[]; lgb_version: string };
  let runId: string;
  const name = `movielens_ctr_ab_rest_${Date.now().toString(36)}`;

  beforeAll(async () => {
    expect(url, 'ABT_MLFLOW_URL must be set inside the interop runner').toMatch(/^http/);
    dir = await mkdtemp(path.join(tmpdir(), 'abt-registry-rest-'));
    py(['train', path.join(dir, 'train')]);
    data = JSON.parse(await readFile(path.join(dir, 'train', 'data.json'), 'utf8'));
    const client = await TrackingClient.create(url);
    const exp = await client.getOrCreateExperiment('abtest_movielens_registry_interop');
    runId = (await client.startRun({ experimentId: exp.experimentId, runName: 'PolicyB_LightGBM' })).runId;
    await client.endRun(runId);
    await client.close();
    await saveBundle(path.join(dir, 'bundle'), {
      files: { 'model.lgb': await readFile(path.join(dir, 'train', 'model.lgb'), 'utf8') },
      abt: { modelClass: 'GBDT', data: 'model.lgb' },
      lightgbm: { lgbVersion: data.lgb_version },
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('registers a logged model through the server and moves the alias', async () => {
    const first = await registerModel({ trackingUri: url, runId, bundleDir: path.join(dir, 'bundle'), name, alias: 'PolicyB' });
    expect(first.version.version).toBe('1');
    expect(first.version.source).toBe(`models:/${first.loggedModelId}`);
    expect(first.artifactUri).toMatch(/^mlflow-artifacts:\//);
    const second = await registerModel({ trackingUri: url, runId, bundleDir: path.join(dir, 'bundle'), name, alias: 'PolicyB', mode: 'run-artifacts' });
    expect(second.version.version).toBe('2');
    const store = new RestRegistryStore(url!);
    expect((await store.getModelVersionByAlias(name, 'PolicyB')).version).toBe('2');
    const client = await TrackingClient.create(url);
    const lm = await client.getLoggedModel(first.loggedModelId!);
    expect(JSON.parse(lm.tags['mlflow.modelVersions']!)).toEqual([{ name, version: 1 }]);
    await client.close();
  });

  it('loadBundle downloads remote artifacts once into the cache', async () => {
    const cacheDir = path.join(dir, 'cache');
    const a = await loadBundle(`models:/${name}@PolicyB`, { trackingUri: url, cacheDir });
    expect(a.resolved.cached).toBe(false);
    expect(a.dir.startsWith(cacheDir)).toBe(true);
    expect(a.mlmodel.flavors.lightgbm?.data).toBe('model.lgb');
    expect(await readFile(path.join(a.dir, 'model.lgb'), 'utf8')).toBe(await readFile(path.join(dir, 'train', 'model.lgb'), 'utf8'));
    const b = await loadBundle(`models:/${name}@PolicyB`, { trackingUri: url, cacheDir });
    expect(b.resolved.cached).toBe(true);
    expect(b.dir).toBe(a.dir);
    const v1 = await loadBundle(`models:/${name}/1`, { trackingUri: url, cacheDir });
    expect(v1.dir).not.toBe(a.dir);
    expect(v1.mlmodel.model_id).toMatch(/^m-/);
  });

  it('Python loads the version abt registered on the server and predicts to 1e-6', () => {
    for (const uri of [`models:/${name}@PolicyB`, `models:/${name}/1`]) {
      const out = py<{ class: string; preds: number[] }>(['load', url!, uri, path.join(dir, 'train', 'data.json')]);
      expect(out.class).toBe('lightgbm.basic.Booster');
      const maxDelta = Math.max(...out.preds.map((p, i) => Math.abs(p - data.preds[i]!)));
      console.log(`[registry interop] rest: ${uri} max |Δpred| = ${maxDelta.toExponential(2)} over ${out.preds.length} rows`);
      expect(maxDelta).toBeLessThan(1e-6);
    }
  });
});
