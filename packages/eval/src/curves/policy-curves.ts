import { averagePrecision } from '../metrics/average-precision';
import { brier } from '../metrics/brier';
import { expectedCalibrationError } from '../metrics/expected-calibration-error';
import { logLoss } from '../metrics/log-loss';
import { rocAuc } from '../metrics/roc-auc';
import { calibrationCurve, type CalibrationCurve } from './calibration-curve';
import { liftGain, type LiftGainTable } from './lift-gain';
import { precisionRecallCurve, type PrecisionRecallCurve } from './precision-recall-curve';
import { rocCurve, type RocCurve } from './roc-curve';
import { scoreHistogram, type ScoreHistogram } from './score-histogram';
import { checkArity, checkKeys, keysOf } from '../check-args';
import { checkIntOption } from '../validate';
import { thinPrecisionRecallCurve, thinRocCurve } from './thin-curve';

/** Every curve and headline number of one policy on one set of rows (the `Curves_PR_ROC_Calib_Lift` step). */
export interface PolicyCurves {
  readonly name: string;
  readonly auc: number;
  readonly ap: number;
  readonly logLoss: number;
  readonly brier: number;
  readonly ece: number;
  readonly roc: RocCurve;
  readonly pr: PrecisionRecallCurve;
  readonly calibration: CalibrationCurve;
  readonly lift: LiftGainTable;
  readonly histogram: ScoreHistogram;
  /** Present when `maxCurvePoints` thinned a curve: the full curves' point counts. */
  readonly fullCurvePoints?: { readonly roc: number; readonly pr: number };
}

export interface PolicyCurvesOptions {
  /** Calibration bins; default 10 uniform. */
  readonly calibrationBins?: number;
  readonly calibrationStrategy?: 'uniform' | 'quantile';
  /** Histogram bins over [0, 1]; default 20. */
  readonly histogramBins?: number;
  /**
   * ROC and PR curves keep at most this many points (≥ 2), evenly spaced along their thresholds,
   * the ends always (thin-curve.ts); `fullCurvePoints` then gives the full counts. Default: every
   * point, as scikit-learn returns them. AUC and AP use every row either way.
   */
  readonly maxCurvePoints?: number;
}
const POLICY_CURVES_OPTIONS = keysOf<PolicyCurvesOptions>({ calibrationBins: true, calibrationStrategy: true, histogramBins: true, maxCurvePoints: true });

/** Computes ROC, PR, calibration, lift/gain and the score histogram of probabilities for one policy. */
export function policyCurves(name: string, labels: ArrayLike<number>, probabilities: ArrayLike<number>, options: PolicyCurvesOptions = {}): PolicyCurves {
  checkArity('policyCurves', arguments, ['name', 'labels', 'probabilities', 'options']);
  checkKeys('policyCurves', 'options', options, POLICY_CURVES_OPTIONS);
  const { calibrationBins = 10, calibrationStrategy = 'uniform', histogramBins = 20, maxCurvePoints = Infinity } = options;
  if (maxCurvePoints !== Infinity) checkIntOption('policyCurves', 'maxCurvePoints', maxCurvePoints, 2);
  const fullRoc = rocCurve(labels, probabilities);
  const fullPr = precisionRecallCurve(labels, probabilities);
  const roc = thinRocCurve(fullRoc, maxCurvePoints);
  const pr = thinPrecisionRecallCurve(fullPr, maxCurvePoints);
  return {
    name,
    auc: rocAuc(labels, probabilities),
    ap: averagePrecision(labels, probabilities),
    logLoss: logLoss(labels, probabilities),
    brier: brier(labels, probabilities),
    ece: expectedCalibrationError(labels, probabilities, { nBins: calibrationBins, strategy: calibrationStrategy }),
    roc,
    pr,
    calibration: calibrationCurve(labels, probabilities, { nBins: calibrationBins, strategy: calibrationStrategy }),
    lift: liftGain(labels, probabilities, 10),
    histogram: scoreHistogram(probabilities, { bins: histogramBins, range: [0, 1], labels }),
    ...(roc !== fullRoc || pr !== fullPr ? { fullCurvePoints: { roc: fullRoc.fpr.length, pr: fullPr.precision.length } } : {}),
  };
}
