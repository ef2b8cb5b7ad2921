import path from 'node:path';
import type { RegistryStore } from '@abt/registry';
import type { RouterModel } from '@abt/router';
import { createRegistryRouterSource } from '@abt/router/loaders';
import type { TrackingStore } from '@abt/tracking';
import type { StageContext } from '../stage';
import { openTracking } from '../tracking';
import { openRegistry } from '../registry';
import { ROUTER_MODEL_NAME } from '../policies';
import { PipelineError } from '../errors';
import { messages } from '../messages';

export const ROUTER_URI = `models:/${ROUTER_MODEL_NAME}@router`;

/** The loaded router and the registry versions it resolved (router and each policy URI). */
export type LoadedRouter = { readonly router: RouterModel; readonly versions: Readonly<Record<string, string>> };

/** The stores a router loads through, and the output directory whose cache holds the downloaded bundles. */
export type RouterStores = { readonly registry: RegistryStore; readonly tracking: TrackingStore; readonly out: string };

/**
 * Loads the router `uri` the way a server would: its router config → every arm's policy through the
 * registry policy loader (bundle + FeatureSpec), at `versions` when given (a scoring worker loads the
 * versions the main thread resolved), else at what the aliases name now.
 */
export async function loadRouterThrough(stores: RouterStores, uri: string, versions?: Readonly<Record<string, string>>): Promise<LoadedRouter> {
  const source = createRegistryRouterSource({
    routerUri: uri,
    context: { registry: stores.registry, tracking: stores.tracking, cacheDir: path.join(stores.out, '.abt-cache', 'models') },
  });
  try {
    const resolved = versions ?? (await source.resolveCurrent());
    return { router: await source.load(resolved), versions: resolved };
  } catch (e) {
    throw new PipelineError('tracking', messages.simulate.routerLoad(uri, (e as Error).message), { cause: e });
  }
}

/** Loads the registered router `models:/movielens_ctr_router@router` through this invocation's stores. */
export async function loadRegisteredRouter(ctx: StageContext, uri = ROUTER_URI): Promise<LoadedRouter> {
  const { client } = await openTracking(ctx);
  return loadRouterThrough({ registry: await openRegistry(ctx), tracking: client.store, out: ctx.out }, uri);
}
