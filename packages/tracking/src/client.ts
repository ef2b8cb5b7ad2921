import type { Experiment, LoggedModel, LoggedModelStatus, Metric, PagedList, Run, RunInfo, RunStatus, FileInfo } from './entities';
import { TrackingError } from './errors';
import { ActiveRun } from './active-run';
import type { ArtifactRepository } from './artifacts/artifact-repository';
import { logBatchChunked, logMetric, logParam, setTag } from './helpers';
import { createTrackingStore, type StoreOptions } from './resolve-store';
import type { CreateLoggedModelInput, LogBatchInput, SearchRunsInput, TrackingStore } from './store';
import { currentUser, defaultSystemTags } from './system-tags';

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
    this.store = store;
    this.#clock = options.clock ?? Date.now;
    this.#env = options.env ?? process.env;
    this.#systemTags = options.systemTags ?? true;
  }

  /** Resolves the store from the URI (explicit option > argument > MLFLOW_TRACKING_URI > sqlite:///mlflow.db). */
  static async create(uri?: string, options: StoreOptions & TrackingClientOptions = {}): Promise<TrackingClient> {
    return new TrackingClient(await createTrackingStore(uri, options), options);
  }

  createExperiment(name: string, options?: { artifactLocation?: string; tags?: Record<string, string> }): Promise<string> {
    return this.store.createExperiment(name, options);
  }
  getExperiment(experimentId: string): Promise<Experiment> {
    return this.store.getExperiment(experimentId);
  }
  getExperimentByName(name: string): Promise<Experiment | null> {
    return this.store.getExperimentByName(name);
  }
  setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    return this.store.setExperimentTag(experimentId, key, value);
  }

  /** Returns the experiment named `name`, creating it when missing (safe against a concurrent creator). */
  async getOrCreateExperiment(name: string, options?: { artifactLocation?: string; tags?: Record<string, string> }): Promise<Experiment> {
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
    return this.store.getRun(runId);
  }
  async endRun(runId: string, status: RunStatus = 'FINISHED'): Promise<RunInfo> {
    return this.store.updateRunInfo(runId, { status, endTime: this.#clock() });
  }
  deleteRun(runId: string): Promise<void> {
    return this.store.deleteRun(runId);
  }
  logMetric(runId: string, key: string, value: number, options?: { step?: number; timestamp?: number }): Promise<void> {
    return logMetric(this.store, runId, key, value, { timestamp: this.#clock(), ...options });
  }
  logParam(runId: string, key: string, value: string): Promise<void> {
    return logParam(this.store, runId, key, value);
  }
  setTag(runId: string, key: string, value: string): Promise<void> {
    return setTag(this.store, runId, key, value);
  }
  /** Any number of entities, split into MLflow-sized requests. */
  logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    return logBatchChunked(this.store, runId, batch);
  }
  getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    return this.store.getMetricHistory(runId, key);
  }
  searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    return this.store.searchRuns(input);
  }
  /** Follows page tokens to the end. */
  async searchAllRuns(input: Omit<SearchRunsInput, 'pageToken'>): Promise<Run[]> {
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
    const run = await this.store.getRun(runId);
    return this.store.artifactRepository(run.info.artifactUri);
  }
  async listArtifacts(runId: string, path?: string): Promise<FileInfo[]> {
    return (await this.artifactRepository(runId)).listArtifacts(path);
  }
  async downloadArtifacts(runId: string, path: string, dstDir: string): Promise<string> {
    return (await this.artifactRepository(runId)).downloadArtifacts(path, dstDir);
  }

  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    return this.store.createLoggedModel(input);
  }
  getLoggedModel(modelId: string): Promise<LoggedModel> {
    return this.store.getLoggedModel(modelId);
  }
  finalizeLoggedModel(modelId: string, status: Extract<LoggedModelStatus, 'READY' | 'FAILED'>): Promise<LoggedModel> {
    return this.store.finalizeLoggedModel(modelId, status);
  }
  setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    return this.store.setLoggedModelTags(modelId, tags);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
