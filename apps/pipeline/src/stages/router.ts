import { registerRouter } from '@abt/router/loaders';
import type { Stage } from '../stage';
import { openTracking, trackingUriOf } from '../tracking';
import { openRegistry } from '../registry';
import { ROUTER_MODEL_NAME } from '../policies';

/** Packages the router (run `AB_Router`) and registers it as `movielens_ctr_router@router`. */
export const routerStage: Stage = {
  name: 'router',
  title: `router: package and register ${ROUTER_MODEL_NAME}@router`,
  needs: ['register'],
  inputs: (ctx) => ({ config: ctx.plan.router.config, tracking: trackingUriOf(ctx), experiment: ctx.options.experiment }),
  async run(ctx) {
    const { client, parent } = await openTracking(ctx);
    const registry = await openRegistry(ctx);
    const { config, experiment: e } = ctx.plan.router;
    const registered = await registerRouter({
      client,
      registry,
      config: ctx.plan.router,
      experimentName: ctx.options.experiment,
      name: ROUTER_MODEL_NAME,
      alias: 'router',
      parentRunId: parent.runId,
      tags: { 'abt.stage': 'router', 'abt.out': ctx.out, 'abt.invocation': ctx.invocation.id, 'abt.host': ctx.invocation.host },
    });
    return {
      outputs: [],
      summary: {
        runId: registered.runId,
        version: registered.version.version,
        modelUri: `models:/${ROUTER_MODEL_NAME}@router`,
        config,
        lines: [
          `router: ${ROUTER_MODEL_NAME}@router → v${registered.version.version} (hash ${String(e.hashVersion)}, ${e.arms.map((a, i) => `${a} ${(e.weights[i]! * 100).toFixed(0)} %`).join(' / ')})`,
        ],
      },
    };
  },
};
