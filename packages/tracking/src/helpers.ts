import type { Metric, Param, RunTag } from './entities';
import { LIMITS } from './limits';
import type { LogBatchInput, TrackingStore } from './store';

/** Single-item writes, derived from the store's one write primitive (MLflow's AbstractStore pattern). */
export async function logMetric(store: TrackingStore, runId: string, key: string, value: number, options: { step?: number; timestamp?: number } = {}): Promise<void> {
  await store.logBatch(runId, { metrics: [{ key, value, step: options.step ?? 0, timestamp: options.timestamp ?? Date.now() }] });
}

export async function logParam(store: TrackingStore, runId: string, key: string, value: string): Promise<void> {
  await store.logBatch(runId, { params: [{ key, value }] });
}

export async function setTag(store: TrackingStore, runId: string, key: string, value: string): Promise<void> {
  await store.logBatch(runId, { tags: [{ key, value }] });
}

/**
 * Splits any number of entities into requests within MLflow's limits (params, then tags, then
 * metrics, as MLflow's client does). Each chunk is atomic; the whole is not.
 */
export function chunkBatch(batch: LogBatchInput): Required<LogBatchInput>[] {
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
  for (const chunk of chunkBatch(batch)) await store.logBatch(runId, chunk);
}
