// Public API of @abt/router (core: no HTTP). The server lives in `@abt/router/server`.
export { fnv32a, hash, createHasher } from './hash';
export type { HashVersion, UserId, Hasher } from './hash';
export { md5Parity, md5Hex } from './md5-parity';
export { getEqualWeights, getBucketRanges, inRange, chooseVariation, inNamespace, flattenRanges, chooseArm } from './buckets';
export type { BucketRange, BucketRanges, Namespace } from './buckets';
export { createExperiment, experimentToJSON, MAX_ARMS } from './experiment';
export type { Experiment, ExperimentConfig, GrowthBookExperimentConfig, ExperimentFilter, ArmConfig, AssignmentHashVersion } from './experiment';
export { createAssigner, AssignmentSource } from './assign';
export type { Assigner, AssignerOptions, Assignment, AssignmentSourceName } from './assign';
export { createMemoryStickyStore } from './sticky-store';
export type { StickyStore } from './sticky-store';
export { toColumns, rowToColumns, REQUEST_SIGNATURE_INPUTS } from './policy';
export type { Policy, PolicyLoader, PolicyContext, RequestRow, RequestColumns, RequestColumnsInput, RequestRows } from './policy';
export { createFeaturizedPolicy } from './featurized-policy';
export type { ScoringModel, RequestFeaturizer } from './featurized-policy';
export { createMemoryPolicyLoader } from './memory-policy-loader';
export type { MemoryPolicyEntry } from './memory-policy-loader';
export { parseRouterConfig, asParsedRouterConfig } from './router-config';
export type { RouterConfig, ParsedRouterConfig } from './router-config';
export { RouterModel, defaultInstance } from './router-model';
export type {
  RouterPrediction,
  RouterPredictions,
  RouterDescription,
  RouterModelOptions,
  PredictOptions,
} from './router-model';
export { createReloadingRouter, routerSourceFromConfig } from './reloading-router';
export type { RouterSource, ReloadingRouter, ReloadingRouterOptions, ReloadStatus, ReloadResult } from './reloading-router';
export { summarizeByArm } from './summarize';
export type { ArmSummary, RoutingSummary } from './summarize';
export { exposureLine, parseExposureLine, createMemoryExposureSink, EXPOSURE_LOG_VERSION } from './exposure-log';
export type { ExposureEvent, ExposureItem, ExposureRecord, ExposureSink } from './exposure-log';
export { createFileExposureLog, readExposureLog } from './file-exposure-log';
export { createNdjsonLog, readNdjsonLog } from './ndjson-log';
export type { NdjsonLog, NdjsonLogOptions, NdjsonLogStats, NdjsonLine } from './ndjson-log';
export { createMemoryHistoryStore } from './history/memory-history-store';
export type { MemoryHistoryStoreOptions } from './history/memory-history-store';
export type { HistoryStore, HistoryStoreStatus, FeedbackEvent, HistoryEventRules, HistoryFeatureSpec } from './history/history-store';
export { parseFeedback, eventLine, parseEventLine, interactionsOf, EVENTS_LOG_VERSION } from './history/feedback-event';
export type { ParseFeedbackOptions } from './history/feedback-event';
export type { FileExposureLogOptions, FileExposureLogStats } from './file-exposure-log';
export {
  RouterError,
  ConfigError,
  InvalidInputError,
  PolicyLoadError,
  InvalidArgumentError,
  MissingPeerError,
  HistoryStoreError,
  LogFormatError,
} from './errors';
export type { RouterErrorCode } from './errors';
export { messages } from './messages';
