import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RegistryError } from '../errors.js';
import type { ModelVersion } from '../entities.js';
import { readBundle } from '../bundle/read-bundle.js';
import { MLMODEL_FILE, parseMlmodel, stringifyMlmodel } from '../bundle/mlmodel.js';
import { pythonJson } from '../bundle/signature.js';
import { checkRelativePath, layer } from '../mlflow-layer.js';
import { MLFLOW_MODEL_VERSIONS_TAG } from '../stores/sqlite/sqlite-registry-store.js';
import { connect, type ConnectOptions } from './connect.js';
import { checkCall, pick } from '../arguments.js';
import { CONNECT_KEYS, REGISTER_KEYS } from '../call-specs.js';

export interface RegisterModelOptions extends ConnectOptions {
  /** Run the model came from; the bundle is logged against it. */
  runId: string;
  /** A model bundle directory written by `saveBundle` (or by MLflow). */
  bundleDir: string;
  /** Registered model name, e.g. `movielens_ctr_ab`. */
  name: string;
  /** Alias to point at the new version, e.g. `PolicyB` (moved when it exists). */
  alias?: string;
  /** Version tags. */
  tags?: Record<string, string>;
  description?: string;
  /**
   * `logged-model` (default, MLflow 3): an `m-…` logged model linked to the run, version
   * source `models:/m-<id>`. `run-artifacts` (MLflow 2): files under the run's `<artifactPath>/`,
   * source `<run artifact_uri>/<artifactPath>`.
   */
  mode?: 'logged-model' | 'run-artifacts';
  /** Artifact path / logged model name (default `model`). */
  artifactPath?: string;
}

export interface RegisteredModelVersion {
  version: ModelVersion;
  /** `models:/<name>/<version>`. */
  modelUri: string;
  /** Where the files were logged. */
  artifactUri: string;
  /** The MLflow 3 logged model id (logged-model mode). */
  loggedModelId?: string;
}

/** Copies the bundle and stamps MLmodel with run_id, artifact_path and model_id, as MLflow's log_model does. */
async function stampedCopy(bundleDir: string, fields: { runId: string; artifactPath: string; modelId: string | null }): Promise<string> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'abt-register-'));
  // Links (all inside the bundle, checked above) are copied as the files they point at.
  await cp(bundleDir, tmp, { recursive: true, dereference: true });
  const file = path.join(tmp, MLMODEL_FILE);
  const mlmodel = parseMlmodel(await readFile(file, 'utf8'), file);
  mlmodel.run_id = fields.runId;
  mlmodel.artifact_path = fields.artifactPath;
  mlmodel.model_id = fields.modelId;
  await writeFile(file, stringifyMlmodel(mlmodel));
  return tmp;
}

/**
 * Logs a model bundle against a run, registers it as the next version of `name` (creating
 * the registered model on first use) and moves `alias` to it. The pipeline's stage 5.
 */
export async function registerModel(options: RegisterModelOptions): Promise<RegisteredModelVersion> {
  checkCall('registerModel', arguments, 1, { 0: REGISTER_KEYS });
  // Validate before anything is written: the MLmodel, and no link in the bundle leading out of it.
  await readBundle(options.bundleDir);
  await layer.listFilesInside(options.bundleDir);
  const artifactPath = checkRelativePath(options.artifactPath ?? 'model');
  const mode = options.mode ?? 'logged-model';
  const conn = await connect(pick(options, CONNECT_KEYS));
  const { client, registry } = conn;
  try {
    const run = await client.getRun(options.runId);
    let source: string;
    let artifactUri: string;
    let loggedModelId: string | undefined;
    if (mode === 'logged-model') {
      const lm = await client.createLoggedModel({ experimentId: run.info.experimentId, name: artifactPath, sourceRunId: options.runId });
      loggedModelId = lm.modelId;
      const staged = await stampedCopy(options.bundleDir, { runId: options.runId, artifactPath, modelId: lm.modelId });
      try {
        await client.store.artifactRepository(lm.artifactLocation).logArtifacts(staged);
      } catch (err) {
        await client.finalizeLoggedModel(lm.modelId, 'FAILED');
        throw err;
      } finally {
        await rm(staged, { recursive: true, force: true });
      }
      await client.finalizeLoggedModel(lm.modelId, 'READY');
      source = `models:/${lm.modelId}`;
      artifactUri = lm.artifactLocation;
    } else {
      const staged = await stampedCopy(options.bundleDir, { runId: options.runId, artifactPath, modelId: null });
      try {
        await (await client.artifactRepository(options.runId)).logArtifacts(staged, artifactPath);
      } finally {
        await rm(staged, { recursive: true, force: true });
      }
      artifactUri = `${run.info.artifactUri.replace(/\/+$/, '')}/${artifactPath}`;
      source = artifactUri;
    }
    try {
      await registry.getRegisteredModel(options.name);
    } catch (err) {
      if (!(RegistryError.isInstance(err) && err.code === 'RESOURCE_DOES_NOT_EXIST')) throw err;
      try {
        await registry.createRegisteredModel(options.name);
      } catch (e) {
        // Another process may have created it in between; that is fine.
        if (!(RegistryError.isInstance(e) && e.code === 'RESOURCE_ALREADY_EXISTS')) throw e;
      }
    }
    const input: Parameters<typeof registry.createModelVersion>[0] = { name: options.name, source, runId: options.runId };
    if (loggedModelId) input.modelId = loggedModelId;
    if (options.tags) input.tags = options.tags;
    if (options.description !== undefined) input.description = options.description;
    const created = await registry.createModelVersion(input);
    if (loggedModelId) await linkVersion(conn.client, loggedModelId, created);
    if (options.alias) await registry.setRegisteredModelAlias(options.name, options.alias, created.version);
    const version = await registry.getModelVersion(options.name, created.version);
    const out: RegisteredModelVersion = { version, modelUri: `models:/${options.name}/${version.version}`, artifactUri };
    if (loggedModelId) out.loggedModelId = loggedModelId;
    return out;
  } finally {
    await conn.close();
  }
}

/** MLflow 3's fluent `register_model`: append {name, version} to the logged model's `mlflow.modelVersions`. */
async function linkVersion(client: Awaited<ReturnType<typeof connect>>['client'], modelId: string, mv: ModelVersion): Promise<void> {
  const lm = await client.getLoggedModel(modelId);
  let list: Array<{ name: string; version: number | string }> = [];
  try {
    list = lm.tags[MLFLOW_MODEL_VERSIONS_TAG] ? (JSON.parse(lm.tags[MLFLOW_MODEL_VERSIONS_TAG]) as typeof list) : [];
  } catch {
    list = [];
  }
  if (list.some((e) => e.name === mv.name && String(e.version) === mv.version)) return;
  list.push({ name: mv.name, version: Number(mv.version) });
  await client.setLoggedModelTags(modelId, { [MLFLOW_MODEL_VERSIONS_TAG]: pythonJson(list) });
}
