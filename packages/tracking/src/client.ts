import type { Experiment, LoggedModel, LoggedModelStatus, Metric, PagedList, Run, RunInfo, RunStatus, FileInfo } from './entities';
import { TrackingError } from './errors';
import { ActiveRun } from './active-run';
import type { ArtifactRepository } from './artifacts/artifact-repository';
import { logBatchChunked, logMetric, logParam, setTag } from './helpers';
import { createTrackingStore, type StoreOptions } from './resolve-store';
import type { CreateLoggedModelInput, LogBatchInput, SearchRunsInput, TrackingStore } from './store';
import { currentUser, defaultSystemTags } from './system-tags';
import { checkCall, pick } from './arguments';
import { CLIENT_OPTION_KEYS, LOG_BATCH_KEYS, METRIC_OPTION_KEYS, START_RUN_KEYS, STORE_OPTION_KEYS } from './call-specs';

const CREATE_KEYS: readonly string[] = [...new Set([...STORE_OPTION_KEYS, ...CLIENT_OPTION_KEYS])];

export interface TrackingClientOptions {
  /** Clock in ms (default Date.now). */
  clock?: () => number;
  /** Environment for the user name and system tags (default process.env). */
  env?: Record<string, string | undefined>;
  /** Set false to skip `mlflow.user` / `mlflow.source.*` tags. */
  systemTags?: boolean;
}

export interface StartRunOptions {
  experimentId: string;
  runName?: string;
  tags?: Record<string, string>;
  /** Makes this a nested run (`mlflow.parentRunId` tag). */
  parentRunId?: string;
  startTime?: number;
}

/** The user-facing API over any TrackingStore (MLflow's MlflowClient plus fluent conveniences). */
export class TrackingClient {
  readonly store: TrackingStore;
  readonly #clock: () => number;
  readonly #env: Record<string, string | undefined>;
  readonly #systemTags: boolean;

  constructor(store: TrackingStore, options: TrackingClientOptions = {}) {
    checkCall('TrackingClient', arguments, 2, { 1: CLIENT_OPTION_KEYS });
    this.store = store;
    this.#clock = options.clock ?? Date.now;
    this.#env = options.env ?? process.env;
    this.#systemTags = options.systemTags ?? true;
  }

  /** Resolves the store from the URI (explicit option > argument > MLFLOW_TRACKING_URI > sqlite:///mlflow.db). */
  static async create(uri?: string, options: StoreOptions & TrackingClientOptions = {}): Promise<TrackingClient> {
    checkCall('TrackingClient.create', arguments, 2, { 1: CREATE_KEYS });
    return new TrackingClient(await createTrackingStore(uri, pick(options, STORE_OPTION_KEYS)), pick(options, CLIENT_OPTION_KEYS));
  }

  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Record<string, string> }): Promise<string> {
    checkCall('TrackingClient.createExperiment', arguments, 2, { 1: ['artifactLocation', 'tags'] });
    return this.store.createExperiment(name, options);
  }
  getExperiment(experimentId: string): Promise<Experiment> {
    checkCall('TrackingClient.getExperiment', arguments, 1);
    return this.store.getExperiment(experimentId);
  }
  getExperimentByName(name: string): Promise<Experiment | null> {
    checkCall('TrackingClient.getExperimentByName', arguments, 1);
    return this.store.getExperimentByName(name);
  }
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    checkCall('TrackingClient.setExperimentTag', arguments, 3);
    return this.store.setExperimentTag(experimentId, key, value);
  }

  /** Returns the experiment named `name`, creating it when missing (safe against a concurrent creator). */
  async getOrCreateExperiment(name: string, options?: { artifactLocation?: string; tags?: Record<string, string> }): Promise<Experiment> {
    checkCall('TrackingClient.getOrCreateExperiment', arguments, 2, { 1: ['artifactLocation', 'tags'] });
    const found = await this.store.getExperimentByName(name);
    if (found) return found;
    try {
      return await this.store.getExperiment(await this.store.createExperiment(name, options));
    } catch (err) {
      if (TrackingError.isInstance(err) && err.code === 'RESOURCE_ALREADY_EXISTS') {
        const again = await this.store.getExperimentByName(name);
        if (again) return again;
      }
      throw err;
    }
  }

  /** Starts a RUNNING run with MLflow's system tags (user, source name/type) and returns it. */
  async startRun(options: StartRunOptions): Promise<ActiveRun> {
    checkCall('TrackingClient.startRun', arguments, 1, { 0: START_RUN_KEYS });
    const tags: Record<string, string> = {};
    if (this.#systemTags) for (const t of defaultSystemTags(this.#env)) tags[t.key] = t.value;
    if (options.parentRunId) {
      await this.store.getRun(options.parentRunId);
      tags['mlflow.parentRunId'] = options.parentRunId;
    }
    Object.assign(tags, options.tags);
    const run = await this.store.createRun({
      experimentId: options.experimentId,
      runName: options.runName,
      userId: currentUser(this.#env),
      startTime: options.startTime ?? this.#clock(),
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    return new ActiveRun(this.store, run, this.#clock);
  }

  getRun(runId: string): Promise<Run> {
    checkCall('TrackingClient.getRun', arguments, 1);
    return this.store.getRun(runId);
  }
  async endRun(runId: string, status: RunStatus = 'FINISHED'): Promise<RunInfo> {
    checkCall('TrackingClient.endRun', arguments, 2);
    return this.store.updateRunInfo(runId, { status, endTime: this.#clock() });
  }
  deleteRun(runId: string): Promise<void> {
    checkCall('TrackingClient.deleteRun', arguments, 1);
    return this.store.deleteRun(runId);
  }
  logMetric(runId: string, key: string, value: number, options?: { step?: number; timestamp?: number }): Promise<void> {
    checkCall('TrackingClient.logMetric', arguments, 4, { 3: METRIC_OPTION_KEYS });
    return logMetric(this.store, runId, key, value, { timestamp: this.#clock(), ...options });
  }
  logParam(runId: string, key: string, value: string): Promise<void> {
    checkCall('TrackingClient.logParam', arguments, 3);
    return logParam(this.store, runId, key, value);
  }
  setTag(runId: string, key: string, value: string): Promise<void> {
    checkCall('TrackingClient.setTag', arguments, 3);
    return setTag(this.store, runId, key, value);
  }
  /** Any number of entities, split into MLflow-sized requests. */
  logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    checkCall('TrackingClient.logBatch', arguments, 2, { 1: LOG_BATCH_KEYS });
    return logBatchChunked(this.store, runId, batch);
  }
  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    checkCall('TrackingClient.getMetricHistory', arguments, 2);
    return this.store.getMetricHistory(runId, key);
  }
  searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    checkCall('TrackingClient.searchRuns', arguments, 1);
    return this.store.searchRuns(input);
  }
  /** Follows page tokens to the end. */
  async searchAllRuns(input: Omit<SearchRunsInput, 'pageToken'>): Promise<Run[]> {
    checkCall('TrackingClient.searchAllRuns', arguments, 1);
    const out: Run[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.store.searchRuns({ ...input, pageToken });
      out.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return out;
  }

  async artifactRepository(runId: string): Promise<ArtifactRepository> {
    checkCall('TrackingClient.artifactRepository', arguments, 1);
    const run = await this.store.getRun(runId);
    return this.store.artifactRepository(run.info.artifactUri);
  }
  async listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    checkCall('TrackingClient.listArtifacts', arguments, 2);
    return (await this.artifactRepository(runId)).listArtifacts(path);
  }
  async downloadArtifacts(runId: string, path: string, dstDir: string): Promise<string> {
    checkCall('TrackingClient.downloadArtifacts', arguments, 3);
    return (await this.artifactRepository(runId)).downloadArtifacts(path, dstDir);
  }

  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    checkCall('TrackingClient.createLoggedModel', arguments, 1);
    return this.store.createLoggedModel(input);
  }
  getLoggedModel(modelId: string): Promise<LoggedModel> {
    checkCall('TrackingClient.getLoggedModel', arguments, 1);
    return this.store.getLoggedModel(modelId);
  }
  finalizeLoggedModel(modelId: string, status: Extract<LoggedModelStatus, 'READY' | 'FAILED'>): Promise<LoggedModel> {
    checkCall('TrackingClient.finalizeLoggedModel', arguments, 2);
    return this.store.finalizeLoggedModel(modelId, status);
  }
  setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    checkCall('TrackingClient.setLoggedModelTags', arguments, 2);
    return this.store.setLoggedModelTags(modelId, tags);
  }

  close(): Promise<void> {
    checkCall('TrackingClient.close', arguments, 0);
    return this.store.close();
  }
}
