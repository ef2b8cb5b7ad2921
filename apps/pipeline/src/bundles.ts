import { rm } from 'node:fs/promises';
import { DEFAULT_PYTHON_VERSION, MLFLOW_COMPAT_VERSION, saveBundle, type InputExample, type ModelSignature } from '@abt/registry';
import { logisticRegressionOnnx } from './onnx-export';
import { GBDT, type Classifier, type Matrix } from '@abt/models';
import type { FeatureSpec } from '@abt/features';
import type { RatingsTable } from '@abt/data';
import { REQUEST_SIGNATURE_INPUTS as ROUTER_REQUEST_INPUTS } from '@abt/router';

/** Raw request columns every abt policy and the router accept (the router derives them from @abt/features' REQUEST_FIELDS). */
const REQUEST_SIGNATURE_INPUTS: ModelSignature['inputs'] = ROUTER_REQUEST_INPUTS.map((c) => ({ ...c }));

/** The first rows of a ratings table as an MLflow split-orient input example. */
function requestExample(rows: RatingsTable, n = 5): InputExample {
  const data: unknown[][] = [];
  for (let i = 0; i < Math.min(n, rows.length); i++) data.push([rows.userId[i], rows.movieId[i], rows.timestamp[i]]);
  return { columns: ['userId', 'movieId', 'timestamp'], data };
}

function featureExample(X: Matrix, names: readonly string[], n = 5): InputExample {
  const data: unknown[][] = [];
  for (let i = 0; i < Math.min(n, X.rows); i++) {
    const row = new Array<number>(X.cols).fill(0);
    if ('indptr' in X) for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) row[X.indices[k]!] = X.data[k]!;
    else for (let j = 0; j < X.cols; j++) row[j] = X.data[i * X.cols + j]!;
    data.push(row);
  }
  return { columns: [...names], data };
}

/** Versions written into the ONNX flavor's environment files (the interop suite installs the same pins). */
const ONNX_REQUIREMENTS = { onnx: '1.23.2', onnxruntime: '1.31.1' } as const;

/** MLflow's `onnx` + `python_function` flavors over `model.onnx` (as `mlflow.onnx.save_model` writes them), with env files. */
function onnxFlavor(bytes: Uint8Array): { files: Record<string, string | Uint8Array>; flavors: Record<string, Record<string, unknown>> } {
  const python = DEFAULT_PYTHON_VERSION;
  const reqs = [`mlflow==${MLFLOW_COMPAT_VERSION}`, `onnx==${ONNX_REQUIREMENTS.onnx}`, `onnxruntime==${ONNX_REQUIREMENTS.onnxruntime}`];
  return {
    files: {
      'model.onnx': bytes,
      'requirements.txt': reqs.join('\n'),
      'python_env.yaml': `python: ${python}\nbuild_dependencies:\n- pip\n- setuptools\n- wheel\ndependencies:\n- -r requirements.txt\n`,
      'conda.yaml': `channels:\n- conda-forge\ndependencies:\n- python=${python}\n- pip\n- pip:\n${reqs.map((r) => `  - ${r}`).join('\n')}\nname: mlflow-env\n`,
    },
    flavors: {
      onnx: { code: null, data: 'model.onnx', onnx_version: ONNX_REQUIREMENTS.onnx, providers: ['CPUExecutionProvider'] },
      python_function: {
        data: 'model.onnx',
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
        loader_module: 'mlflow.onnx',
        python_version: python,
      },
    },
  };
}

/**
 * Writes a policy as an MLflow Model directory: abt's flavor (model JSON + FeatureSpec, takes raw
 * requests) and a flavor Python's MLflow loads without abt — for a GBDT, MLflow's `lightgbm` +
 * `python_function` over the LightGBM text model; for (scaler +) logistic regression, `onnx` +
 * `python_function` over an ONNX graph. With a Python flavor the signature is its (feature rows, what
 * `mlflow.pyfunc` scores); without, abt's raw-request form.
 */
export async function writePolicyBundle(
  dir: string,
  input: { model: Classifier; spec: FeatureSpec; requests?: RatingsTable; features?: Matrix; runId?: string },
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const files: Record<string, string | Uint8Array> = {
    'model.json': JSON.stringify(input.model.toJSON()),
    'feature-spec.json': JSON.stringify(input.spec.toJSON()),
  };
  const tree = input.model instanceof GBDT ? input.model : undefined;
  if (tree) files['model.lgb'] = tree.toLightGBMText();
  const onnxBytes = tree ? undefined : logisticRegressionOnnx(input.model);
  const onnx = onnxBytes ? onnxFlavor(onnxBytes) : undefined;
  if (onnx) Object.assign(files, onnx.files);
  const featureRows = tree !== undefined || onnx !== undefined;
  const names = input.model.featureNames;
  await saveBundle(dir, {
    files,
    // model_class is the model's own kind, as loadModel spells it (bundles before 2026-12 wrote `GBDT`).
    abt: { modelClass: input.model.kind, data: 'model.json', featureSpec: 'feature-spec.json' },
    ...(tree ? { lightgbm: { data: 'model.lgb' } } : {}),
    ...(onnx ? { extraFlavors: onnx.flavors } : {}),
    signature: featureRows
      ? { inputs: names.map((name) => ({ type: 'double' as const, name, required: true })), outputs: [{ type: 'double', name: 'score', required: true }] }
      : { inputs: REQUEST_SIGNATURE_INPUTS, outputs: [{ type: 'double', name: 'score', required: true }] },
    // An example needs rows; a model brought from elsewhere (`register --lightgbm`) comes without them.
    ...(featureRows
      ? input.features
        ? { inputExample: featureExample(input.features, names) }
        : {}
      : input.requests
        ? { inputExample: requestExample(input.requests) }
        : {}),
    ...(input.runId ? { runId: input.runId, artifactPath: 'model' } : {}),
  });
}
