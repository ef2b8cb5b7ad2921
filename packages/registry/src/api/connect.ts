import { TrackingClient } from '@abt/tracking';
import type { RegistryStore } from '../store.js';
import { createRegistryStore } from '../resolve-registry-store.js';
import { checkCall } from '../arguments.js';
import { CONNECT_KEYS } from '../call-specs.js';

/** Where to find tracking and registry: pass live objects, URIs, or nothing (MLFLOW_* env, then sqlite:///mlflow.db). */
export interface ConnectOptions {
  /** A tracking client to reuse (not closed by abt). */
  client?: TrackingClient;
  /** Tracking URI when no client is given. */
  trackingUri?: string;
  /**
   * Default artifact root of new experiments in a `sqlite:` store this call opens (MLflow's default,
   * and abt's, is `./mlruns` of the working directory).
   */
  artifactRoot?: string;
  /** A registry store to reuse (not closed by abt). */
  registry?: RegistryStore;
  /** Registry URI (default MLFLOW_REGISTRY_URI, else the tracking URI). */
  registryUri?: string;
  /** Environment (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface Connection {
  client: TrackingClient;
  registry: RegistryStore;
  /** Closes what this call opened (never what the caller passed in). */
  close(): Promise<void>;
}

/** Opens (or reuses) the tracking client and the registry that follows it. */
export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  checkCall('connect', arguments, 1, { 0: CONNECT_KEYS });
  const env = options.env ?? process.env;
  const ownsClient = !options.client;
  const client =
    options.client ??
    (await TrackingClient.create(options.trackingUri, {
      env,
      ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      ...(options.artifactRoot ? { artifactRoot: options.artifactRoot } : {}),
    }));
  const ownsRegistry = !options.registry;
  const registry =
    options.registry ??
    (await createRegistryStore(options.registryUri, {
      env,
      trackingStore: client.store,
      ...(options.trackingUri ? { trackingUri: options.trackingUri } : {}),
      ...(options.artifactRoot ? { artifactRoot: options.artifactRoot } : {}),
    }));
  return {
    client,
    registry,
    async close() {
      checkCall('Connection.close', arguments, 0);
      if (ownsRegistry) await registry.close();
      if (ownsClient) await client.close();
    },
  };
}
