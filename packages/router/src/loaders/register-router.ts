import { checkArity, checkOptions } from '../check-args';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConnectOptions, RegisteredModelVersion } from '@abt/registry';
import { asParsedRouterConfig, type ParsedRouterConfig, type RouterConfig } from '../router-config';
import { registry } from './registry-peer';
import { saveRouterBundle } from './router-bundle';

export type RegisterRouterOptions = ConnectOptions & {
  /** A router config, or what `parseRouterConfig` returned (then used as is). */
  config: RouterConfig | ParsedRouterConfig | unknown;
  /** Tracking experiment of the run. Default `abtest_movielens` (the seed's layout). */
  experimentName?: string;
  /** Run that logs the router. Default `AB_Router`. */
  runName?: string;
  /** Registered model name. Default `movielens_ctr_router`. */
  name?: string;
  /** Alias moved to the new version. Default `router`. */
  alias?: string;
  /** Artifact path / logged model name. Default `ab_router`. */
  artifactPath?: string;
  /** Nests the run under this parent run (`mlflow.parentRunId`), e.g. a pipeline invocation's run. */
  parentRunId?: string;
  /** Extra tags on the run. */
  tags?: Record<string, string>;
};

/**
 * The pipeline's router step: a run `AB_Router` logging the experiment config as params, the router
 * bundle (abt flavor, signature, input example) registered as `movielens_ctr_router` with alias `router`.
 */
export async function registerRouter(options: RegisterRouterOptions): Promise<RegisteredModelVersion & { runId: string }> {
  checkArity('registerRouter', arguments, 1);
  checkOptions('registerRouter', options, [
    'config',
    'experimentName',
    'runName',
    'name',
    'alias',
    'artifactPath',
    'parentRunId',
    'tags',
    'client',
    'trackingUri',
    'artifactRoot',
    'registry',
    'registryUri',
    'env',
  ]);
  const {
    config,
    experimentName = 'abtest_movielens',
    runName = 'AB_Router',
    name = 'movielens_ctr_router',
    alias = 'router',
    artifactPath = 'ab_router',
    parentRunId,
    tags,
    ...connectOptions
  } = options;
  const parsed = asParsedRouterConfig(config);
  const { connect, registerModel } = await registry();
  // connect() refuses keys it does not implement: hand it only the ConnectOptions part.
  const conn = await connect(connectOptions);
  const dir = await mkdtemp(path.join(tmpdir(), 'abt-router-bundle-'));
  try {
    const experiment = await conn.client.getOrCreateExperiment(experimentName);
    const run = await conn.client.startRun({
      experimentId: experiment.experimentId,
      runName,
      ...(parentRunId ? { parentRunId } : {}),
      ...(tags ? { tags } : {}),
    });
    try {
      const e = parsed.experiment;
      await run.logParams({
        experiment_key: e.key,
        hash_seed: e.seed,
        hash_version: String(e.hashVersion),
        arms: e.arms.join(','),
        weights: e.weights.join(','),
        coverage: e.coverage,
        default_arm: e.defaultArm,
        ...Object.fromEntries(Object.entries(parsed.config.models).map(([arm, uri]) => [`model_${arm}`, uri])),
      });
      const bundleDir = path.join(dir, artifactPath);
      await saveRouterBundle(bundleDir, parsed, { runId: run.runId, artifactPath });
      const registered = await registerModel({ client: conn.client, registry: conn.registry, runId: run.runId, bundleDir, name, alias, artifactPath });
      await run.end('FINISHED');
      return { ...registered, runId: run.runId };
    } catch (err) {
      await run.end('FAILED').catch(() => {});
      throw err;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await conn.close();
  }
}
