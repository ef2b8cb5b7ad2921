import { createRng, takeRows } from '@abt/data';
import type { Prepared } from './data-source';

/**
 * `--cv-sample n`: the prepared data with train replaced by a seeded uniform random subsample of
 * `n` of its rows, kept in their order (so time order, and with it 'time' folds, stay meaningful).
 * Selection sampling (Knuth's algorithm S): one pass, every n-subset equally likely, same seed →
 * same rows. Without `n`, or with n ≥ train rows, the data as it is.
 */
export function cvSubsample(data: Prepared, n: number | undefined, seed: number): Prepared {
  const total = data.train.length;
  if (n === undefined || n >= total) return data;
  const rng = createRng(seed);
  const picked = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < total && k < n; i++) {
    if ((total - i) * rng() < n - k) picked[k++] = i;
  }
  return { ...data, train: takeRows(data.train, picked) };
}
