import { resolve } from 'node:path';
import { checkStoreCall } from '../../mlflow-layer';
import type {
  DatasetInput,
  Experiment,
  LoggedModel,
  LoggedModelStatus,
  Metric,
  ModelOutput,
  PagedList,
  Run,
  RunInfo,
  RunStatus,
  ViewType,
} from '../../entities';
import { TrackingError } from '../../errors';
import { messages } from '../../messages';
import { systemClock, uuidHex, type Clock, type IdGenerator } from '../../ids';
import { isNewer, sanitizeMetricValue, storedMetricValue } from '../../metric-value';
import { appendToUriPath, runNameFromId } from '../../run-names';
import { layer, checkArtifactLocation, parseFilter, parseOrderBy } from '../../mlflow-layer';
import { encodePageToken } from '../../mlflow/paged-list';
import { LIMITS } from '../../limits';
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
import { openMlflowDatabase, sqlitePathFromUri, type MlflowDatabase, type OpenMlflowDatabaseOptions } from './open-database';
import { DEFAULT_WORKSPACE } from './schema';
import { filterToSql, orderByToSql } from './search-sql';
import { RUN_COLUMNS, experimentFromRow, runInfoFromRow, runsFromRows, type ExperimentRow, type RunRow } from './rows';
import { LOGGED_MODEL_STATUS_TO_INT, loggedModelFromRows, type LoggedModelRow } from './logged-model-rows';
import { checkCall } from '../../arguments';
import { OPEN_DATABASE_KEYS, SQLITE_STORE_KEYS } from '../../call-specs';
import { pick } from '../../arguments';

export interface SqliteStoreOptions extends OpenMlflowDatabaseOptions {
  /** An already open database (shared with @abt/registry); the store then does not close it. */
  database?: MlflowDatabase;
  /** Run and logged-model id source (default uuid4 hex, like MLflow). */
  ids?: IdGenerator;
  /** Clock in ms (default Date.now). */
  clock?: Clock;
}

function viewTypeSql(view: ViewType | undefined, column: string): string {
  if (view === 'ALL') return `${column} IN ('active', 'deleted')`;
  if (view === 'DELETED_ONLY') return `${column} = 'deleted'`;
  return `${column} = 'active'`;
}

function parseExperimentId(id: string): number {
  if (!/^\d+$/.test(String(id))) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.experimentNotFound(String(id)));
  return Number(id);
}

/** The embedded store: an SQLite file in MLflow's own schema, artifacts in a local directory. */
export class SqliteStore implements TrackingStore {
  readonly version = 1 as const;
  readonly kind = 'sqlite';
  readonly uri: string;
  readonly db: MlflowDatabase;
  readonly #ownsDb: boolean;
  readonly #ids: IdGenerator;
  readonly #clock: Clock;
  readonly #givenRoot: string | undefined;

  constructor(uri: string, options: SqliteStoreOptions = {}) {
    checkCall('SqliteStore', arguments, 2, { 1: SQLITE_STORE_KEYS });
    this.#givenRoot = options.artifactRoot === undefined ? undefined : resolve(options.artifactRoot);
    this.uri = uri.startsWith('sqlite:') ? uri : `sqlite:///${resolve(uri)}`;
    this.#ownsDb = !options.database;
    this.#clock = options.clock ?? systemClock;
    this.db = options.database ?? openMlflowDatabase(sqlitePathFromUri(uri), { ...pick(options, OPEN_DATABASE_KEYS), now: options.now ?? this.#clock });
    this.#ids = options.ids ?? uuidHex;
  }

  // ---- experiments -------------------------------------------------------------------------

  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Record<string, string> } = {}): Promise<string> {
    checkStoreCall(this, 'createExperiment', arguments);
    validateExperimentName(name);
    const tags = Object.entries(options.tags ?? {});
    tags.forEach(([key, value]) => validateTag({ key, value }));
    let location = options.artifactLocation;
    if (location !== undefined) {
      checkArtifactLocation(location);
      // MLflow's resolve_uri_if_local: a scheme-less relative path becomes absolute.
      if (!/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(location)) location = resolve(location);
    }
    return this.db.transaction(() => {
      if (this.db.get(`SELECT 1 AS x FROM experiments WHERE workspace = ? AND name = ?`, DEFAULT_WORKSPACE, name)) {
        throw new TrackingError('RESOURCE_ALREADY_EXISTS', messages.experimentExists(name));
      }
      const now = this.#clock();
      const res = this.db.run(
        `INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time, workspace) VALUES (?, ?, 'active', ?, ?, ?)`,
        name,
        location ?? null,
        now,
        now,
        DEFAULT_WORKSPACE,
      );
      const id = Number(res.lastInsertRowid);
      if (location === undefined) {
        // MLflow derives the default location from the new id: `<artifact root>/<id>`.
        const root = this.#artifactRoot();
        this.db.run(`UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?`, appendToUriPath(root, String(id)), id);
      }
      for (const [key, value] of tags) this.db.run(`INSERT INTO experiment_tags (key, value, experiment_id) VALUES (?, ?, ?)`, key, value, id);
      return String(id);
    });
  }

  #artifactRoot(): string {
    // A root given to this store wins, as MLflow's default_artifact_root does; otherwise the root
    // the database was created with: experiment 0's location minus '/0' (not the process's ./mlruns).
    if (this.#givenRoot !== undefined) return this.#givenRoot;
    const row = this.db.get<{ artifact_location: string | null }>(`SELECT artifact_location FROM experiments WHERE experiment_id = 0`);
    const loc = row?.artifact_location;
    return loc ? loc.replace(/\/0$/, '') : resolve('mlruns');
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    checkStoreCall(this, 'getExperiment', arguments);
    const row = this.db.get<ExperimentRow>(`SELECT * FROM experiments WHERE experiment_id = ?`, parseExperimentId(experimentId));
    if (!row) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.experimentNotFound(experimentId));
    return experimentFromRow(this.db, row);
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    checkStoreCall(this, 'getExperimentByName', arguments);
    const row = this.db.get<ExperimentRow>(`SELECT * FROM experiments WHERE workspace = ? AND name = ?`, DEFAULT_WORKSPACE, name);
    return row ? experimentFromRow(this.db, row) : null;
  }

  async searchExperiments(input: SearchExperimentsInput = {}): Promise<PagedList<Experiment>> {
    checkStoreCall(this, 'searchExperiments', arguments);
    const offset = layer.decodePageToken(input.pageToken);
    const limit = layer.checkMaxResults(input.maxResults ?? 1000, LIMITS.maxExperimentsPerPage);
    const rows = this.db.all<ExperimentRow>(
      `SELECT * FROM experiments WHERE ${viewTypeSql(input.viewType, 'lifecycle_stage')} ORDER BY experiment_id LIMIT ? OFFSET ?`,
      limit + 1,
      offset,
    );
    const items = rows.slice(0, limit).map((r) => experimentFromRow(this.db, r));
    return rows.length > limit ? { items, nextPageToken: encodePageToken(offset + limit) } : { items };
  }

  async setExperimentTag(experimentId: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setExperimentTag', arguments);
    validateTag({ key, value });
    const id = parseExperimentId(experimentId);
    this.db.transaction(() => {
      this.#requireActiveExperiment(id, experimentId);
      this.db.run(
        `INSERT INTO experiment_tags (key, value, experiment_id) VALUES (?, ?, ?) ON CONFLICT (key, experiment_id) DO UPDATE SET value = excluded.value`,
        key,
        value,
        id,
      );
    });
  }

  async deleteExperiment(experimentId: string): Promise<void> {
    checkStoreCall(this, 'deleteExperiment', arguments);
    const id = parseExperimentId(experimentId);
    this.db.transaction(() => {
      this.#requireExperiment(id, experimentId);
      const now = this.#clock();
      this.db.run(`UPDATE experiments SET lifecycle_stage = 'deleted', last_update_time = ? WHERE experiment_id = ?`, now, id);
      this.db.run(`UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE experiment_id = ? AND lifecycle_stage = 'active'`, now, id);
    });
  }

  #requireExperiment(id: number, raw: string): ExperimentRow {
    const row = this.db.get<ExperimentRow>(`SELECT * FROM experiments WHERE experiment_id = ?`, id);
    if (!row) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.experimentNotFound(raw));
    return row;
  }

  #requireActiveExperiment(id: number, raw: string): ExperimentRow {
    const row = this.#requireExperiment(id, raw);
    if (row.lifecycle_stage !== 'active') throw new TrackingError('INVALID_PARAMETER_VALUE', messages.experimentNotActive(raw));
    return row;
  }

  // ---- runs --------------------------------------------------------------------------------

  async createRun(input: CreateRunInput): Promise<Run> {
    checkStoreCall(this, 'createRun', arguments);
    const expId = parseExperimentId(input.experimentId);
    const tags = [...(input.tags ?? [])];
    validateRunTags(tags);
    const tagName = tags.find((t) => t.key === 'mlflow.runName')?.value;
    if (input.runName && tagName && input.runName !== tagName) {
      throw new TrackingError('INVALID_PARAMETER_VALUE', messages.runNameConflict(input.runName, tagName));
    }
    const runId = this.#ids();
    assertRunId(runId);
    const runName = input.runName || tagName || runNameFromId(runId);
    if (!tagName) tags.push({ key: 'mlflow.runName', value: runName });
    const startTime = input.startTime ?? this.#clock();
    this.db.transaction(() => {
      const exp = this.#requireActiveExperiment(expId, input.experimentId);
      const artifactUri = appendToUriPath(exp.artifact_location ?? '', runId, 'artifacts');
      this.db.run(
        `INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time)
         VALUES (?, ?, 'UNKNOWN', '', '', ?, 'RUNNING', ?, NULL, '', 'active', ?, ?, NULL)`,
        runId,
        runName,
        input.userId ?? '',
        startTime,
        artifactUri,
        expId,
      );
      for (const t of tags)
        this.db.run(
          `INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?) ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value`,
          t.key,
          t.value,
          runId,
        );
    });
    return this.getRun(runId);
  }

  #runRow(runId: string): RunRow {
    const row = this.db.get<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.run_uuid = ?`, runId);
    if (!row) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.runNotFound(runId));
    return row;
  }

  async getRun(runId: string): Promise<Run> {
    checkStoreCall(this, 'getRun', arguments);
    const run = runsFromRows(this.db, [this.#runRow(runId)])[0]!;
    return { ...run, inputs: { datasetInputs: this.#datasetInputs(runId) }, outputs: { modelOutputs: this.#modelOutputs(runId) } };
  }

  #datasetInputs(runId: string): DatasetInput[] {
    const rows = this.db.all<{
      input_uuid: string;
      name: string;
      digest: string;
      dataset_source_type: string;
      dataset_source: string;
      dataset_schema: string | null;
      dataset_profile: string | null;
    }>(
      `SELECT i.input_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
       FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
       WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id = ? ORDER BY d.name, d.digest`,
      runId,
    );
    return rows.map((r) => ({
      dataset: {
        name: r.name,
        digest: r.digest,
        sourceType: r.dataset_source_type,
        source: r.dataset_source,
        ...(r.dataset_schema !== null ? { schema: r.dataset_schema } : {}),
        ...(r.dataset_profile !== null ? { profile: r.dataset_profile } : {}),
      },
      tags: this.db
        .all<{ name: string; value: string }>(`SELECT name, value FROM input_tags WHERE input_uuid = ? ORDER BY name`, r.input_uuid)
        .map((t) => ({ key: t.name, value: t.value })),
    }));
  }

  #modelOutputs(runId: string): ModelOutput[] {
    return this.db
      .all<{ destination_id: string; step: number }>(
        `SELECT destination_id, step FROM inputs WHERE source_type = 'RUN_OUTPUT' AND source_id = ? AND destination_type = 'MODEL_OUTPUT' ORDER BY step, destination_id`,
        runId,
      )
      .map((r) => ({ modelId: r.destination_id, step: Number(r.step) }));
  }

  /** MLflow's SqlAlchemyStore `_log_inputs_impl`: one dataset row per (experiment, name, digest), one input edge per run. */
  async logInputs(runId: string, datasets: readonly DatasetInput[]): Promise<void> {
    checkStoreCall(this, 'logInputs', arguments);
    assertRunId(runId);
    validateDatasetInputs(datasets);
    this.db.transaction(() => {
      const run = this.#requireActiveRun(runId);
      for (const input of datasets) {
        const d = input.dataset;
        let uuid = this.db.get<{ dataset_uuid: string }>(
          `SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?`,
          run.experiment_id,
          d.name,
          d.digest,
        )?.dataset_uuid;
        if (uuid === undefined) {
          uuid = this.#ids();
          this.db.run(
            `INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            uuid,
            run.experiment_id,
            d.name,
            d.digest,
            d.sourceType,
            d.source,
            d.schema ?? null,
            d.profile ?? null,
          );
        }
        const linked = this.db.get(
          `SELECT 1 FROM inputs WHERE source_type = 'DATASET' AND source_id = ? AND destination_type = 'RUN' AND destination_id = ?`,
          uuid,
          runId,
        );
        if (linked) continue;
        const inputUuid = this.#ids();
        this.db.run(
          `INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) VALUES (?, 'DATASET', ?, 'RUN', ?, 0)`,
          inputUuid,
          uuid,
          runId,
        );
        for (const t of input.tags ?? []) this.db.run(`INSERT INTO input_tags (input_uuid, name, value) VALUES (?, ?, ?)`, inputUuid, t.key, t.value);
      }
    });
  }

  /** MLflow's `log_outputs`: a RUN_OUTPUT → MODEL_OUTPUT edge per model, with its step. */
  async logOutputs(runId: string, models: readonly ModelOutput[]): Promise<void> {
    checkStoreCall(this, 'logOutputs', arguments);
    assertRunId(runId);
    validateModelOutputs(models);
    this.db.transaction(() => {
      this.#requireActiveRun(runId);
      for (const m of models) {
        this.db.run(
          `INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) VALUES (?, 'RUN_OUTPUT', ?, 'MODEL_OUTPUT', ?, ?)
           ON CONFLICT (source_type, source_id, destination_type, destination_id) DO UPDATE SET step = excluded.step`,
          this.#ids(),
          runId,
          m.modelId,
          m.step,
        );
      }
    });
  }

  #requireActiveRun(runId: string): RunRow {
    const row = this.#runRow(runId);
    if (row.lifecycle_stage !== 'active') throw new TrackingError('INVALID_PARAMETER_VALUE', messages.runNotActive(runId));
    return row;
  }

  async updateRunInfo(runId: string, update: { status?: RunStatus; endTime?: number; runName?: string }): Promise<RunInfo> {
    checkStoreCall(this, 'updateRunInfo', arguments);
    if (update.runName !== undefined) validateTag({ key: 'mlflow.runName', value: update.runName });
    this.db.transaction(() => {
      const row = this.#requireActiveRun(runId);
      this.db.run(
        `UPDATE runs SET status = ?, end_time = ?, name = ? WHERE run_uuid = ?`,
        update.status ?? row.status,
        update.endTime ?? row.end_time,
        update.runName ?? row.name,
        runId,
      );
      if (update.runName !== undefined) {
        this.db.run(
          `INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.runName', ?, ?) ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value`,
          update.runName,
          runId,
        );
      }
    });
    return runInfoFromRow(this.#runRow(runId));
  }

  async deleteRun(runId: string): Promise<void> {
    checkStoreCall(this, 'deleteRun', arguments);
    this.db.transaction(() => {
      this.#runRow(runId);
      this.db.run(`UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE run_uuid = ?`, this.#clock(), runId);
    });
  }

  async restoreRun(runId: string): Promise<void> {
    checkStoreCall(this, 'restoreRun', arguments);
    this.db.transaction(() => {
      this.#runRow(runId);
      this.db.run(`UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE run_uuid = ?`, runId);
    });
  }

  async logBatch(runId: string, batch: LogBatchInput): Promise<void> {
    checkStoreCall(this, 'logBatch', arguments);
    const metrics = batch.metrics ?? [];
    const params = batch.params ?? [];
    const tags = batch.tags ?? [];
    validateBatch({ metrics, params, tags });
    this.db.transaction(() => {
      this.#requireActiveRun(runId);
      for (const p of params) {
        const existing = this.db.get<{ value: string }>(`SELECT value FROM params WHERE run_uuid = ? AND key = ?`, runId, p.key);
        if (existing) {
          if (existing.value !== p.value) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.paramChanged(runId, p.key, existing.value, p.value));
          continue;
        }
        this.db.run(`INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)`, p.key, p.value, runId);
      }
      const latest = new Map<string, { step: number; timestamp: number; value: number; isNan: number }>();
      for (const m of metrics) {
        const { isNan, value } = sanitizeMetricValue(m.value);
        // Identical points are ignored, as MLflow does on the primary-key conflict.
        this.db.run(
          `INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)`,
          m.key,
          value,
          m.timestamp,
          runId,
          m.step,
          isNan,
        );
        const point = { step: m.step, timestamp: m.timestamp, value, isNan };
        const prev = latest.get(m.key);
        if (!prev || isNewer(point, prev)) latest.set(m.key, point);
      }
      for (const [key, p] of latest) {
        const cur = this.db.get<{ step: number; timestamp: number; value: number }>(
          `SELECT step, timestamp, value FROM latest_metrics WHERE run_uuid = ? AND key = ?`,
          runId,
          key,
        );
        if (!cur)
          this.db.run(
            `INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)`,
            key,
            p.value,
            p.timestamp,
            p.step,
            p.isNan,
            runId,
          );
        else if (isNewer(p, { step: cur.step, timestamp: cur.timestamp ?? 0, value: cur.value })) {
          this.db.run(
            `UPDATE latest_metrics SET value = ?, timestamp = ?, step = ?, is_nan = ? WHERE run_uuid = ? AND key = ?`,
            p.value,
            p.timestamp,
            p.step,
            p.isNan,
            runId,
            key,
          );
        }
      }
      for (const t of tags) {
        this.db.run(
          `INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?) ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value`,
          t.key,
          t.value,
          runId,
        );
        // runs.name and the mlflow.runName tag always agree (MLflow's set_tag does the same).
        if (t.key === 'mlflow.runName') this.db.run(`UPDATE runs SET name = ? WHERE run_uuid = ?`, t.value, runId);
      }
    });
  }

  async deleteTag(runId: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteTag', arguments);
    this.db.transaction(() => {
      this.#requireActiveRun(runId);
      const res = this.db.run(`DELETE FROM tags WHERE run_uuid = ? AND key = ?`, runId, key);
      if (res.changes === 0) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.tagNotFound(runId, key));
    });
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    checkStoreCall(this, 'getMetricHistory', arguments);
    this.#runRow(runId);
    return this.db
      .all<{ key: string; value: number; timestamp: number; step: number; is_nan: number }>(
        `SELECT key, value, timestamp, step, is_nan FROM metrics WHERE run_uuid = ? AND key = ? ORDER BY step, timestamp, value`,
        runId,
        key,
      )
      .map((m) => ({ key: m.key, value: storedMetricValue(m.value, m.is_nan), timestamp: m.timestamp, step: m.step }));
  }

  async searchRuns(input: SearchRunsInput): Promise<PagedList<Run>> {
    checkStoreCall(this, 'searchRuns', arguments);
    const clauses = parseFilter(input.filter);
    const orderBy = parseOrderBy(input.orderBy);
    const offset = layer.decodePageToken(input.pageToken);
    const limit = layer.checkMaxResults(input.maxResults ?? 1000, LIMITS.maxRunsPerPage);
    const expIds = input.experimentIds.map(parseExperimentId);
    if (expIds.length === 0) return { items: [] };
    const f = filterToSql(clauses);
    const o = orderByToSql(orderBy);
    const sql = `SELECT ${[RUN_COLUMNS, ...o.select].join(', ')} FROM runs r
      WHERE r.experiment_id IN (${expIds.map(() => '?').join(', ')}) AND ${viewTypeSql(input.runViewType, 'r.lifecycle_stage')}
      ${f.where.map((w) => `AND ${w}`).join(' ')}
      ORDER BY ${o.order.join(', ')} LIMIT ? OFFSET ?`;
    const rows = this.db.all<RunRow>(sql, ...o.params, ...expIds, ...f.params, limit + 1, offset);
    const items = runsFromRows(this.db, rows.slice(0, limit));
    return rows.length > limit ? { items, nextPageToken: encodePageToken(offset + limit) } : { items };
  }

  // ---- logged models -----------------------------------------------------------------------

  async createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    checkStoreCall(this, 'createLoggedModel', arguments);
    const expId = parseExperimentId(input.experimentId);
    const tags = Object.entries(input.tags ?? {});
    const params = Object.entries(input.params ?? {});
    tags.forEach(([key, value]) => validateTag({ key, value }));
    const modelId = `m-${this.#ids()}`;
    this.db.transaction(() => {
      const exp = this.#requireActiveExperiment(expId, input.experimentId);
      if (input.sourceRunId !== undefined) this.#runRow(input.sourceRunId);
      const now = this.#clock();
      const location = appendToUriPath(exp.artifact_location ?? '', 'models', modelId, 'artifacts');
      this.db.run(
        `INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, status, lifecycle_stage, model_type, source_run_id, status_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, NULL)`,
        modelId,
        expId,
        input.name ?? runNameFromId(modelId.slice(2)),
        location,
        now,
        now,
        LOGGED_MODEL_STATUS_TO_INT.PENDING,
        input.modelType ?? null,
        input.sourceRunId ?? null,
      );
      for (const [k, v] of params)
        this.db.run(`INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value) VALUES (?, ?, ?, ?)`, modelId, expId, k, v);
      for (const [k, v] of tags)
        this.db.run(`INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES (?, ?, ?, ?)`, modelId, expId, k, v);
    });
    return this.getLoggedModel(modelId);
  }

  async getLoggedModel(modelId: string): Promise<LoggedModel> {
    checkStoreCall(this, 'getLoggedModel', arguments);
    const row = this.db.get<LoggedModelRow>(`SELECT * FROM logged_models WHERE model_id = ?`, modelId);
    if (!row) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.loggedModelNotFound(modelId));
    return loggedModelFromRows(
      row,
      this.db.all(`SELECT tag_key, tag_value FROM logged_model_tags WHERE model_id = ?`, modelId),
      this.db.all(`SELECT param_key, param_value FROM logged_model_params WHERE model_id = ?`, modelId),
    );
  }

  async finalizeLoggedModel(modelId: string, status: Extract<LoggedModelStatus, 'READY' | 'FAILED'>): Promise<LoggedModel> {
    checkStoreCall(this, 'finalizeLoggedModel', arguments);
    this.db.transaction(() => {
      const res = this.db.run(
        `UPDATE logged_models SET status = ?, last_updated_timestamp_ms = ? WHERE model_id = ?`,
        LOGGED_MODEL_STATUS_TO_INT[status],
        this.#clock(),
        modelId,
      );
      if (res.changes === 0) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.loggedModelNotFound(modelId));
    });
    return this.getLoggedModel(modelId);
  }

  async setLoggedModelTags(modelId: string, tags: Record<string, string>): Promise<void> {
    checkStoreCall(this, 'setLoggedModelTags', arguments);
    const entries = Object.entries(tags);
    entries.forEach(([key, value]) => validateTag({ key, value }));
    this.db.transaction(() => {
      const row = this.db.get<{ experiment_id: number }>(`SELECT experiment_id FROM logged_models WHERE model_id = ?`, modelId);
      if (!row) throw new TrackingError('RESOURCE_DOES_NOT_EXIST', messages.loggedModelNotFound(modelId));
      for (const [k, v] of entries) {
        this.db.run(
          `INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value) VALUES (?, ?, ?, ?) ON CONFLICT (model_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
          modelId,
          row.experiment_id,
          k,
          v,
        );
      }
      this.db.run(`UPDATE logged_models SET last_updated_timestamp_ms = ? WHERE model_id = ?`, this.#clock(), modelId);
    });
  }

  artifactRepository(artifactUri: string): ArtifactRepository {
    checkStoreCall(this, 'artifactRepository', arguments);
    return artifactRepositoryFor(artifactUri);
  }

  async close(): Promise<void> {
    checkStoreCall(this, 'close', arguments);
    if (this.#ownsDb) this.db.close();
  }
}
