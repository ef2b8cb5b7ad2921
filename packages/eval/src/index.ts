// Public API of @abt/eval. Everything not exported here is private.

export { EvalError, type EvalErrorCode } from './errors';
export { messages } from './messages';
export { createRng, type Rng } from './random';
export { normalCdf, normalSf, normalQuantile } from './stats/normal';

// metrics
export { binaryClfCurve, type BinaryClfCurve, type BinaryClfCurveOptions } from './metrics/binary-clf-curve';
export type { SampleWeightOptions } from './metrics/sample-weight';
export type { MaybeMetric } from './metrics/maybe-metric';
export { rocAuc, rocAucOrNaN, type RocAucOptions } from './metrics/roc-auc';
export { averagePrecision, averagePrecisionOrNaN, type AveragePrecisionOptions } from './metrics/average-precision';
export { logLoss, ORIGINAL_LOGLOSS_CLIP, type LogLossOptions } from './metrics/log-loss';
export { brier, type BrierOptions } from './metrics/brier';
export { expectedCalibrationError, type EceOptions } from './metrics/expected-calibration-error';
export { thresholdMetrics, type ThresholdMetrics, type ThresholdMetricsOptions } from './metrics/threshold-metrics';
export { rankingMetrics, type RankingInput, type RankingOptions, type RankingMetrics, type UserRanking } from './metrics/ranking-metrics';
export { metrics, aucMetric, prAucMetric, logLossMetric, brierMetric, eceMetric, type Metric, type MetricOptions } from './metrics/metric';
export type { WeightedMetric } from './metrics/weighted';

// curves
export { rocCurve, type RocCurve, type RocCurveOptions } from './curves/roc-curve';
export { precisionRecallCurve, type PrecisionRecallCurve, type PrecisionRecallCurveOptions } from './curves/precision-recall-curve';
export { calibrationCurve, type CalibrationCurve, type CalibrationCurveOptions } from './curves/calibration-curve';
export type { BinStrategy } from './curves/calibration-bins';
export { liftGain, type LiftGainRow, type LiftGainTable } from './curves/lift-gain';
export { scoreHistogram, type ScoreHistogram, type ScoreHistogramOptions } from './curves/score-histogram';
export { policyCurves, type PolicyCurves, type PolicyCurvesOptions } from './curves/policy-curves';

// compare
export { delongTest, aucConfidenceInterval, type DeLongResult, type DeLongOptions, type AucWithCi } from './compare/delong';
export { pairedBootstrap, pairedBootstrapMany, type PairedBootstrapOptions, type PairedBootstrapResult, type Interval } from './compare/paired-bootstrap';
export { verdict, type Verdict, type VerdictInput, type Winner } from './compare/verdict';
export { compareAB, abTrackingMetrics, type AbComparison, type MetricComparison, type CompareAbOptions } from './compare/compare-ab';

// segments
export { defineSegments } from './segments/define-segments';
export { analyzeSegments, segmentTrackingMetrics, type SegmentResult, type SegmentMetric } from './segments/analyze-segments';
export type { SegmentInput, SegmentTrainRows, SegmentEvalRows, SegmentDemographics, Segment, SegmentGroup, SegmentOptions } from './segments/types';

// cross-validation
export type { Fold } from './cv/fold';
export { kFold, type KFoldOptions } from './cv/k-fold';
export { groupKFold, type GroupKFoldOptions } from './cv/group-k-fold';
export { timeSeriesSplit, type TimeSeriesSplitOptions } from './cv/time-series-split';
export { crossValidate, cvTrackingMetrics, type CrossValidateInput, type CrossValidateResult, type FoldResult } from './cv/cross-validate';

// charts
export { VEGA_LITE_SCHEMA, CHART_FONT, POLICY_COLORS, type ChartSpec } from './charts/spec';
export {
  rocChartSpec,
  prChartSpec,
  calibrationChartSpec,
  liftChartSpec,
  gainChartSpec,
  histogramChartSpec,
  type HistogramChartOptions,
} from './charts/specs/curve-charts';
export { metricBarChartSpec, metricDiffChartSpec, segmentChartSpec, cvBoxPlotSpec, type MetricDiffChartOptions } from './charts/specs/comparison-charts';
export { containerSized } from './charts/container-sized';
export { metricLabel } from './charts/labels';
export { evaluationCharts, type EvaluationChartsInput } from './charts/evaluation-charts';
export { renderSvg, rasterizeSvg, renderPng, renderCharts, type PngOptions, type RasterImage } from './charts/render';
export { findChartFonts, FONT_SEARCH_DIRS, type ChartFonts } from './charts/fonts';

// report
export { renderReport } from './report/render-report';
export { renderOnlineReport, type OnlineReportOptions } from './report/render-online-report';
export type { ReportModel, ReportPolicy, DataSummaryRow, OnlineAbSection } from './report/types';
export { decideRollout } from './report/decision/decide-rollout';
export { onlineEvidence } from './report/decision/online-evidence';
export { compareCvFolds, type CvFoldComparison, type CvFoldOptions } from './report/decision/compare-cv-folds';
export type { OnlineEvidence, RolloutEvidence, RolloutOptions, RolloutDecision, RolloutRule, RolloutAction, SourceStance } from './report/decision/types';

// online A/B
export type { AbInterval, ArmMoments, ArmInput, TimelinePoint, LiftEstimate } from './ab/types';
export { abMessages } from './messages';
export { logGamma } from './ab/special/log-gamma';
export { regularizedIncompleteBeta } from './ab/special/incomplete-beta';
export { regularizedGammaP, regularizedGammaQ } from './ab/special/incomplete-gamma';
export { studentTCdf, studentTSf, studentTTwoSided, studentTQuantile, chiSquareSf } from './ab/special/distributions';
export { summarizeArm } from './ab/moments';
export { sumArm, momentsFromSums, varianceFromSums, covarianceFromSums, type ArmSums } from './ab/arm-sums';
export { cupedFromSums, cupedReadoutFromSums, type CupedSumsResult } from './ab/cuped-sums';
export { proportionTest, type ProportionInput, type ProportionTestResult } from './ab/proportion-test';
export { meanTest, meanTestFromMoments, type MeanTestResult } from './ab/mean-test';
export { ratioMetricTest, ratioMetricTestFromMoments, type RatioMetricInput, type RatioMetricTestResult } from './ab/ratio-metric-test';
export { srmTest, type SrmResult } from './ab/srm-test';
export { cuped, type CupedResult } from './ab/cuped';
export type { CupedReadout } from './ab/cuped-readout';
export {
  sequentialTest,
  sequentialCheckpointsFromMoments,
  mixingRho2,
  DEFAULT_BURN_IN_PER_ARM,
  type SequentialCheckpoint,
  type SequentialPoint,
  type SequentialResult,
  type SequentialOptions,
} from './ab/sequential-test';
export { requiredSampleSize, minimumDetectableEffect, type SampleSizeInput, type MdeInput, type PowerOptions } from './ab/sample-size';
export {
  bayesianProportions,
  bayesianNormal,
  type BayesianResult,
  type BayesianProportionsResult,
  type BayesianProportionsOptions,
  type BetaParams,
} from './ab/bayesian';
export {
  analyzeExperiment,
  analyzeExperimentFromSums,
  type ExperimentInput,
  type SumsExperimentInput,
  type SumsTimelinePoint,
  type AnalyzeOptions,
  type AbReadout,
} from './ab/analyze-experiment';
export { onlineAbSection, type OnlineAbSectionOptions } from './ab/online-ab-section';
export { cumulativeLiftChartSpec, assignmentShareChartSpec, armMetricChartSpec } from './ab/charts';
