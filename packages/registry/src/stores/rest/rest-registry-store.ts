import { HttpClient, TrackingError, type HttpOptions } from '@abt/tracking';
import { MLFLOW_ERROR_CODES, codeForHttpStatus, httpStatusForCode, type MlflowErrorCode } from '@abt/tracking/mlflow';
import { RegistryError } from '../../errors.js';
import type { ModelVersion, PagedList, RegisteredModel } from '../../entities.js';
import { messages as msg } from '../../messages.js';
import type { CreateModelVersionInput, RegistryStore, SearchOptions } from '../../store.js';
import { validateAlias, validateModelName, validateTag, validateTags, validateVersion } from '../../validation.js';
import { checkSource } from '../source.js';
import { REGISTRY_ENDPOINTS, type RegistryOperation } from './endpoints.js';
import { modelFromWire, tagsToWire, versionFromWire } from './wire.js';
import { checkCall, checkStoreCall } from '../../arguments.js';
import { HTTP_OPTION_KEYS } from '../../call-specs.js';

type Json = Record<string, unknown>;

/** Same knobs as `@abt/tracking`'s REST client: injected fetch, timeout, retry, auth from MLFLOW_*. */
export type RestRegistryStoreOptions = HttpOptions;

/**
 * TrackingError (from the shared HTTP helper) → RegistryError: MLflow's codes pass through; abt's
 * transport codes become the MLflow code of their status (an unreachable server is TEMPORARILY_UNAVAILABLE).
 */
function toRegistryError(err: unknown): unknown {
  if (!TrackingError.isInstance(err)) return err;
  const code: MlflowErrorCode = (MLFLOW_ERROR_CODES as readonly string[]).includes(err.code) ? err.code : codeForHttpStatus(httpStatusForCode(err.code));
  return new RegistryError(code, err.message, { kind: 'remote', cause: err });
}

/**
 * {@link RegistryStore} over MLflow's REST API 2.0 (`mlflow server`). Endpoints live in one
 * table; HTTP, retries and auth are `@abt/tracking`'s `HttpClient`, so both clients behave alike.
 */
export class RestRegistryStore implements RegistryStore {
  readonly version = 1 as const;
  readonly kind = 'rest';
  readonly uri: string;
  readonly #http: HttpClient;

  constructor(uri: string, options: RestRegistryStoreOptions = {}) {
    checkCall('RestRegistryStore', arguments, 2, { 1: HTTP_OPTION_KEYS });
    if (!/^https?:\/\/[^/]+/.test(uri)) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.registryUriUnsupported(uri));
    this.uri = uri.replace(/\/+$/, '');
    this.#http = new HttpClient(this.uri, options);
  }

  async #call<T = Json>(op: RegistryOperation, payload: Json = {}): Promise<T> {
    const { method, path } = REGISTRY_ENDPOINTS[op];
    try {
      if (method === 'GET') {
        const query: Record<string, string | readonly string[]> = {};
        for (const [k, v] of Object.entries(payload)) {
          if (v === undefined) continue;
          query[k] = Array.isArray(v) ? v.map(String) : String(v);
        }
        return await this.#http.json<T>({ method, path, query });
      }
      const body = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
      return await this.#http.json<T>({ method, path, json: body });
    } catch (err) {
      throw toRegistryError(err);
    }
  }

  async createRegisteredModel(name: string, options: { tags?: Record<string, string>; description?: string } = {}): Promise<RegisteredModel> {
    checkStoreCall(this, 'createRegisteredModel', arguments);
    validateModelName(name);
    validateTags(options.tags);
    const res = await this.#call<{ registered_model: Json }>('createRegisteredModel', {
      name,
      tags: tagsToWire(options.tags),
      description: options.description,
    });
    return modelFromWire(res.registered_model);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    checkStoreCall(this, 'getRegisteredModel', arguments);
    validateModelName(name);
    const res = await this.#call<{ registered_model: Json }>('getRegisteredModel', { name });
    return modelFromWire(res.registered_model);
  }

  async searchRegisteredModels(options: SearchOptions = {}): Promise<PagedList<RegisteredModel>> {
    checkStoreCall(this, 'searchRegisteredModels', arguments);
    const res = await this.#call<{ registered_models?: Json[]; next_page_token?: string }>('searchRegisteredModels', {
      filter: options.filter,
      max_results: options.maxResults,
      order_by: options.orderBy,
      page_token: options.pageToken,
    });
    const out: PagedList<RegisteredModel> = { items: (res.registered_models ?? []).map(modelFromWire) };
    if (res.next_page_token) out.nextPageToken = res.next_page_token;
    return out;
  }

  async renameRegisteredModel(name: string, newName: string): Promise<RegisteredModel> {
    checkStoreCall(this, 'renameRegisteredModel', arguments);
    validateModelName(name);
    validateModelName(newName);
    const res = await this.#call<{ registered_model: Json }>('renameRegisteredModel', { name, new_name: newName });
    return modelFromWire(res.registered_model);
  }

  async updateRegisteredModel(name: string, update: { description: string }): Promise<RegisteredModel> {
    checkStoreCall(this, 'updateRegisteredModel', arguments);
    validateModelName(name);
    const res = await this.#call<{ registered_model: Json }>('updateRegisteredModel', { name, description: update.description });
    return modelFromWire(res.registered_model);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModel', arguments);
    validateModelName(name);
    await this.#call('deleteRegisteredModel', { name });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setRegisteredModelTag', arguments);
    validateModelName(name);
    validateTag(key, value);
    await this.#call('setRegisteredModelTag', { name, key, value });
  }

  async deleteRegisteredModelTag(name: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModelTag', arguments);
    validateModelName(name);
    validateTag(key, '');
    await this.#call('deleteRegisteredModelTag', { name, key });
  }

  async createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    checkStoreCall(this, 'createModelVersion', arguments);
    validateModelName(input.name);
    validateTags(input.tags);
    const checked = checkSource(input.source, input.runId, input.modelId);
    const res = await this.#call<{ model_version: Json }>('createModelVersion', {
      name: input.name,
      source: input.source,
      run_id: checked.runId,
      run_link: input.runLink,
      description: input.description,
      tags: tagsToWire(input.tags),
      model_id: checked.modelId,
    });
    return versionFromWire(res.model_version);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    checkStoreCall(this, 'getModelVersion', arguments);
    validateModelName(name);
    const res = await this.#call<{ model_version: Json }>('getModelVersion', { name, version: validateVersion(version) });
    return versionFromWire(res.model_version);
  }

  async updateModelVersion(name: string, version: string, update: { description: string }): Promise<ModelVersion> {
    checkStoreCall(this, 'updateModelVersion', arguments);
    validateModelName(name);
    const res = await this.#call<{ model_version: Json }>('updateModelVersion', { name, version: validateVersion(version), description: update.description });
    return versionFromWire(res.model_version);
  }

  async searchModelVersions(options: SearchOptions = {}): Promise<PagedList<ModelVersion>> {
    checkStoreCall(this, 'searchModelVersions', arguments);
    const res = await this.#call<{ model_versions?: Json[]; next_page_token?: string }>('searchModelVersions', {
      filter: options.filter,
      max_results: options.maxResults,
      order_by: options.orderBy,
      page_token: options.pageToken,
    });
    const out: PagedList<ModelVersion> = { items: (res.model_versions ?? []).map(versionFromWire) };
    if (res.next_page_token) out.nextPageToken = res.next_page_token;
    return out;
  }

  async deleteModelVersion(name: string, version: string): Promise<void> {
    checkStoreCall(this, 'deleteModelVersion', arguments);
    validateModelName(name);
    await this.#call('deleteModelVersion', { name, version: validateVersion(version) });
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    checkStoreCall(this, 'setModelVersionTag', arguments);
    validateModelName(name);
    validateTag(key, value);
    await this.#call('setModelVersionTag', { name, version: validateVersion(version), key, value });
  }

  async deleteModelVersionTag(name: string, version: string, key: string): Promise<void> {
    checkStoreCall(this, 'deleteModelVersionTag', arguments);
    validateModelName(name);
    validateTag(key, '');
    await this.#call('deleteModelVersionTag', { name, version: validateVersion(version), key });
  }

  async getLatestVersions(name: string, stages?: string[]): Promise<ModelVersion[]> {
    checkStoreCall(this, 'getLatestVersions', arguments);
    validateModelName(name);
    const res = await this.#call<{ model_versions?: Json[] }>('getLatestVersions', { name, stages });
    return (res.model_versions ?? []).map(versionFromWire).sort((a, b) => Number(a.version) - Number(b.version));
  }

  async getModelVersionDownloadUri(name: string, version: string): Promise<string> {
    checkStoreCall(this, 'getModelVersionDownloadUri', arguments);
    validateModelName(name);
    const res = await this.#call<{ artifact_uri?: string }>('getModelVersionDownloadUri', { name, version: validateVersion(version) });
    return res.artifact_uri ?? '';
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    checkStoreCall(this, 'setRegisteredModelAlias', arguments);
    validateModelName(name);
    validateAlias(alias, { forWrite: true });
    await this.#call('setRegisteredModelAlias', { name, alias, version: validateVersion(version) });
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    checkStoreCall(this, 'deleteRegisteredModelAlias', arguments);
    validateModelName(name);
    validateAlias(alias, { forWrite: false });
    await this.#call('deleteRegisteredModelAlias', { name, alias });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    checkStoreCall(this, 'getModelVersionByAlias', arguments);
    validateModelName(name);
    validateAlias(alias, { forWrite: false });
    const res = await this.#call<{ model_version: Json }>('getModelVersionByAlias', { name, alias });
    return versionFromWire(res.model_version);
  }

  async close(): Promise<void> {
    checkStoreCall(this, 'close', arguments);
  }
}
