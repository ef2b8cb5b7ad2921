import { TrackingError } from './errors';
import { messages } from './messages';
import type { TrackingStore } from './store';
import type { SqliteStoreOptions } from './stores/sqlite/sqlite-store';
import type { RestStoreOptions } from './stores/rest/rest-store';
import type { MemoryStoreOptions } from './stores/memory/memory-store';
import { checkCall, pick } from './arguments';
import { HTTP_OPTION_KEYS, MEMORY_STORE_KEYS, SQLITE_STORE_KEYS, STORE_OPTION_KEYS, URI_OPTION_KEYS } from './call-specs';

export type StoreOptions = SqliteStoreOptions &
  RestStoreOptions &
  MemoryStoreOptions & {
    /** Wins over the `uri` argument and MLFLOW_TRACKING_URI. */
    trackingUri?: string;
    env?: Record<string, string | undefined>;
  };

export type StoreFactory = (uri: string, options: StoreOptions) => TrackingStore | Promise<TrackingStore>;

/** MLflow 3.13+'s default tracking URI. */
export const DEFAULT_TRACKING_URI = 'sqlite:///mlflow.db';

const factories = new Map<string, StoreFactory>([
  // Each store gets the options it implements; the union is documented per store (README "Options").
  ['sqlite', async (uri, o) => new (await import('./stores/sqlite/sqlite-store')).SqliteStore(uri, pick(o, SQLITE_STORE_KEYS))],
  ['http', async (uri, o) => new (await import('./stores/rest/rest-store')).RestStore(uri, pick(o, HTTP_OPTION_KEYS))],
  ['https', async (uri, o) => new (await import('./stores/rest/rest-store')).RestStore(uri, pick(o, HTTP_OPTION_KEYS))],
  ['memory', async (_uri, o) => new (await import('./stores/memory/memory-store')).MemoryStore(pick(o, MEMORY_STORE_KEYS))],
]);

/** Adds (or replaces) the factory for a URI scheme (without the colon). */
export function registerTrackingStore(scheme: string, factory: StoreFactory): void {
  checkCall('registerTrackingStore', arguments, 2);
  factories.set(scheme.toLowerCase(), factory);
}

/** Explicit option > argument > MLFLOW_TRACKING_URI > `sqlite:///mlflow.db`. */
export function resolveTrackingUri(uri?: string, options: { trackingUri?: string; env?: Record<string, string | undefined> } = {}): string {
  checkCall('resolveTrackingUri', arguments, 2, { 1: URI_OPTION_KEYS });
  const env = options.env ?? process.env;
  return options.trackingUri || uri || env.MLFLOW_TRACKING_URI || DEFAULT_TRACKING_URI;
}

/** The registry URI follows the tracking URI unless set (explicit > MLFLOW_REGISTRY_URI > tracking URI). */
export function resolveRegistryUri(registryUri?: string, options: { trackingUri?: string; env?: Record<string, string | undefined> } = {}): string {
  checkCall('resolveRegistryUri', arguments, 2, { 1: URI_OPTION_KEYS });
  const env = options.env ?? process.env;
  return registryUri || env.MLFLOW_REGISTRY_URI || resolveTrackingUri(undefined, options);
}

/** Creates the store for a tracking URI, chosen by scheme as MLflow does. */
export async function createTrackingStore(uri?: string, options: StoreOptions = {}): Promise<TrackingStore> {
  checkCall('createTrackingStore', arguments, 2, { 1: STORE_OPTION_KEYS });
  const resolved = resolveTrackingUri(uri, pick(options, URI_OPTION_KEYS));
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(resolved);
  const scheme = m?.[1]?.toLowerCase();
  if (!scheme || scheme === 'file' || /^[a-zA-Z]$/.test(scheme)) {
    throw new TrackingError(
      'INVALID_URI',
      messages.badUri(resolved, "MLflow's file store is not supported (MLflow 3.13+ refuses it too); use sqlite:///<path>.db or http(s)://<server>"),
    );
  }
  const factory = factories.get(scheme);
  if (!factory)
    throw new TrackingError('INVALID_URI', messages.badUri(resolved, `no tracking store for scheme '${scheme}:' (known: ${[...factories.keys()].join(', ')})`));
  return factory(resolved, options);
}
