import { RegistryError } from '../../errors.js';
import type { ModelVersion, PagedList, RegisteredModel } from '../../entities.js';
import { messages as msg } from '../../messages.js';
import type { CreateModelVersionInput, RegistryStore, SearchOptions } from '../../store.js';
import { validateAlias, validateModelName, validateTag, validateTags, validateVersion } from '../../validation.js';
import { latestOf, latestPerStage, searchModelList, searchVersionList } from '../search-entities.js';
import { checkSource } from '../source.js';
import { checkCall, checkStoreCall } from '../../arguments.js';
import { MEMORY_STORE_KEYS } from '../../call-specs.js';

interface VersionRecord extends Omit<ModelVersion, 'aliases'> {
  deleted: boolean;
}

interface ModelRecord {
  name: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description: string;
  tags: Map<string, string>;
  aliases: Map<string, string>;
  versions: Map<number, VersionRecord>;
}

export interface MemoryRegistryStoreOptions {
  /** Injected clock in ms (default Date.now). */
  now?: () => number;
}

/**
 * The reference implementation of {@link RegistryStore}: plain maps, MLflow's semantics
 * (soft-deleted versions keep their numbers, aliases die with their version). Used by the
 * contract suite and for tests of code that needs a registry.
 */
export class MemoryRegistryStore implements RegistryStore {
  readonly version = 1 as const;
  readonly kind = 'memory';
  readonly #models = new Map<string, ModelRecord>();
  readonly #now: () => number;

  constructor(options: MemoryRegistryStoreOptions = {}) {
    checkCall('MemoryRegistryStore', arguments, 1, { 0: MEMORY_STORE_KEYS });
    this.#now = options.now ?? Date.now;
  }

  #model(name: string): ModelRecord {
    validateModelName(name);
    const m = this.#models.get(name);
    if (!m) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.modelNotFound(name));
    return m;
  }

  #version(name: string, version: string): { model: ModelRecord; record: VersionRecord } {
    const model = this.#model(name);
    const v = validateVersion(version);
    const record = model.versions.get(Number(v));
    if (!record || record.deleted) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.versionNotFound(name, v));
    return { model, record };
  }

  #toVersion(model: ModelRecord, r: VersionRecord): ModelVersion {
    const { deleted: _deleted, ...rest } = r;
    const aliases = [...model.aliases].filter(([, v]) => v === r.version).map(([a]) => a);
    return { ...rest, tags: { ...r.tags }, aliases };
  }

  #live(model: ModelRecord): ModelVersion[] {
    return [...model.versions.values()].filter((r) => !r.deleted).map((r) => this.#toVersion(model, r));
  }

  #toModel(m: ModelRecord): RegisteredModel {
    return {
      name: m.name,
      creationTimestamp: m.creationTimestamp,
      lastUpdatedTimestamp: m.lastUpdatedTimestamp,
      description: m.description,
      tags: Object.fromEntries(m.tags),
      aliases: Object.fromEntries(m.aliases),
      latestVersions: latestPerStage(this.#live(m)),
    };
  }

  async createRegisteredModel(name: string, options: { tags?: Record<string, string>; description?: string } = {}): Promise<RegisteredModel> {
    checkStoreCall(this, 'createRegisteredModel', arguments);
    validateModelName(name);
    validateTags(options.tags);
    if (this.#models.has(name)) throw new RegistryError('RESOURCE_ALREADY_EXISTS', msg.modelExists(name));
    const now = this.#now();
    const m: ModelRecord = {
      name,
      creationTimestamp: now,
      lastUpdatedTimestamp: now,
      description: options.description ?? '',
      tags: new Map(Object.entries(options.tags ?? {})),
      aliases: new Map(),
      versions: new Map(),
    };
    this.#models.set(name, m);
    return this.#toModel(m);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    checkStoreCall(this, 'getRegisteredModel', arguments);
    return this.#toModel(this.#model(name));
  }

  async searchRegisteredModels(options?: SearchOptions): Promise<PagedList<RegisteredModel>> {
    checkStoreCall(this, 'searchRegisteredModels', arguments);
    return searchModelList(
      [...this.#models.values()].map((m) => this.#toModel(m)),
      options,
    );
  }

  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    checkStoreCall(this, 'renameRegisteredModel', arguments);
    const m = this.#model(name);
    validateModelName(newName);
    if (this.#models.has(newName)) throw new RegistryError('RESOURCE_ALREADY_EXISTS', msg.modelExists(newName));
    this.#models.delete(name);
    m.name = newName;
    m.lastUpdatedTimestamp = this.#now();
    for (const v of m.versions.values()) v.name = newName;
    this.#models.set(newName, m);
    return this.#toModel(m);
  }

  async updateRegisteredModel(name: string, update: { description: string }): Promise<RegisteredModel> {
    checkStoreCall(this, 'updateRegisteredModel', arguments);
    const m = this.#model(name);
    m.description = update.description;
    m.lastUpdatedTimestamp = this.#now();
    return this.#toModel(m);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModel', arguments);
    this.#model(name);
    this.#models.delete(name);
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setRegisteredModelTag', arguments);
    validateTag(key, value);
    this.#model(name).tags.set(key, value);
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModelTag', arguments);
    validateTag(key, '');
    // Like MLflow: the model must exist; a missing tag is a no-op.
    this.#model(name).tags.delete(key);
  }

  async createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    checkStoreCall(this, 'createModelVersion', arguments);
    validateModelName(input.name);
    validateTags(input.tags);
    const src = checkSource(input.source, input.runId, input.modelId);
    const m = this.#model(input.name);
    const now = this.#now();
    const number = Math.max(0, ...m.versions.keys()) + 1;
    const r: VersionRecord = {
      name: m.name,
      version: String(number),
      creationTimestamp: now,
      lastUpdatedTimestamp: now,
      description: input.description ?? '',
      userId: '',
      currentStage: 'None',
      source: input.source,
      runId: src.runId ?? '',
      runLink: input.runLink ?? '',
      status: 'READY',
      statusMessage: '',
      tags: { ...input.tags },
      deleted: false,
    };
    if (src.modelId) r.modelId = src.modelId;
    m.versions.set(number, r);
    m.lastUpdatedTimestamp = now;
    return this.#toVersion(m, r);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    checkStoreCall(this, 'getModelVersion', arguments);
    const { model, record } = this.#version(name, version);
    return this.#toVersion(model, record);
  }

  async updateModelVersion(name: string, version: string, update: { description: string }): Promise<ModelVersion> {
    checkStoreCall(this, 'updateModelVersion', arguments);
    const { model, record } = this.#version(name, version);
    record.description = update.description;
    record.lastUpdatedTimestamp = this.#now();
    return this.#toVersion(model, record);
  }

  async searchModelVersions(options?: SearchOptions): Promise<PagedList<ModelVersion>> {
    checkStoreCall(this, 'searchModelVersions', arguments);
    return searchVersionList(
      [...this.#models.values()].flatMap((m) => this.#live(m)),
      options,
    );
  }

  async deleteModelVersion(name: string, version: string): Promise<void> {
    checkStoreCall(this, 'deleteModelVersion', arguments);
    const { model, record } = this.#version(name, version);
    for (const [alias, v] of model.aliases) if (v === record.version) model.aliases.delete(alias);
    record.deleted = true;
    model.lastUpdatedTimestamp = this.#now();
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setModelVersionTag', arguments);
    validateTag(key, value);
    this.#version(name, version).record.tags[key] = value;
  }

  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteModelVersionTag', arguments);
    validateTag(key, '');
    delete this.#version(name, version).record.tags[key];
  }

  async getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]> {
    checkStoreCall(this, 'getLatestVersions', arguments);
    return latestPerStage(this.#live(this.#model(name)), stages);
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    checkStoreCall(this, 'getModelVersionDownloadUri', arguments);
    return (await this.getModelVersion(name, version)).source;
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    checkStoreCall(this, 'setRegisteredModelAlias', arguments);
    validateAlias(alias, { forWrite: true });
    const { model, record } = this.#version(name, version);
    model.aliases.set(alias, record.version);
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModelAlias', arguments);
    validateAlias(alias, { forWrite: false });
    this.#model(name).aliases.delete(alias);
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    checkStoreCall(this, 'getModelVersionByAlias', arguments);
    validateAlias(alias, { forWrite: false });
    const m = this.#model(name);
    if (alias.toLowerCase() === 'latest') return latestOf(name, this.#live(m));
    const v = m.aliases.get(alias);
    // MLflow answers a missing alias with INVALID_PARAMETER_VALUE, not RESOURCE_DOES_NOT_EXIST.
    if (v === undefined) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.aliasNotFound(name, alias));
    return this.getModelVersion(name, v);
  }

  async close(): Promise<void> {
    checkStoreCall(this, 'close', arguments);
  }
}
