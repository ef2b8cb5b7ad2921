import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_REPOSITORY_CALLS, TRACKING_STORE_CALLS } from '../call-specs';
import { InvalidOptionError, TrackingError } from '../errors';
import { TRAVERSAL_CASES } from './traversal-cases';
import { assertCallsChecked } from './call-checks';
import { LIMITS } from '../limits';
import type { TrackingStore } from '../store';
import { checkCall } from '../arguments';

/** The test-runner functions the suite needs (vitest's and node:test's fit). */
export interface ContractApi {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void> | void, timeout?: number) => void;
  beforeAll?: (fn: () => Promise<void> | void) => void;
  afterAll?: (fn: () => Promise<void> | void) => void;
}

export interface StoreFixture {
  store: TrackingStore;
  cleanup?: () => Promise<void> | void;
}

export interface ContractOptions {
  /** Per-test timeout in ms (REST against a real server is slower). */
  timeout?: number;
}

async function expectCode(p: Promise<unknown> | (() => unknown), code: string): Promise<TrackingError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    assert.ok(TrackingError.isInstance(err), `expected a TrackingError, got ${String(err)}`);
    assert.equal(err.code, code, `expected ${code}, got ${err.code}: ${err.message}`);
    return err;
  }
  assert.fail(`expected a TrackingError with code ${code}`);
}

let counter = 0;
const unique = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${(counter++).toString(36)}`;

/**
 * The one behavioural suite every TrackingStore passes (memory, SQLite, REST against a real
 * `mlflow server`). `makeStore` is called once; each test uses its own experiment.
 */
export function trackingStoreContract(
  name: string,
  api: ContractApi,
  makeStore: () => Promise<StoreFixture> | StoreFixture,
  options: ContractOptions = {},
): void {
  checkCall('trackingStoreContract', arguments, 4, { 1: ['describe', 'it', 'beforeAll', 'afterAll'], 3: ['timeout'] });
  const { describe, it } = api;
  const t = options.timeout;
  let fixture: StoreFixture | undefined;
  const store = async (): Promise<TrackingStore> => {
    fixture ??= await makeStore();
    return fixture.store;
  };
  api.afterAll?.(async () => {
    if (fixture) {
      await fixture.store.close();
      await fixture.cleanup?.();
    }
  });
  const newExperiment = async (s: TrackingStore) => s.createExperiment(unique('exp'));
  const newRun = async (s: TrackingStore, runName?: string) =>
    s.createRun({ experimentId: await newExperiment(s), runName, userId: 'tester', startTime: 1_700_000_000_000, tags: [] });

  describe(`trackingStoreContract: ${name}`, () => {
    it(
      'has the Default experiment with id 0',
      async () => {
        const s = await store();
        const e = await s.getExperiment('0');
        assert.equal(e.name, 'Default');
        assert.equal(e.experimentId, '0');
        assert.match(e.artifactLocation, /\/0$/);
      },
      t,
    );

    it(
      'creates experiments with integer ids as strings and finds them by id and name',
      async () => {
        const s = await store();
        const n = unique('abtest_movielens');
        const id = await s.createExperiment(n, { tags: { team: 'reco' } });
        assert.match(id, /^\d+$/);
        const e = await s.getExperiment(id);
        assert.equal(e.name, n);
        assert.equal(e.lifecycleStage, 'active');
        assert.equal(e.tags.team, 'reco');
        assert.match(e.artifactLocation, new RegExp(`${id}$`));
        assert.equal((await s.getExperimentByName(n))?.experimentId, id);
        assert.equal(await s.getExperimentByName(unique('missing')), null);
        await expectCode(s.createExperiment(n), 'RESOURCE_ALREADY_EXISTS');
        await expectCode(s.getExperiment('987654321'), 'RESOURCE_DOES_NOT_EXIST');
        await s.setExperimentTag(id, 'team', 'ranking');
        assert.equal((await s.getExperiment(id)).tags.team, 'ranking');
        const listed = await s.searchExperiments({ maxResults: 50000 });
        assert.ok(listed.items.some((x) => x.experimentId === id));
      },
      t,
    );

    it(
      'creates RUNNING runs with 32-hex ids, run name = mlflow.runName tag, MLflow artifact layout',
      async () => {
        const s = await store();
        const expId = await newExperiment(s);
        const exp = await s.getExperiment(expId);
        const run = await s.createRun({
          experimentId: expId,
          runName: 'PolicyA_LogReg',
          userId: 'alice',
          startTime: 1_700_000_000_123,
          tags: [{ key: 'stage', value: 'train' }],
        });
        assert.match(run.info.runId, /^[0-9a-f]{32}$/);
        assert.equal(run.info.status, 'RUNNING');
        assert.equal(run.info.runName, 'PolicyA_LogReg');
        assert.equal(run.data.tags['mlflow.runName'], 'PolicyA_LogReg');
        assert.equal(run.data.tags.stage, 'train');
        assert.equal(run.info.startTime, 1_700_000_000_123);
        assert.equal(run.info.endTime, null);
        assert.equal(run.info.userId, 'alice');
        assert.equal(run.info.experimentId, expId);
        assert.equal(run.info.artifactUri, `${exp.artifactLocation}/${run.info.runId}/artifacts`);
        const unnamed = await s.createRun({ experimentId: expId, startTime: 1, tags: [] });
        assert.ok(unnamed.info.runName.length > 0);
        assert.equal(unnamed.data.tags['mlflow.runName'], unnamed.info.runName);
        await expectCode(s.createRun({ experimentId: '987654321', tags: [] }), 'RESOURCE_DOES_NOT_EXIST');
        await expectCode(s.getRun('0123456789abcdef0123456789abcdef'), 'RESOURCE_DOES_NOT_EXIST');
      },
      t,
    );

    it(
      'logs params, metrics and tags in one batch; latest metric is the greatest (step, timestamp, value)',
      async () => {
        const s = await store();
        const run = await newRun(s);
        const id = run.info.runId;
        await s.logBatch(id, {
          params: [
            { key: 'C', value: '1.0' },
            { key: 'l1_ratio', value: '0.1' },
          ],
          tags: [{ key: 'policy', value: 'A' }],
          metrics: [
            { key: 'valid_auc', value: 0.7, timestamp: 1000, step: 0 },
            { key: 'valid_auc', value: 0.72, timestamp: 1001, step: 2 },
            { key: 'valid_auc', value: 0.71, timestamp: 1002, step: 1 },
          ],
        });
        const got = await s.getRun(id);
        assert.deepEqual(got.data.params, { C: '1.0', l1_ratio: '0.1' });
        assert.equal(got.data.tags.policy, 'A');
        assert.equal(got.data.metrics.valid_auc, 0.72);
        const hist = await s.getMetricHistory(id, 'valid_auc');
        assert.deepEqual(
          hist.map((m) => [m.step, m.value, m.timestamp]),
          [
            [0, 0.7, 1000],
            [1, 0.71, 1002],
            [2, 0.72, 1001],
          ],
        );
        // A later batch with a lower step does not replace the latest value.
        await s.logBatch(id, { metrics: [{ key: 'valid_auc', value: 0.5, timestamp: 5000, step: 1 }] });
        assert.equal((await s.getRun(id)).data.metrics.valid_auc, 0.72);
        assert.deepEqual(await s.getMetricHistory(id, 'nope'), []);
      },
      t,
    );

    it(
      'stores NaN as NaN and clamps +/-Inf as MLflow does',
      async () => {
        const s = await store();
        const run = await newRun(s);
        const id = run.info.runId;
        await s.logBatch(id, {
          metrics: [
            { key: 'nan', value: Number.NaN, timestamp: 1, step: 0 },
            { key: 'pinf', value: Infinity, timestamp: 1, step: 0 },
            { key: 'ninf', value: -Infinity, timestamp: 1, step: 0 },
          ],
        });
        const got = await s.getRun(id);
        assert.ok(Number.isNaN(got.data.metrics.nan));
        assert.equal(got.data.metrics.pinf, LIMITS.maxMetricValue);
        assert.equal(got.data.metrics.ninf, -LIMITS.maxMetricValue);
        assert.ok(Number.isNaN((await s.getMetricHistory(id, 'nan'))[0]!.value));
        // mlflow.search_runs semantics: a NaN metric matches only '!='.
        const hits = async (filter: string) => (await s.searchRuns({ experimentIds: [run.info.experimentId], filter })).items.length;
        assert.deepEqual(
          [await hits('metrics.nan > -1'), await hits('metrics.nan = 0'), await hits('metrics.nan < 1'), await hits('metrics.nan != 0')],
          [0, 0, 0, 1],
        );
      },
      t,
    );

    it(
      'keeps params immutable: same value is fine, a different value is INVALID_PARAMETER_VALUE',
      async () => {
        const s = await store();
        const run = await newRun(s);
        const id = run.info.runId;
        await s.logBatch(id, { params: [{ key: 'num_leaves', value: '64' }] });
        await s.logBatch(id, { params: [{ key: 'num_leaves', value: '64' }] });
        const err = await expectCode(s.logBatch(id, { params: [{ key: 'num_leaves', value: '32' }] }), 'INVALID_PARAMETER_VALUE');
        assert.match(err.message, /num_leaves/);
        assert.equal((await s.getRun(id)).data.params.num_leaves, '64');
        await expectCode(s.logBatch(id, { params: [{ key: 'long', value: 'x'.repeat(LIMITS.maxParamValueLength + 1) }] }), 'INVALID_PARAMETER_VALUE');
        await expectCode(
          s.logBatch(id, { metrics: Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i, timestamp: i, step: i })) }),
          'INVALID_PARAMETER_VALUE',
        );
        await expectCode(s.logBatch(id, { params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' })) }), 'INVALID_PARAMETER_VALUE');
      },
      t,
    );

    it(
      'updates status, end time and name; the mlflow.runName tag renames the run',
      async () => {
        const s = await store();
        const run = await newRun(s, 'first');
        const id = run.info.runId;
        await s.logBatch(id, { tags: [{ key: 'mlflow.runName', value: 'second' }] });
        assert.equal((await s.getRun(id)).info.runName, 'second');
        const info = await s.updateRunInfo(id, { status: 'FINISHED', endTime: 1_700_000_100_000 });
        assert.equal(info.status, 'FINISHED');
        assert.equal(info.endTime, 1_700_000_100_000);
        const got = await s.getRun(id);
        assert.equal(got.info.status, 'FINISHED');
        assert.equal(got.info.runName, 'second');
        assert.equal(got.data.tags['mlflow.runName'], 'second');
      },
      t,
    );

    it(
      'searches runs with MLflow filters, order_by, max_results and page tokens',
      async () => {
        const s = await store();
        const expId = await newExperiment(s);
        const names = ['PolicyA_LogReg', 'PolicyB_LightGBM', 'Eval_Offline_AB', 'CV_5fold'];
        const xs = [0.6, 0.66, 0.74, 0.81];
        const ids: string[] = [];
        for (const [i, n] of names.entries()) {
          const r = await s.createRun({ experimentId: expId, runName: n, startTime: 1_700_000_000_000 + i, tags: [] });
          ids.push(r.info.runId);
          await s.logBatch(r.info.runId, { params: [{ key: 'a', value: String(i % 2) }], metrics: [{ key: 'x', value: xs[i]!, timestamp: 1, step: 0 }] });
        }
        await s.updateRunInfo(ids[1]!, { status: 'FINISHED', endTime: 1_700_000_001_000 });
        const q = async (filter: string, orderBy?: string[]) =>
          (await s.searchRuns({ experimentIds: [expId], filter, orderBy })).items.map((r) => r.info.runName);
        assert.deepEqual(await q('metrics.x > 0.7', ['metrics.x DESC']), ['CV_5fold', 'Eval_Offline_AB']);
        assert.deepEqual(await q("params.a = '1'", ['attributes.start_time ASC']), ['PolicyB_LightGBM', 'CV_5fold']);
        assert.deepEqual(await q("tags.mlflow.runName = 'PolicyA_LogReg'"), ['PolicyA_LogReg']);
        assert.deepEqual(await q("attributes.status = 'FINISHED'"), ['PolicyB_LightGBM']);
        assert.deepEqual(await q("metrics.x >= 0.65 AND params.a = '1' AND attributes.status = 'RUNNING'"), ['CV_5fold']);
        assert.deepEqual(await q(''), ['CV_5fold', 'Eval_Offline_AB', 'PolicyB_LightGBM', 'PolicyA_LogReg']);
        assert.deepEqual(await q('', ['metrics.x ASC']), names);
        const first = await s.searchRuns({ experimentIds: [expId], maxResults: 3, orderBy: ['metrics.x ASC'] });
        assert.equal(first.items.length, 3);
        assert.ok(first.nextPageToken);
        const second = await s.searchRuns({ experimentIds: [expId], maxResults: 3, orderBy: ['metrics.x ASC'], pageToken: first.nextPageToken });
        assert.deepEqual(
          second.items.map((r) => r.info.runName),
          ['CV_5fold'],
        );
        assert.equal(second.nextPageToken, undefined);
        await expectCode(s.searchRuns({ experimentIds: [expId], filter: 'metrics.x >>> 1' }), 'INVALID_PARAMETER_VALUE');
        await s.deleteRun(ids[0]!);
        assert.ok(!(await q('')).includes('PolicyA_LogReg'));
        const deleted = await s.searchRuns({ experimentIds: [expId], runViewType: 'DELETED_ONLY' });
        assert.deepEqual(
          deleted.items.map((r) => r.info.runId),
          [ids[0]],
        );
        await s.restoreRun(ids[0]!);
        assert.ok((await q('')).includes('PolicyA_LogReg'));
      },
      t,
    );

    it(
      'deletes experiments with their runs; deleted runs and experiments refuse writes',
      async () => {
        const s = await store();
        const expId = await newExperiment(s);
        const run = await s.createRun({ experimentId: expId, tags: [] });
        await s.deleteExperiment(expId);
        assert.equal((await s.getExperiment(expId)).lifecycleStage, 'deleted');
        assert.equal((await s.getRun(run.info.runId)).info.lifecycleStage, 'deleted');
        assert.ok(!(await s.searchExperiments({ maxResults: 50000 })).items.some((e) => e.experimentId === expId));
        assert.ok((await s.searchExperiments({ maxResults: 50000, viewType: 'DELETED_ONLY' })).items.some((e) => e.experimentId === expId));
        await expectCode(s.createRun({ experimentId: expId, tags: [] }), 'INVALID_PARAMETER_VALUE');
        await expectCode(s.logBatch(run.info.runId, { params: [{ key: 'a', value: '1' }] }), 'INVALID_PARAMETER_VALUE');
      },
      t,
    );

    it(
      'creates, finalizes and tags MLflow 3 logged models under <experiment>/models/m-<hex>/artifacts',
      async () => {
        const s = await store();
        const run = await newRun(s);
        const exp = await s.getExperiment(run.info.experimentId);
        const m = await s.createLoggedModel({
          experimentId: run.info.experimentId,
          name: 'policy_a',
          sourceRunId: run.info.runId,
          params: { C: '1.0' },
          tags: { k: 'v' },
        });
        assert.match(m.modelId, /^m-[0-9a-f]{32}$/);
        assert.equal(m.status, 'PENDING');
        assert.equal(m.name, 'policy_a');
        assert.equal(m.sourceRunId, run.info.runId);
        assert.equal(m.artifactLocation, `${exp.artifactLocation}/models/${m.modelId}/artifacts`);
        assert.equal(m.tags.k, 'v');
        assert.equal(m.params.C, '1.0');
        const ready = await s.finalizeLoggedModel(m.modelId, 'READY');
        assert.equal(ready.status, 'READY');
        await s.setLoggedModelTags(m.modelId, { 'mlflow.modelVersions': '[]', k: 'w' });
        const got = await s.getLoggedModel(m.modelId);
        assert.equal(got.tags.k, 'w');
        assert.equal(got.tags['mlflow.modelVersions'], '[]');
        await expectCode(s.getLoggedModel('m-00000000000000000000000000000000'), 'RESOURCE_DOES_NOT_EXIST');
      },
      t,
    );

    it(
      'links datasets as run inputs (once per name and digest) and logged models as run outputs',
      async () => {
        const s = await store();
        const run = await newRun(s);
        const other = await s.createRun({ experimentId: run.info.experimentId, tags: [] });
        const train = {
          name: 'movielens_train',
          digest: 'a1b2c3d4',
          sourceType: 'local',
          source: '{"uri": "/data/ml-100k.zip"}',
          profile: '{"num_rows": 80000}',
        };
        await s.logInputs(run.info.runId, [{ dataset: train, tags: [{ key: 'mlflow.data.context', value: 'train' }] }]);
        await s.logInputs(run.info.runId, [{ dataset: train, tags: [{ key: 'mlflow.data.context', value: 'train' }] }]);
        await s.logInputs(other.info.runId, [{ dataset: { name: 'movielens_test', digest: 'ffff0000', sourceType: 'local', source: '{"uri": "x"}' } }]);
        const got = await s.getRun(run.info.runId);
        assert.deepEqual(got.inputs?.datasetInputs, [{ dataset: train, tags: [{ key: 'mlflow.data.context', value: 'train' }] }]);
        assert.deepEqual(
          (await s.getRun(other.info.runId)).inputs?.datasetInputs.map((d) => d.dataset.name),
          ['movielens_test'],
        );
        const m = await s.createLoggedModel({ experimentId: run.info.experimentId, name: 'PolicyA', sourceRunId: run.info.runId });
        await s.logOutputs(run.info.runId, [{ modelId: m.modelId, step: 0 }]);
        assert.deepEqual((await s.getRun(run.info.runId)).outputs?.modelOutputs, [{ modelId: m.modelId, step: 0 }]);
        assert.deepEqual((await s.getRun(other.info.runId)).outputs?.modelOutputs, []);
        await expectCode(s.logInputs(run.info.runId, [{ dataset: { ...train, digest: 'x'.repeat(37) } }]), 'INVALID_PARAMETER_VALUE');
        await expectCode(s.logOutputs(run.info.runId, [{ modelId: m.modelId, step: -1 }]), 'INVALID_PARAMETER_VALUE');
      },
      t,
    );

    it(
      'writes, lists and downloads run artifacts; rejects unsafe paths',
      async () => {
        const s = await store();
        const run = await newRun(s);
        const repo = s.artifactRepository(run.info.artifactUri);
        const tmp = await mkdtemp(join(tmpdir(), 'abt-contract-'));
        try {
          await writeFile(join(tmp, 'model.txt'), 'tree\n');
          await mkdir(join(tmp, 'dir', 'sub'), { recursive: true });
          await writeFile(join(tmp, 'dir', 'a.json'), '{"a":1}');
          await writeFile(join(tmp, 'dir', 'sub', 'b.txt'), 'b');
          await repo.logArtifact(join(tmp, 'model.txt'));
          await repo.logArtifact(join(tmp, 'model.txt'), 'models/policy');
          await repo.logArtifacts(join(tmp, 'dir'), 'bundle');
          await repo.logBytes('hello', 'notes/readme.txt');
          const root = await repo.listArtifacts();
          assert.deepEqual(
            root.map((f) => [f.path, f.isDir]),
            [
              ['bundle', true],
              ['model.txt', false],
              ['models', true],
              ['notes', true],
            ],
          );
          assert.equal(root.find((f) => f.path === 'model.txt')?.fileSize, 5);
          assert.deepEqual(
            (await repo.listArtifacts('bundle')).map((f) => f.path),
            ['bundle/a.json', 'bundle/sub'],
          );
          assert.equal(new TextDecoder().decode(await repo.readArtifact('notes/readme.txt')), 'hello');
          const dst = join(tmp, 'download');
          const local = await repo.downloadArtifacts('bundle', dst);
          assert.equal(await readFile(join(local, 'sub', 'b.txt'), 'utf8'), 'b');
          const one = await repo.downloadArtifacts('models/policy/model.txt', dst);
          assert.equal(await readFile(one, 'utf8'), 'tree\n');
          // The one traversal table: refused on every call, and the safe names round-trip (data/50%off.csv).
          for (const c of TRAVERSAL_CASES) {
            if (c.abt === 'reject') {
              for (const call of [
                () => repo.logBytes('x', c.path),
                () => repo.readArtifact(c.path),
                () => repo.listArtifacts(c.path),
                () => repo.downloadArtifacts(c.path, dst),
              ]) {
                await expectCode(call(), 'UNSAFE_PATH');
              }
            } else {
              await repo.logBytes(`payload of ${c.name}`, c.path);
              assert.equal(new TextDecoder().decode(await repo.readArtifact(c.path)), `payload of ${c.name}`, c.name);
            }
          }
        } finally {
          await rm(tmp, { recursive: true, force: true });
        }
      },
      t,
    );

    it(
      'refuses unknown option keys and surplus positional arguments on every method (TRACKING_STORE_CALLS)',
      async () => {
        const s = await store();
        await assertCallsChecked(s, TRACKING_STORE_CALLS, InvalidOptionError.isInstance);
        const run = await newRun(s);
        const typo = await expectCode(
          s.logBatch(run.info.runId, { metrics: [{ key: 'auc', value: 1, timestamp: 1, step: 0, stepp: 3 } as never] }),
          'INVALID_PARAMETER_VALUE',
        );
        assert.ok(InvalidOptionError.isInstance(typo) && typo.key === 'stepp', typo.message);
        assert.deepEqual((await s.getRun(run.info.runId)).data.metrics, {});
        await assertCallsChecked(s.artifactRepository(run.info.artifactUri), ARTIFACT_REPOSITORY_CALLS, InvalidOptionError.isInstance);
      },
      t,
    );
  });
}
