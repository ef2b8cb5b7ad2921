import type { LabeledRatings, RatingsTable } from './tables';
import { InvalidOptionError } from './errors';
import { messages as msg } from './messages';
import { checkArity, checkKeys, keysOf } from './check-args';

export type LabelOptions = {
  /** A rating ≥ threshold is positive. Default 4 (the original's `rating >= 4`). */
  readonly threshold?: number;
};
const LABEL_OPTIONS = keysOf<LabelOptions>({ threshold: true });

/** Adds a 0/1 `label` column; the other columns are shared with the input, not copied. */
export function labelRatings(ratings: RatingsTable, options: LabelOptions = {}): LabeledRatings {
  checkArity('labelRatings', arguments, ['ratings', 'options']);
  checkKeys('labelRatings', 'options', options, LABEL_OPTIONS);
  const { threshold = 4 } = options;
  if (!Number.isFinite(threshold)) throw new InvalidOptionError('threshold', msg.invalidOption('threshold', threshold, 'a finite number'));
  const label = new Uint8Array(ratings.length);
  const r = ratings.rating;
  for (let i = 0; i < label.length; i++) label[i] = r[i]! >= threshold ? 1 : 0;
  return { length: ratings.length, userId: ratings.userId, movieId: ratings.movieId, rating: ratings.rating, timestamp: ratings.timestamp, label };
}
