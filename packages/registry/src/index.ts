// Public API of @abt/registry.
export { RegistryError, BundleFormatError, InvalidUriError, UnsafePathError, InvalidOptionError } from './errors.js';
// The signatures every RegistryStore checks its calls against (BRIEF contract 2).
export { REGISTRY_STORE_CALLS, type RegistryStoreMethod } from './call-specs.js';
export type { RegistryErrorKind } from './errors.js';
export { messages } from './messages.js';
// The one MLflow error-code ↔ HTTP table lives in @abt/tracking; re-exported for the router's server.
export {
  CODE_TO_HTTP,
  HTTP_TO_CODE,
  MLFLOW_ERROR_CODES,
  ABT_ERROR_CODES,
  isMlflowErrorCode,
  httpStatusForCode,
  codeForHttpStatus,
  /** @deprecated the same function as `codeForHttpStatus` (kept for callers of 0.1). */
  codeForHttpStatus as codeFromHttpStatus,
  errorBody,
  parseErrorBody,
} from '@abt/tracking/mlflow';
export type { MlflowErrorCode, MlflowErrorBody, PagedList } from '@abt/tracking/mlflow';
export type { RegisteredModel, ModelVersion, ModelVersionStage, ModelVersionStatus } from './entities.js';
export type { RegistryStore, SearchOptions, CreateModelVersionInput } from './store.js';
export { checkRelativePath, resolveInside, decodeFully } from './mlflow-layer.js';

export { saveBundle, MLFLOW_COMPAT_VERSION, DEFAULT_LGB_VERSION, DEFAULT_PYTHON_VERSION } from './bundle/save-bundle.js';
export type { SaveBundleOptions, SavedBundle } from './bundle/save-bundle.js';
export { readBundle, readBundleFile, requireAbtFlavor, requireLightgbmFlavor } from './bundle/read-bundle.js';
export type { Bundle } from './bundle/read-bundle.js';
export { parseMlmodel, stringifyMlmodel, MLMODEL_FILE } from './bundle/mlmodel.js';
export type { MLmodel, SavedInputExampleInfo } from './bundle/mlmodel.js';
export { ABT_FLAVOR_FORMAT_VERSIONS } from './bundle/flavors.js';
export type { AbtFlavor, LightgbmFlavor, PythonFunctionFlavor, Flavors } from './bundle/flavors.js';
export { COLUMN_TYPES, signatureToYaml, signatureFromYaml } from './bundle/signature.js';
export type { ColumnSpec, ColumnType, TensorSpec, ModelSignature, SignatureYaml } from './bundle/signature.js';
export { parseInputExample, INPUT_EXAMPLE_FILE } from './bundle/input-example.js';
export type { InputExample } from './bundle/input-example.js';
export { formatUtcTimeCreated } from './bundle/time.js';

export { parseModelUri, parseRunsUri, parseUri, localPathOf } from './uri/parse-uri.js';
export type { ModelUri, RunsUri, ArtifactUri, ParsedUri } from './uri/parse-uri.js';

export { MemoryRegistryStore } from './stores/memory/memory-registry-store.js';
export type { MemoryRegistryStoreOptions } from './stores/memory/memory-registry-store.js';
export { checkSource } from './stores/source.js';
export type { CheckedSource } from './stores/source.js';
export { SqliteRegistryStore, MLFLOW_MODEL_VERSIONS_TAG } from './stores/sqlite/sqlite-registry-store.js';
export type { SqliteRegistryStoreOptions } from './stores/sqlite/sqlite-registry-store.js';
export type { RegistryDatabase } from './stores/sqlite/database.js';
export { RestRegistryStore } from './stores/rest/rest-registry-store.js';
export type { RestRegistryStoreOptions } from './stores/rest/rest-registry-store.js';
export { REGISTRY_ENDPOINTS } from './stores/rest/endpoints.js';
export type { RegistryOperation } from './stores/rest/endpoints.js';

export { createRegistryStore } from './resolve-registry-store.js';
export type { CreateRegistryStoreOptions } from './resolve-registry-store.js';
export { resolveModelUri, resolveModelVersion } from './uri/resolve-model-uri.js';
export type { ResolveContext, ResolvedModel } from './uri/resolve-model-uri.js';
export { connect } from './api/connect.js';
export type { ConnectOptions, Connection } from './api/connect.js';
export { registerModel } from './api/register-model.js';
export type { RegisterModelOptions, RegisteredModelVersion } from './api/register-model.js';
export { loadBundle, resolveModel } from './api/load-bundle.js';
export type { LoadOptions, LoadedBundle } from './api/load-bundle.js';
