import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleFormatError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { resolveInside } from '../mlflow-layer.js';
import { flavorDataFiles, type AbtFlavor, type LightgbmFlavor } from './flavors.js';
import { parseInputExample, type InputExample } from './input-example.js';
import { MLMODEL_FILE, parseMlmodel, type MLmodel } from './mlmodel.js';
import { signatureFromYaml, type ModelSignature } from './signature.js';
import { checkCall } from '../arguments.js';

/** A model bundle read from disk and validated. */
export interface Bundle {
  /** Absolute directory of the bundle. */
  dir: string;
  mlmodel: MLmodel;
  signature?: ModelSignature;
  inputExample?: InputExample;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads and validates an MLflow Model directory: MLmodel fields, the files the known
 * flavors point at, and the saved input example. Errors name the file and field.
 */
export async function readBundle(dir: string): Promise<Bundle> {
  checkCall('readBundle', arguments, 1);
  const root = path.resolve(dir);
  const mlmodelPath = path.join(root, MLMODEL_FILE);
  let text: string;
  try {
    text = await readFile(mlmodelPath, 'utf8');
  } catch {
    throw new BundleFormatError(mlmodelPath, undefined, msg.bundleMissingFile(mlmodelPath));
  }
  const mlmodel = parseMlmodel(text, mlmodelPath);
  for (const { field, path: rel } of flavorDataFiles(mlmodel.flavors)) {
    if (!(await isFile(resolveInside(root, rel)))) {
      throw new BundleFormatError(mlmodelPath, field, msg.bundleBadField(mlmodelPath, field, `points at '${rel}', which does not exist`));
    }
  }
  const bundle: Bundle = { dir: root, mlmodel };
  if (mlmodel.signature) bundle.signature = signatureFromYaml(mlmodelPath, mlmodel.signature);
  const info = mlmodel.saved_input_example_info;
  if (info && info.type === 'dataframe') {
    const examplePath = resolveInside(root, info.artifact_path);
    let exampleText: string;
    try {
      exampleText = await readFile(examplePath, 'utf8');
    } catch {
      throw new BundleFormatError(mlmodelPath, 'saved_input_example_info.artifact_path', msg.bundleMissingFile(examplePath));
    }
    bundle.inputExample = parseInputExample(examplePath, exampleText, info.pandas_orient ?? 'split');
  }
  return bundle;
}

/** The abt flavor, or a typed error naming the flavors present. */
export function requireAbtFlavor(bundle: Bundle): AbtFlavor {
  checkCall('requireAbtFlavor', arguments, 1);
  const flavor = bundle.mlmodel.flavors.abt;
  if (!flavor)
    throw new BundleFormatError(
      path.join(bundle.dir, MLMODEL_FILE),
      'flavors.abt',
      msg.bundleMissingFlavor(path.join(bundle.dir, MLMODEL_FILE), 'abt', Object.keys(bundle.mlmodel.flavors)),
    );
  return flavor;
}

/** The lightgbm flavor, or a typed error naming the flavors present. */
export function requireLightgbmFlavor(bundle: Bundle): LightgbmFlavor {
  checkCall('requireLightgbmFlavor', arguments, 1);
  const flavor = bundle.mlmodel.flavors.lightgbm;
  if (!flavor)
    throw new BundleFormatError(
      path.join(bundle.dir, MLMODEL_FILE),
      'flavors.lightgbm',
      msg.bundleMissingFlavor(path.join(bundle.dir, MLMODEL_FILE), 'lightgbm', Object.keys(bundle.mlmodel.flavors)),
    );
  return flavor;
}

/** Reads a file of the bundle by relative path (checked against traversal). */
export async function readBundleFile(bundle: Bundle, relative: string): Promise<Buffer> {
  checkCall('readBundleFile', arguments, 2);
  return readFile(resolveInside(bundle.dir, relative));
}
