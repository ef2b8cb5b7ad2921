import { mkdtempSync } from 'node:fs';
import { checkStoreCall } from '../../mlflow-layer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetInput, Experiment, LoggedModel, LoggedModelStatus, Metric, ModelOutput, PagedList, Run, RunInfo, RunStatus } from '../../entities';
import { TrackingError } from '../../errors';
import { messages } from '../../messages';
import { LIMITS } from '../../limits';
import { systemClock, uuidHex, type Clock, type IdGenerator } from '../../ids';
import { isNewer, sanitizeMetricValue, storedMetricValue } from '../../metric-value';
import { appendToUriPath, runNameFromId } from '../../run-names';
import { runMatches, compareRuns } from '../../search/evaluate';
import { layer, parseFilter, parseOrderBy } from '../../mlflow-layer';
import type { CreateLoggedModelInput, CreateRunInput, LogBatchInput, SearchExperimentsInput, SearchRunsInput, TrackingStore } from '../../store';
import {
  assertRunId,
  validateBatch,
  validateDatasetInputs,
  validateRunTags,
  validateExperimentName,
  validateModelOutputs,
  validateTag,
} from '../../validation';
import { artifactRepositoryFor } from '../../artifacts';
import type { ArtifactRepository } from '../../artifacts/artifact-repository';
import { checkCall } from '../../arguments';
import { MEMORY_STORE_KEYS } from '../../call-specs';

export interface MemoryStoreOptions {
  /** Local directory for artifacts (default: a fresh temp dir). */
  artifactRoot?: string;
  ids?: IdGenerator;
  clock?: Clock;
}

interface StoredMetric {
  key: string;
  value: number;
  isNan: 0 | 1;
  timestamp: number;
  step: number;
}
interface StoredRun {
  info: RunInfo;
  params: Map<string, string>;
  tags: Map<string, string>;
  history: StoredMetric[];
  latest: Map<string, StoredMetric>;
  inputs?: DatasetInput[];
  outputs?: Map<string, number>;
}

/** The reference implementation: MLflow's semantics in plain maps. For tests and docs. */
export class MemoryStore implements TrackingStore {
  readonly version = 1 as const;
  readonly kind = 'memory';
  readonly uri = 'memory:';
  readonly #experiments = new Map<string, Experiment>();
  readonly #runs = new Map<string, StoredRun>();
  readonly #models = new Map<string, LoggedModel>();
  readonly #ids: IdGenerator;
  readonly #clock: Clock;
  readonly #root: string;
  #nextExperimentId = 1;

  constructor(options: MemoryStoreOptions = {}) {
    checkCall('MemoryStore', arguments, 1, { 0: MEMORY_STORE_KEYS });
    this.#ids = options.ids ?? uuidHex;
    this.#clock = options.clock ?? systemClock;
    this.#root = options.artifactRoot ?? mkdtempSync(join(tmpdir(), 'abt-memory-store-'));
    const now = this.#clock();
    this.#experiments.set('0', {
      experimentId: '0',
      name: 'Default',
      artifactLocation: appendToUriPath(this.#root, '0'),
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags: {},
    });
  }

  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Record<string, string> } = {}): Promise<string> {
    checkStoreCall(this, 'createExperiment', arguments);
    validateExperimentName(name);
    Object.entries(options.tags ?? {}).forEach(([key, value]) => validateTag({ key, value }));
    if ([...this.#experiments.values()].some((e) => e.name === name)) throw new TrackingError('RESOURCE_ALREADY_EXISTS', messages.experimentExists(name));
    const id = String(this.#nextExperimentId++);
    const now = this.#clock();
    this.#experiments.set(id, {
      experimentId: id,
      name,
      artifactLocation: options.artifactLocation ?? appendToUriPath(this.#root, id),
      lifecycleStage: 'active',
      creationTime: now,
      lastUpdateTime: now,
      tags: { ...options.tags },
    });
    return id;
  }

  #experiment(id: string): Experiment {
    const e = this.#experiments.get(String(id));
    if (!e) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.experimentNotFound(String(id)));
    return e;
  }

  #activeExperiment(id: string): Experiment {
    const e = this.#experiment(id);
    if (e.lifecycleStage !== 'active') throw new TrackingError('INVALID_PARAMETER_VALUE', messages.experimentNotActive(id));
    return e;
  }

  async getExperiment(id: string): Promise<Experiment> {
    checkStoreCall(this, 'getExperiment', arguments);
    return structuredClone(this.#experiment(id));
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    checkStoreCall(this, 'getExperimentByName', arguments);
    const e = [...this.#experiments.values()].find((x) => x.name === name);
    return e ? structuredClone(e) : null;
  }

  async searchExperiments(input: SearchExperimentsInput = {}): Promise<PagedList<Experiment>> {
    checkStoreCall(this, 'searchExperiments', arguments);
    const view = input.viewType ?? 'ACTIVE_ONLY';
    const all = [...this.#experiments.values()]
      .filter((e) => view === 'ALL' || (view === 'ACTIVE_ONLY') === (e.lifecycleStage === 'active'))
      .sort((a, b) => Number(a.experimentId) - Number(b.experimentId));
    return layer.pageOf(
      all.map((e) => structuredClone(e)),
      layer.checkMaxResults(input.maxResults ?? 1000, LIMITS.maxExperimentsPerPage),
      input.pageToken,
    );
  }

  async setExperimentTag(id: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setExperimentTag', arguments);
    validateTag({ key, value });
    this.#activeExperiment(id).tags[key] = value;
  }

  async deleteExperiment(id: string): Promise<void> {
    checkStoreCall(this, 'deleteExperiment', arguments);
    const e = this.#experiment(id);
    e.lifecycleStage = 'deleted';
    e.lastUpdateTime = this.#clock();
    for (const r of this.#runs.values()) if (r.info.experimentId === e.experimentId) r.info.lifecycleStage = 'deleted';
  }

  async createRun(input: CreateRunInput): Promise<Run> {
    checkStoreCall(this, 'createRun', arguments);
    const exp = this.#activeExperiment(input.experimentId);
    const tags = [...(input.tags ?? [])];
    validateRunTags(tags);
    const tagName = tags.find((t) => t.key === 'mlflow.runName')?.value;
    if (input.runName && tagName && input.runName !== tagName)
      throw new TrackingError('INVALID_PARAMETER_VALUE', messages.runNameConflict(input.runName, tagName));
    const runId = this.#ids();
    assertRunId(runId);
    const runName = input.runName || tagName || runNameFromId(runId);
    if (!tagName) tags.push({ key: 'mlflow.runName', value: runName });
    const info: RunInfo = {
      runId,
      runName,
      experimentId: exp.experimentId,
      userId: input.userId ?? '',
      status: 'RUNNING',
      startTime: input.startTime ?? this.#clock(),
      endTime: null,
      artifactUri: appendToUriPath(exp.artifactLocation, runId, 'artifacts'),
      lifecycleStage: 'active',
    };
    this.#runs.set(runId, { info, params: new Map(), tags: new Map(tags.map((t) => [t.key, t.value])), history: [], latest: new Map() });
    return this.getRun(runId);
  }

  #run(runId: string): StoredRun {
    const r = this.#runs.get(runId);
    if (!r) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.runNotFound(runId));
    return r;
  }

  #activeRun(runId: string): StoredRun {
    const r = this.#run(runId);
    if (r.info.lifecycleStage !== 'active') throw new TrackingError('INVALID_PARAMETER_VALUE', messages.runNotActive(runId));
    return r;
  }

  #toRun(r: StoredRun): Run {
    const metrics: Record<string, number> = {};
    for (const [k, m] of r.latest) metrics[k] = storedMetricValue(m.value, m.isNan);
    return { info: { ...r.info }, data: { metrics, params: Object.fromEntries(r.params), tags: Object.fromEntries(r.tags) } };
  }

  async logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void> {
    checkStoreCall(this, 'logInputs', arguments);
    assertRunId(runId);
    validateDatasetInputs(datasets);
    const r = this.#activeRun(runId);
    const list = (r.inputs ??= []);
    for (const input of datasets) {
      const same = (x: DatasetInput) => x.dataset.name === input.dataset.name && x.dataset.digest === input.dataset.digest;
      if (list.some(same)) continue;
      // The experiment's first dataset of that (name, digest) is the one stored (MLflow keeps one row).
      const known = [...this.#runs.values()].flatMap((o) => (o.info.experimentId === r.info.experimentId ? (o.inputs ?? []) : [])).find(same);
      list.push({ dataset: { ...(known ?? input).dataset }, tags: (input.tags ?? []).map((t) => ({ ...t })) });
    }
  }

  async logOutputs(runId: string, models: readonly ModelOutput[]): Promise<void> {
    checkStoreCall(this, 'logOutputs', arguments);
    assertRunId(runId);
    validateModelOutputs(models);
    const r = this.#activeRun(runId);
    for (const m of models) (r.outputs ??= new Map()).set(m.modelId, m.step);
  }

  async getRun(runId: string): Promise<Run> {
    checkStoreCall(this, 'getRun', arguments);
    const r = this.#run(runId);
    const byName = (a: DatasetInput, b: DatasetInput) => a.dataset.name.localeCompare(b.dataset.name) || a.dataset.digest.localeCompare(b.dataset.digest);
    return {
      ...this.#toRun(r),
      inputs: {
        datasetInputs: [...(r.inputs ?? [])]
          .sort(byName)
          .map((i) => ({ dataset: { ...i.dataset }, tags: [...(i.tags ?? [])].sort((a, b) => a.key.localeCompare(b.key)) })),
      },
      outputs: {
        modelOutputs: [...(r.outputs ?? new Map<string, number>())]
          .map(([modelId, step]) => ({ modelId, step }))
          .sort((a, b) => a.step - b.step || a.modelId.localeCompare(b.modelId)),
      },
    };
  }

  async updateRunInfo(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    checkStoreCall(this, 'updateRunInfo', arguments);
    const r = this.#activeRun(runId);
    if (update.status !== undefined) r.info.status = update.status;
    if (update.endTime !== undefined) r.info.endTime = update.endTime;
    if (update.runName !== undefined) {
      validateTag({ key: 'mlflow.runName', value: update.runName });
      r.info.runName = update.runName;
      r.tags.set('mlflow.runName', update.runName);
    }
    return { ...r.info };
  }

  async deleteRun(runId: string): Promise<void> {
    checkStoreCall(this, 'deleteRun', arguments);
    this.#run(runId).info.lifecycleStage = 'deleted';
  }

  async restoreRun(runId: string): Promise<void> {
    checkStoreCall(this, 'restoreRun', arguments);
    this.#run(runId).info.lifecycleStage = 'active';
  }

  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    checkStoreCall(this, 'logBatch', arguments);
    const metrics = batch.metrics ?? [];
    const params = batch.params ?? [];
    const tags = batch.tags ?? [];
    validateBatch({ metrics, params, tags });
    const r = this.#activeRun(runId);
    // Check everything before mutating: the batch is all-or-nothing.
    for (const p of params) {
      const old = r.params.get(p.key);
      if (old !== undefined && old !== p.value) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.paramChanged(runId, p.key, old, p.value));
    }
    for (const p of params) r.params.set(p.key, p.value);
    for (const m of metrics) {
      const { isNan, value } = sanitizeMetricValue(m.value);
      const point: StoredMetric = { key: m.key, value, isNan, timestamp: m.timestamp, step: m.step };
      if (
        !r.history.some(
          (h) => h.key === point.key && h.value === point.value && h.isNan === point.isNan && h.timestamp === point.timestamp && h.step === point.step,
        )
      )
        r.history.push(point);
      const prev = r.latest.get(m.key);
      if (!prev || isNewer(point, prev)) r.latest.set(m.key, point);
    }
    for (const t of tags) {
      r.tags.set(t.key, t.value);
      if (t.key === 'mlflow.runName') r.info.runName = t.value;
    }
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteTag', arguments);
    const r = this.#activeRun(runId);
    if (!r.tags.delete(key)) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.tagNotFound(runId, key));
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    checkStoreCall(this, 'getMetricHistory', arguments);
    return this.#run(runId)
      .history.filter((m) => m.key === key)
      .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp || a.value - b.value)
      .map((m) => ({ key: m.key, value: storedMetricValue(m.value, m.isNan), timestamp: m.timestamp, step: m.step }));
  }

  async searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    checkStoreCall(this, 'searchRuns', arguments);
    const clauses = parseFilter(input.filter);
    const orderBy = parseOrderBy(input.orderBy);
    const limit = layer.checkMaxResults(input.maxResults ?? 1000, LIMITS.maxRunsPerPage);
    const view = input.runViewType ?? 'ACTIVE_ONLY';
    const ids = new Set(input.experimentIds.map(String));
    const runs = [...this.#runs.values()]
      .filter((r) => ids.has(r.info.experimentId))
      .filter((r) => view === 'ALL' || (view === 'ACTIVE_ONLY') === (r.info.lifecycleStage === 'active'))
      .map((r) => this.#toRun(r))
      .filter((r) => runMatches(r, clauses))
      .sort(compareRuns(orderBy));
    return layer.pageOf(runs, limit, input.pageToken);
  }

  async createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    checkStoreCall(this, 'createLoggedModel', arguments);
    const exp = this.#activeExperiment(input.experimentId);
    if (input.sourceRunId !== undefined) this.#run(input.sourceRunId);
    Object.entries(input.tags ?? {}).forEach(([key, value]) => validateTag({ key, value }));
    const modelId = `m-${this.#ids()}`;
    const now = this.#clock();
    const model: LoggedModel = {
      modelId,
      experimentId: exp.experimentId,
      name: input.name ?? runNameFromId(modelId.slice(2)),
      artifactLocation: appendToUriPath(exp.artifactLocation, 'models', modelId, 'artifacts'),
      creationTimestamp: now,
      lastUpdatedTimestamp: now,
      status: 'PENDING',
      statusMessage: null,
      lifecycleStage: 'active',
      modelType: input.modelType ?? null,
      sourceRunId: input.sourceRunId ?? null,
      tags: { ...input.tags },
      params: { ...input.params },
    };
    this.#models.set(modelId, model);
    return structuredClone(model);
  }

  #model(modelId: string): LoggedModel {
    const m = this.#models.get(modelId);
    if (!m) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.loggedModelNotFound(modelId));
    return m;
  }

  async getLoggedModel(modelId: string): Promise<LoggedModel> {
    checkStoreCall(this, 'getLoggedModel', arguments);
    return structuredClone(this.#model(modelId));
  }

  async finalizeLoggedModel(modelId: string, status: Extract<LoggedModelStatus, 'READY' | 'FAILED'>): Promise<LoggedModel> {
    checkStoreCall(this, 'finalizeLoggedModel', arguments);
    const m = this.#model(modelId);
    m.status = status;
    m.lastUpdatedTimestamp = this.#clock();
    return structuredClone(m);
  }

  async setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    checkStoreCall(this, 'setLoggedModelTags', arguments);
    Object.entries(tags).forEach(([key, value]) => validateTag({ key, value }));
    const m = this.#model(modelId);
    Object.assign(m.tags, tags);
    m.lastUpdatedTimestamp = this.#clock();
  }

  artifactRepository(artifactUri: string): ArtifactRepository {
    checkStoreCall(this, 'artifactRepository', arguments);
    return artifactRepositoryFor(artifactUri);
  }

  async close(): Promise<void> {
    checkStoreCall(this, 'close', arguments);
  }
}
