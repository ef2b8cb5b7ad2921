import type { DatasetInput, Experiment, LoggedModel, LoggedModelStatus, Metric, Run, RunInfo, RunStatus } from '../../entities';

/** MLflow's JSON (protobuf JSON mapping) ↔ abt entities. */

type Json = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number | null => (v === undefined || v === null || v === '' ? null : Number(v));

/** Protobuf JSON writes NaN and ±Inf as the strings "NaN", "Infinity", "-Infinity". */
function metricValueFromWire(v: unknown): number {
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return Number(v);
}

export function metricValueToWire(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

function pairs(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of (list as Json[] | undefined) ?? []) out[str(t.key)] = str(t.value);
  return out;
}

export function experimentFromWire(e: Json): Experiment {
  return {
    experimentId: str(e.experiment_id),
    name: str(e.name),
    artifactLocation: str(e.artifact_location),
    lifecycleStage: e.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    creationTime: num(e.creation_time),
    lastUpdateTime: num(e.last_update_time),
    tags: pairs(e.tags),
  };
}

export function runInfoFromWire(i: Json): RunInfo {
  return {
    runId: str(i.run_id ?? i.run_uuid),
    runName: str(i.run_name),
    experimentId: str(i.experiment_id),
    userId: str(i.user_id),
    status: (str(i.status) || 'RUNNING') as RunStatus,
    startTime: num(i.start_time) ?? 0,
    endTime: num(i.end_time),
    artifactUri: str(i.artifact_uri),
    lifecycleStage: i.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
  };
}

export function runFromWire(r: Json): Run {
  const data = (r.data as Json | undefined) ?? {};
  const metrics: Record<string, number> = {};
  for (const m of (data.metrics as Json[] | undefined) ?? []) metrics[str(m.key)] = metricValueFromWire(m.value);
  const inputs = ((r.inputs as Json | undefined)?.dataset_inputs as Json[] | undefined) ?? [];
  const outputs = ((r.outputs as Json | undefined)?.model_outputs as Json[] | undefined) ?? [];
  const byName = (a: DatasetInput, b: DatasetInput) => a.dataset.name.localeCompare(b.dataset.name) || a.dataset.digest.localeCompare(b.dataset.digest);
  return {
    info: runInfoFromWire((r.info as Json) ?? {}),
    data: { metrics, params: pairs(data.params), tags: pairs(data.tags) },
    inputs: { datasetInputs: inputs.map(datasetInputFromWire).sort(byName) },
    outputs: {
      modelOutputs: outputs
        .map((m) => ({ modelId: str(m.model_id), step: num(m.step) ?? 0 }))
        .sort((a, b) => a.step - b.step || a.modelId.localeCompare(b.modelId)),
    },
  };
}

function datasetInputFromWire(i: Json): DatasetInput {
  const d = (i.dataset as Json | undefined) ?? {};
  const opt = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const schema = opt('schema');
  const profile = opt('profile');
  return {
    dataset: {
      name: str(d.name),
      digest: str(d.digest),
      sourceType: str(d.source_type),
      source: str(d.source),
      ...(schema !== undefined ? { schema } : {}),
      ...(profile !== undefined ? { profile } : {}),
    },
    tags: ((i.tags as Json[] | undefined) ?? []).map((t) => ({ key: str(t.key), value: str(t.value) })).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

export function metricFromWire(m: Json): Metric {
  return { key: str(m.key), value: metricValueFromWire(m.value), timestamp: num(m.timestamp) ?? 0, step: num(m.step) ?? 0 };
}

const STATUS_FROM_WIRE: Record<string, LoggedModelStatus> = {
  LOGGED_MODEL_STATUS_UNSPECIFIED: 'UNSPECIFIED',
  LOGGED_MODEL_PENDING: 'PENDING',
  LOGGED_MODEL_READY: 'READY',
  LOGGED_MODEL_UPLOAD_FAILED: 'FAILED',
};
export const LOGGED_MODEL_STATUS_TO_WIRE: Record<LoggedModelStatus, string> = {
  UNSPECIFIED: 'LOGGED_MODEL_STATUS_UNSPECIFIED',
  PENDING: 'LOGGED_MODEL_PENDING',
  READY: 'LOGGED_MODEL_READY',
  FAILED: 'LOGGED_MODEL_UPLOAD_FAILED',
};

export function loggedModelFromWire(m: Json): LoggedModel {
  const info = (m.info as Json) ?? {};
  const data = (m.data as Json) ?? {};
  return {
    modelId: str(info.model_id),
    experimentId: str(info.experiment_id),
    name: str(info.name),
    artifactLocation: str(info.artifact_uri),
    creationTimestamp: num(info.creation_timestamp_ms) ?? 0,
    lastUpdatedTimestamp: num(info.last_updated_timestamp_ms) ?? 0,
    status: STATUS_FROM_WIRE[str(info.status)] ?? 'UNSPECIFIED',
    statusMessage: info.status_message === undefined ? null : str(info.status_message),
    lifecycleStage: info.lifecycle_stage === 'deleted' ? 'deleted' : 'active',
    modelType: info.model_type === undefined ? null : str(info.model_type),
    sourceRunId: info.source_run_id === undefined ? null : str(info.source_run_id),
    tags: pairs(info.tags),
    params: pairs(data.params),
  };
}
