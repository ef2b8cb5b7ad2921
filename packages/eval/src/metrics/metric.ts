import { averagePrecision } from './average-precision';
import { brier } from './brier';
import { expectedCalibrationError } from './expected-calibration-error';
import { logLoss } from './log-loss';
import { rocAuc } from './roc-auc';
import { rowLogLoss, weightedAveragePrecision, weightedMeanLoss, weightedRocAuc, type WeightedMetric } from './weighted';

/** A scalar metric of labels and scores, carrying its direction (LightGBM's bigger-is-better factor). */
export interface Metric {
  /** Short snake_case name used in metric keys (`auc`, `pr_auc`, `logloss`, …). */
  readonly name: string;
  /** Human label for tables and charts. */
  readonly label: string;
  /** True when a larger value is better (AUC); false for losses. */
  readonly higherIsBetter: boolean;
  /** Computes the metric; throws `EvalError` on invalid or undefined input. */
  compute(labels: ArrayLike<number>, scores: ArrayLike<number>): number;
  /**
   * Optional resampling fast path: prepares on the full data and returns the metric as a function of
   * row multiplicities, equal to `compute` on the materialized resample. The paired bootstrap uses it.
   */
  prepare?(labels: ArrayLike<number>, scores: ArrayLike<number>): WeightedMetric;
}

export const aucMetric: Metric = { name: 'auc', label: 'ROC-AUC', higherIsBetter: true, compute: rocAuc, prepare: weightedRocAuc };
export const prAucMetric: Metric = { name: 'pr_auc', label: 'PR-AUC (AP)', higherIsBetter: true, compute: averagePrecision, prepare: weightedAveragePrecision };
export const logLossMetric: Metric = { name: 'logloss', label: 'Log loss', higherIsBetter: false, compute: (y, p) => logLoss(y, p), prepare: (y, p) => weightedMeanLoss('logLoss', y, p, rowLogLoss) };
export const brierMetric: Metric = { name: 'brier', label: 'Brier', higherIsBetter: false, compute: brier, prepare: (y, p) => weightedMeanLoss('brier', y, p, (yi, pi) => (pi - yi) ** 2) };
export const eceMetric: Metric = { name: 'ece', label: 'ECE (10 bins)', higherIsBetter: false, compute: (y, p) => expectedCalibrationError(y, p) };

/** The built-in metrics by name. */
export const metrics = {
  auc: aucMetric,
  pr_auc: prAucMetric,
  logloss: logLossMetric,
  brier: brierMetric,
  ece: eceMetric,
} as const;
