// Public API of @abt/tracking.
export type {
  Experiment,
  FileInfo,
  LifecycleStage,
  LoggedModel,
  LoggedModelStatus,
  Metric,
  PagedList,
  Param,
  Run,
  RunData,
  RunInputs,
  RunOutputs,
  Dataset,
  DatasetInput,
  ModelOutput,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from './entities';
export { RUN_STATUSES } from './entities';
export { TrackingError, InvalidOptionError, MissingPeerError, isTrackingErrorCode, type TrackingErrorCode } from './errors';
// The signatures every store and repository checks its calls against (BRIEF contract 2).
export { TRACKING_STORE_CALLS, ARTIFACT_REPOSITORY_CALLS, type TrackingStoreMethod } from './call-specs';
// The one error-code ↔ HTTP table (also at `@abt/tracking/mlflow`, with path safety, search grammar and paging).
export * from './mlflow/error-codes';
export { messages } from './messages';
export { LIMITS } from './limits';
export type { TrackingStore, LogBatchInput, CreateRunInput, SearchRunsInput, SearchExperimentsInput, CreateLoggedModelInput } from './store';
export { logMetric, logParam, setTag, chunkBatch, logBatchChunked } from './helpers';
export {
  createTrackingStore,
  registerTrackingStore,
  resolveTrackingUri,
  resolveRegistryUri,
  DEFAULT_TRACKING_URI,
  type StoreFactory,
  type StoreOptions,
} from './resolve-store';
export { TrackingClient, type TrackingClientOptions, type StartRunOptions } from './client';
export { ActiveRun, type ParamValue } from './active-run';
export { withRun } from './with-run';
export { defaultSystemTags, currentUser } from './system-tags';
export { seededIds, uuidHex, type IdGenerator, type Clock } from './ids';
export { sanitizeMetricValue } from './metric-value';
export { appendToUriPath } from './run-names';
export { parseFilter, parseOrderBy, checkArtifactPath, resolveInsideRoot, checkArtifactLocation, localPathFromUri } from './mlflow-layer';
export type { FilterClause } from './mlflow/filter';
export type { OrderByClause } from './mlflow/order-by';

// Stores
export { SqliteStore, type SqliteStoreOptions } from './stores/sqlite/sqlite-store';
export { openMlflowDatabase, sqlitePathFromUri, type MlflowDatabase, type OpenMlflowDatabaseOptions } from './stores/sqlite/open-database';
export { betterSqlite3Driver, type SqliteDriver, type SqliteConnection, type SqliteStatement } from './stores/sqlite/driver';
export { ALEMBIC_HEAD, MLFLOW_VERSION, SCHEMA_DDL, DEFAULT_WORKSPACE, TESTED_REVISIONS, REQUIRED_COLUMNS } from './stores/sqlite/schema';
export { RestStore, type RestStoreOptions } from './stores/rest/rest-store';
export { ENDPOINTS, type Operation } from './stores/rest/endpoints';
export { HttpClient, type HttpOptions, type FetchLike, type RequestSpec } from './stores/rest/http';
export { MemoryStore, type MemoryStoreOptions } from './stores/memory/memory-store';

// Artifacts
export type { ArtifactRepository } from './artifacts/artifact-repository';
export { artifactRepositoryFor } from './artifacts';
export { LocalArtifactRepository } from './artifacts/local';
export { MlflowArtifactsProxyRepository, parseProxyUri } from './artifacts/mlflow-artifacts-proxy';
export { writeFileAtomic, copyFileAtomic } from './artifacts/atomic-write';
