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
  /** Datasets the run read (MLflow's `log_input`), from `getRun`. */
  inputs?: RunInputs;
  /** Logged models the run produced (MLflow's `log_outputs`), from `getRun`. */
  outputs?: RunOutputs;
}

/** MLflow's Dataset entity: what the runs table's Dataset column shows. */
export interface Dataset {
  name: string;
  /** Content digest (MLflow computes 8+ hex chars of a hash; at most 36 characters). */
  digest: string;
  /** 'local', 'http', 's3', 'code', … */
  sourceType: string;
  /** JSON text describing the source (MLflow: `{"uri": "…"}` for a file). */
  source: string;
  /** JSON text, MLflow's `{"mlflow_colspec": [...]}` form; optional. */
  schema?: string;
  /** JSON text, e.g. `{"num_rows": 80000}`; optional. */
  profile?: string;
}

export interface DatasetInput {
  dataset: Dataset;
  /** e.g. `mlflow.data.context` = `train` / `validation` / `test`. */
  tags?: RunTag[];
}

export interface ModelOutput {
  modelId: string;
  step: number;
}

export interface RunInputs {
  datasetInputs: DatasetInput[];
}

export interface RunOutputs {
  modelOutputs: ModelOutput[];
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
