import { HTTP_OPTION_KEYS, optionKeys, type CallSpec } from '@abt/tracking/mlflow';
import type { HttpOptions } from '@abt/tracking';
import type { ConnectOptions } from './api/connect.js';
import type { LoadOptions } from './api/load-bundle.js';
import type { RegisterModelOptions } from './api/register-model.js';
import type { SaveBundleOptions } from './bundle/save-bundle.js';
import type { CreateRegistryStoreOptions } from './resolve-registry-store.js';
import type { CreateModelVersionInput, RegistryStore, SearchOptions } from './store.js';
import type { MemoryRegistryStoreOptions } from './stores/memory/memory-registry-store.js';
import type { SqliteRegistryStoreOptions } from './stores/sqlite/sqlite-registry-store.js';
import type { RegistryStoreContractOptions } from './testing/registry-store-contract.js';
import type { ResolveContext } from './uri/resolve-model-uri.js';

// The signatures of @abt/registry's public functions for BRIEF contract 2, declared once: every
// RegistryStore checks its calls against REGISTRY_STORE_CALLS, and `registryStoreContract` proves it.
// `optionKeys<T>({…})` makes TypeScript keep each list equal to its options type.

export { HTTP_OPTION_KEYS };
export const MEMORY_STORE_KEYS = optionKeys<MemoryRegistryStoreOptions>({ now: true });
export const SQLITE_STORE_KEYS = optionKeys<SqliteRegistryStoreOptions>({ db: true, workspace: true, now: true, ownsDatabase: true });
// The HTTP client's options (used by the REST store) plus the registry's own.
export const CREATE_REGISTRY_STORE_KEYS = Object.freeze([
  ...HTTP_OPTION_KEYS,
  ...optionKeys<Omit<CreateRegistryStoreOptions, keyof HttpOptions>>({ trackingUri: true, trackingStore: true, artifactRoot: true }),
]);
export const CONNECT_KEYS = optionKeys<ConnectOptions>({ client: true, trackingUri: true, artifactRoot: true, registry: true, registryUri: true, env: true });
export const LOAD_KEYS = optionKeys<LoadOptions>({
  client: true,
  trackingUri: true,
  artifactRoot: true,
  registry: true,
  registryUri: true,
  env: true,
  cacheDir: true,
});
export const REGISTER_KEYS = optionKeys<RegisterModelOptions>({
  client: true,
  trackingUri: true,
  artifactRoot: true,
  registry: true,
  registryUri: true,
  env: true,
  runId: true,
  bundleDir: true,
  name: true,
  alias: true,
  tags: true,
  description: true,
  mode: true,
  artifactPath: true,
});
export const SAVE_BUNDLE_KEYS = optionKeys<SaveBundleOptions>({
  files: true,
  abt: true,
  lightgbm: true,
  extraFlavors: true,
  signature: true,
  inputExample: true,
  runId: true,
  artifactPath: true,
  modelId: true,
  modelUuid: true,
  mlflowVersion: true,
  metadata: true,
  clock: true,
  uuid: true,
});
export const SAVE_BUNDLE_ABT_KEYS = optionKeys<NonNullable<SaveBundleOptions['abt']>>({ modelClass: true, data: true, featureSpec: true });
export const SAVE_BUNDLE_LIGHTGBM_KEYS = optionKeys<NonNullable<SaveBundleOptions['lightgbm']>>({ data: true, lgbVersion: true, pythonVersion: true });
export const RESOLVE_CONTEXT_KEYS = optionKeys<ResolveContext>({ registry: true, tracking: true, cacheDir: true });
export const CONTRACT_KEYS = optionKeys<RegistryStoreContractOptions>({ namePrefix: true, runId: true, dispose: true });

const SEARCH_KEYS = optionKeys<SearchOptions>({ filter: true, maxResults: true, orderBy: true, pageToken: true });
const CREATE_VERSION_KEYS = optionKeys<CreateModelVersionInput>({
  name: true,
  source: true,
  runId: true,
  runLink: true,
  description: true,
  tags: true,
  modelId: true,
});
const DESCRIPTION_KEYS: readonly string[] = ['description'];

/** A `RegistryStore` method: a key of {@link REGISTRY_STORE_CALLS}. */
export type RegistryStoreMethod = Exclude<keyof RegistryStore, 'version' | 'kind'>;

/** Every RegistryStore method: positional arguments and option objects. */
export const REGISTRY_STORE_CALLS: Readonly<Record<RegistryStoreMethod, CallSpec>> = {
  createRegisteredModel: { max: 2, options: { 1: ['tags', 'description'] } },
  getRegisteredModel: { max: 1 },
  searchRegisteredModels: { max: 1, options: { 0: SEARCH_KEYS } },
  renameRegisteredModel: { max: 2 },
  updateRegisteredModel: { max: 2, options: { 1: DESCRIPTION_KEYS } },
  deleteRegisteredModel: { max: 1 },
  setRegisteredModelTag: { max: 3 },
  deleteRegisteredModelTag: { max: 2 },
  createModelVersion: { max: 1, options: { 0: CREATE_VERSION_KEYS } },
  getModelVersion: { max: 2 },
  updateModelVersion: { max: 3, options: { 2: DESCRIPTION_KEYS } },
  searchModelVersions: { max: 1, options: { 0: SEARCH_KEYS } },
  deleteModelVersion: { max: 2 },
  setModelVersionTag: { max: 4 },
  deleteModelVersionTag: { max: 3 },
  getLatestVersions: { max: 2 },
  getModelVersionDownloadUri: { max: 2 },
  setRegisteredModelAlias: { max: 3 },
  deleteRegisteredModelAlias: { max: 2 },
  getModelVersionByAlias: { max: 2 },
  close: { max: 0 },
};
