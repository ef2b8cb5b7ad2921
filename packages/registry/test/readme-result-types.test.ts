/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrackingClient, createTrackingStore } from '@abt/tracking';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import {
  MemoryRegistryStore,
  checkSource,
  connect,
  createRegistryStore,
  loadBundle,
  parseModelUri,
  parseRunsUri,
  parseUri,
  readBundle,
  registerModel,
  resolveModelUri,
  saveBundle,
  type RegistryStore,
} from '../src/index.js';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));
const dir = mkdtempSync(path.join(tmpdir(), 'abt-readme-types-'));
const trackingUri = `sqlite:///${path.join(dir, 'mlflow.db')}`;

const { expectDocumented, expectEach } = readme;

async function storeEntities(store: RegistryStore, source: string, runId?: string): Promise<void> {
  expectDocumented('RegisteredModel', await store.createRegisteredModel('types_model', { description: 'd' }));
  const v1 = await store.createModelVersion({ name: 'types_model', source, ...(runId ? { runId } : {}) });
  expectDocumented('ModelVersion', v1);
  await store.createModelVersion({ name: 'types_model', source });
  await store.setRegisteredModelAlias('types_model', 'champion', v1.version);
  expectDocumented('ModelVersion', await store.getModelVersionByAlias('types_model', 'champion'));
  expectDocumented('ModelVersion', await store.updateModelVersion('types_model', '2', { description: 'x' }));
  expectEach('ModelVersion', await store.getLatestVersions('types_model'));
  const model = await store.getRegisteredModel('types_model');
  expectDocumented('RegisteredModel', model);
  expectEach('ModelVersion', model.latestVersions);
  const models = await store.searchRegisteredModels({ maxResults: 5 });
  expectDocumented('PagedList', models);
  expectEach('RegisteredModel', models.items);
  const first = await store.searchModelVersions({ maxResults: 1 });
  expect(first.nextPageToken).toBeDefined();
  expectDocumented('PagedList', first);
  const rest = await store.searchModelVersions({ maxResults: 5, pageToken: first.nextPageToken });
  expectDocumented('PagedList', rest);
  expectEach('ModelVersion', [...first.items, ...rest.items]);
}

describe('README result types', () => {
  it('bundles, registration, loading and resolution (SQLite)', async () => {
    const client = await TrackingClient.create(trackingUri, { artifactRoot: path.join(dir, 'mlruns') });
    const experiment = await client.getOrCreateExperiment('readme_types');
    const run = await client.startRun({ experimentId: experiment.experimentId, runName: 'r' });
    await client.endRun(run.runId);
    await client.close();

    const saved = await saveBundle(path.join(dir, 'bundle'), {
      files: { 'model.lgb': 'tree\nversion=v4\n', 'feature-spec.json': '{}' },
      abt: { modelClass: 'GBDT', data: 'model.lgb', featureSpec: 'feature-spec.json' },
      lightgbm: {},
      signature: { inputs: [{ type: 'long', name: 'userId' }], outputs: [{ type: 'double', name: 'score' }] },
      inputExample: { columns: ['userId'], data: [[1]] },
    });
    expectDocumented('SavedBundle', saved);
    expectDocumented('MLmodel', saved.mlmodel);
    const bundle = await readBundle(saved.dir);
    expectDocumented('Bundle', bundle);
    expectDocumented('InputExample', bundle.inputExample);
    expectDocumented('MLmodel', bundle.mlmodel);
    const plain = await saveBundle(path.join(dir, 'plain'), { files: { 'm.json': '{}' }, abt: { modelClass: 'LogisticRegression', data: 'm.json' } });
    expectDocumented('Bundle', await readBundle(plain.dir));

    const registered = await registerModel({ trackingUri, runId: run.runId, bundleDir: saved.dir, name: 'movielens_ctr_ab', alias: 'PolicyB' });
    expect(registered.loggedModelId).toBeDefined();
    expectDocumented('RegisteredModelVersion', registered);
    expectDocumented('ModelVersion', registered.version);
    const loaded = await loadBundle('models:/movielens_ctr_ab@PolicyB', { trackingUri });
    expectDocumented('LoadedBundle', loaded);
    expectDocumented('ResolvedModel', loaded.resolved);
    expectDocumented('MLmodel', loaded.mlmodel);
    const registry = await createRegistryStore(trackingUri);
    const tracking = await createTrackingStore(trackingUri);
    try {
      const context = { registry, tracking, cacheDir: path.join(dir, 'cache') };
      expectDocumented('ResolvedModel', await resolveModelUri('models:/movielens_ctr_ab/1', context));
      expectDocumented('ResolvedModel', await resolveModelUri(saved.dir, context));
      await storeEntities(registry, `runs:/${run.runId}/model`, run.runId);
    } finally {
      await registry.close();
      await tracking.close();
    }
  });

  it('connections and checked sources', async () => {
    const connection = await connect({ trackingUri, artifactRoot: path.join(dir, 'mlruns') });
    expectDocumented('Connection', connection);
    await connection.close();
    const runId = '0123456789abcdef0123456789abcdef';
    expectDocumented('CheckedSource', checkSource(`runs:/${runId}/model`, runId));
    expectDocumented('CheckedSource', checkSource('models:/m-0123456789abcdef0123456789abcdef'));
    expectDocumented('CheckedSource', checkSource('s3://bucket/model'));
  });

  it('registry entities (memory store)', async () => {
    const store = new MemoryRegistryStore();
    await storeEntities(store, 'models:/m-0123456789abcdef0123456789abcdef');
    await store.close();
  });

  it('parsed URIs', () => {
    for (const uri of ['models:/m/1', 'models:/m@champion', 'models:/m/latest', 'models:/m/Production', 'models:/m-0123456789abcdef0123456789abcdef']) {
      expectDocumented('ModelUri', parseModelUri(uri));
      expectDocumented('ModelUri', parseUri(uri));
    }
    expectDocumented('RunsUri', parseRunsUri('runs:/0123456789abcdef0123456789abcdef/model'));
    expectDocumented('RunsUri', parseUri('runs:/0123456789abcdef0123456789abcdef'));
    expectDocumented('ArtifactUri', parseUri('/tmp/x'));
    expectDocumented('ArtifactUri', parseUri('s3://bucket/x'));
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
});
