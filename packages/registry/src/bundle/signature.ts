import { BundleFormatError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { checkCall } from '../arguments.js';

/** MLflow column types (`mlflow.types.DataType`) a column-based signature may use. */
export const COLUMN_TYPES = ['boolean', 'integer', 'long', 'float', 'double', 'string', 'binary', 'datetime'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One column of a column-based schema: `{"type": "long", "name": "userId", "required": true}`. */
export interface ColumnSpec {
  type: ColumnType;
  name?: string;
  /** MLflow's default is true. */
  required?: boolean;
}

/** A tensor spec (`{"type": "tensor", "tensor-spec": {"dtype": "float64", "shape": [-1]}}`). */
export interface TensorSpec {
  type: 'tensor';
  'tensor-spec': { dtype: string; shape: number[] };
}

/** The input/output schema of a model bundle, parsed. */
export interface ModelSignature {
  inputs: Array<ColumnSpec | TensorSpec>;
  outputs?: Array<ColumnSpec | TensorSpec>;
}

/** What MLmodel stores: inputs/outputs as JSON *strings* (MLflow's `ModelSignature.to_dict`). */
export interface SignatureYaml {
  inputs: string;
  outputs: string | null;
  params: null;
}

/** Serializes exactly as Python's `json.dumps` would: `", "` and `": "` separators. */
export function pythonJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
}

function normalizeSpec(spec: ColumnSpec | TensorSpec): ColumnSpec | TensorSpec {
  if (spec.type === 'tensor') return { type: 'tensor', 'tensor-spec': spec['tensor-spec'] };
  // MLflow writes type, name, required in this order.
  const out: ColumnSpec = { type: spec.type };
  if (spec.name !== undefined) out.name = spec.name;
  out.required = spec.required ?? true;
  return out;
}

export function signatureToYaml(signature: ModelSignature): SignatureYaml {
  checkCall('signatureToYaml', arguments, 1);
  return {
    inputs: pythonJson(signature.inputs.map(normalizeSpec)),
    outputs: signature.outputs ? pythonJson(signature.outputs.map(normalizeSpec)) : null,
    params: null,
  };
}

function parseSpecs(file: string, field: string, text: unknown): Array<ColumnSpec | TensorSpec> {
  if (typeof text !== 'string') throw new BundleFormatError(file, field, msg.bundleBadField(file, field, 'must be a JSON string of column specs'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new BundleFormatError(file, field, msg.bundleBadField(file, field, `is not valid JSON (${(e as Error).message})`), { cause: e });
  }
  if (!Array.isArray(parsed)) throw new BundleFormatError(file, field, msg.bundleBadField(file, field, 'must be a JSON array'));
  return parsed.map((item, i) => {
    const where = `${field}[${i}]`;
    if (typeof item !== 'object' || item === null) throw new BundleFormatError(file, where, msg.bundleBadField(file, where, 'must be an object'));
    const rec = item as Record<string, unknown>;
    if (rec.type === 'tensor') {
      const ts = rec['tensor-spec'] as Record<string, unknown> | undefined;
      if (!ts || typeof ts.dtype !== 'string' || !Array.isArray(ts.shape)) {
        throw new BundleFormatError(file, where, msg.bundleBadField(file, where, "needs 'tensor-spec' with dtype and shape"));
      }
      return { type: 'tensor', 'tensor-spec': { dtype: ts.dtype, shape: ts.shape as number[] } } as TensorSpec;
    }
    if (!COLUMN_TYPES.includes(rec.type as ColumnType)) {
      throw new BundleFormatError(file, `${where}.type`, msg.bundleUnknownFormat(file, `${where}.type`, rec.type, [...COLUMN_TYPES, 'tensor']));
    }
    if (rec.name !== undefined && typeof rec.name !== 'string') {
      throw new BundleFormatError(file, `${where}.name`, msg.bundleBadField(file, `${where}.name`, 'must be a string'));
    }
    const spec: ColumnSpec = { type: rec.type as ColumnType, required: rec.required !== false };
    if (typeof rec.name === 'string') spec.name = rec.name;
    return spec;
  });
}

/** Parses MLmodel's `signature` mapping; rejects unknown column types with the field path. */
export function signatureFromYaml(file: string, value: unknown): ModelSignature {
  checkCall('signatureFromYaml', arguments, 2);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BundleFormatError(file, 'signature', msg.bundleBadField(file, 'signature', 'must be a mapping'));
  }
  const rec = value as Record<string, unknown>;
  const sig: ModelSignature = { inputs: parseSpecs(file, 'signature.inputs', rec.inputs) };
  if (rec.outputs !== null && rec.outputs !== undefined) sig.outputs = parseSpecs(file, 'signature.outputs', rec.outputs);
  return sig;
}
