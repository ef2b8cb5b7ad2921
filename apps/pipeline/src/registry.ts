import { createRegistryStore, type RegistryStore } from '@abt/registry';
import { memo, type StageContext } from './stage';
import { openTracking } from './tracking';

/** The registry that follows the tracking store (MLFLOW_REGISTRY_URI wins), one per invocation. */
export function openRegistry(ctx: StageContext): Promise<RegistryStore> {
  return memo(ctx, 'registry', async () => {
    const { client, uri } = await openTracking(ctx);
    return createRegistryStore(undefined, { trackingUri: uri, trackingStore: client.store });
  });
}
