import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkIntOption, checkProbabilities, checkSameLength, countPositives } from '../validate';
import { calibrationBins, type BinStrategy } from '../curves/calibration-bins';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface EceOptions {
  /** Number of bins; default 10. */
  readonly nBins?: number;
  /** 'uniform' (default) or 'quantile' edges, binned exactly as `calibrationCurve`. */
  readonly strategy?: BinStrategy;
}
const ECE_OPTIONS = keysOf<EceOptions>({ nBins: true, strategy: true });

/**
 * Expected calibration error: Σ_b (n_b / n) · |mean label_b − mean probability_b| over the bins of
 * `calibrationCurve` (so the number is consistent with the reliability chart).
 */
export function expectedCalibrationError(labels: ArrayLike<number>, probabilities: ArrayLike<number>, options: EceOptions = {}): number {
  checkArity('expectedCalibrationError', arguments, ['labels', 'probabilities', 'options']);
  checkKeys('expectedCalibrationError', 'options', options, ECE_OPTIONS);
  const { nBins = 10, strategy = 'uniform' } = options;
  checkIntOption('expectedCalibrationError', 'nBins', nBins, 1);
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new EvalError('INVALID_OPTION', messages.invalidOption('expectedCalibrationError', 'strategy', strategy, "'uniform' or 'quantile'"));
  }
  checkSameLength('expectedCalibrationError', labels, 'labels', probabilities, 'probabilities');
  countPositives('expectedCalibrationError', labels);
  checkProbabilities('expectedCalibrationError', probabilities);
  const bins = calibrationBins(labels, probabilities, nBins, strategy);
  let ece = 0;
  for (let b = 0; b < nBins; b++) {
    const c = bins.count[b]!;
    if (c > 0) ece += Math.abs(bins.sumTrue[b]! - bins.sumProb[b]!) / labels.length;
  }
  return ece;
}
