import type { LabeledRatings, Split } from '../tables';
import { InvalidOptionError } from '../errors';
import { messages as msg } from '../messages';
import { takeRows } from '../take-rows';
import { timeOrder } from './time-order';
import { checkArity, checkKeys, keysOf } from '../check-args';

export type SplitByTimeOptions = {
  /** train / valid / test shares of the rows, summing to 1. Default [0.8, 0.1, 0.1]. */
  readonly fractions?: readonly [number, number, number];
};
const SPLIT_OPTIONS = keysOf<SplitByTimeOptions>({ fractions: true });

/**
 * Global chronological split by row count, as the original: rows sorted stably by timestamp
 * (file order among ties), then cut at `floor(n * f0)` and `floor(n * (f0 + f1))`.
 */
export function splitByTime(labeled: LabeledRatings, options: SplitByTimeOptions = {}): Split {
  checkArity('splitByTime', arguments, ['labeled', 'options']);
  checkKeys('splitByTime', 'options', options, SPLIT_OPTIONS);
  const { fractions = [0.8, 0.1, 0.1] } = options;
  validateFractions(fractions);
  const n = labeled.length;
  // Rounded so the default cut is pandas' int(n * 0.9) exactly, not int(n * 0.9000000000000001).
  const c1 = fractions[0];
  const c2 = Math.round((fractions[0] + fractions[1]) * 1e12) / 1e12;
  const a = Math.floor(n * c1);
  const b = Math.floor(n * c2);
  const order = timeOrder(labeled.timestamp, n);
  const indices = { train: order.slice(0, a), valid: order.slice(a, b), test: order.slice(b) };
  return {
    train: takeRows(labeled, indices.train),
    valid: takeRows(labeled, indices.valid),
    test: takeRows(labeled, indices.test),
    indices,
  };
}

function validateFractions(f: readonly number[]): void {
  const ok = f.length === 3 && f.every((x) => Number.isFinite(x) && x >= 0) && Math.abs(f[0]! + f[1]! + f[2]! - 1) < 1e-9;
  if (!ok) throw new InvalidOptionError('fractions', msg.invalidOption('fractions', f, 'three non-negative numbers summing to 1'));
}
