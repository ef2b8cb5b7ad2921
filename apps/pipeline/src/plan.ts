import { ModelsError } from '@abt/models';
import { RouterError, parseRouterConfig, type ParsedRouterConfig } from '@abt/router';
import type { PipelineOptions } from './options';
import { PipelineError } from './errors';
import { messages } from './messages';
import { POLICIES, POLICY_MODEL_NAME, checkPolicyParams, policyParams, type Hyperparameters } from './policies';
import { resolveSimulationSettings, type SimulationSettings } from './simulate/settings';

const ROUTER_EXPERIMENT_KEY = 'movielens_policy_ab';

/**
 * Everything the stages derive from the options, built and validated once before any stage runs
 * and passed on as is: the router config (through the router's own `createExperiment`), the
 * replay settings and each policy's hyperparameters (through the estimators' own validation).
 */
export type RunPlan = {
  readonly options: PipelineOptions;
  readonly router: ParsedRouterConfig;
  readonly simulation: SimulationSettings;
  readonly policyParams: Readonly<Record<'A' | 'B', Hyperparameters>>;
};

/** Builds the plan; a problem is a usage error (exit 2) naming the flag the user typed. */
export function planRun(given: PipelineOptions): RunPlan {
  // --export adds its stage (after train) to the steps.
  const options: PipelineOptions = given.export && !given.steps.includes('export') ? { ...given, steps: [...given.steps, 'export'] } : given;
  if (options.steps.includes('prepare') && options.dataset === undefined && options.data === undefined && !process.env.ABT_ML100K) {
    throw new PipelineError('usage', messages.noData());
  }
  if (options.export && options.features !== 'dense') throw new PipelineError('usage', messages.exportNeedsDense());
  checkTrackingUri(options.trackingUri, '--tracking-uri');
  if (options.trackingUri === undefined) checkTrackingUri(process.env.MLFLOW_TRACKING_URI || undefined, 'MLFLOW_TRACKING_URI');
  return {
    options,
    router: routerPlan(options),
    simulation: resolveSimulationSettings({
      mode: options.simMode,
      k: options.simK,
      negatives: options.simCandidates,
      threshold: options.simThreshold,
      seed: options.seed,
    }),
    policyParams: { A: checkedParams(0, options), B: checkedParams(1, options) },
  };
}

function checkedParams(i: 0 | 1, options: PipelineOptions): Hyperparameters {
  const spec = POLICIES[i];
  const user = i === 0 ? options.policyA : options.policyB;
  const params = policyParams(spec, user, options.seed);
  try {
    checkPolicyParams(spec, params);
  } catch (e) {
    const name = i === 0 ? '--policy-a' : '--policy-b';
    const param = (e as { param?: string }).param ?? '';
    throw new PipelineError('usage', messages.hyperparameter(name, param, ModelsError.isInstance(e) ? e.message : String(e)), { cause: e });
  }
  return params;
}

/** The router's config: a GrowthBook-style experiment over the two aliases, weights from `--weights`. */
function routerPlan(options: PipelineOptions): ParsedRouterConfig {
  const { weights, hash, seed } = options;
  if (hash === 'md5-parity' && Math.abs(weights[0]! - weights[1]!) > 1e-12) throw new PipelineError('usage', messages.md5ParityWeights(weights));
  try {
    return parseRouterConfig({
      format: 'abt-router',
      formatVersion: 1,
      experiment: {
        key: ROUTER_EXPERIMENT_KEY,
        seed: `${ROUTER_EXPERIMENT_KEY}-${seed}`,
        hashVersion: hash === 'v1' ? 1 : hash === 'v2' ? 2 : 'md5-parity',
        arms: POLICIES.map((p, i) => ({ name: p.alias, weight: weights[i]! })),
        coverage: 1,
      },
      models: Object.fromEntries(POLICIES.map((p) => [p.alias, `models:/${POLICY_MODEL_NAME}@${p.alias}`])),
    });
  } catch (e) {
    // Only --weights, --hash and --seed reach the config: name them rather than its JSON path.
    if (RouterError.isInstance(e)) throw new PipelineError('usage', messages.routerConfig('--weights / --hash', e.message), { cause: e });
    throw e;
  }
}

/** MLflow URIs abt cannot write to, refused with what to use instead. */
export function checkTrackingUri(uri: string | undefined, where: string): void {
  if (uri === undefined) return;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  const say = (m: string) => {
    throw new PipelineError('usage', where === '--tracking-uri' ? m : m.replace('--tracking-uri', where));
  };
  if (scheme === 'sqlite' || scheme === 'http' || scheme === 'https') return;
  if (uri === 'databricks' || scheme === 'databricks' || scheme === 'databricks-uc') say(messages.trackingUriDatabricks(uri));
  const engine = scheme && /^(postgres(ql)?|mysql|mssql|oracle)(\+.*)?$/.exec(scheme)?.[1];
  if (engine)
    say(
      messages.trackingUriDatabase(
        uri,
        engine.startsWith('postgres') ? 'PostgreSQL' : engine === 'mysql' ? 'MySQL' : engine === 'mssql' ? 'SQL Server' : 'Oracle',
      ),
    );
  if (!scheme || scheme === 'file' || scheme.length === 1) say(messages.trackingUriFileStore(uri));
  say(messages.trackingUriUnknown(uri));
}
