import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fitFeatureSpec } from '@abt/features';
import { LogisticRegression } from '@abt/models';
import { connect, registerModel, saveBundle } from '@abt/registry';
import { describe, expect, it } from 'vitest';
import { createReloadingRouter } from '../src/index';
import { createRegistryRouterSource, readRouterBundle, registerRouter } from '../src/loaders/index';
import { syntheticTables } from './helpers/synthetic-bundles';

describe('registerRouter (SQLite store in MLflow schema)', () => {
  it('logs AB_Router, registers movielens_ctr_router@router, and the registered router serves', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'abt-register-router-'));
    const trackingUri = `sqlite:///${path.join(root, 'mlflow.db')}`;
    const conn = await connect({ trackingUri, artifactRoot: path.join(root, 'mlruns') });
    try {
      const { train, movies } = syntheticTables();
      const spec = fitFeatureSpec({ train, movies }, { kind: 'onehot' });
      const model = new LogisticRegression({ max_iter: 30 }).fit(spec.transformTrain().X, train.label, { featureNames: spec.featureNames });
      const experiment = await conn.client.getOrCreateExperiment('abtest_movielens');
      for (const alias of ['PolicyA', 'PolicyB']) {
        const run = await conn.client.startRun({ experimentId: experiment.experimentId, runName: `${alias}_run` });
        const bundleDir = path.join(root, alias);
        await saveBundle(bundleDir, {
          files: { 'model.json': JSON.stringify(model.toJSON()), 'feature_spec.json': JSON.stringify(spec.toJSON()) },
          abt: { modelClass: 'LogisticRegression', data: 'model.json', featureSpec: 'feature_spec.json' },
        });
        await registerModel({ client: conn.client, registry: conn.registry, runId: run.runId, bundleDir, name: 'movielens_ctr_ab', alias });
        await run.end();
      }
      const config = {
        format: 'abt-router',
        formatVersion: 1,
        experiment: {
          key: 'movielens_ctr_ab',
          arms: [
            { name: 'A', weight: 0.6 },
            { name: 'B', weight: 0.4 },
          ],
        },
        models: { A: 'models:/movielens_ctr_ab@PolicyA', B: 'models:/movielens_ctr_ab@PolicyB' },
      };
      const registered = await registerRouter({ client: conn.client, registry: conn.registry, config });
      const run = await conn.client.getRun(registered.runId);
      expect(run.info.runName).toBe('AB_Router');
      expect(run.data.params).toMatchObject({ weights: '0.6,0.4', hash_version: '2', model_A: 'models:/movielens_ctr_ab@PolicyA' });
      const byAlias = await conn.registry.getModelVersionByAlias('movielens_ctr_router', 'router');
      expect(byAlias.version).toBe(registered.version.version);

      const context = { registry: conn.registry, tracking: conn.client.store, cacheDir: path.join(root, 'cache') };
      const reloader = createReloadingRouter({
        source: createRegistryRouterSource({ routerUri: 'models:/movielens_ctr_router@router', context }),
        pollIntervalMs: 0,
      });
      await reloader.start();
      const router = reloader.current();
      expect(router.describe().experiment.weights).toEqual([0.6, 0.4]);
      const out = router.predict(Array.from({ length: 100 }, (_, i) => ({ userId: i + 1, movieId: (i % 40) + 1 })));
      expect(out.every((p) => p.score > 0 && p.score < 1 && (p.assigned === 'A' || p.assigned === 'B'))).toBe(true);
      expect(new Set(out.map((p) => p.modelVersion))).toEqual(new Set(['1', '2']));
      expect(await readRouterBundle(path.join(root, 'PolicyA')).catch((e: Error) => e.message)).toMatch(/expected "RouterModel"/);
    } finally {
      await conn.close();
    }
  });
});
