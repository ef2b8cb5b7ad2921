import path from 'node:path';
import type { RouterModel } from '@abt/router';
import { createRegistryRouterSource } from '@abt/router/loaders';
import type { StageContext } from '../stage';
import { openTracking } from '../tracking';
import { openRegistry } from '../registry';
import { ROUTER_MODEL_NAME } from '../policies';
import { PipelineError } from '../errors';
import { messages } from '../messages';

export const ROUTER_URI = `models:/${ROUTER_MODEL_NAME}@router`;

/** The loaded router and the registry versions it resolved (router and each policy URI). */
export type LoadedRouter = { readonly router: RouterModel; readonly versions: Readonly<Record<string, string>> };

/**
 * Loads the registered router the way a server would: `models:/movielens_ctr_router@router` → its
 * router config → every arm's policy through the registry policy loader (bundle + FeatureSpec).
 */
export async function loadRegisteredRouter(ctx: StageContext, uri = ROUTER_URI): Promise<LoadedRouter> {
  const { client } = await openTracking(ctx);
  const registry = await openRegistry(ctx);
  const source = createRegistryRouterSource({
    routerUri: uri,
    context: { registry, tracking: client.store, cacheDir: path.join(ctx.out, '.abt-cache', 'models') },
  });
  try {
    const versions = await source.resolveCurrent();
    return { router: await source.load(versions), versions };
  } catch (e) {
    throw new PipelineError('tracking', messages.simulate.routerLoad(uri, (e as Error).message), { cause: e });
  }
}
