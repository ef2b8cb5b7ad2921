import type { ModelVersion, PagedList, RegisteredModel } from './entities.js';

/** Arguments of {@link RegistryStore.searchRegisteredModels} and {@link RegistryStore.searchModelVersions}. */
export interface SearchOptions {
  /** MLflow filter subset, e.g. `name LIKE 'movielens%'`, `name = 'x' AND run_id = 'y'`. */
  filter?: string;
  /** Page size; MLflow defaults (100 models, 10000 versions) when absent. */
  maxResults?: number;
  /** e.g. `['name ASC']`, `['version_number DESC']`; ties fall back to MLflow's defaults. */
  orderBy?: string[];
  /** Opaque token from a previous page. */
  pageToken?: string;
}

/** Arguments of {@link RegistryStore.createModelVersion}. */
export interface CreateModelVersionInput {
  name: string;
  /** `models:/m-<id>` (MLflow 3), `runs:/<run_id>/<path>`, or an artifact URI/path (MLflow 2 style). */
  source: string;
  runId?: string;
  runLink?: string;
  description?: string;
  tags?: Record<string, string>;
  /** MLflow 3 logged model id the version promotes (`m-…`); inferred from a `models:/m-…` source. */
  modelId?: string;
}

/**
 * The storage contract every registry backend implements (memory, SQLite in MLflow's
 * schema, MLflow's REST API). Mirrors `mlflow.store.model_registry.AbstractStore`.
 * Every method rejects with a `RegistryError` carrying MLflow's code:
 * `RESOURCE_DOES_NOT_EXIST` for a missing model/version/alias/tag,
 * `RESOURCE_ALREADY_EXISTS` for a duplicate name, `INVALID_PARAMETER_VALUE` for bad input.
 * Changing this type is a breaking change: bump `version`.
 */
export interface RegistryStore {
  /** Contract version of this interface. */
  readonly version: 1;
  /** Which implementation this is (`memory`, `sqlite`, `rest`, …), for messages. */
  readonly kind: string;

  /** Creates a registered model; `RESOURCE_ALREADY_EXISTS` when the name is taken. */
  createRegisteredModel(name: string, options?: { tags?: Record<string, string>; description?: string }): Promise<RegisteredModel>;
  /** Reads one registered model with tags, aliases and latest versions. */
  getRegisteredModel(name: string): Promise<RegisteredModel>;
  /** Searches registered models (filter on `name` with `=`, `!=`, `LIKE`, `ILIKE`; tags.<key> =). */
  searchRegisteredModels(options?: SearchOptions): Promise<PagedList<RegisteredModel>>;
  /** Renames a model; versions, tags and aliases follow it. */
  renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel>;
  /** Replaces the description. */
  updateRegisteredModel(name: string, update: { description: string }): Promise<RegisteredModel>;
  /** Deletes a model with its versions, tags and aliases. */
  deleteRegisteredModel(name: string): Promise<void>;
  /** Sets (or overwrites) one tag on a registered model. */
  setRegisteredModelTag(name: string, key: string, value: string): Promise<void>;
  /** Deletes one tag; the model must exist, a missing tag is a no-op (as in MLflow). */
  deleteRegisteredModelTag(name: string, key: string): Promise<void>;

  /** Creates the next version (max + 1, deleted versions included) with status READY, stage `None`. */
  createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion>;
  /** Reads one live version. */
  getModelVersion(name: string, version: string): Promise<ModelVersion>;
  /** Replaces a version's description. */
  updateModelVersion(name: string, version: string, update: { description: string }): Promise<ModelVersion>;
  /** Searches live versions (filter on `name`, `run_id`, `source_path`, `version_number`, tags). */
  searchModelVersions(options?: SearchOptions): Promise<PagedList<ModelVersion>>;
  /** Deletes a version (and the aliases that point at it); its number is never reused. */
  deleteModelVersion(name: string, version: string): Promise<void>;
  /** Sets (or overwrites) one tag on a version. */
  setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void>;
  /** Deletes one version tag; the version must exist, a missing tag is a no-op. */
  deleteModelVersionTag(name: string, version: string, key: string): Promise<void>;
  /** Latest live version per stage, optionally only for the given stages. */
  getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]>;
  /** Where the version's files are (storage location, else source). */
  getModelVersionDownloadUri(name: string, version: string): Promise<string>;

  /** Points `alias` at `version`, moving it when it already points elsewhere. */
  setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void>;
  /** Removes an alias; the model must exist, a missing alias is a no-op. */
  deleteRegisteredModelAlias(name: string, alias: string): Promise<void>;
  /**
   * The version an alias points at; `latest` is the highest live version. A missing alias is
   * INVALID_PARAMETER_VALUE (MLflow's code), a missing model RESOURCE_DOES_NOT_EXIST.
   */
  getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion>;

  /** Releases connections/handles; further calls are undefined. */
  close(): Promise<void>;
}
