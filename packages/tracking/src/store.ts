import type {
  DatasetInput,
  ModelOutput,
  Experiment,
  LoggedModel,
  LoggedModelStatus,
  Metric,
  PagedList,
  Param,
  Run,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from './entities';
import type { ArtifactRepository } from './artifacts/artifact-repository';

export interface LogBatchInput {
  metrics?: readonly Metric[];
  params?: readonly Param[];
  tags?: readonly RunTag[];
}

export interface CreateRunInput {
  experimentId: string;
  userId?: string;
  /** ms; defaults to the store's clock. */
  startTime?: number;
  runName?: string;
  tags?: readonly RunTag[];
}

export interface SearchRunsInput {
  experimentIds: readonly string[];
  /** MLflow filter syntax, e.g. `metrics.auc > 0.7 AND params.model = 'lgbm'`. */
  filter?: string;
  runViewType?: ViewType;
  /** Default 1000, MLflow's default. */
  maxResults?: number;
  /** e.g. `['metrics.auc DESC', 'attributes.start_time']`. */
  orderBy?: readonly string[];
  pageToken?: string;
}

export interface SearchExperimentsInput {
  viewType?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

export interface CreateLoggedModelInput {
  experimentId: string;
  name?: string;
  sourceRunId?: string;
  modelType?: string;
  tags?: Record<string, string>;
  params?: Record<string, string>;
}

/**
 * The one storage interface (MLflow's AbstractStore, narrowed). `logBatch` is the only write
 * primitive for run data; logMetric/logParam/setTag are derived from it in `helpers.ts`.
 */
export interface TrackingStore {
  /** Interface version; bumped only with a breaking change. */
  readonly version: 1;
  /** Which implementation: 'sqlite', 'rest', 'memory' or a registered scheme's name. */
  readonly kind: string;
  /** The URI this store was created from (`sqlite:///…`, `http://…`, `memory:`). */
  readonly uri: string;

  /** Creates an experiment; its id as a string. Throws RESOURCE_ALREADY_EXISTS for a taken name. */
  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Record<string, string> }): Promise<string>;
  /** Throws RESOURCE_DOES_NOT_EXIST for an unknown id. */
  getExperiment(experimentId: string): Promise<Experiment>;
  /** null when no experiment has that name (any lifecycle stage). */
  getExperimentByName(name: string): Promise<Experiment | null>;
  /** Experiments ordered by id. */
  searchExperiments(input?: SearchExperimentsInput): Promise<PagedList<Experiment>>;
  /** Sets (or overwrites) an experiment tag. */
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void>;
  /** Marks the experiment deleted (lifecycle_stage 'deleted'). */
  deleteExperiment(experimentId: string): Promise<void>;

  /** Creates a RUNNING run; `runName` is mirrored into the `mlflow.runName` tag. */
  createRun(input: CreateRunInput): Promise<Run>;
  /** Throws RESOURCE_DOES_NOT_EXIST for an unknown id. */
  getRun(runId: string): Promise<Run>;
  /** Updates status / end time / name. */
  updateRunInfo(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo>;
  /** Marks the run deleted. */
  deleteRun(runId: string): Promise<void>;
  /** Marks a deleted run active again. */
  restoreRun(runId: string): Promise<void>;
  /**
   * The only write primitive for metrics, params and tags: all-or-nothing, at most MLflow's
   * per-request limits (1000 metrics, 100 params, 100 tags, 1000 items).
   */
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  /** Removes a run tag. */
  deleteTag(runId: string, key: string): Promise<void>;
  /**
   * MLflow's `log_inputs`: links datasets to the run (a dataset is stored once per experiment by
   * (name, digest); linking the same one twice is a no-op). `getRun` returns them in `inputs`.
   */
  logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void>;
  /** MLflow's `log_outputs`: links logged models to the run as its outputs. `getRun` returns them in `outputs`. */
  logOutputs(runId: string, models: readonly ModelOutput[]): Promise<void>;
  /** Every logged point of one metric, ordered by (step, timestamp). */
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;
  /** Runs of the given experiments matching `filter`, ordered and paged like MLflow. */
  searchRuns(input: SearchRunsInput): Promise<PagedList<Run>>;

  /** Creates a PENDING MLflow 3 logged model under the experiment's `models/` folder. */
  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel>;
  /** Throws RESOURCE_DOES_NOT_EXIST for an unknown id. */
  getLoggedModel(modelId: string): Promise<LoggedModel>;
  /** Sets the final status (READY or FAILED). */
  finalizeLoggedModel(modelId: string, status: Extract<LoggedModelStatus, 'READY' | 'FAILED'>): Promise<LoggedModel>;
  /** Sets (or overwrites) logged-model tags. */
  setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void>;

  /** The artifact repository for an artifact URI this store handed out (run or logged-model). */
  artifactRepository(artifactUri: string): ArtifactRepository;
  /** Releases connections; further calls fail. */
  close(): Promise<void>;
}
