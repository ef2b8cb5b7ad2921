import { TrackingError } from './errors';
import { messages } from './messages';
import { LIMITS } from './limits';
import { METRIC_KEYS, PARAM_KEYS } from './call-specs';
import { argumentChecker } from './mlflow-layer';
import type { DatasetInput, Metric, ModelOutput, Param, RunTag } from './entities';

const RUN_ID = /^[0-9a-f]{32}$/;
// MLflow's `_VALID_PARAM_AND_METRIC_NAMES` (alphanumerics, _ - . space / : and non-ASCII are allowed).
const KEY_CHARS = /^[\p{L}\p{N}_\-. /:]+$/u;

export function assertRunId(runId: string): void {
  if (!RUN_ID.test(runId)) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidRunId(runId));
}

function assertKey(what: string, key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidName(what, String(key), 'must be a non-empty string'));
  }
  if (key.length > LIMITS.maxEntityKeyLength) {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.tooLong(what, key, LIMITS.maxEntityKeyLength, key.length));
  }
  if (!KEY_CHARS.test(key) || key.split('/').some((p) => p === '..' || p === '.') || key.startsWith('/')) {
    throw new TrackingError(
      'INVALID_PARAMETER_VALUE',
      messages.invalidName(what, key, "may contain only letters, digits, '_', '-', '.', ' ', ':' and '/' and no '..' segments"),
    );
  }
}

function validateMetric(m: Metric): void {
  assertKey('metric name', m.key);
  if (typeof m.value !== 'number')
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue(`metric '${m.key}' value`, m.value, 'must be a number'));
  if (!Number.isSafeInteger(m.timestamp))
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue(`metric '${m.key}' timestamp`, m.timestamp, 'must be an integer (ms)'));
  if (!Number.isSafeInteger(m.step))
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue(`metric '${m.key}' step`, m.step, 'must be an integer'));
}

function validateParam(p: Param): void {
  assertKey('param key', p.key);
  if (typeof p.value !== 'string')
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue(`param '${p.key}' value`, p.value, 'must be a string'));
  if (p.value.length > LIMITS.maxParamValueLength) {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.tooLong('Param value of', p.key, LIMITS.maxParamValueLength, p.value.length));
  }
}

export function validateTag(t: RunTag): void {
  assertKey('tag key', t.key);
  if (typeof t.value !== 'string')
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue(`tag '${t.key}' value`, t.value, 'must be a string'));
  if (t.value.length > LIMITS.maxTagValueLength) {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.tooLong('Tag value of', t.key, LIMITS.maxTagValueLength, t.value.length));
  }
}

export function validateExperimentName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidName('experiment name', String(name), 'must be a non-empty string'));
  }
  if (name.length > LIMITS.maxExperimentNameLength) {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.tooLong('Experiment name', name, LIMITS.maxExperimentNameLength, name.length));
  }
}

/** Refuses unknown keys in metric / param / tag objects (a typo like `stepp` would silently log step 0). */
function checkEntityKeys(fn: string, where: string, list: readonly object[], keys: readonly string[]): void {
  list.forEach((entity, i) => argumentChecker.options(fn, entity, keys, `${where}[${i}]`));
}

/** Validates the tags of createRun: known keys only, MLflow's key and value rules. */
export function validateRunTags(tags: readonly RunTag[]): void {
  checkEntityKeys('TrackingStore.createRun', 'tags', tags, PARAM_KEYS);
  tags.forEach(validateTag);
}

/** Checks a whole batch against MLflow's per-request limits and each entity's rules. */
export function validateBatch(batch: { metrics: readonly Metric[]; params: readonly Param[]; tags: readonly RunTag[] }): void {
  const { metrics, params, tags } = batch;
  checkEntityKeys('TrackingStore.logBatch', 'batch.metrics', metrics, METRIC_KEYS);
  checkEntityKeys('TrackingStore.logBatch', 'batch.params', params, PARAM_KEYS);
  checkEntityKeys('TrackingStore.logBatch', 'batch.tags', tags, PARAM_KEYS);
  if (metrics.length > LIMITS.maxMetricsPerBatch)
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.batchTooLarge('metrics', metrics.length, LIMITS.maxMetricsPerBatch));
  if (params.length > LIMITS.maxParamsTagsPerBatch)
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.batchTooLarge('params', params.length, LIMITS.maxParamsTagsPerBatch));
  if (tags.length > LIMITS.maxParamsTagsPerBatch)
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.batchTooLarge('tags', tags.length, LIMITS.maxParamsTagsPerBatch));
  const total = metrics.length + params.length + tags.length;
  if (total > LIMITS.maxEntitiesPerBatch)
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.batchTooLarge('items', total, LIMITS.maxEntitiesPerBatch));
  metrics.forEach(validateMetric);
  params.forEach(validateParam);
  tags.forEach(validateTag);
  const seen = new Map<string, string>();
  for (const p of params) {
    const prev = seen.get(p.key);
    if (prev !== undefined && prev !== p.value) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.paramChanged('(this batch)', p.key, prev, p.value));
    seen.set(p.key, p.value);
  }
}

/** MLflow's `_validate_dataset_inputs` limits: name 500, digest 36, source type 36, input tags 255 / 500 characters. */
export function validateDatasetInputs(inputs: readonly DatasetInput[]): void {
  const field = (what: string, v: unknown, max: number, required = true) => {
    if (v === undefined && !required) return;
    if (typeof v !== 'string' || (required && v.length === 0))
      throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue('dataset', what, 'must be a non-empty string'));
    if (v.length > max) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.tooLong(`dataset ${what}`, v, max, v.length));
  };
  for (const input of inputs) {
    const d = input?.dataset;
    if (!d) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue('dataset input', 'dataset', 'is required'));
    field('name', d.name, 500);
    field('digest', d.digest, 36);
    field('sourceType', d.sourceType, 36);
    field('source', d.source, 65535);
    field('schema', d.schema, 1_048_576, false);
    field('profile', d.profile, 16_384, false);
    for (const t of input.tags ?? []) {
      field('tag key', t.key, 255);
      field('tag value', t.value, 500);
    }
  }
}

/** Logged-model outputs: an `m-…` id and a non-negative integer step each. */
export function validateModelOutputs(models: readonly ModelOutput[]): void {
  for (const m of models) {
    if (typeof m?.modelId !== 'string' || m.modelId.length === 0)
      throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue('model output', 'modelId', 'must be a non-empty string'));
    if (!Number.isInteger(m.step) || m.step < 0)
      throw new TrackingError('INVALID_PARAMETER_VALUE', messages.invalidValue('model output', 'step', 'must be an integer ≥ 0'));
  }
}
