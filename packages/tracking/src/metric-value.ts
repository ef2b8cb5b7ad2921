import { LIMITS } from './limits';
import { checkCall } from './arguments';

/** MLflow's `sanitize_metric_value`: NaN → (is_nan 1, value 0); ±Inf → ±float64 max. */
export function sanitizeMetricValue(value: number): { isNan: 0 | 1; value: number } {
  checkCall('sanitizeMetricValue', arguments, 1);
  if (Number.isNaN(value)) return { isNan: 1, value: 0 };
  if (value === Infinity) return { isNan: 0, value: LIMITS.maxMetricValue };
  if (value === -Infinity) return { isNan: 0, value: -LIMITS.maxMetricValue };
  return { isNan: 0, value };
}

/** Reads a stored metric back: is_nan wins over the stored 0. */
export function storedMetricValue(value: number, isNan: number | boolean): number {
  return isNan ? Number.NaN : value;
}

/** Whether a point replaces the latest one: greatest (step, timestamp, value), as MLflow's `_update_latest_metrics_if_necessary`. */
export function isNewer(a: { step: number; timestamp: number; value: number }, b: { step: number; timestamp: number; value: number }): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return a.value > b.value;
}
