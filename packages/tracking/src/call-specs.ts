import type { ArtifactRepository } from './artifacts/artifact-repository';
import type { Metric, Param } from './entities';
import type { HttpOptions, RequestSpec } from './stores/rest/http';
import type { MemoryStoreOptions } from './stores/memory/memory-store';
import type { OpenMlflowDatabaseOptions } from './stores/sqlite/open-database';
import type { SqliteStoreOptions } from './stores/sqlite/sqlite-store';
import type { CreateLoggedModelInput, CreateRunInput, LogBatchInput, SearchExperimentsInput, SearchRunsInput, TrackingStore } from './store';
import type { StartRunOptions, TrackingClientOptions } from './client';
import { optionKeys, type CallSpec } from './mlflow/check-args';

// The signatures of @abt/tracking's public functions for BRIEF contract 2, declared once per
// interface: the stores and repositories check every call against these tables, and the contract
// suite (`trackingStoreContract`) proves every store refuses unknown keys and surplus arguments.

export const HTTP_OPTION_KEYS = optionKeys<HttpOptions>({
  fetch: true,
  timeoutMs: true,
  maxRetries: true,
  backoffMs: true,
  sleep: true,
  username: true,
  password: true,
  token: true,
  env: true,
});
export const OPEN_DATABASE_KEYS = optionKeys<OpenMlflowDatabaseOptions>({
  driver: true,
  artifactRoot: true,
  busyTimeoutMs: true,
  warn: true,
  synchronous: true,
  now: true,
});
export const SQLITE_STORE_KEYS = optionKeys<SqliteStoreOptions>({
  driver: true,
  artifactRoot: true,
  busyTimeoutMs: true,
  warn: true,
  synchronous: true,
  now: true,
  database: true,
  ids: true,
  clock: true,
});
export const MEMORY_STORE_KEYS = optionKeys<MemoryStoreOptions>({ artifactRoot: true, ids: true, clock: true });
export const CLIENT_OPTION_KEYS = optionKeys<TrackingClientOptions>({ clock: true, env: true, systemTags: true });
/** `createTrackingStore` takes the union: each store's options are documented per store (README "Options"). */
export const STORE_OPTION_KEYS: readonly string[] = [...new Set([...SQLITE_STORE_KEYS, ...MEMORY_STORE_KEYS, ...HTTP_OPTION_KEYS, 'trackingUri', 'env'])];
export const URI_OPTION_KEYS: readonly string[] = ['trackingUri', 'env'];
export const REQUEST_SPEC_KEYS = optionKeys<RequestSpec>({ method: true, path: true, query: true, json: true, body: true, contentType: true });
export const START_RUN_KEYS = optionKeys<StartRunOptions>({ experimentId: true, runName: true, tags: true, parentRunId: true, startTime: true });
export const METRIC_OPTION_KEYS: readonly string[] = ['step', 'timestamp'];
export const METRIC_KEYS = optionKeys<Metric>({ key: true, value: true, timestamp: true, step: true });
export const PARAM_KEYS = optionKeys<Param>({ key: true, value: true });

const CREATE_EXPERIMENT_KEYS: readonly string[] = ['artifactLocation', 'tags'];
const UPDATE_RUN_KEYS: readonly string[] = ['status', 'endTime', 'runName'];
export const LOG_BATCH_KEYS = optionKeys<LogBatchInput>({ metrics: true, params: true, tags: true });
const CREATE_RUN_KEYS = optionKeys<CreateRunInput>({ experimentId: true, userId: true, startTime: true, runName: true, tags: true });
const SEARCH_RUNS_KEYS = optionKeys<SearchRunsInput>({
  experimentIds: true,
  filter: true,
  runViewType: true,
  maxResults: true,
  orderBy: true,
  pageToken: true,
});
const SEARCH_EXPERIMENTS_KEYS = optionKeys<SearchExperimentsInput>({ viewType: true, maxResults: true, pageToken: true });
const CREATE_LOGGED_MODEL_KEYS = optionKeys<CreateLoggedModelInput>({
  experimentId: true,
  name: true,
  sourceRunId: true,
  modelType: true,
  tags: true,
  params: true,
});

/** A `TrackingStore` method: a key of {@link TRACKING_STORE_CALLS}. */
export type TrackingStoreMethod = Exclude<keyof TrackingStore, 'version' | 'kind' | 'uri'>;

/** Every TrackingStore method: positional arguments and option objects. */
export const TRACKING_STORE_CALLS: Readonly<Record<TrackingStoreMethod, CallSpec>> = {
  createExperiment: { max: 2, options: { 1: CREATE_EXPERIMENT_KEYS } },
  getExperiment: { max: 1 },
  getExperimentByName: { max: 1 },
  searchExperiments: { max: 1, options: { 0: SEARCH_EXPERIMENTS_KEYS } },
  setExperimentTag: { max: 3 },
  deleteExperiment: { max: 1 },
  createRun: { max: 1, options: { 0: CREATE_RUN_KEYS } },
  getRun: { max: 1 },
  updateRunInfo: { max: 2, options: { 1: UPDATE_RUN_KEYS } },
  deleteRun: { max: 1 },
  restoreRun: { max: 1 },
  logBatch: { max: 2, options: { 1: LOG_BATCH_KEYS } },
  logInputs: { max: 2 },
  logOutputs: { max: 2 },
  deleteTag: { max: 2 },
  getMetricHistory: { max: 2 },
  searchRuns: { max: 1, options: { 0: SEARCH_RUNS_KEYS } },
  createLoggedModel: { max: 1, options: { 0: CREATE_LOGGED_MODEL_KEYS } },
  getLoggedModel: { max: 1 },
  finalizeLoggedModel: { max: 2 },
  setLoggedModelTags: { max: 2 },
  artifactRepository: { max: 1 },
  close: { max: 0 },
};

/** Every ArtifactRepository method. */
export const ARTIFACT_REPOSITORY_CALLS: Readonly<Record<Exclude<keyof ArtifactRepository, 'kind' | 'uri'>, CallSpec>> = {
  logArtifact: { max: 2 },
  logArtifacts: { max: 2 },
  logBytes: { max: 2 },
  listArtifacts: { max: 1 },
  downloadArtifacts: { max: 2 },
  readArtifact: { max: 1 },
};
