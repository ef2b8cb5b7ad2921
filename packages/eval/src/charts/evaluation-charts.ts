import type { AbComparison } from '../compare/compare-ab';
import type { PolicyCurves } from '../curves/policy-curves';
import type { CrossValidateResult } from '../cv/cross-validate';
import type { SegmentResult } from '../segments/analyze-segments';
import type { ChartSpec } from './spec';
import { cvBoxPlotSpec, metricBarChartSpec, metricDiffChartSpec, segmentChartSpec } from './specs/comparison-charts';
import { calibrationChartSpec, gainChartSpec, histogramChartSpec, liftChartSpec, prChartSpec, rocChartSpec } from './specs/curve-charts';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface EvaluationChartsInput {
  readonly comparison?: AbComparison;
  readonly curves?: readonly [PolicyCurves, PolicyCurves];
  readonly segments?: readonly SegmentResult[];
  readonly cv?: readonly [{ name: string; cv: CrossValidateResult }, { name: string; cv: CrossValidateResult }];
  /** Display names of A and B; default the curves' names, else 'A' / 'B'. */
  readonly names?: readonly [string, string];
}
const EVALUATION_CHARTS_KEYS = keysOf<EvaluationChartsInput>({ comparison: true, curves: true, segments: true, cv: true, names: true });

/**
 * Every chart of the offline evaluation, keyed by artifact name (`auc_bar`, `logloss_bar`, `auc_diff` (B − A
 * with its CI), `logloss_diff`, `roc`, `pr`,
 * `calibration`, `lift`, `cumulative_gain`, `score_histogram`, `segments_auc`, `cv_auc_boxplot`);
 * sections whose input is missing are left out.
 */
export function evaluationCharts(input: EvaluationChartsInput): Record<string, ChartSpec> {
  checkArity('evaluationCharts', arguments, ['input']);
  checkKeys('evaluationCharts', 'input', input, EVALUATION_CHARTS_KEYS);
  const names = input.names ?? (input.curves ? ([input.curves[0].name, input.curves[1].name] as const) : (['A', 'B'] as const));
  const out: Record<string, ChartSpec> = {};
  if (input.comparison) {
    for (const row of input.comparison.rows) {
      out[`${row.metric}_bar`] = metricBarChartSpec(row, names);
      out[`${row.metric}_diff`] = metricDiffChartSpec(row, names, { alpha: input.comparison.alpha });
    }
  }
  if (input.curves) {
    const c = input.curves;
    out.roc = rocChartSpec(c);
    out.pr = prChartSpec(c, input.comparison?.positiveRate);
    out.calibration = calibrationChartSpec(c);
    out.lift = liftChartSpec(c);
    out.cumulative_gain = gainChartSpec(c);
    out.score_histogram = histogramChartSpec(c);
  }
  if (input.segments) out.segments_auc = segmentChartSpec(input.segments, names, 'auc');
  if (input.cv) {
    const metricsInCv = Object.keys(input.cv[0].cv.mean);
    for (const m of metricsInCv) out[`cv_${m}_boxplot`] = cvBoxPlotSpec(input.cv, m);
  }
  return out;
}
