import { checkArity, checkKeys, keysOf } from '../check-args';
import { averagePrecision } from './average-precision';
import { brier } from './brier';
import { expectedCalibrationError } from './expected-calibration-error';
import { logLoss } from './log-loss';
import { rocAuc } from './roc-auc';
import type { SampleWeightOptions } from './sample-weight';
import { rowLogLoss, weightedAveragePrecision, weightedMeanLoss, weightedRocAuc, type WeightedMetric } from './weighted';

/** Options of `Metric.compute`: scikit-learn's `sample_weight` where the metric has one. */
export type MetricOptions = SampleWeightOptions;
const METRIC_OPTIONS = keysOf<MetricOptions>({ sampleWeight: true });
const NO_OPTIONS = keysOf<Record<never, never>>({});

/** A scalar metric of labels and scores, carrying its direction (LightGBM's bigger-is-better factor). */
export interface Metric {
  /** Short snake_case name used in metric keys (`auc`, `pr_auc`, `logloss`, …). */
  readonly name: string;
  /** Human label for tables and charts. */
  readonly label: string;
  /** True when a larger value is better (AUC); false for losses. */
  readonly higherIsBetter: boolean;
  /**
   * Computes the metric; throws `EvalError` on invalid or undefined input. `options.sampleWeight`
   * weighs rows where the metric supports it (ECE does not and refuses it).
   */
  compute(labels: ArrayLike<number>, scores: ArrayLike<number>, options?: MetricOptions): number;
  /**
   * Optional resampling fast path: prepares on the full data and returns the metric as a function of
   * row multiplicities, equal to `compute` on the materialized resample. The paired bootstrap uses it.
   */
  prepare?(labels: ArrayLike<number>, scores: ArrayLike<number>): WeightedMetric;
}

/** `compute` of a built-in metric: arguments checked under the metric's own name, then forwarded. */
function compute(
  name: string,
  keys: ReadonlySet<string>,
  f: (labels: ArrayLike<number>, scores: ArrayLike<number>, options: MetricOptions) => number,
): Metric['compute'] {
  const where = `${name}.compute`;
  return function (labels, scores, options = {}) {
    checkArity(where, arguments, ['labels', 'scores', 'options']);
    checkKeys(where, 'options', options, keys);
    return f(labels, scores, options);
  };
}

/** `prepare` of a built-in metric, with its arguments checked. */
function prepare(name: string, f: (labels: ArrayLike<number>, scores: ArrayLike<number>) => WeightedMetric): NonNullable<Metric['prepare']> {
  const where = `${name}.prepare`;
  return function (labels, scores) {
    checkArity(where, arguments, ['labels', 'scores']);
    return f(labels, scores);
  };
}

export const aucMetric: Metric = {
  name: 'auc',
  label: 'ROC-AUC',
  higherIsBetter: true,
  compute: compute('aucMetric', METRIC_OPTIONS, rocAuc),
  prepare: prepare('aucMetric', weightedRocAuc),
};
export const prAucMetric: Metric = {
  name: 'pr_auc',
  label: 'PR-AUC (AP)',
  higherIsBetter: true,
  compute: compute('prAucMetric', METRIC_OPTIONS, averagePrecision),
  prepare: prepare('prAucMetric', weightedAveragePrecision),
};
export const logLossMetric: Metric = {
  name: 'logloss',
  label: 'Log loss',
  higherIsBetter: false,
  compute: compute('logLossMetric', METRIC_OPTIONS, logLoss),
  prepare: prepare('logLossMetric', (y, p) => weightedMeanLoss('logLoss', y, p, rowLogLoss)),
};
export const brierMetric: Metric = {
  name: 'brier',
  label: 'Brier',
  higherIsBetter: false,
  compute: compute('brierMetric', METRIC_OPTIONS, brier),
  prepare: prepare('brierMetric', (y, p) => weightedMeanLoss('brier', y, p, (yi, pi) => (pi - yi) ** 2)),
};
export const eceMetric: Metric = {
  name: 'ece',
  label: 'ECE (10 bins)',
  higherIsBetter: false,
  compute: compute('eceMetric', NO_OPTIONS, (y, p) => expectedCalibrationError(y, p)),
};

/** The built-in metrics by name. */
export const metrics = {
  auc: aucMetric,
  pr_auc: prAucMetric,
  logloss: logLossMetric,
  brier: brierMetric,
  ece: eceMetric,
} as const;
