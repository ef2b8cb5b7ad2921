import { rm } from 'node:fs/promises';
import { saveBundle, type InputExample, type ModelSignature } from '@abt/registry';
import { GBDT, type Classifier, type Matrix } from '@abt/models';
import type { FeatureSpec } from '@abt/features';
import type { RatingsTable } from '@abt/data';

/** Raw request columns every abt policy and the router accept. */
export const REQUEST_SIGNATURE_INPUTS: ModelSignature['inputs'] = [
  { type: 'long', name: 'userId', required: true },
  { type: 'long', name: 'movieId', required: true },
  { type: 'long', name: 'timestamp', required: false },
];

/** The first rows of a ratings table as an MLflow split-orient input example. */
export function requestExample(rows: RatingsTable, n = 5): InputExample {
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

/**
 * Writes a policy as an MLflow Model directory: abt's flavor (model JSON + FeatureSpec, takes raw
 * requests) and, for a GBDT, MLflow's `lightgbm` + `python_function` flavors over the LightGBM text
 * model. The signature follows the python_function flavor when there is one (LightGBM scores
 * feature rows), else abt's raw-request form.
 */
export async function writePolicyBundle(
  dir: string,
  input: { model: Classifier; spec: FeatureSpec; requests?: RatingsTable; features?: Matrix; runId?: string; files?: Record<string, string | Uint8Array>; extraFlavors?: Record<string, Record<string, unknown>> },
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const files: Record<string, string | Uint8Array> = {
    'model.json': JSON.stringify(input.model.toJSON()),
    'feature-spec.json': JSON.stringify(input.spec.toJSON()),
    ...input.files,
  };
  const tree = input.model instanceof GBDT ? input.model : undefined;
  const isTree = tree !== undefined;
  if (tree) files['model.lgb'] = tree.toLightGBMText();
  const names = input.model.featureNames;
  await saveBundle(dir, {
    files,
    abt: { modelClass: tree ? 'GBDT' : input.model.kind, data: 'model.json', featureSpec: 'feature-spec.json' },
    ...(isTree ? { lightgbm: { data: 'model.lgb' } } : {}),
    ...(input.extraFlavors ? { extraFlavors: input.extraFlavors as Record<string, Record<string, unknown>> } : {}),
    signature: isTree
      ? { inputs: names.map((name) => ({ type: 'double' as const, name, required: true })), outputs: [{ type: 'double', name: 'score', required: true }] }
      : { inputs: REQUEST_SIGNATURE_INPUTS, outputs: [{ type: 'double', name: 'score', required: true }] },
    // An example needs rows; a model brought from elsewhere (`register --lightgbm`) comes without them.
    ...(isTree ? (input.features ? { inputExample: featureExample(input.features, names) } : {}) : input.requests ? { inputExample: requestExample(input.requests) } : {}),
    ...(input.runId ? { runId: input.runId, artifactPath: 'model' } : {}),
  });
}
