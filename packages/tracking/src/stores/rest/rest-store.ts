import type { DatasetInput, Experiment, LoggedModel, LoggedModelStatus, Metric, ModelOutput, PagedList, Run, RunInfo, RunStatus } from '../../entities';
import { checkStoreCall } from '../../mlflow-layer';
import { TrackingError } from '../../errors';
import { messages } from '../../messages';
import type { CreateLoggedModelInput, CreateRunInput, LogBatchInput, SearchExperimentsInput, SearchRunsInput, TrackingStore } from '../../store';
import { validateBatch, validateDatasetInputs, validateRunTags, validateExperimentName, validateModelOutputs, validateTag } from '../../validation';
import { artifactRepositoryFor } from '../../artifacts';
import type { ArtifactRepository } from '../../artifacts/artifact-repository';
import { ENDPOINTS, type Operation } from './endpoints';
import { HttpClient, type HttpOptions } from './http';
import { LOGGED_MODEL_STATUS_TO_WIRE, experimentFromWire, loggedModelFromWire, metricFromWire, metricValueToWire, runFromWire, runInfoFromWire } from './wire';
import { checkCall } from '../../arguments';
import { HTTP_OPTION_KEYS } from '../../call-specs';

export type RestStoreOptions = HttpOptions;

type Json = Record<string, unknown>;

/** MLflow REST API 2.0 against `mlflow server`, artifacts through its `mlflow-artifacts` proxy. */
export class RestStore implements TrackingStore {
  readonly version = 1 as const;
  readonly kind = 'rest';
  readonly uri: string;
  readonly http: HttpClient;
  readonly #options: RestStoreOptions;

  constructor(uri: string, options: RestStoreOptions = {}) {
    checkCall('RestStore', arguments, 2, { 1: HTTP_OPTION_KEYS });
    if (!/^https?:\/\/[^/]+/.test(uri)) throw new TrackingError('INVALID_URI', messages.badUri(uri, 'expected http(s)://host[:port]'));
    this.uri = uri.replace(/\/+$/, '');
    this.#options = options;
    this.http = new HttpClient(this.uri, options);
  }

  async #call<T = Json>(op: Operation, payload: Json = {}, pathParams: Record<string, string> = {}): Promise<T> {
    const { method, path } = ENDPOINTS[op];
    const filled = path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(pathParams[k] ?? ''));
    if (method === 'GET') {
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(payload)) if (v !== undefined) query[k] = String(v);
      return this.http.json<T>({ method, path: filled, query });
    }
    return this.http.json<T>({ method, path: filled, json: payload });
  }

  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Record<string, string> } = {}): Promise<string> {
    checkStoreCall(this, 'createExperiment', arguments);
    validateExperimentName(name);
    const tags = Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value }));
    tags.forEach(validateTag);
    const res = await this.#call<{ experiment_id: string }>('createExperiment', { name, artifact_location: options.artifactLocation, tags });
    return String(res.experiment_id);
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    checkStoreCall(this, 'getExperiment', arguments);
    const res = await this.#call<{ experiment: Json }>('getExperiment', { experiment_id: experimentId });
    return experimentFromWire(res.experiment);
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    checkStoreCall(this, 'getExperimentByName', arguments);
    try {
      const res = await this.#call<{ experiment: Json }>('getExperimentByName', { experiment_name: name });
      return experimentFromWire(res.experiment);
    } catch (err) {
      if (TrackingError.isInstance(err) && err.code === 'RESOURCE_DOES_NOT_EXIST') return null;
      throw err;
    }
  }

  async searchExperiments(input: SearchExperimentsInput = {}): Promise<PagedList<Experiment>> {
    checkStoreCall(this, 'searchExperiments', arguments);
    const res = await this.#call<{ experiments?: Json[]; next_page_token?: string }>('searchExperiments', {
      max_results: input.maxResults ?? 1000,
      page_token: input.pageToken,
      view_type: input.viewType ?? 'ACTIVE_ONLY',
      order_by: ['experiment_id ASC'],
    });
    const items = (res.experiments ?? []).map(experimentFromWire);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setExperimentTag', arguments);
    validateTag({ key, value });
    await this.#call('setExperimentTag', { experiment_id: experimentId, key, value });
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    checkStoreCall(this, 'deleteExperiment', arguments);
    await this.#call('deleteExperiment', { experiment_id: experimentId });
  }

  async createRun(input: CreateRunInput): Promise<Run> {
    checkStoreCall(this, 'createRun', arguments);
    validateRunTags(input.tags ?? []);
    const res = await this.#call<{ run: Json }>('createRun', {
      experiment_id: input.experimentId,
      user_id: input.userId,
      run_name: input.runName,
      start_time: input.startTime ?? Date.now(),
      tags: input.tags ?? [],
    });
    return runFromWire(res.run);
  }

  async getRun(runId: string): Promise<Run> {
    checkStoreCall(this, 'getRun', arguments);
    const res = await this.#call<{ run: Json }>('getRun', { run_id: runId });
    return runFromWire(res.run);
  }

  async updateRunInfo(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    checkStoreCall(this, 'updateRunInfo', arguments);
    const res = await this.#call<{ run_info: Json }>('updateRun', { run_id: runId, status: update.status, end_time: update.endTime, run_name: update.runName });
    return runInfoFromWire(res.run_info);
  }

  async deleteRun(runId: string): Promise<void> {
    checkStoreCall(this, 'deleteRun', arguments);
    await this.#call('deleteRun', { run_id: runId });
  }

  async restoreRun(runId: string): Promise<void> {
    checkStoreCall(this, 'restoreRun', arguments);
    await this.#call('restoreRun', { run_id: runId });
  }

  async logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void> {
    checkStoreCall(this, 'logInputs', arguments);
    validateDatasetInputs(datasets);
    await this.#call('logInputs', {
      run_id: runId,
      datasets: datasets.map((i) => ({
        tags: (i.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
        dataset: {
          name: i.dataset.name,
          digest: i.dataset.digest,
          source_type: i.dataset.sourceType,
          source: i.dataset.source,
          schema: i.dataset.schema,
          profile: i.dataset.profile,
        },
      })),
    });
  }

  async logOutputs(runId: string, models: readonly ModelOutput[]): Promise<void> {
    checkStoreCall(this, 'logOutputs', arguments);
    validateModelOutputs(models);
    await this.#call('logOutputs', { run_id: runId, models: models.map((m) => ({ model_id: m.modelId, step: m.step })) });
  }

  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    checkStoreCall(this, 'logBatch', arguments);
    const metrics = batch.metrics ?? [];
    const params = batch.params ?? [];
    const tags = batch.tags ?? [];
    validateBatch({ metrics, params, tags });
    await this.#call('logBatch', {
      run_id: runId,
      metrics: metrics.map((m) => ({ key: m.key, value: metricValueToWire(m.value), timestamp: m.timestamp, step: m.step })),
      params,
      tags,
    });
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteTag', arguments);
    await this.#call('deleteTag', { run_id: runId, key });
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    checkStoreCall(this, 'getMetricHistory', arguments);
    const out: Metric[] = [];
    let pageToken: string | undefined;
    do {
      const res = await this.#call<{ metrics?: Json[]; next_page_token?: string }>('getMetricHistory', {
        run_id: runId,
        metric_key: key,
        max_results: 25000,
        page_token: pageToken,
      });
      out.push(...(res.metrics ?? []).map(metricFromWire));
      pageToken = res.next_page_token || undefined;
    } while (pageToken);
    return out.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp || a.value - b.value);
  }

  async searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    checkStoreCall(this, 'searchRuns', arguments);
    const res = await this.#call<{ runs?: Json[]; next_page_token?: string }>('searchRuns', {
      experiment_ids: input.experimentIds,
      filter: input.filter ?? '',
      run_view_type: input.runViewType ?? 'ACTIVE_ONLY',
      max_results: input.maxResults ?? 1000,
      order_by: input.orderBy ?? [],
      page_token: input.pageToken,
    });
    const items = (res.runs ?? []).map(runFromWire);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  async createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    checkStoreCall(this, 'createLoggedModel', arguments);
    const res = await this.#call<{ model: Json }>('createLoggedModel', {
      experiment_id: input.experimentId,
      name: input.name,
      model_type: input.modelType,
      source_run_id: input.sourceRunId,
      tags: Object.entries(input.tags ?? {}).map(([key, value]) => ({ key, value })),
      params: Object.entries(input.params ?? {}).map(([key, value]) => ({ key, value })),
    });
    return loggedModelFromWire(res.model);
  }

  async getLoggedModel(modelId: string): Promise<LoggedModel> {
    checkStoreCall(this, 'getLoggedModel', arguments);
    const res = await this.#call<{ model: Json }>('getLoggedModel', {}, { model_id: modelId });
    return loggedModelFromWire(res.model);
  }

  async finalizeLoggedModel(modelId: string, status: Extract<LoggedModelStatus, 'READY' | 'FAILED'>): Promise<LoggedModel> {
    checkStoreCall(this, 'finalizeLoggedModel', arguments);
    const res = await this.#call<{ model: Json }>(
      'finalizeLoggedModel',
      { model_id: modelId, status: LOGGED_MODEL_STATUS_TO_WIRE[status] },
      { model_id: modelId },
    );
    return loggedModelFromWire(res.model);
  }

  async setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    checkStoreCall(this, 'setLoggedModelTags', arguments);
    await this.#call('setLoggedModelTags', { model_id: modelId, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) }, { model_id: modelId });
  }

  artifactRepository(artifactUri: string): ArtifactRepository {
    checkStoreCall(this, 'artifactRepository', arguments);
    return artifactRepositoryFor(artifactUri, { ...this.#options, trackingUri: this.uri });
  }

  async close(): Promise<void> {
    checkStoreCall(this, 'close', arguments);
  }
}
