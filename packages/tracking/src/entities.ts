/** MLflow entity shapes (camelCase), as `mlflow.entities` defines them. */

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type LifecycleStage = 'active' | 'deleted';
/** MLflow's ViewType: which lifecycle stages a search returns. */
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface Experiment {
  /** Integer in SQL, string on the wire and here. */
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: Record<string, string>;
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface Metric {
  key: string;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
}

export interface Param {
  key: string;
  value: string;
}

export interface RunTag {
  key: string;
  value: string;
}

/** Like Python's `RunData`: latest value per metric key, params and tags as records. */
export interface RunData {
  metrics: Record<string, number>;
  params: Record<string, string>;
  tags: Record<string, string>;
}

export interface Run {
  info: RunInfo;
  data: RunData;
}

export type { PagedList } from './mlflow/paged-list';

export interface FileInfo {
  /** Path relative to the artifact root, with `/` separators. */
  path: string;
  isDir: boolean;
  fileSize?: number;
}

export type LoggedModelStatus = 'UNSPECIFIED' | 'PENDING' | 'READY' | 'FAILED';

/** An MLflow 3 logged model (`logged_models` table, `m-<32 hex>` ids). */
export interface LoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  /** `<experiment artifact_location>/models/<model_id>/artifacts`. */
  artifactLocation: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  status: LoggedModelStatus;
  statusMessage: string | null;
  lifecycleStage: LifecycleStage;
  modelType: string | null;
  sourceRunId: string | null;
  tags: Record<string, string>;
  params: Record<string, string>;
}
