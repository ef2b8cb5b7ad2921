import type { Metric, Param, RunTag } from './entities';
import { LIMITS } from './limits';
import type { LogBatchInput, TrackingStore } from './store';
import { checkCall } from './arguments';
import { LOG_BATCH_KEYS, METRIC_OPTION_KEYS } from './call-specs';

/** Single-item writes, derived from the store's one write primitive (MLflow's AbstractStore pattern). */
export async function logMetric(
  store: TrackingStore,
  runId: string,
  key: string,
  value: number,
  options: { step?: number; timestamp?: number } = {},
): Promise<void> {
  checkCall('logMetric', arguments, 5, { 4: METRIC_OPTION_KEYS });
  await store.logBatch(runId, { metrics: [{ key, value, step: options.step ?? 0, timestamp: options.timestamp ?? Date.now() }] });
}

export async function logParam(store: TrackingStore, runId: string, key: string, value: string): Promise<void> {
  checkCall('logParam', arguments, 4);
  await store.logBatch(runId, { params: [{ key, value }] });
}

export async function setTag(store: TrackingStore, runId: string, key: string, value: string): Promise<void> {
  checkCall('setTag', arguments, 4);
  await store.logBatch(runId, { tags: [{ key, value }] });
}

/**
 * Splits any number of entities into requests within MLflow's limits (params, then tags, then
 * metrics, as MLflow's client does). Each chunk is atomic; the whole is not.
 */
export function chunkBatch(batch: LogBatchInput): Required<LogBatchInput>[] {
  checkCall('chunkBatch', arguments, 1, { 0: LOG_BATCH_KEYS });
  const params: Param[] = [...(batch.params ?? [])];
  const tags: RunTag[] = [...(batch.tags ?? [])];
  const metrics: Metric[] = [...(batch.metrics ?? [])];
  const out: Required<LogBatchInput>[] = [];
  while (params.length || tags.length || metrics.length) {
    const p = params.splice(0, LIMITS.maxParamsTagsPerBatch);
    const t = tags.splice(0, Math.min(LIMITS.maxParamsTagsPerBatch, LIMITS.maxEntitiesPerBatch - p.length));
    const m = metrics.splice(0, Math.min(LIMITS.maxMetricsPerBatch, LIMITS.maxEntitiesPerBatch - p.length - t.length));
    out.push({ params: p, tags: t, metrics: m });
  }
  return out;
}

export async function logBatchChunked(store: TrackingStore, runId: string, batch: LogBatchInput): Promise<void> {
  checkCall('logBatchChunked', arguments, 3, { 2: LOG_BATCH_KEYS });
  for (const chunk of chunkBatch(batch)) await store.logBatch(runId, chunk);
}
