/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import { MemoryStore, SqliteStore, TrackingClient, type TrackingStore } from '../src/index';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));
const dir = mkdtempSync(path.join(tmpdir(), 'abt-readme-types-'));

const { expectDocumented, expectEach } = readme;

const stores: Array<[string, () => TrackingStore]> = [
  ['sqlite', () => new SqliteStore(`sqlite:///${path.join(dir, 'mlflow.db')}`, { artifactRoot: path.join(dir, 'mlruns') })],
  ['memory', () => new MemoryStore({ artifactRoot: path.join(dir, 'memory-mlruns') })],
];

describe.each(stores)('README result types (%s store)', (_name, makeStore) => {
  it('experiments, runs, metrics, artifacts, pages and logged models', async () => {
    const client = new TrackingClient(makeStore());
    try {
      const exp = await client.getOrCreateExperiment('readme_types');
      expectDocumented('Experiment', exp);
      expectDocumented('Experiment', await client.getExperimentByName('readme_types'));
      const run = await client.startRun({ experimentId: exp.experimentId, runName: 'r1' });
      expectDocumented('RunInfo', run.info);
      await run.logParams({ C: 1 });
      await run.logMetrics({ auc: 0.7 }, { step: 1 });
      await run.logMetrics({ auc: 0.8 }, { step: 2 });
      await run.logText('hello\n', 'notes/a.txt');
      const model = await client.createLoggedModel({ experimentId: exp.experimentId, name: 'policy_a', sourceRunId: run.runId });
      expectDocumented('LoggedModel', model);
      expectDocumented('LoggedModel', await client.finalizeLoggedModel(model.modelId, 'READY'));
      await run.logInputs([
        {
          dataset: { name: 'ml-100k', digest: 'abc12345', sourceType: 'local', source: '{"uri": "ml-100k.zip"}', profile: '{"num_rows": 3}' },
          tags: [{ key: 'mlflow.data.context', value: 'train' }],
        },
        { dataset: { name: 'bare', digest: 'def67890', sourceType: 'code', source: '{}' } },
      ]);
      await run.logOutputs([{ modelId: model.modelId, step: 0 }]);
      expectDocumented('RunInfo', await run.end());

      const full = await client.getRun(run.runId);
      expectDocumented('Run', full);
      expectDocumented('RunInfo', full.info);
      expectDocumented('RunData', full.data);
      expectDocumented('RunInputs', full.inputs);
      expectEach('DatasetInput', full.inputs!.datasetInputs);
      expectEach(
        'Dataset',
        full.inputs!.datasetInputs.map((d) => d.dataset),
      );
      expectDocumented('RunOutputs', full.outputs);
      expectEach('Metric', await client.getMetricHistory(run.runId, 'auc'));

      const second = await client.startRun({ experimentId: exp.experimentId, runName: 'r2' });
      await second.end();
      const page = await client.searchRuns({ experimentIds: [exp.experimentId], maxResults: 1 });
      expect(page.nextPageToken).toBeDefined();
      expectDocumented('PagedList', page);
      const last = await client.searchRuns({ experimentIds: [exp.experimentId], maxResults: 1, pageToken: page.nextPageToken });
      expectDocumented('PagedList', last);
      expectEach('Run', [...page.items, ...last.items]);
      expectEach('FileInfo', await client.listArtifacts(run.runId));
      expectEach('FileInfo', await client.listArtifacts(run.runId, 'notes'));
    } finally {
      await client.close();
    }
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
});
