import { registerRouter } from '@abt/router/loaders';
import type { RouterConfig } from '@abt/router';
import type { Stage, StageContext } from '../stage';
import { openTracking, trackingUriOf } from '../tracking';
import { openRegistry } from '../registry';
import { POLICIES, POLICY_MODEL_NAME, ROUTER_MODEL_NAME } from '../policies';

export const ROUTER_EXPERIMENT_KEY = 'movielens_policy_ab';

/** The router's config: a GrowthBook-style experiment over the two aliases, weights from `--weights`. */
export function routerConfig(ctx: StageContext): RouterConfig {
  const { weights, hash, seed } = ctx.options;
  return {
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
  };
}

/** Packages the router (run `AB_Router`) and registers it as `movielens_ctr_router@router`. */
export const routerStage: Stage = {
  name: 'router',
  title: `router: package and register ${ROUTER_MODEL_NAME}@router`,
  needs: ['register'],
  inputs: (ctx) => ({ config: routerConfig(ctx), tracking: trackingUriOf(ctx), experiment: ctx.options.experiment }),
  async run(ctx) {
    const { client } = await openTracking(ctx);
    const registry = await openRegistry(ctx);
    const config = routerConfig(ctx);
    const registered = await registerRouter({ client, registry, config, experimentName: ctx.options.experiment, name: ROUTER_MODEL_NAME, alias: 'router' });
    const e = config.experiment;
    return {
      outputs: [],
      summary: {
        runId: registered.runId,
        version: registered.version.version,
        modelUri: `models:/${ROUTER_MODEL_NAME}@router`,
        config,
        lines: [
          `router: ${ROUTER_MODEL_NAME}@router → v${registered.version.version} (hash ${String(e.hashVersion)}, ${e.arms.map((a) => `${a.name} ${((a.weight ?? 0) * 100).toFixed(0)} %`).join(' / ')})`,
        ],
      },
    };
  },
};
