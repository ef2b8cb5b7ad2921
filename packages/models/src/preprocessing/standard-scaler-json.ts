import { messages } from '../messages';
import { ModelFormatError } from '../errors';
import type { SerializedModel } from '../model';
import { STANDARD_SCALER_PARAM_NAMES, withDefaults, type StandardScalerParams } from './standard-scaler-params';

const msg = messages.preprocessing;

export const STANDARD_SCALER_KIND = 'StandardScaler';
const OWNER = 'StandardScaler';

/** The fitted state, exactly what `toJSON().state` holds (format version 1); null mirrors sklearn's None. */
export type StandardScalerState = {
  readonly mean: Float64Array | null;
  readonly variance: Float64Array | null;
  readonly scale: Float64Array | null;
  readonly nSamplesSeen: Float64Array;
  readonly featureNames: readonly string[];
};

type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function serialize(params: StandardScalerParams, s: StandardScalerState): SerializedModel {
  return {
    format: 'abt-model',
    formatVersion: 1,
    kind: STANDARD_SCALER_KIND,
    params: { ...params },
    featureNames: [...s.featureNames],
    state: { mean: toJson(s.mean), variance: toJson(s.variance), scale: toJson(s.scale), nSamplesSeen: toJson(s.nSamplesSeen) },
  };
}

/** Parses and checks a serialized scaler; every failure names the offending path. */
export function deserialize(json: unknown): { params: StandardScalerParams; state: StandardScalerState } {
  const root = obj(json, '$');
  check(root.format === 'abt-model', '$.format', "'abt-model'", root.format);
  check(root.formatVersion === 1, '$.formatVersion', '1 (the only version this reader knows)', root.formatVersion);
  check(root.kind === STANDARD_SCALER_KIND, '$.kind', `'${STANDARD_SCALER_KIND}'`, root.kind);
  const rawParams = obj(root.params, '$.params');
  for (const key of Object.keys(rawParams))
    check(STANDARD_SCALER_PARAM_NAMES.includes(key as never), `$.params.${key}`, 'absent (not a StandardScaler parameter)', rawParams[key]);
  // Files written before `copy` was a parameter lack it: it takes its default.
  const params = withDefaults(rawParams as Partial<StandardScalerParams>);
  for (const name of STANDARD_SCALER_PARAM_NAMES) check(typeof params[name] === 'boolean', `$.params.${name}`, 'a boolean', params[name]);
  const names = root.featureNames;
  check(Array.isArray(names) && names.every((n) => typeof n === 'string'), '$.featureNames', 'an array of strings', names);
  const cols = (names as string[]).length;
  const state = obj(root.state, '$.state');
  const nSamplesSeen = fromJson(state.nSamplesSeen, '$.state.nSamplesSeen', cols);
  check(nSamplesSeen !== null, '$.state.nSamplesSeen', `an array of ${cols} counts`, state.nSamplesSeen);
  const mean = fromJson(state.mean, '$.state.mean', cols);
  const variance = fromJson(state.variance, '$.state.variance', cols);
  const scale = fromJson(state.scale, '$.state.scale', cols);
  // The transform reads `mean` when centering and `scale` when scaling: both must be there.
  if (params.with_mean) check(mean !== null, '$.state.mean', `an array of ${cols} numbers (with_mean is true)`, null);
  if (params.with_std) check(scale !== null, '$.state.scale', `an array of ${cols} numbers (with_std is true)`, null);
  return { params, state: { mean, variance, scale, nSamplesSeen, featureNames: [...(names as string[])] } };
}

// JSON has no NaN / Infinity (JSON.stringify writes null): non-finite values travel as strings.
function toJson(a: Float64Array | null): JsonNumber[] | null {
  if (a === null) return null;
  return Array.from(a, (v) => (Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity'));
}

function fromJson(v: unknown, path: string, cols: number): Float64Array | null {
  if (v === null || v === undefined) return null;
  check(Array.isArray(v) && v.length === cols, path, `null or an array of ${cols} numbers (one per feature name)`, v);
  return Float64Array.from(v as unknown[], (x, j) => {
    if (typeof x === 'number' && Number.isFinite(x)) return x;
    if (x === 'NaN') return NaN;
    if (x === 'Infinity') return Infinity;
    if (x === '-Infinity') return -Infinity;
    throw new ModelFormatError(msg.format(OWNER, `${path}[${j}]`, "a finite number, 'NaN', 'Infinity' or '-Infinity'", x));
  });
}

function obj(v: unknown, path: string): Record<string, unknown> {
  check(typeof v === 'object' && v !== null && !Array.isArray(v), path, 'an object', v);
  return v as Record<string, unknown>;
}

function check(ok: boolean, path: string, expected: string, got: unknown): asserts ok {
  if (!ok) throw new ModelFormatError(msg.format(OWNER, path, expected, got));
}
