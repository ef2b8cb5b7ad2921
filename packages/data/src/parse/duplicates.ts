import type { RatingsTable } from '../tables';

/**
 * Counts ratings whose (userId, movieId) pair already occurred, in O(n): rows are grouped
 * by user with a counting sort, then each user's movies are stamped in one array indexed by
 * movieId (no hash map of millions of pairs, no comparison sort).
 */
export function countDuplicatePairs(r: RatingsTable): { count: number; example?: { userId: number; movieId: number } } {
  const n = r.length;
  let maxUser = 0;
  let maxMovie = 0;
  for (let i = 0; i < n; i++) {
    if (r.userId[i]! > maxUser) maxUser = r.userId[i]!;
    if (r.movieId[i]! > maxMovie) maxMovie = r.movieId[i]!;
  }
  const start = new Int32Array(maxUser + 2);
  for (let i = 0; i < n; i++) start[r.userId[i]! + 1]!++;
  for (let u = 1; u < start.length; u++) start[u]! += start[u - 1]!;
  const fill = start.slice(0, maxUser + 1);
  const byUser = new Int32Array(n);
  for (let i = 0; i < n; i++) byUser[fill[r.userId[i]!]!++] = r.movieId[i]!;
  const stamp = new Int32Array(maxMovie + 1); // last user (id + 1) seen per movie
  let count = 0;
  let example: { userId: number; movieId: number } | undefined;
  for (let u = 0; u <= maxUser; u++) {
    for (let p = start[u]!; p < start[u + 1]!; p++) {
      const m = byUser[p]!;
      if (stamp[m] === u + 1) {
        count++;
        example ??= { userId: u, movieId: m };
      } else stamp[m] = u + 1;
    }
  }
  return example ? { count, example } : { count };
}
