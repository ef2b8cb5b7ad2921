import { aucMetric } from './auc';
import { binaryLoglossMetric } from './logloss';
import type { Metric } from './metric';
import type { GBDTMetricName } from '../params';

export type { Metric } from './metric';

export function createMetric(name: GBDTMetricName): Metric {
  return name === 'auc' ? aucMetric : binaryLoglossMetric;
}
