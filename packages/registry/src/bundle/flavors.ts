import { BundleFormatError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { checkRelativePath } from '../mlflow-layer.js';

/** Versions of abt's own flavor this package reads. New layouts add a version; old ones stay readable. */
export const ABT_FLAVOR_FORMAT_VERSIONS = [1] as const;
type AbtFlavorFormatVersion = (typeof ABT_FLAVOR_FORMAT_VERSIONS)[number];

/** abt's flavor: the model file (abt JSON or LightGBM text) and its FeatureSpec. */
export interface AbtFlavor {
  format_version: AbtFlavorFormatVersion;
  /** e.g. `LogisticRegression`, `GBDT`, `RouterModel`: picks the loader in `@abt/models`/`@abt/router`. */
  model_class: string;
  /** Relative path of the model file. */
  data: string;
  /** Relative path of the FeatureSpec JSON, when the model takes raw rows. */
  feature_spec?: string;
  [other: string]: unknown;
}

/** MLflow's `lightgbm` flavor for a Booster saved as LightGBM text (`mlflow/lightgbm/__init__.py`). */
export interface LightgbmFlavor {
  code: null;
  data: string;
  lgb_version: string;
  model_class: 'lightgbm.basic.Booster';
  [other: string]: unknown;
}

/** MLflow's `python_function` flavor (`mlflow/pyfunc/__init__.py` add_to_model). */
export interface PythonFunctionFlavor {
  loader_module: string;
  python_version: string;
  data?: string;
  env?: { conda: string; virtualenv: string } | string;
  [other: string]: unknown;
}

/** The flavors mapping; flavors abt does not know are kept as read. */
export interface Flavors {
  abt?: AbtFlavor;
  lightgbm?: LightgbmFlavor;
  python_function?: PythonFunctionFlavor;
  [other: string]: unknown;
}

type Rec = Record<string, unknown>;

function asRecord(file: string, field: string, value: unknown): Rec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BundleFormatError(file, field, msg.bundleBadField(file, field, 'must be a mapping'));
  }
  return value as Rec;
}

function str(file: string, rec: Rec, field: string, where: string): string {
  const value = rec[field];
  if (typeof value !== 'string' || value === '') {
    throw new BundleFormatError(file, `${where}.${field}`, msg.bundleBadField(file, `${where}.${field}`, 'must be a non-empty string'));
  }
  return value;
}

function relPath(file: string, rec: Rec, field: string, where: string): string {
  const value = str(file, rec, field, where);
  try {
    checkRelativePath(value);
  } catch (e) {
    throw new BundleFormatError(file, `${where}.${field}`, msg.bundleBadField(file, `${where}.${field}`, (e as Error).message), { cause: e });
  }
  return value;
}

function parseAbt(file: string, value: unknown): AbtFlavor {
  const where = 'flavors.abt';
  const rec = asRecord(file, where, value);
  const fv = rec.format_version;
  if (!ABT_FLAVOR_FORMAT_VERSIONS.includes(fv as AbtFlavorFormatVersion)) {
    throw new BundleFormatError(file, `${where}.format_version`, msg.bundleUnknownFormat(file, `${where}.format_version`, fv, ABT_FLAVOR_FORMAT_VERSIONS));
  }
  // Unknown extra keys are kept so a read → stamp → write round trip is lossless.
  const flavor: AbtFlavor = {
    ...rec,
    format_version: fv as AbtFlavorFormatVersion,
    model_class: str(file, rec, 'model_class', where),
    data: relPath(file, rec, 'data', where),
  };
  if (rec.feature_spec !== undefined && rec.feature_spec !== null) flavor.feature_spec = relPath(file, rec, 'feature_spec', where);
  return flavor;
}

function parseLightgbm(file: string, value: unknown): LightgbmFlavor {
  const where = 'flavors.lightgbm';
  const rec = asRecord(file, where, value);
  const modelClass = rec.model_class ?? 'lightgbm.basic.Booster';
  // Only the text Booster is data; sklearn wrappers are pickles/skops, which abt never loads.
  if (modelClass !== 'lightgbm.basic.Booster') {
    throw new BundleFormatError(file, `${where}.model_class`, msg.bundleUnknownFormat(file, `${where}.model_class`, modelClass, ['lightgbm.basic.Booster']));
  }
  return { ...rec, code: null, data: relPath(file, rec, 'data', where), lgb_version: String(rec.lgb_version ?? ''), model_class: 'lightgbm.basic.Booster' };
}

function parsePyfunc(file: string, value: unknown): PythonFunctionFlavor {
  const where = 'flavors.python_function';
  const rec = asRecord(file, where, value);
  // `env` is kept as written: a mapping in MLflow ≥ 2, a bare conda file name before.
  const flavor: PythonFunctionFlavor = { ...rec, loader_module: str(file, rec, 'loader_module', where), python_version: String(rec.python_version ?? '') };
  if (typeof rec.data === 'string') flavor.data = relPath(file, rec, 'data', where);
  return flavor;
}

/** Validates the known flavors, keeps the others untouched. */
export function parseFlavors(file: string, value: unknown): Flavors {
  const rec = asRecord(file, 'flavors', value);
  if (Object.keys(rec).length === 0) throw new BundleFormatError(file, 'flavors', msg.bundleBadField(file, 'flavors', 'must name at least one flavor'));
  const out: Flavors = { ...rec };
  if ('abt' in rec) out.abt = parseAbt(file, rec.abt);
  if ('lightgbm' in rec) out.lightgbm = parseLightgbm(file, rec.lightgbm);
  if ('python_function' in rec) out.python_function = parsePyfunc(file, rec.python_function);
  return out;
}

/** The relative data files the known flavors point at (they must exist in the bundle). */
export function flavorDataFiles(flavors: Flavors): Array<{ field: string; path: string }> {
  const files: Array<{ field: string; path: string }> = [];
  if (flavors.abt) {
    files.push({ field: 'flavors.abt.data', path: flavors.abt.data });
    if (flavors.abt.feature_spec) files.push({ field: 'flavors.abt.feature_spec', path: flavors.abt.feature_spec });
  }
  if (flavors.lightgbm) files.push({ field: 'flavors.lightgbm.data', path: flavors.lightgbm.data });
  if (flavors.python_function?.data) files.push({ field: 'flavors.python_function.data', path: flavors.python_function.data });
  return files;
}
