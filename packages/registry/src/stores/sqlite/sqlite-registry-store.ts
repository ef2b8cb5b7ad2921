import { RegistryError } from '../../errors.js';
import type { ModelVersion, PagedList, RegisteredModel } from '../../entities.js';
import { messages as msg } from '../../messages.js';
import type { CreateModelVersionInput, RegistryStore, SearchOptions } from '../../store.js';
import { validateAlias, validateModelName, validateTag, validateTags, validateVersion } from '../../validation.js';
import { latestOf, latestPerStage, searchModelList, searchVersionList } from '../search-entities.js';
import { checkSource } from '../source.js';
import { DEFAULT_WORKSPACE, STAGE_DELETED_INTERNAL, type RegistryDatabase } from './database.js';
import { checkRegistrySchema } from './schema-check.js';
import { readModels, readVersions } from './reads.js';
import { MODEL_COLUMNS, VERSION_COLUMNS, type ModelRow, type VersionRow } from './rows.js';
import { linkLoggedModel, storageLocation } from './sources.js';
import { checkCall, checkStoreCall } from '../../arguments.js';
import { SQLITE_STORE_KEYS } from '../../call-specs.js';

export { MLFLOW_MODEL_VERSIONS_TAG } from './sources.js';

export interface SqliteRegistryStoreOptions {
  /** An open MLflow-schema database (e.g. `openMlflowDatabase(path)` from `@abt/tracking`). */
  db: RegistryDatabase;
  /** Workspace of every row (default `default`). */
  workspace?: string;
  /** Injected clock in ms (default Date.now). */
  now?: () => number;
  /** Close `db` on `close()` (default true). */
  ownsDatabase?: boolean;
}

function notFound(message: string): RegistryError {
  return new RegistryError('RESOURCE_DOES_NOT_EXIST', message);
}

/**
 * {@link RegistryStore} over MLflow's own SQLite tables (`registered_models`,
 * `model_versions`, their tags, `registered_model_aliases`), workspace-scoped like MLflow
 * 3, so `mlflow ui` and `MlflowClient` see what abt writes and the reverse.
 * Searches load the (small) registry and filter in memory with the shared evaluator.
 */
export class SqliteRegistryStore implements RegistryStore {
  readonly version = 1 as const;
  readonly kind = 'sqlite';
  readonly #db: RegistryDatabase;
  readonly #ws: string;
  readonly #now: () => number;
  readonly #owns: boolean;

  /** The database handle (shared with `@abt/tracking`'s SqliteStore when opened through it). */
  get db(): RegistryDatabase {
    return this.#db;
  }

  constructor(options: SqliteRegistryStoreOptions) {
    checkCall('SqliteRegistryStore', arguments, 1, { 0: SQLITE_STORE_KEYS });
    this.#db = options.db;
    this.#ws = options.workspace ?? DEFAULT_WORKSPACE;
    this.#now = options.now ?? Date.now;
    this.#owns = options.ownsDatabase ?? true;
    checkRegistrySchema(this.#db);
  }

  // ---- reads -------------------------------------------------------------------------

  #modelRow(name: string): ModelRow {
    validateModelName(name);
    const row = this.#db.get<ModelRow>(`SELECT ${MODEL_COLUMNS} FROM registered_models WHERE workspace = ? AND name = ?`, this.#ws, name);
    if (!row) throw notFound(msg.modelNotFound(name));
    return row;
  }

  #versionRow(name: string, version: string): VersionRow {
    this.#modelRow(name);
    const v = validateVersion(version);
    const row = this.#db.get<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM model_versions WHERE workspace = ? AND name = ? AND version = ? AND current_stage != ?`,
      this.#ws,
      name,
      Number(v),
      STAGE_DELETED_INTERNAL,
    );
    if (!row) throw notFound(msg.versionNotFound(name, v));
    return row;
  }

  #oneVersion(name: string, version: string): ModelVersion {
    const row = this.#versionRow(name, version);
    const found = readVersions(this.#db, this.#ws, name).find((v) => v.version === String(row.version));
    if (!found) throw notFound(msg.versionNotFound(name, String(row.version)));
    return found;
  }

  #touchModel(name: string, now: number): void {
    this.#db.run(`UPDATE registered_models SET last_updated_time = ? WHERE workspace = ? AND name = ?`, now, this.#ws, name);
  }

  // ---- registered models -------------------------------------------------------------

  async createRegisteredModel(name: string, options: { tags?: Record<string, string>; description?: string } = {}): Promise<RegisteredModel> {
    checkStoreCall(this, 'createRegisteredModel', arguments);
    validateModelName(name);
    validateTags(options.tags);
    const now = this.#now();
    this.#db.transaction(() => {
      if (this.#db.get(`SELECT 1 AS x FROM registered_models WHERE workspace = ? AND name = ?`, this.#ws, name)) {
        throw new RegistryError('RESOURCE_ALREADY_EXISTS', msg.modelExists(name));
      }
      this.#db.run(
        `INSERT INTO registered_models (workspace, name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?, ?)`,
        this.#ws,
        name,
        now,
        now,
        options.description ?? null,
      );
      for (const [k, v] of Object.entries(options.tags ?? {})) {
        this.#db.run(`INSERT INTO registered_model_tags (workspace, key, value, name) VALUES (?, ?, ?, ?)`, this.#ws, k, v, name);
      }
    });
    return this.getRegisteredModel(name);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    checkStoreCall(this, 'getRegisteredModel', arguments);
    this.#modelRow(name);
    const [model] = readModels(this.#db, this.#ws, name);
    if (!model) throw notFound(msg.modelNotFound(name));
    return model;
  }

  async searchRegisteredModels(options?: SearchOptions): Promise<PagedList<RegisteredModel>> {
    checkStoreCall(this, 'searchRegisteredModels', arguments);
    return searchModelList(readModels(this.#db, this.#ws), options);
  }

  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    checkStoreCall(this, 'renameRegisteredModel', arguments);
    validateModelName(newName);
    this.#db.transaction(() => {
      this.#modelRow(name);
      if (this.#db.get(`SELECT 1 AS x FROM registered_models WHERE workspace = ? AND name = ?`, this.#ws, newName)) {
        throw new RegistryError('RESOURCE_ALREADY_EXISTS', msg.modelExists(newName));
      }
      // Versions, tags and aliases follow through the schema's ON UPDATE CASCADE keys.
      this.#db.run(`UPDATE registered_models SET name = ?, last_updated_time = ? WHERE workspace = ? AND name = ?`, newName, this.#now(), this.#ws, name);
    });
    return this.getRegisteredModel(newName);
  }

  async updateRegisteredModel(name: string, update: { description: string }): Promise<RegisteredModel> {
    checkStoreCall(this, 'updateRegisteredModel', arguments);
    this.#modelRow(name);
    this.#db.run(
      `UPDATE registered_models SET description = ?, last_updated_time = ? WHERE workspace = ? AND name = ?`,
      update.description,
      this.#now(),
      this.#ws,
      name,
    );
    return this.getRegisteredModel(name);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModel', arguments);
    this.#db.transaction(() => {
      this.#modelRow(name);
      // MLflow's ORM cascade="all": children first (foreign keys are enforced).
      for (const table of ['model_version_tags', 'registered_model_aliases', 'model_versions', 'registered_model_tags', 'registered_models']) {
        this.#db.run(`DELETE FROM ${table} WHERE workspace = ? AND name = ?`, this.#ws, name);
      }
    });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setRegisteredModelTag', arguments);
    validateTag(key, value);
    this.#modelRow(name);
    this.#db.run(
      `INSERT INTO registered_model_tags (workspace, key, value, name) VALUES (?, ?, ?, ?) ON CONFLICT (workspace, key, name) DO UPDATE SET value = excluded.value`,
      this.#ws,
      key,
      value,
      name,
    );
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModelTag', arguments);
    validateTag(key, '');
    this.#modelRow(name);
    this.#db.run(`DELETE FROM registered_model_tags WHERE workspace = ? AND name = ? AND key = ?`, this.#ws, name, key);
  }

  // ---- model versions ----------------------------------------------------------------

  async createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    checkStoreCall(this, 'createModelVersion', arguments);
    validateModelName(input.name);
    validateTags(input.tags);
    const checked = checkSource(input.source, input.runId, input.modelId);
    const now = this.#now();
    const version = this.#db.transaction(() => {
      this.#modelRow(input.name);
      const { storage, runId } = storageLocation(this.#db, (n, v) => this.#versionRow(n, v), input.source, checked);
      const max =
        this.#db.get<{ v: number | null }>(`SELECT max(version) AS v FROM model_versions WHERE workspace = ? AND name = ?`, this.#ws, input.name)?.v ?? 0;
      const version = Number(max) + 1;
      this.#db.run(
        `INSERT INTO model_versions (workspace, name, version, creation_time, last_updated_time, description, user_id, current_stage, source, storage_location, run_id, run_link, status, status_message)
         VALUES (?, ?, ?, ?, ?, ?, NULL, 'None', ?, ?, ?, ?, 'READY', NULL)`,
        this.#ws,
        input.name,
        version,
        now,
        now,
        input.description ?? null,
        input.source,
        storage,
        runId ?? null,
        input.runLink ?? null,
      );
      for (const [k, v] of Object.entries(input.tags ?? {})) {
        this.#db.run(`INSERT INTO model_version_tags (workspace, key, value, name, version) VALUES (?, ?, ?, ?, ?)`, this.#ws, k, v, input.name, version);
      }
      this.#touchModel(input.name, now);
      if (checked.modelId) linkLoggedModel(this.#db, checked.modelId, input.name, version);
      return version;
    });
    return this.#oneVersion(input.name, String(version));
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    checkStoreCall(this, 'getModelVersion', arguments);
    return this.#oneVersion(name, version);
  }

  async updateModelVersion(name: string, version: string, update: { description: string }): Promise<ModelVersion> {
    checkStoreCall(this, 'updateModelVersion', arguments);
    const row = this.#versionRow(name, version);
    this.#db.run(
      `UPDATE model_versions SET description = ?, last_updated_time = ? WHERE workspace = ? AND name = ? AND version = ?`,
      update.description,
      this.#now(),
      this.#ws,
      name,
      row.version,
    );
    return this.#oneVersion(name, String(row.version));
  }

  async searchModelVersions(options?: SearchOptions): Promise<PagedList<ModelVersion>> {
    checkStoreCall(this, 'searchModelVersions', arguments);
    return searchVersionList(readVersions(this.#db, this.#ws), options);
  }

  async deleteModelVersion(name: string, version: string): Promise<void> {
    checkStoreCall(this, 'deleteModelVersion', arguments);
    this.#db.transaction(() => {
      const row = this.#versionRow(name, version);
      const now = this.#now();
      // MLflow's soft delete: the row stays (so the number is never reused) with its fields redacted.
      this.#db.run(`DELETE FROM registered_model_aliases WHERE workspace = ? AND name = ? AND version = ?`, this.#ws, name, row.version);
      this.#db.run(
        `UPDATE model_versions SET current_stage = ?, last_updated_time = ?, description = NULL, user_id = NULL, source = 'REDACTED-SOURCE-PATH',
         run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK', status_message = NULL WHERE workspace = ? AND name = ? AND version = ?`,
        STAGE_DELETED_INTERNAL,
        now,
        this.#ws,
        name,
        row.version,
      );
      this.#touchModel(name, now);
    });
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setModelVersionTag', arguments);
    validateTag(key, value);
    const row = this.#versionRow(name, version);
    this.#db.run(
      `INSERT INTO model_version_tags (workspace, key, value, name, version) VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace, key, name, version) DO UPDATE SET value = excluded.value`,
      this.#ws,
      key,
      value,
      name,
      row.version,
    );
  }

  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteModelVersionTag', arguments);
    validateTag(key, '');
    const row = this.#versionRow(name, version);
    this.#db.run(`DELETE FROM model_version_tags WHERE workspace = ? AND name = ? AND version = ? AND key = ?`, this.#ws, name, row.version, key);
  }

  async getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]> {
    checkStoreCall(this, 'getLatestVersions', arguments);
    this.#modelRow(name);
    return latestPerStage(readVersions(this.#db, this.#ws, name), stages);
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    checkStoreCall(this, 'getModelVersionDownloadUri', arguments);
    const row = this.#versionRow(name, version);
    return row.storage_location || row.source || '';
  }

  // ---- aliases -----------------------------------------------------------------------

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    checkStoreCall(this, 'setRegisteredModelAlias', arguments);
    validateAlias(alias, { forWrite: true });
    this.#db.transaction(() => {
      const row = this.#versionRow(name, version);
      this.#db.run(
        `INSERT INTO registered_model_aliases (workspace, alias, version, name) VALUES (?, ?, ?, ?) ON CONFLICT (workspace, name, alias) DO UPDATE SET version = excluded.version`,
        this.#ws,
        alias,
        row.version,
        name,
      );
      this.#touchModel(name, this.#now());
    });
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModelAlias', arguments);
    validateAlias(alias, { forWrite: false });
    this.#modelRow(name);
    this.#db.run(`DELETE FROM registered_model_aliases WHERE workspace = ? AND name = ? AND alias = ?`, this.#ws, name, alias);
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    checkStoreCall(this, 'getModelVersionByAlias', arguments);
    validateAlias(alias, { forWrite: false });
    this.#modelRow(name);
    if (alias.toLowerCase() === 'latest') return latestOf(name, readVersions(this.#db, this.#ws, name));
    const row = this.#db.get<{ version: number }>(
      `SELECT version FROM registered_model_aliases WHERE workspace = ? AND name = ? AND alias = ?`,
      this.#ws,
      name,
      alias,
    );
    // MLflow answers a missing alias with INVALID_PARAMETER_VALUE, not RESOURCE_DOES_NOT_EXIST.
    if (!row) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.aliasNotFound(name, alias));
    return this.#oneVersion(name, String(row.version));
  }

  async close(): Promise<void> {
    checkStoreCall(this, 'close', arguments);
    if (this.#owns) this.#db.close();
  }
}
