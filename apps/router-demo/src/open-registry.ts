import { existsSync } from 'node:fs';
import path from 'node:path';
import { connect, type Connection, RegistryError, type ResolveContext } from '@abt/registry';
import { createReloadingRouter, PolicyLoadError, type ReloadingRouter, type RouterSource } from '@abt/router';
import { createRegistryRouterSource } from '@abt/router/loaders';
import { sqlitePathFromUri, TrackingClient, TrackingError } from '@abt/tracking';
import { RouterDemoError } from './errors';
import { messages } from './messages';

/** An open tracking client + registry, the resolve context the router loaders need, and how to close it. */
export type OpenRegistry = Connection & { readonly context: ResolveContext };

/**
 * Opens tracking and registry at `trackingUri`. An SQLite file that does not exist is reported as a
 * missing model (exit 4) instead of being created empty: serving from a fresh, empty store cannot work.
 */
export async function openRegistry(trackingUri: string, modelUri: string, cacheDir?: string): Promise<OpenRegistry> {
  let artifactRoot: string | undefined;
  if (trackingUri.startsWith('sqlite:')) {
    const file = path.resolve(sqlitePathFromUri(trackingUri));
    if (!existsSync(file)) throw new RouterDemoError('MODEL_NOT_FOUND', messages.noTrackingDatabase(file, modelUri));
    // Same layout as the pipeline: artifacts beside the database (only used for new experiments).
    artifactRoot = path.join(path.dirname(file), 'mlruns');
  }
  const client = await TrackingClient.create(trackingUri, artifactRoot ? { artifactRoot } : {});
  const conn = await connect({ client, trackingUri });
  return {
    ...conn,
    context: { registry: conn.registry, tracking: client.store, ...(cacheDir ? { cacheDir } : {}) },
    async close() {
      await conn.close();
      await client.close();
    },
  };
}

/** True when `e` (or an error in its `cause` chain) says an alias, version, model or file is not there. */
function isMissingModel(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 8; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (RegistryError.isInstance(cur) || TrackingError.isInstance(cur)) {
      const { code } = cur as { code?: string };
      if (code === 'RESOURCE_DOES_NOT_EXIST') return true;
      // MLflow reports a missing alias as INVALID_PARAMETER_VALUE "Registered model alias … not found".
      if (code === 'INVALID_PARAMETER_VALUE' && /\bnot found\b/i.test(cur.message)) return true;
    }
    if ((cur as { code?: string }).code === 'ENOENT') return true;
    // The router's resolver reports an alias that resolves to nothing with this exact reason.
    if (PolicyLoadError.isInstance(cur) && /no such model version/.test(cur.message)) return true;
  }
  return false;
}

/** Rewraps a load failure: missing alias/model → `MODEL_NOT_FOUND`, another policy load failure → `MODEL_LOAD_FAILED`. */
export function asModelError(e: unknown, modelUri: string): unknown {
  if (RouterDemoError.isInstance(e)) return e;
  if (isMissingModel(e)) return new RouterDemoError('MODEL_NOT_FOUND', messages.modelNotFound(modelUri, (e as Error).message), { cause: e });
  if (PolicyLoadError.isInstance(e)) return new RouterDemoError('MODEL_LOAD_FAILED', messages.modelLoadFailed(modelUri, e.message), { cause: e });
  return e;
}

/** The registered router as a hot-reloading source; `start()` does the first load. */
export function registryRouter(reg: OpenRegistry, modelUri: string, pollIntervalMs = 0): { source: RouterSource; reloader: ReloadingRouter } {
  const source = createRegistryRouterSource({ routerUri: modelUri, context: reg.context });
  return { source, reloader: createReloadingRouter({ source, pollIntervalMs }) };
}
