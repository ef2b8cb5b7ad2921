import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkSameLength } from '../validate';
import { checkSampleWeight, type SampleWeightOptions } from './sample-weight';

/** The original pipeline's clipping bound: probabilities clipped to [1e-7, 1 − 1e-7]. */
export const ORIGINAL_LOGLOSS_CLIP = 1e-7;

export interface LogLossOptions extends SampleWeightOptions {
  /**
   * Clip p and 1 − p to [clip, 1 − clip] before the log. Default `Number.EPSILON` (float64 machine
   * epsilon), which is what scikit-learn's `log_loss` does; `ORIGINAL_LOGLOSS_CLIP` (1e-7) reproduces
   * the original pipeline; 0 means no clipping (a confident miss then costs Infinity).
   */
  readonly clip?: number;
}
const LOG_LOSS_OPTIONS = keysOf<LogLossOptions>({ clip: true, sampleWeight: true });

/**
 * Mean binary cross-entropy, scikit-learn's `log_loss(y, p, labels=[0, 1])`; with `sampleWeight`
 * the weighted mean Σ w·loss / Σ w (`sample_weight`), rows of weight 0 not counted. Probabilities
 * outside [0, 1], NaN or a length mismatch throw `EvalError`. Summation is compensated (Neumaier)
 * so 10M rows keep ~1e-15 relative accuracy.
 */
export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>, options: LogLossOptions = {}): number {
  checkArity('logLoss', arguments, ['labels', 'probabilities', 'options']);
  checkKeys('logLoss', 'options', options, LOG_LOSS_OPTIONS);
  const { clip = Number.EPSILON } = options;
  checkSameLength('logLoss', labels, 'labels', probabilities, 'probabilities');
  if (labels.length === 0) throw new EvalError('INVALID_INPUT', messages.empty('logLoss', 'labels'));
  const weights = checkSampleWeight('logLoss', options.sampleWeight, labels);
  const lo = clip;
  const hi = 1 - clip;
  // Neumaier-compensated sums of the (weighted) losses and of the weights.
  let sum = 0;
  let comp = 0;
  let total = 0;
  let totalComp = 0;
  let infinite = false;
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!;
    const y = labels[i];
    // Validation in the same pass: this loop runs over millions of rows.
    if (!(p >= 0 && p <= 1)) throw new EvalError('INVALID_INPUT', messages.probabilityOutOfRange('logLoss', i, p));
    if (y !== 0 && y !== 1) throw new EvalError('INVALID_INPUT', messages.notBinary('logLoss', i, y as number));
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0 || infinite) continue;
    // sklearn clips the [1 - p, p] columns separately; do the same for the one that is used.
    let q = y === 1 ? p : 1 - p;
    if (q < lo) q = lo;
    else if (q > hi) q = hi;
    const v = -Math.log(q);
    if (v === Infinity) infinite = true; // only without clipping: a certain miss (keep validating)
    const wv = w * v;
    const t = sum + wv;
    comp += Math.abs(sum) >= Math.abs(wv) ? sum - t + wv : wv - t + sum;
    sum = t;
    if (weights !== undefined) {
      const u = total + w;
      totalComp += Math.abs(total) >= w ? total - u + w : w - u + total;
      total = u;
    }
  }
  if (infinite) return Infinity;
  return (sum + comp) / (weights === undefined ? labels.length : total + totalComp);
}
