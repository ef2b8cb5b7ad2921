import { parse, stringify } from 'yaml';
import { BundleFormatError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { checkRelativePath } from '../mlflow-layer.js';
import { parseFlavors, type Flavors } from './flavors.js';
import { signatureFromYaml, type SignatureYaml } from './signature.js';
import { UTC_TIME_CREATED_RE } from './time.js';
import { checkCall } from '../arguments.js';

export const MLMODEL_FILE = 'MLmodel';

/** `saved_input_example_info`, as MLflow writes it for a DataFrame example. */
export interface SavedInputExampleInfo {
  artifact_path: string;
  type: 'dataframe' | 'ndarray' | 'json_object';
  pandas_orient?: 'split' | 'records';
  serving_input_path?: string;
}

/** The MLmodel document, keys spelled as in the YAML (snake_case, as MLflow's `Model.to_dict`). */
export interface MLmodel {
  flavors: Flavors;
  run_id?: string;
  artifact_path?: string;
  model_uuid: string | null;
  /** MLflow 3 logged model id (`m-…`), null when saved outside a logged model. */
  model_id: string | null;
  utc_time_created: string;
  mlflow_version?: string;
  signature?: SignatureYaml;
  is_signature_from_type_hint?: boolean;
  type_hint_from_example?: boolean;
  saved_input_example_info?: SavedInputExampleInfo;
  metadata?: Record<string, unknown>;
  model_size_bytes?: number;
  /** Anything else MLflow may add stays as read. */
  [other: string]: unknown;
}

/** YAML as PyYAML's `safe_dump(default_flow_style=False)` writes it: sorted keys, YAML 1.1 quoting. */
export function stringifyMlmodel(model: MLmodel): string {
  checkCall('stringifyMlmodel', arguments, 1);
  const clean = Object.fromEntries(Object.entries(model).filter(([, v]) => v !== undefined));
  // version 1.1 quotes strings PyYAML would read as timestamps/booleans ('2026-01-01 …', 'yes').
  return stringify(clean, { version: '1.1', sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}

function fail(file: string, field: string, why: string, cause?: unknown): never {
  throw new BundleFormatError(file, field, msg.bundleBadField(file, field, why), { cause });
}

/** Parses and validates MLmodel text; errors name the file and the offending field. */
export function parseMlmodel(text: string, file = MLMODEL_FILE): MLmodel {
  checkCall('parseMlmodel', arguments, 2);
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new BundleFormatError(file, undefined, msg.bundleBadYaml(file, (e as Error).message), { cause: e });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail(file, '(root)', 'must be a YAML mapping');
  const rec = doc as Record<string, unknown>;
  const flavors = parseFlavors(file, rec.flavors);

  const utc = rec.utc_time_created;
  if (typeof utc !== 'string' || !UTC_TIME_CREATED_RE.test(utc)) fail(file, 'utc_time_created', "must be 'YYYY-MM-DD HH:MM:SS.ffffff'");
  for (const key of ['run_id', 'artifact_path', 'mlflow_version'] as const) {
    if (rec[key] !== undefined && rec[key] !== null && typeof rec[key] !== 'string') fail(file, key, 'must be a string');
  }
  for (const key of ['model_uuid', 'model_id'] as const) {
    if (rec[key] !== undefined && rec[key] !== null && typeof rec[key] !== 'string') fail(file, key, 'must be a string or null');
  }
  if (rec.signature !== undefined && rec.signature !== null) signatureFromYaml(file, rec.signature);

  const info = rec.saved_input_example_info;
  if (info !== undefined && info !== null) {
    if (typeof info !== 'object' || Array.isArray(info)) fail(file, 'saved_input_example_info', 'must be a mapping');
    const i = info as Record<string, unknown>;
    if (typeof i.artifact_path !== 'string') fail(file, 'saved_input_example_info.artifact_path', 'must be a string');
    try {
      checkRelativePath(i.artifact_path);
    } catch (e) {
      fail(file, 'saved_input_example_info.artifact_path', (e as Error).message, e);
    }
    if (!['dataframe', 'ndarray', 'json_object'].includes(i.type as string)) {
      throw new BundleFormatError(
        file,
        'saved_input_example_info.type',
        msg.bundleUnknownFormat(file, 'saved_input_example_info.type', i.type, ['dataframe', 'ndarray', 'json_object']),
      );
    }
    if (i.pandas_orient !== undefined && !['split', 'records'].includes(i.pandas_orient as string)) {
      throw new BundleFormatError(
        file,
        'saved_input_example_info.pandas_orient',
        msg.bundleUnknownFormat(file, 'saved_input_example_info.pandas_orient', i.pandas_orient, ['split', 'records']),
      );
    }
  }
  return {
    ...rec,
    flavors,
    model_uuid: (rec.model_uuid as string | null | undefined) ?? null,
    model_id: (rec.model_id as string | null | undefined) ?? null,
    utc_time_created: utc as string,
  } as MLmodel;
}
