import { EvalError } from '../errors';
import { messages } from '../messages';
import { checkFinite, checkIntOption } from '../validate';
import type { Fold } from './fold';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface TimeSeriesSplitOptions {
  /** Number of splits; default 5. */
  readonly k?: number;
  /** Rows left out between the end of train and the start of the test block; default 0. */
  readonly gap?: number;
}
const TIME_SERIES_OPTIONS = keysOf<TimeSeriesSplitOptions>({ k: true, gap: true });

/**
 * Forward-chaining folds as scikit-learn's TimeSeriesSplit: rows ordered by `times` (stable, so
 * equal timestamps keep file order), cut into k + 1 blocks; fold i trains on every row before
 * block i + 1 and scores block i + 1. There is no random choice, hence no seed.
 */
export function timeSeriesSplit(times: ArrayLike<number>, options: TimeSeriesSplitOptions = {}): Fold[] {
  checkArity('timeSeriesSplit', arguments, ['times', 'options']);
  checkKeys('timeSeriesSplit', 'options', options, TIME_SERIES_OPTIONS);
  const { k = 5, gap = 0 } = options;
  const where = 'timeSeriesSplit';
  checkIntOption(where, 'k', k, 2);
  checkIntOption(where, 'gap', gap, 0);
  checkFinite(where, times, 'times');
  const n = times.length;
  const testSize = Math.floor(n / (k + 1));
  if (testSize < 1 || n - k * testSize - gap < 1) throw new EvalError('INVALID_OPTION', messages.tooFewRows(where, k + 1 + gap, n));
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const testStart = n - (k - f) * testSize;
    const train = order.slice(0, testStart - gap).sort();
    const test = order.slice(testStart, testStart + testSize).sort();
    folds.push({ trainIdx: train, testIdx: test });
  }
  return folds;
}
