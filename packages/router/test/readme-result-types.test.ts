/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import {
  RouterModel,
  createAssigner,
  createExperiment,
  createFileExposureLog,
  createMemoryHistoryStore,
  createMemoryPolicyLoader,
  createNdjsonLog,
  createReloadingRouter,
  parseEventLine,
  parseExposureLine,
  parseFeedback,
  parseRouterConfig,
  readExposureLog,
  routerSourceFromConfig,
  summarizeByArm,
} from '../src/index';
import { fitFeatureSpec } from '@abt/features';
import { LogisticRegression } from '@abt/models';
import { connect, registerModel, saveBundle } from '@abt/registry';
import { createFeaturizedPolicy } from '../src/index';
import { loadPolicyFromBundle, registerRouter } from '../src/loaders/index';
import { createRouterServer } from '../src/server/index';
import { syntheticTables } from './helpers/synthetic-bundles';
import { routerConfig, standInPolicy } from './helpers/policies';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));
const dir = mkdtempSync(path.join(tmpdir(), 'abt-readme-types-'));

const { expectDocumented, expectEach } = readme;

const policies = { A: standInPolicy('PolicyA', '1', 0.1), B: standInPolicy('PolicyB', '2', 0.2) };
const json = (payload: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...headers },
  payload: JSON.stringify(payload),
});

describe('README result types', () => {
  it('assignment, predictions, description and summaries', () => {
    const experiment = createExperiment({ key: 'e', arms: [{ name: 'A' }, { name: 'B' }], coverage: 0.5, forced: { '7': 'B' } });
    const assigner = createAssigner(experiment);
    const assignments = [7, '', ...Array.from({ length: 20 }, (_, i) => i + 100)].map((id) => assigner.assign(id));
    expect(new Set(assignments.map((a) => a.source))).toEqual(new Set(['forced', 'default', 'hash']));
    expectEach('Assignment', assignments);
    expectDocumented('Assignment', createAssigner(createExperiment({ key: 'p', arms: [{ name: 'A' }, { name: 'B' }], hashVersion: 'md5-parity' })).assign(3));

    const router = RouterModel.create({ experiment, policies });
    expectEach('RouterPrediction', router.predict([{ userId: 1, movieId: 2 }, { userId: 'u', itemId: 3 } as never]));
    const p = router.predictColumns([{ userId: 1, movieId: 2 }]);
    expectDocumented('RouterPredictions', p);
    const description = router.describe();
    expectDocumented('RouterDescription', description);
    expectDocumented('RouterDescription.experiment', description.experiment);
    const gb = RouterModel.create({ experiment: createExperiment({ key: 'g', variations: ['A', 'B'], namespace: ['ns', 0, 0.5] }), policies });
    expectDocumented('RouterDescription.experiment', gb.describe().experiment);
    const summary = summarizeByArm(experiment.arms, p);
    expectDocumented('RoutingSummary', summary);
    expectEach('ArmSummary', Object.values(summary.byArm));
    expectDocumented('ParsedRouterConfig', parseRouterConfig(routerConfig));
  });

  it('logs, feedback, history status and reloads', async () => {
    const line = JSON.stringify({ time: '2025-01-06T10:00:00.000Z', experiment: 'x', userId: 42, arm: 'A', modelVersion: '3', inExperiment: true });
    expectDocumented('ExposureRecord', parseExposureLine(line, 'v1'));
    const file = path.join(dir, 'exposures.ndjson');
    const log = createFileExposureLog({ file });
    const router = RouterModel.create({ experiment: createExperiment({ key: 'e', arms: [{ name: 'A' }, { name: 'B' }] }), policies });
    router.predictColumns([{ userId: 1, movieId: 2 }], { exposure: log });
    await log.close();
    expectDocumented('NdjsonLogStats', log.stats());
    const records: unknown[] = [];
    for await (const record of readExposureLog(file)) records.push(record);
    expectEach('ExposureRecord', records);
    const ndjson = createNdjsonLog({ file: path.join(dir, 'other.ndjson') });
    expectDocumented('NdjsonLogStats', ndjson.stats());
    await ndjson.close();

    const events = parseFeedback(
      [
        { userId: 1, itemId: 2, event: 'rating', value: 5 },
        { userId: 'u', movieId: 3, event: 'click', requestId: 'r' },
      ],
      { receivedAt: Date.now() },
    );
    expectEach('FeedbackEvent', events);
    expectDocumented(
      'FeedbackEvent',
      parseEventLine(
        '{"v":1,"time":"2025-01-06T10:03:00.000Z","receivedAt":"2025-01-06T10:03:00.120Z","userId":42,"itemId":10,"event":"click","value":null,"requestId":"r-1"}',
        'events',
      ),
    );
    const history = createMemoryHistoryStore({ eventsLog: path.join(dir, 'events.ndjson') });
    await history.start();
    await history.append(events);
    expectDocumented('HistoryStoreStatus', history.status());
    await history.close();

    const loader = createMemoryPolicyLoader({ 'models:/movielens_ctr_ab@PolicyA': policies.A, 'models:/movielens_ctr_ab@PolicyB': policies.B });
    const reloading = createReloadingRouter({ source: routerSourceFromConfig(routerConfig, loader), pollIntervalMs: 0 });
    expectDocumented('ReloadResult', await reloading.reload({ force: true }));
    expectDocumented('ReloadStatus', reloading.status());
    reloading.stop();
    const failing = createReloadingRouter({
      source: { version: 1, resolveCurrent: async () => ({ A: '9' }), load: async () => Promise.reject(new Error('gone')) },
      pollIntervalMs: 0,
    });
    const failed = await failing.reload({ force: true });
    expect(failed.error).toBeDefined();
    expectDocumented('ReloadResult', failed);
    expectDocumented('ReloadStatus', failing.status());
    failing.stop();
  });

  it('policies from bundles, and a registered router', async () => {
    const { train, movies } = syntheticTables();
    const spec = fitFeatureSpec({ train, movies }, { kind: 'onehot' });
    const model = new LogisticRegression({ max_iter: 20 }).fit(spec.transformTrain().X, train.label, { featureNames: spec.featureNames });
    expectDocumented('Policy', createFeaturizedPolicy({ name: 'PolicyA', modelVersion: '1', model, featureSpec: spec }));
    const trackingUri = `sqlite:///${path.join(dir, 'mlflow.db')}`;
    const conn = await connect({ trackingUri, artifactRoot: path.join(dir, 'mlruns') });
    try {
      const experiment = await conn.client.getOrCreateExperiment('abtest_movielens');
      for (const alias of ['PolicyA', 'PolicyB']) {
        const run = await conn.client.startRun({ experimentId: experiment.experimentId, runName: alias });
        const bundleDir = path.join(dir, alias);
        await saveBundle(bundleDir, {
          files: { 'model.json': JSON.stringify(model.toJSON()), 'feature_spec.json': JSON.stringify(spec.toJSON()) },
          abt: { modelClass: 'LogisticRegression', data: 'model.json', featureSpec: 'feature_spec.json' },
        });
        expectDocumented('Policy', await loadPolicyFromBundle(bundleDir, { name: alias, modelVersion: '1', uri: `models:/movielens_ctr_ab@${alias}` }));
        await registerModel({ client: conn.client, registry: conn.registry, runId: run.runId, bundleDir, name: 'movielens_ctr_ab', alias });
        await run.end();
      }
      expectDocumented('RegisteredRouter', await registerRouter({ client: conn.client, registry: conn.registry, config: routerConfig }));
    } finally {
      await conn.close();
    }
  });

  it('HTTP responses', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/movielens_ctr_ab@PolicyA': policies.A, 'models:/movielens_ctr_ab@PolicyB': policies.B });
    const history = createMemoryHistoryStore({ eventsLog: path.join(dir, 'server-events.ndjson') });
    const exposure = createFileExposureLog({ file: path.join(dir, 'server-exposures.ndjson') });
    const server = await createRouterServer({
      source: routerSourceFromConfig(routerConfig, loader),
      pollIntervalMs: 0,
      history,
      exposure,
      adminToken: 't0ken',
    });
    const bare = await createRouterServer({
      router: RouterModel.create({ experiment: createExperiment({ key: 'e', arms: [{ name: 'A' }, { name: 'B' }] }), policies }),
    });
    try {
      const { app } = server;
      const ok = async (res: Promise<{ statusCode: number; json(): unknown }>) => {
        const r = await res;
        expect(r.statusCode).toBe(200);
        return r.json();
      };
      expectDocumented('PredictResponse', await ok(app.inject({ method: 'POST', url: '/predict', ...json({ userId: 1, movieId: 2 }) })));
      const bulk = (await ok(app.inject({ method: 'POST', url: '/bulk_predict', ...json({ rows: [{ userId: 1, movieId: 2 }] }) }))) as { summary: unknown };
      expectDocumented('BulkPredictResponse', bulk);
      expectDocumented('RoutingSummary', bulk.summary);
      expectDocumented(
        'InvocationsResponse',
        await ok(app.inject({ method: 'POST', url: '/invocations', ...json({ dataframe_records: [{ userId: 1, movieId: 2 }] }) })),
      );
      expectDocumented('FeedbackResponse', await ok(app.inject({ method: 'POST', url: '/feedback', ...json({ userId: 1, itemId: 2, event: 'click' }) })));
      const health = (await ok(app.inject({ method: 'GET', url: '/health' }))) as Record<string, unknown>;
      expectDocumented('HealthResponse', health);
      expectDocumented('RouterDescription.experiment', health.experiment);
      // /health's history is a HistoryStoreStatus plus the server's stale-read counters.
      const { staleReads, lastStaleAt, ...historyStatus } = health.history as Record<string, unknown>;
      expect(typeof staleReads).toBe('number');
      expect(lastStaleAt).toBeUndefined(); // undefined values are left out of the JSON
      expect(readme.check('HistoryStoreStatus', historyStatus).undocumented).toEqual([]);
      expect(readme.check('NdjsonLogStats', health.exposureLog).undocumented).toEqual([]);
      expect(readme.check('ReloadStatus', health.reload).undocumented).toEqual([]);
      expectDocumented('HealthResponse', await ok(bare.app.inject({ method: 'GET', url: '/health' })));
      expectDocumented('VersionResponse', await ok(app.inject({ method: 'GET', url: '/version' })));
      expectDocumented('AdminReloadResponse', await ok(app.inject({ method: 'POST', url: '/admin/reload', headers: { authorization: 'Bearer t0ken' } })));
      const bad = await app.inject({ method: 'POST', url: '/predict', ...json({ userId: 1 }) });
      expect(bad.statusCode).toBe(400);
      expectDocumented('ErrorResponse', bad.json());
    } finally {
      await server.close();
      await bare.close();
    }
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
});
