// The pipeline's setting on the real MovieLens 100K, for the served-loop tests: the original's time
// split, abt's dense FeatureSpec, Policy B with the pipeline's LightGBM parameters (200 rounds, no
// early stopping), registered with Policy A and a router in a temp SQLite registry. Also the
// batch protocols' scores for the test period: `online` (transformOnline over valid + test, what a
// router learning from every earlier rating serves) and `frozen` (train history only).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { concatRows, type LabeledRatings, labelRatings, loadMovieLens, splitByTime } from '@abt/data';
import { fitFeatureSpec } from '@abt/features';
import { GBDT, LogisticRegression } from '@abt/models';
import { connect, registerModel, saveBundle } from '@abt/registry';
import { registerRouter } from '@abt/router/loaders';

export const ML100K = process.env.ABT_ML100K ?? path.resolve(import.meta.dirname, '../../../../../shared/data/movielens/ml-100k.zip');

export type LoopSetup = {
  root: string;
  trackingUri: string;
  valid: LabeledRatings;
  test: LabeledRatings;
  /** Policy B's scores of the test rows under each batch protocol. */
  online: Float64Array;
  frozen: Float64Array;
};

export async function buildLoopSetup(): Promise<LoopSetup> {
  const ds = await loadMovieLens(ML100K);
  const { train, valid, test } = splitByTime(labelRatings(ds.ratings));
  const spec = fitFeatureSpec({ train, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) });
  const { X, featureNames } = spec.transformTrain();
  const policyB = new GBDT({
    num_leaves: 64,
    learning_rate: 0.05,
    feature_fraction: 0.8,
    bagging_fraction: 0.8,
    bagging_freq: 1,
    min_data_in_leaf: 50,
    num_iterations: 200,
    seed: 42,
  }).fit(X, train.label, { featureNames });
  const policyA = new LogisticRegression({ C: 1, max_iter: 30 }).fit(X, train.label, { featureNames });
  const both = spec.transformOnline(concatRows(valid, test)).X as { rows: number; cols: number; data: Float32Array };
  const testOnline = { rows: test.length, cols: both.cols, data: both.data.subarray(valid.length * both.cols) };
  const online = policyB.predictProba(testOnline);
  const frozen = policyB.predictProba(spec.transform(test).X);

  const root = mkdtempSync(path.join(tmpdir(), 'abt-loop-'));
  const trackingUri = `sqlite:///${path.join(root, 'mlflow.db')}`;
  const conn = await connect({ trackingUri, artifactRoot: path.join(root, 'mlruns') });
  try {
    const experiment = await conn.client.getOrCreateExperiment('abtest_movielens');
    for (const [alias, model] of [
      ['PolicyA', policyA],
      ['PolicyB', policyB],
    ] as const) {
      const run = await conn.client.startRun({ experimentId: experiment.experimentId, runName: alias });
      const bundleDir = path.join(root, 'bundles', alias);
      await saveBundle(bundleDir, {
        files: { 'model.json': JSON.stringify(model.toJSON()), 'feature-spec.json': JSON.stringify(spec.toJSON()) },
        abt: { modelClass: model.kind, data: 'model.json', featureSpec: 'feature-spec.json' },
      });
      await registerModel({ client: conn.client, registry: conn.registry, runId: run.runId, bundleDir, name: 'movielens_ctr_ab', alias });
      await run.end();
    }
    // Every user is routed to Policy B, so its served scores cover the whole test period.
    await registerRouter({
      client: conn.client,
      registry: conn.registry,
      config: {
        format: 'abt-router',
        formatVersion: 1,
        experiment: {
          key: 'loop',
          arms: [
            { name: 'PolicyA', weight: 0 },
            { name: 'PolicyB', weight: 1 },
          ],
        },
        models: { PolicyA: 'models:/movielens_ctr_ab@PolicyA', PolicyB: 'models:/movielens_ctr_ab@PolicyB' },
      },
    });
  } finally {
    await conn.close();
  }
  return { root, trackingUri, valid, test, online, frozen };
}
