import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RestStore, TrackingClient, withRun } from '@abt/tracking';
import { requireServer, runInterop } from './env';
import { probe } from './python';

// abt writes through the REST API and the mlflow-artifacts proxy; Python's MlflowClient reads it back.
describe.skipIf(!runInterop)('Python MlflowClient reads what abt logged through mlflow server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'abt-rest-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sees runs, params, metric histories, tags and proxied artifacts', async () => {
    const client = new TrackingClient(new RestStore(requireServer()));
    const name = `abtest_movielens_rest_${process.pid}_${Date.now()}`;
    const exp = await client.getOrCreateExperiment(name);
    expect(exp.artifactLocation).toBe(`mlflow-artifacts:/${exp.experimentId}`);
    writeFileSync(join(dir, 'model.lgb'), 'tree\n');
    let runId = '';
    await withRun(client, { experimentId: exp.experimentId, runName: 'PolicyB_LightGBM' }, async (run) => {
      runId = run.runId;
      await run.logParams({ num_leaves: 64, learning_rate: 0.05 });
      for (let step = 0; step < 3; step++) await run.logMetrics({ valid_logloss: 0.65 - step / 100 }, { step, timestamp: 1_700_000_000_000 + step });
      await run.logMetrics({ valid_auc: 0.69, nan_metric: Number.NaN });
      await run.logArtifact(join(dir, 'model.lgb'), 'model');
      await run.logJson({ auc: 0.69 }, 'eval/summary.json');
    });
    const out = await probe<{
      runs: Record<
        string,
        {
          run_id: string;
          status: string;
          params: Record<string, string>;
          metrics: Record<string, number | string>;
          history: Record<string, [number, number, number][]>;
          artifacts: string[];
          downloaded: string[];
        }
      >;
    }>('read', { uri: requireServer(), experiment: name, dst: join(dir, 'py') });
    const r = out.runs.PolicyB_LightGBM!;
    expect(r.run_id).toBe(runId);
    expect(r.status).toBe('FINISHED');
    expect(r.params).toEqual({ num_leaves: '64', learning_rate: '0.05' });
    expect(r.metrics.valid_auc).toBe(0.69);
    expect(r.metrics.nan_metric).toBe('NaN');
    expect(r.history.valid_logloss!.map((p) => p[0])).toEqual([0, 1, 2]);
    expect(r.artifacts).toEqual(['eval', 'model']);
    expect(r.downloaded).toEqual(['eval/summary.json', 'model/model.lgb']);
    await client.close();
  }, 180_000);
});
