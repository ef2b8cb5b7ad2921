import { randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RegistryError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { checkRelativePath, resolveInside } from '../mlflow-layer.js';
import type { AbtFlavor, Flavors } from './flavors.js';
import { INPUT_EXAMPLE_FILE, SERVING_INPUT_EXAMPLE_FILE, inputExampleToJson, servingInputToJson, type InputExample } from './input-example.js';
import { MLMODEL_FILE, stringifyMlmodel, type MLmodel } from './mlmodel.js';
import { signatureToYaml, type ModelSignature } from './signature.js';
import { formatUtcTimeCreated } from './time.js';
import { argumentChecker, checkCall } from '../arguments.js';
import { SAVE_BUNDLE_ABT_KEYS, SAVE_BUNDLE_KEYS, SAVE_BUNDLE_LIGHTGBM_KEYS } from '../call-specs.js';

/** MLflow version whose MLmodel layout abt writes (checked against the installed package). */
export const MLFLOW_COMPAT_VERSION = '3.17.2';
/**
 * LightGBM version recorded in the `lightgbm` flavor and pinned in `requirements.txt` unless given:
 * the one abt's model text is verified against. The interop suite checks it equals the venv's
 * lightgbm and the pin in scripts/interop-requirements.txt, and that MLflow loads a bundle with
 * it without a dependency-mismatch warning.
 */
export const DEFAULT_LGB_VERSION = '4.7.0';
/** Python version recorded in the `python_function` flavor unless given. */
export const DEFAULT_PYTHON_VERSION = '3.11';

/** What to put in a model bundle. Paths are relative to the bundle directory. */
export interface SaveBundleOptions {
  /** Data files: relative path → content. Every flavor's `data` must be one of them. */
  files: Record<string, string | Uint8Array>;
  /** abt's own flavor: model file (abt JSON or LightGBM text) and FeatureSpec. */
  abt?: { modelClass: string; data: string; featureSpec?: string };
  /** Adds MLflow's `lightgbm` + `python_function` flavors over a LightGBM text model. */
  lightgbm?: { data?: string; lgbVersion?: string; pythonVersion?: string };
  /** More flavors, written as given. */
  extraFlavors?: Record<string, Record<string, unknown>>;
  signature?: ModelSignature;
  inputExample?: InputExample;
  runId?: string;
  artifactPath?: string;
  /** MLflow 3 logged model id; null (as MLflow writes) when absent. */
  modelId?: string | null;
  modelUuid?: string;
  mlflowVersion?: string;
  metadata?: Record<string, unknown>;
  /** Injected clock (default: now). */
  clock?: () => Date;
  /** Injected id source for `model_uuid` (default: crypto UUID, hex). */
  uuid?: () => string;
}

export interface SavedBundle {
  dir: string;
  mlmodel: MLmodel;
}

async function assertEmptyDir(dir: string): Promise<void> {
  try {
    const entries = await readdir(dir);
    if (entries.length > 0) throw new RegistryError('RESOURCE_ALREADY_EXISTS', msg.bundleExists(dir), { kind: 'bundle-format' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

function buildFlavors(opts: SaveBundleOptions, mlflowVersion: string): { flavors: Flavors; envFiles: Record<string, string> } {
  const flavors: Flavors = {};
  const envFiles: Record<string, string> = {};
  if (opts.abt) {
    const abt: AbtFlavor = { format_version: 1, model_class: opts.abt.modelClass, data: checkRelativePath(opts.abt.data) };
    if (opts.abt.featureSpec) abt.feature_spec = checkRelativePath(opts.abt.featureSpec);
    flavors.abt = abt;
  }
  if (opts.lightgbm) {
    const data = checkRelativePath(opts.lightgbm.data ?? 'model.lgb');
    const lgbVersion = opts.lightgbm.lgbVersion ?? DEFAULT_LGB_VERSION;
    const pythonVersion = opts.lightgbm.pythonVersion ?? DEFAULT_PYTHON_VERSION;
    // Field set of mlflow.lightgbm.save_model for a Booster, minus the skops/pickle keys that
    // only apply to sklearn wrappers (mlflow.lightgbm._load_model ignores them for Boosters).
    flavors.lightgbm = { code: null, data, lgb_version: lgbVersion, model_class: 'lightgbm.basic.Booster' };
    flavors.python_function = {
      data,
      env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
      loader_module: 'mlflow.lightgbm',
      python_version: pythonVersion,
    };
    const reqs = [`mlflow==${mlflowVersion}`, `lightgbm==${lgbVersion}`];
    envFiles['requirements.txt'] = reqs.join('\n');
    envFiles['python_env.yaml'] = `python: ${pythonVersion}\nbuild_dependencies:\n- pip\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n`;
    envFiles['conda.yaml'] =
      `channels:\n- conda-forge\ndependencies:\n- python=${pythonVersion}\n- pip\n- pip:\n${reqs.map((r) => `  - ${r}`).join('\n')}\nname: mlflow-env\n`;
  }
  for (const [name, conf] of Object.entries(opts.extraFlavors ?? {})) flavors[name] = conf;
  return { flavors, envFiles };
}

/**
 * Writes an MLflow Model directory: MLmodel, input example, env files for Python flavors,
 * and the given data files. Never pickles: every file is data the caller supplied.
 */
export async function saveBundle(dir: string, opts: SaveBundleOptions): Promise<SavedBundle> {
  checkCall('saveBundle', arguments, 2, { 1: SAVE_BUNDLE_KEYS });
  argumentChecker.options('saveBundle', opts.abt, SAVE_BUNDLE_ABT_KEYS, 'options.abt');
  argumentChecker.options('saveBundle', opts.lightgbm, SAVE_BUNDLE_LIGHTGBM_KEYS, 'options.lightgbm');
  const mlflowVersion = opts.mlflowVersion ?? MLFLOW_COMPAT_VERSION;
  const { flavors, envFiles } = buildFlavors(opts, mlflowVersion);
  if (Object.keys(flavors).length === 0) {
    throw new RegistryError(
      'INVALID_PARAMETER_VALUE',
      msg.bundleBadField(MLMODEL_FILE, 'flavors', 'must name at least one flavor (abt, lightgbm or extraFlavors)'),
      { kind: 'bundle-format' },
    );
  }
  const dataFiles = new Set(Object.keys(opts.files).map((f) => checkRelativePath(f)));
  for (const [field, file] of [
    ['abt.data', flavors.abt?.data],
    ['abt.featureSpec', flavors.abt?.feature_spec],
    ['lightgbm.data', flavors.lightgbm?.data],
  ] as const) {
    if (file !== undefined && !dataFiles.has(file)) {
      throw new RegistryError('INVALID_PARAMETER_VALUE', msg.bundleBadField(MLMODEL_FILE, field, `points at '${file}', which is not among the files`), {
        kind: 'bundle-format',
      });
    }
  }
  await assertEmptyDir(dir);
  await mkdir(dir, { recursive: true });

  const mlmodel: MLmodel = {
    flavors,
    model_id: opts.modelId ?? null,
    model_uuid: opts.modelUuid ?? (opts.uuid ?? (() => randomUUID().replaceAll('-', '')))(),
    mlflow_version: mlflowVersion,
    utc_time_created: formatUtcTimeCreated((opts.clock ?? (() => new Date()))()),
  };
  if (opts.runId) mlmodel.run_id = opts.runId;
  if (opts.artifactPath) mlmodel.artifact_path = opts.artifactPath;
  if (opts.metadata) mlmodel.metadata = opts.metadata;
  const written: Record<string, string | Uint8Array> = { ...envFiles };
  for (const [rel, content] of Object.entries(opts.files)) written[checkRelativePath(rel)] = content;
  if (opts.signature) {
    mlmodel.signature = signatureToYaml(opts.signature);
    mlmodel.is_signature_from_type_hint = false;
    mlmodel.type_hint_from_example = false;
  }
  if (opts.inputExample) {
    written[INPUT_EXAMPLE_FILE] = inputExampleToJson(opts.inputExample);
    written[SERVING_INPUT_EXAMPLE_FILE] = servingInputToJson(opts.inputExample);
    mlmodel.saved_input_example_info = {
      artifact_path: INPUT_EXAMPLE_FILE,
      pandas_orient: 'split',
      serving_input_path: SERVING_INPUT_EXAMPLE_FILE,
      type: 'dataframe',
    };
  }
  for (const [rel, content] of Object.entries(written)) {
    const full = resolveInside(dir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  // MLflow's `model_size_bytes`: every file of the directory except MLmodel itself.
  mlmodel.model_size_bytes = Object.values(written).reduce((n, c) => n + (typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength), 0);
  await writeFile(path.join(dir, MLMODEL_FILE), stringifyMlmodel(mlmodel));
  return { dir: path.resolve(dir), mlmodel };
}
