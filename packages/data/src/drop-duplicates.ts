import type { RatingsTable } from './tables';
import { checkArity } from './check-args';
import { takeRows } from './take-rows';

/** What `dropDuplicateRatings` removed. */
export type DroppedDuplicates<T extends RatingsTable> = {
  readonly ratings: T;
  /** Rows removed. */
  readonly dropped: number;
  /** The first few removed pairs (file row index of the removed rating). */
  readonly examples: readonly { readonly row: number; readonly userId: number; readonly movieId: number }[];
};

/**
 * Keeps one rating per (userId, movieId) pair: the latest by timestamp (a tie: the later row), i.e.
 * the user's last word on the item. Row order is otherwise kept.
 */
export function dropDuplicateRatings<T extends RatingsTable>(ratings: T, maxExamples = 5): DroppedDuplicates<T> {
  checkArity('dropDuplicateRatings', arguments, ['ratings', 'maxExamples']);
  const latest = new Map<number, Map<number, number>>();
  const keep = new Uint8Array(ratings.length).fill(1);
  const examples: { row: number; userId: number; movieId: number }[] = [];
  let dropped = 0;
  for (let i = 0; i < ratings.length; i++) {
    let byMovie = latest.get(ratings.userId[i]!);
    if (byMovie === undefined) latest.set(ratings.userId[i]!, (byMovie = new Map()));
    const j = byMovie.get(ratings.movieId[i]!);
    if (j === undefined) {
      byMovie.set(ratings.movieId[i]!, i);
      continue;
    }
    const loser = ratings.timestamp[i]! >= ratings.timestamp[j]! ? j : i;
    if (loser === j) byMovie.set(ratings.movieId[i]!, i);
    keep[loser] = 0;
    dropped++;
    if (examples.length < maxExamples) examples.push({ row: loser, userId: ratings.userId[loser]!, movieId: ratings.movieId[loser]! });
  }
  if (dropped === 0) return { ratings, dropped, examples };
  const rows = new Int32Array(ratings.length - dropped);
  for (let i = 0, k = 0; i < ratings.length; i++) if (keep[i]) rows[k++] = i;
  return { ratings: takeRows(ratings, rows), dropped, examples };
}
