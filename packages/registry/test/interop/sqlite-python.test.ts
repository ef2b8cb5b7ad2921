import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrackingClient } from '@abt/tracking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SqliteRegistryStore, createRegistryStore, loadBundle, registerModel, saveBundle } from '../../src/index.js';
import { py } from './python.js';

// Skipped only outside the interop runner (scripts/interop.sh always sets ABT_PYTHON).
const suite = process.env.ABT_PYTHON ? describe : describe.skip;

suite('abt registry on SQLite <-> Python MLflow', () => {
  let dir: string;
  let trackingUri: string;
  let data: { X: number[][]; preds: number[]; lgb_version: string };
  let runId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'abt-registry-interop-'));
    trackingUri = `sqlite:///${path.join(dir, 'mlflow.db')}`;
    py(['train', path.join(dir, 'train')]);
    data = JSON.parse(await readFile(path.join(dir, 'train', 'data.json'), 'utf8'));
    const client = await TrackingClient.create(trackingUri, { artifactRoot: path.join(dir, 'mlruns') });
    const exp = await client.getOrCreateExperiment('abtest_movielens');
    runId = (await client.startRun({ experimentId: exp.experimentId, runName: 'PolicyB_LightGBM' })).runId;
    await client.endRun(runId);
    await client.close();
    const modelText = await readFile(path.join(dir, 'train', 'model.lgb'), 'utf8');
    const bundle = await saveBundle(path.join(dir, 'bundle'), {
      files: { 'model.lgb': modelText },
      abt: { modelClass: 'GBDT', data: 'model.lgb' },
      lightgbm: { lgbVersion: data.lgb_version },
      signature: { inputs: [0, 1, 2, 3].map((i) => ({ type: 'double' as const, name: `Column_${i}` })), outputs: [{ type: 'double', name: 'score' }] },
      inputExample: { columns: [0, 1, 2, 3].map((i) => `Column_${i}`), data: data.X.slice(0, 2) },
    });
    // PolicyA the MLflow 2 way (run artifacts), PolicyB the MLflow 3 way (logged model): Python must read both.
    await registerModel({ trackingUri, runId, bundleDir: bundle.dir, name: 'movielens_ctr_ab', alias: 'PolicyA', tags: { arm: 'A' }, mode: 'run-artifacts' });
    await registerModel({ trackingUri, runId, bundleDir: bundle.dir, name: 'movielens_ctr_ab', alias: 'PolicyB' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("MlflowClient finds the registered model, its versions and aliases in abt's database", () => {
    const seen = py<{
      aliases: Record<string, string>;
      by_alias: Record<string, string>;
      versions: Array<{
        version: string;
        source: string;
        run_id: string;
        status: string;
        current_stage: string;
        aliases: string[];
        tags: Record<string, string>;
        download_uri: string;
      }>;
    }>(['inspect', trackingUri, 'movielens_ctr_ab']);
    expect(seen.aliases).toEqual({ PolicyA: '1', PolicyB: '2' });
    expect(seen.by_alias).toEqual({ PolicyA: '1', PolicyB: '2' });
    expect(seen.versions.map((v) => v.version)).toEqual(['1', '2']);
    for (const v of seen.versions) {
      expect(v.run_id).toBe(runId);
      expect(v.status).toBe('READY');
      expect(v.current_stage).toBe('None');
    }
    expect(seen.versions[0]!.source).toMatch(new RegExp(`/${runId}/artifacts/model$`));
    expect(seen.versions[0]!.download_uri).toBe(seen.versions[0]!.source);
    expect(seen.versions[1]!.source).toMatch(/^models:\/m-[0-9a-f]{32}$/);
    expect(seen.versions[1]!.download_uri).toMatch(/\/models\/m-[0-9a-f]{32}\/artifacts$/);
    expect(seen.versions[0]!.tags).toEqual({ arm: 'A' });
    expect(seen.versions[1]!.aliases).toEqual(['PolicyB']);
  });

  it('mlflow.lightgbm.load_model("models:/movielens_ctr_ab@PolicyB") loads abt\'s bundle and predicts to 1e-6', () => {
    const out = py<{ class: string; preds: number[] }>(['load', trackingUri, 'models:/movielens_ctr_ab@PolicyB', path.join(dir, 'train', 'data.json')]);
    expect(out.class).toBe('lightgbm.basic.Booster');
    expect(out.preds).toHaveLength(data.preds.length);
    const maxDelta = Math.max(...out.preds.map((p, i) => Math.abs(p - data.preds[i]!)));
    console.log(
      `[registry interop] sqlite: mlflow.lightgbm.load_model(models:/…@PolicyB) max |Δpred| = ${maxDelta.toExponential(2)} over ${out.preds.length} rows`,
    );
    expect(maxDelta).toBeLessThan(1e-6);
  });

  it("Python MLflow parses abt's MLmodel: flavors, ids, column signature, input example", () => {
    const m = py<{
      flavors: string[];
      run_id: string;
      model_id: string | null;
      model_uuid: string;
      utc_time_created: string;
      inputs: Array<{ name: string; type: string; required: boolean }>;
      outputs: Array<{ name: string; type: string }>;
      example_columns: string[];
      example_rows: number;
    }>(['mlmodel', path.join(dir, 'bundle')]);
    expect(m.flavors).toEqual(['abt', 'lightgbm', 'python_function']);
    expect(m.model_uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(m.utc_time_created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(m.inputs).toEqual([0, 1, 2, 3].map((i) => ({ name: `Column_${i}`, type: 'double', required: true })));
    expect(m.outputs).toEqual([{ name: 'score', type: 'double' }]);
    expect(m.example_columns).toEqual(['Column_0', 'Column_1', 'Column_2', 'Column_3']);
    expect(m.example_rows).toBe(2);
  });

  it("mlflow.pyfunc.load_model enforces abt's signature and predicts the same scores", () => {
    const out = py<{ preds: number[] }>(['pyfunc', trackingUri, 'models:/movielens_ctr_ab@PolicyA', path.join(dir, 'train', 'data.json')]);
    const maxDelta = Math.max(...out.preds.map((p, i) => Math.abs(p - data.preds[i]!)));
    expect(maxDelta).toBeLessThan(1e-6);
  });

  it('abt reads the registered model, versions and aliases that Python MLflow wrote, and loads its bundle', async () => {
    const written = py<{ run_id: string; model_id: string; version: string }>(['write', trackingUri, 'py_written_model', 'champion'], {}, dir);
    const store = (await createRegistryStore(trackingUri)) as SqliteRegistryStore;
    try {
      const rm = await store.getRegisteredModel('py_written_model');
      expect(rm.aliases).toEqual({ champion: written.version });
      expect(rm.tags).toEqual({ written_by: 'python' });
      const v = await store.getModelVersionByAlias('py_written_model', 'champion');
      expect(v.version).toBe(written.version);
      expect(v.runId).toBe(written.run_id);
      expect(v.status).toBe('READY');
      expect(v.tags).toEqual({ k: 'v' });
      expect(v.modelId).toBe(written.model_id);
      const search = await store.searchModelVersions({ filter: "name = 'py_written_model'" });
      expect(search.items.map((x) => x.version)).toEqual([written.version]);
    } finally {
      await store.close();
    }
    const bundle = await loadBundle('models:/py_written_model@champion', { trackingUri });
    expect(bundle.mlmodel.flavors.lightgbm?.model_class).toBe('lightgbm.basic.Booster');
    expect(bundle.mlmodel.model_id).toBe(written.model_id);
    expect(bundle.mlmodel.run_id).toBe(written.run_id);
  });
});
