import { checkIntOption, checkProbabilities, checkSameLength, countPositives } from '../validate';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { calibrationBins, type BinStrategy } from './calibration-bins';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface CalibrationCurveOptions {
  /** Number of bins; default 5 (scikit-learn's default). */
  readonly nBins?: number;
  /** 'uniform' (default) or 'quantile' edges. */
  readonly strategy?: BinStrategy;
}
const CALIBRATION_OPTIONS = keysOf<CalibrationCurveOptions>({ nBins: true, strategy: true });

export interface CalibrationCurve {
  /** Fraction of positives per non-empty bin (scikit-learn's `prob_true`). */
  readonly probTrue: Float64Array;
  /** Mean predicted probability per non-empty bin (`prob_pred`). */
  readonly probPred: Float64Array;
  /** Rows per non-empty bin. */
  readonly counts: Float64Array;
  /** All bin edges, empty bins included. */
  readonly edges: Float64Array;
}

/** Reliability curve equal to scikit-learn's `calibration_curve`; empty bins are dropped as there. */
export function calibrationCurve(labels: ArrayLike<number>, probabilities: ArrayLike<number>, options: CalibrationCurveOptions = {}): CalibrationCurve {
  checkArity('calibrationCurve', arguments, ['labels', 'probabilities', 'options']);
  checkKeys('calibrationCurve', 'options', options, CALIBRATION_OPTIONS);
  const { nBins = 5, strategy = 'uniform' } = options;
  checkIntOption('calibrationCurve', 'nBins', nBins, 1);
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new EvalError('INVALID_OPTION', messages.invalidOption('calibrationCurve', 'strategy', strategy, "'uniform' or 'quantile'"));
  }
  checkSameLength('calibrationCurve', labels, 'labels', probabilities, 'probabilities');
  countPositives('calibrationCurve', labels);
  checkProbabilities('calibrationCurve', probabilities);
  const bins = calibrationBins(labels, probabilities, nBins, strategy);
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < nBins; b++) {
    const c = bins.count[b]!;
    if (c === 0) continue;
    probTrue.push(bins.sumTrue[b]! / c);
    probPred.push(bins.sumProb[b]! / c);
    counts.push(c);
  }
  return { probTrue: Float64Array.from(probTrue), probPred: Float64Array.from(probPred), counts: Float64Array.from(counts), edges: bins.edges };
}
