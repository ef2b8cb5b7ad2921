import { createRng } from '@abt/data';

/**
 * `n` distinct row indices out of `total`, chosen by a seeded partial Fisher–Yates shuffle and
 * returned in ascending (time) order; the same seed always shows the same rows.
 */
export function sampleRows(total: number, n: number, seed: number): Int32Array {
  const k = Math.min(n, total);
  const rng = createRng(seed);
  const pool = Int32Array.from({ length: total }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (total - i));
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
  }
  return pool.slice(0, k).sort();
}
