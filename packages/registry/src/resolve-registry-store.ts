import path from 'node:path';
import { openMlflowDatabase, resolveRegistryUri, sqlitePathFromUri, type HttpOptions, type TrackingStore } from '@abt/tracking';
import { RegistryError } from './errors.js';
import { messages as msg } from './messages.js';
import type { RegistryStore } from './store.js';
import { MemoryRegistryStore } from './stores/memory/memory-registry-store.js';
import { RestRegistryStore } from './stores/rest/rest-registry-store.js';
import { SqliteRegistryStore } from './stores/sqlite/sqlite-registry-store.js';
import type { RegistryDatabase } from './stores/sqlite/database.js';
import { checkCall, pick } from './arguments.js';
import { CREATE_REGISTRY_STORE_KEYS, HTTP_OPTION_KEYS } from './call-specs.js';

export interface CreateRegistryStoreOptions extends HttpOptions {
  /** The tracking URI the registry follows when no registry URI is set. */
  trackingUri?: string;
  /**
   * A tracking store already open on the same URI: an SQLite one shares its database handle
   * (one connection, one write lock) instead of opening a second.
   */
  trackingStore?: TrackingStore;
  /** Environment for MLFLOW_REGISTRY_URI / MLFLOW_TRACKING_URI (default process.env). */
  env?: Record<string, string | undefined>;
  /** Artifact root for a new SQLite database (experiment 0). */
  artifactRoot?: string;
}

function sharedDatabase(store: TrackingStore | undefined, path: string): RegistryDatabase | undefined {
  const db = (store as { db?: RegistryDatabase } | undefined)?.db;
  return db && db.path === path ? db : undefined;
}

/**
 * Opens the registry for a URI the way MLflow picks it: explicit > MLFLOW_REGISTRY_URI >
 * the tracking URI. `sqlite:///…` → {@link SqliteRegistryStore}, `http(s)://…` →
 * {@link RestRegistryStore}, `memory:` → {@link MemoryRegistryStore}.
 */
export async function createRegistryStore(registryUri?: string, options: CreateRegistryStoreOptions = {}): Promise<RegistryStore> {
  checkCall('createRegistryStore', arguments, 2, { 1: CREATE_REGISTRY_STORE_KEYS });
  const resolveOpts: { trackingUri?: string; env?: Record<string, string | undefined> } = {};
  if (options.trackingUri !== undefined) resolveOpts.trackingUri = options.trackingUri;
  if (options.env !== undefined) resolveOpts.env = options.env;
  const uri = resolveRegistryUri(registryUri, resolveOpts);
  if (uri.startsWith('sqlite:')) {
    // Same file as the tracking store: share its handle (one connection, one write lock).
    const shared = sharedDatabase(options.trackingStore, path.resolve(sqlitePathFromUri(uri)));
    if (shared) return new SqliteRegistryStore({ db: shared, ownsDatabase: false });
    return new SqliteRegistryStore({ db: openMlflowDatabase(uri, options.artifactRoot ? { artifactRoot: options.artifactRoot } : {}) });
  }
  if (/^https?:\/\//.test(uri)) return new RestRegistryStore(uri, pick(options, HTTP_OPTION_KEYS));
  if (uri.startsWith('memory:')) return new MemoryRegistryStore();
  throw new RegistryError('INVALID_PARAMETER_VALUE', msg.registryUriUnsupported(uri));
}
