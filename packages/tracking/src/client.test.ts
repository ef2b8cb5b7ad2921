import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore, SqliteStore, TrackingClient, messages, seededIds, withRun } from './index';

const dir = mkdtempSync(join(tmpdir(), 'abt-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function client(): TrackingClient {
  let t = 1_700_000_000_000;
  const clock = () => t++;
  return new TrackingClient(new MemoryStore({ artifactRoot: join(dir, `mem-${Math.random().toString(36).slice(2)}`), clock }), {
    clock,
    env: { USER: 'alice' },
  });
}

describe('TrackingClient', () => {
  it('getOrCreateExperiment is idempotent', async () => {
    const c = client();
    const a = await c.getOrCreateExperiment('abtest_movielens');
    const b = await c.getOrCreateExperiment('abtest_movielens');
    expect(b.experimentId).toBe(a.experimentId);
  });

  it("startRun sets MLflow's system tags, user and parent tag", async () => {
    const c = client();
    const exp = await c.getOrCreateExperiment('e');
    const parent = await c.startRun({ experimentId: exp.experimentId, runName: 'PolicyA_LogReg', tags: { policy: 'A' } });
    const child = await c.startRun({ experimentId: exp.experimentId, runName: 'fold_1', parentRunId: parent.runId });
    const got = await c.getRun(child.runId);
    expect(got.info.userId).toBe('alice');
    expect(got.data.tags).toMatchObject({
      'mlflow.user': 'alice',
      'mlflow.source.type': 'LOCAL',
      'mlflow.parentRunId': parent.runId,
      'mlflow.runName': 'fold_1',
    });
    expect(got.data.tags['mlflow.source.name']).toBeTruthy();
    expect((await c.getRun(parent.runId)).data.tags.policy).toBe('A');
    await expect(c.startRun({ experimentId: exp.experimentId, parentRunId: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('withRun ends FINISHED on success and FAILED on exceptions (rethrown)', async () => {
    const c = client();
    const exp = await c.getOrCreateExperiment('e');
    let okId = '';
    const value = await withRun(c, { experimentId: exp.experimentId, runName: 'ok' }, async (run) => {
      okId = run.runId;
      await run.logParams({ C: 1, saga: true, none: null });
      await run.logMetrics({ valid_auc: 0.7, valid_logloss: 0.6 }, { step: 3 });
      return 42;
    });
    expect(value).toBe(42);
    const ok = await c.getRun(okId);
    expect(ok.info.status).toBe('FINISHED');
    expect(ok.info.endTime).toBeGreaterThan(ok.info.startTime);
    expect(ok.data.params).toEqual({ C: '1', saga: 'True', none: 'None' });
    expect((await c.getMetricHistory(okId, 'valid_auc'))[0]).toMatchObject({ step: 3, value: 0.7 });
    let failedId = '';
    await expect(
      withRun(c, { experimentId: exp.experimentId }, async (run) => {
        failedId = run.runId;
        throw new Error('training diverged');
      }),
    ).rejects.toThrow('training diverged');
    expect((await c.getRun(failedId)).info.status).toBe('FAILED');
  });

  it('refuses writes to an ended run, naming it', async () => {
    const c = client();
    const run = await c.startRun({ experimentId: '0' });
    await run.end();
    await expect(run.logMetrics({ x: 1 })).rejects.toMatchObject({ code: 'INVALID_STATE', message: messages.runClosed(run.runId, 'FINISHED') });
    await expect(run.logText('x', 'a.txt')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('logs text, JSON, PNG images and files; rejects non-PNG images', async () => {
    const c = new TrackingClient(new SqliteStore(`sqlite:///${join(dir, 'c.db')}`, { artifactRoot: join(dir, 'c-mlruns') }));
    const exp = await c.getOrCreateExperiment('arts');
    const run = await c.startRun({ experimentId: exp.experimentId });
    await run.logText('hello', 'notes/a.txt');
    await run.logJson({ auc: 0.7, tpr: Float64Array.from([0, 0.5, 1]) }, 'metrics.json');
    await run.logImage(PNG, 'charts/roc.png');
    await expect(run.logImage(new Uint8Array([1, 2, 3]), 'charts/bad.png')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expect((await c.listArtifacts(run.runId)).map((f) => f.path)).toEqual(['charts', 'metrics.json', 'notes']);
    const local = await c.downloadArtifacts(run.runId, 'metrics.json', join(dir, 'dl'));
    expect(JSON.parse(readFileSync(local, 'utf8'))).toEqual({ auc: 0.7, tpr: [0, 0.5, 1] });
    expect(readFileSync(join(run.artifactUri, 'charts', 'roc.png'))).toEqual(Buffer.from(PNG));
    await run.end();
    await c.close();
  });

  it('searchAllRuns follows page tokens', async () => {
    const c = client();
    const exp = await c.getOrCreateExperiment('many');
    for (let i = 0; i < 7; i++) await (await c.startRun({ experimentId: exp.experimentId })).end();
    expect((await c.searchAllRuns({ experimentIds: [exp.experimentId], maxResults: 3 })).length).toBe(7);
  });

  it('seeded ids make runs reproducible', async () => {
    const ids = (seed: number) => {
      const g = seededIds(seed);
      return [g(), g()];
    };
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
    expect(ids(7)[0]).toMatch(/^[0-9a-f]{32}$/);
    const store = new MemoryStore({ ids: seededIds(1), artifactRoot: join(dir, 'seeded') });
    const run = await store.createRun({ experimentId: '0', tags: [] });
    expect(run.info.runId).toBe(seededIds(1)());
  });
});
