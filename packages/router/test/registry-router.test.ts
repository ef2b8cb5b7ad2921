import path from 'node:path';
import { toColumns } from '../src/index';
import { describe, expect, it } from 'vitest';
import { createReloadingRouter, type RouterConfig } from '../src/index';
import { createRegistryPolicyLoader, createRegistryRouterSource, loadPolicyFromBundle, readRouterBundle, saveRouterBundle } from '../src/loaders/index';
import { createRouterServer } from '../src/server/index';
import { RUN_ID, registerPolicies } from './helpers/synthetic-bundles';

const config: RouterConfig = {
  format: 'abt-router',
  formatVersion: 1,
  experiment: { key: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] },
  models: { A: 'models:/movielens_ctr_ab@PolicyA', B: 'models:/movielens_ctr_ab@PolicyB' },
};

describe('real policies through the registry', () => {
  it('loads abt bundles (FeatureSpec + LogisticRegression / LightGBM-text GBDT) and scores raw requests, cold start included', async () => {
    const { root, saveVersion } = await registerPolicies();
    await saveVersion('lr', 'v1');
    await saveVersion('gbdt', 'v1');
    const lr = await loadPolicyFromBundle(path.join(root, 'lr-v1'), { modelVersion: '1' });
    const gbdt = await loadPolicyFromBundle(path.join(root, 'gbdt-v1'), { modelVersion: '2' });
    // Even movie ids are liked in the synthetic data; user 999 and movie 5000 were never seen (cold start).
    const movies = Array.from({ length: 40 }, (_, i) => i + 1);
    const rows = {
      userId: [...movies.map(() => 3), 999, 3],
      movieId: [...movies, 2, 5000],
      timestamp: [...movies.map(() => Number.NaN), 881250949, Number.NaN],
    };
    for (const p of [lr, gbdt]) {
      const s = p.predict(toColumns(rows));
      expect(s).toHaveLength(42);
      for (const v of s) {
        expect(v).toBeGreaterThan(0);
        expect(v).toBeLessThan(1);
      }
      const mean = (parity: number) => movies.filter((m) => m % 2 === parity).reduce((acc, m) => acc + s[m - 1]!, 0) / 20;
      expect(mean(0), p.name).toBeGreaterThan(mean(1) + 0.1);
    }
    await expect(loadPolicyFromBundle(path.join(root, 'missing'))).rejects.toMatchObject({ code: 'POLICY_LOAD_FAILED' });
  });

  it('serves models:/movielens_ctr_router@router and hot-reloads when a policy alias moves', async () => {
    const { context, registry, root, saveVersion } = await registerPolicies();
    const a1 = await saveVersion('lr', 'v1');
    const b1 = await saveVersion('gbdt', 'v1');
    await registry.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyA', a1);
    await registry.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyB', b1);
    const routerDir = path.join(root, 'router-v1');
    const saved = await saveRouterBundle(routerDir, config);
    expect(saved.mlmodel.signature).toBeDefined();
    expect((await readRouterBundle(routerDir)).config).toEqual((await readRouterBundle(routerDir)).config);
    await registry.createRegisteredModel('movielens_ctr_router');
    const r1 = await registry.createModelVersion({ name: 'movielens_ctr_router', source: routerDir, runId: RUN_ID });
    await registry.setRegisteredModelAlias('movielens_ctr_router', 'router', r1.version);

    const source = createRegistryRouterSource({ routerUri: 'models:/movielens_ctr_router@router', context });
    const server = await createRouterServer({ source, pollIntervalMs: 0, adminToken: 't' });
    try {
      const health = (await server.app.inject({ method: 'GET', url: '/health' })).json() as { policies: { arm: string; modelVersion: string; name: string }[] };
      expect(health.policies).toEqual([
        { arm: 'A', uri: 'models:/movielens_ctr_ab@PolicyA', name: 'movielens_ctr_ab', modelVersion: a1 },
        { arm: 'B', uri: 'models:/movielens_ctr_ab@PolicyB', name: 'movielens_ctr_ab', modelVersion: b1 },
      ]);
      const res = await server.app.inject({
        method: 'POST',
        url: '/invocations',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ dataframe_split: { columns: ['userId', 'movieId'], data: Array.from({ length: 40 }, (_, i) => [i + 1, (i % 40) + 1]) } }),
      });
      expect(res.statusCode).toBe(200);
      const preds = (res.json() as { predictions: { assigned: string; score: number; model_version: string }[] }).predictions;
      expect(new Set(preds.map((p) => p.assigned))).toEqual(new Set(['A', 'B']));
      for (const p of preds) expect(p.model_version).toBe(p.assigned === 'A' ? a1 : b1);

      const a2 = await saveVersion('lr', 'v2');
      await registry.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyA', a2);
      expect((await server.app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: 'Bearer t' } })).json()).toMatchObject({
        changed: true,
      });
      expect(server.reloader.current().policy('A').modelVersion).toBe(a2);
    } finally {
      await server.close();
    }
  });

  it('a missing alias is a startup error naming it', async () => {
    const { context, registry, root, saveVersion } = await registerPolicies();
    await registry.setRegisteredModelAlias('movielens_ctr_ab', 'PolicyA', await saveVersion('lr', 'v1'));
    const routerDir = path.join(root, 'router');
    await saveRouterBundle(routerDir, config);
    await registry.createRegisteredModel('movielens_ctr_router');
    await registry.setRegisteredModelAlias(
      'movielens_ctr_router',
      'router',
      (await registry.createModelVersion({ name: 'movielens_ctr_router', source: routerDir, runId: RUN_ID })).version,
    );
    const loader = createRegistryPolicyLoader(context);
    await expect(loader.resolve('models:/movielens_ctr_ab@PolicyB')).rejects.toThrow(/models:\/movielens_ctr_ab@PolicyB/);
    const reloader = createReloadingRouter({
      source: createRegistryRouterSource({ routerUri: 'models:/movielens_ctr_router@router', context }),
      pollIntervalMs: 0,
    });
    await expect(reloader.start()).rejects.toThrow(/models:\/movielens_ctr_ab@PolicyB/);
    const noRouter = createReloadingRouter({
      source: createRegistryRouterSource({ routerUri: 'models:/movielens_ctr_router@prod', context }),
      pollIntervalMs: 0,
    });
    await expect(noRouter.start()).rejects.toThrow(/models:\/movielens_ctr_router@prod/);
  });
});
