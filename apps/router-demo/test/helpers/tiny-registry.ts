// A tiny but real registry for the app's tests: synthetic MovieLens files (ml-100k format), a dense
// FeatureSpec, LogisticRegression (Policy A) and GBDT (Policy B) bundles registered as
// movielens_ctr_ab@PolicyA/@PolicyB, and the router registered as movielens_ctr_router@router.
// The bundles are laid out as apps/pipeline writes them: model_class = model.kind (`gbdt` for the
// tree model), model JSON as data, plus LightGBM text under MLflow's lightgbm flavor for Policy B.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSynthetic, labelRatings, loadMovieLens, splitByTime } from '@abt/data';
import { fitFeatureSpec } from '@abt/features';
import { GBDT, LogisticRegression } from '@abt/models';
import { connect, registerModel, saveBundle } from '@abt/registry';
import { registerRouter } from '@abt/router/loaders';

export type TinyRegistry = { root: string; dataDir: string; dbFile: string; trackingUri: string; policyModel: string; routerUri: string };

/** The router config the pipeline registers (arms named after the policy aliases), over `policyModel`. */
export function routerConfig(policyModel = 'movielens_ctr_ab') {
  return {
    format: 'abt-router',
    formatVersion: 1,
    experiment: {
      key: 'movielens_policy_ab',
      seed: 'movielens_policy_ab-42',
      arms: [
        { name: 'PolicyA', weight: 0.5 },
        { name: 'PolicyB', weight: 0.5 },
      ],
    },
    models: { PolicyA: `models:/${policyModel}@PolicyA`, PolicyB: `models:/${policyModel}@PolicyB` },
  };
}

/**
 * Builds it in a temp dir; `trackingUri` (e.g. a live `mlflow server`) replaces the temp SQLite file,
 * and `suffix` gives the registered model names a suffix so suites sharing one server never collide.
 */
export async function buildTinyRegistry(options: { trackingUri?: string; suffix?: string } = {}): Promise<TinyRegistry> {
  const policyModel = `movielens_ctr_ab${options.suffix ?? ''}`;
  const routerModel = `movielens_ctr_router${options.suffix ?? ''}`;
  const root = mkdtempSync(path.join(tmpdir(), 'abt-router-demo-'));
  const dataDir = path.join(root, 'ml-100k');
  await generateSynthetic({ users: 150, movies: 120, ratings: 6000, seed: 7, format: 'ml-100k', outDir: dataDir });
  const ds = await loadMovieLens(dataDir);
  const { train } = splitByTime(labelRatings(ds.ratings));
  const spec = fitFeatureSpec({ train, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) });
  const { X } = spec.transformTrain();
  const dbFile = path.join(root, 'mlflow.db');
  const trackingUri = options.trackingUri ?? `sqlite:///${dbFile}`;
  // A new SQLite database would put its experiments' artifacts under ./mlruns of the working directory.
  const conn = await connect({ trackingUri, ...(options.trackingUri ? {} : { artifactRoot: path.join(root, 'mlruns') }) });
  try {
    const experiment = await conn.client.getOrCreateExperiment('abtest_movielens');
    const models = {
      PolicyA: new LogisticRegression({ max_iter: 100 }).fit(X, train.label, { featureNames: spec.featureNames }),
      PolicyB: new GBDT({ num_iterations: 20, learning_rate: 0.2, num_leaves: 8, min_data_in_leaf: 20 }).fit(X, train.label, {
        featureNames: spec.featureNames,
      }),
    };
    for (const [alias, model] of Object.entries(models)) {
      const run = await conn.client.startRun({ experimentId: experiment.experimentId, runName: alias === 'PolicyA' ? 'PolicyA_LogReg' : 'PolicyB_LightGBM' });
      const bundleDir = path.join(root, 'bundles', alias);
      const files: Record<string, string> = { 'model.json': JSON.stringify(model.toJSON()), 'feature-spec.json': JSON.stringify(spec.toJSON()) };
      if (model instanceof GBDT) files['model.lgb'] = model.toLightGBMText();
      await saveBundle(bundleDir, {
        files,
        abt: { modelClass: model.kind, data: 'model.json', featureSpec: 'feature-spec.json' },
        ...(model instanceof GBDT ? { lightgbm: { data: 'model.lgb' } } : {}),
      });
      await registerModel({ client: conn.client, registry: conn.registry, runId: run.runId, bundleDir, name: policyModel, alias });
      await run.end();
    }
    await registerRouter({ client: conn.client, registry: conn.registry, config: routerConfig(policyModel), name: routerModel });
  } finally {
    await conn.close();
  }
  return { root, dataDir, dbFile, trackingUri, policyModel, routerUri: `models:/${routerModel}@router` };
}

/** Registers the saved bundle of `alias` again (a new version) and moves the alias to it; returns the version. */
export async function reRegister(reg: TinyRegistry, alias: 'PolicyA' | 'PolicyB'): Promise<string> {
  const conn = await connect({ trackingUri: reg.trackingUri });
  try {
    const experiment = await conn.client.getOrCreateExperiment('abtest_movielens');
    const run = await conn.client.startRun({ experimentId: experiment.experimentId, runName: `${alias}_retrain` });
    const registered = await registerModel({
      client: conn.client,
      registry: conn.registry,
      runId: run.runId,
      bundleDir: path.join(reg.root, 'bundles', alias),
      name: reg.policyModel,
      alias,
    });
    await run.end();
    return registered.version.version;
  } finally {
    await conn.close();
  }
}
