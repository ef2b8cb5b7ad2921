import path from 'node:path';
import { registerModel } from '@abt/registry';
import type { Stage } from '../stage';
import { openTracking, trackingUriOf } from '../tracking';
import { openRegistry } from '../registry';
import { POLICIES, POLICY_MODEL_NAME } from '../policies';
import { bundleDir, trainSummary } from './train';

/** Both policies as new versions of `movielens_ctr_ab`, aliases `PolicyA` / `PolicyB` moved to them. */
export const registerStage: Stage = {
  name: 'register',
  title: `register: ${POLICY_MODEL_NAME}@PolicyA / @PolicyB`,
  needs: ['train'],
  inputs: (ctx) => ({ tracking: trackingUriOf(ctx) }),
  async run(ctx) {
    const { client } = await openTracking(ctx);
    const registry = await openRegistry(ctx);
    const runs = trainSummary(ctx);
    const versions: Record<string, { version: string; modelUri: string; aliasUri: string }> = {};
    for (const policy of POLICIES) {
      const registered = await registerModel({
        client,
        registry,
        runId: runs[policy.key].runId,
        bundleDir: path.join(ctx.out, bundleDir(policy)),
        name: POLICY_MODEL_NAME,
        alias: policy.alias,
        // The logged model is named after its policy, and linked to its training run as an output
        // (MLflow 3's log_model does both), so the run's page lists it.
        artifactPath: policy.alias,
        tags: { 'abt.policy': policy.alias, 'abt.features': ctx.options.features },
      });
      if (registered.loggedModelId) await client.store.logOutputs(runs[policy.key].runId, [{ modelId: registered.loggedModelId, step: 0 }]);
      versions[policy.key] = { version: registered.version.version, modelUri: registered.modelUri, aliasUri: `models:/${POLICY_MODEL_NAME}@${policy.alias}` };
    }
    return {
      outputs: [],
      summary: {
        versions,
        lines: [`registered ${POLICY_MODEL_NAME}: @PolicyA → v${versions.A!.version}, @PolicyB → v${versions.B!.version}`],
      },
    };
  },
};
