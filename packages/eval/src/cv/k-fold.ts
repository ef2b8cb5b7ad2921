import { EvalError } from '../errors';
import { messages } from '../messages';
import { type Rng, shuffleInPlace, toRng } from '../random';
import { checkIntOption, countPositives } from '../validate';
import { foldsFromAssignment, type Fold } from './fold';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface KFoldOptions {
  /** Number of folds; default 5. */
  readonly k?: number;
  /** Seed (or RNG) for the shuffle; default 0. */
  readonly seed?: number | Rng;
  /** Keep the class balance in every fold; default true. */
  readonly stratified?: boolean;
}
const K_FOLD_OPTIONS = keysOf<KFoldOptions>({ k: true, seed: true, stratified: true });

/**
 * K-fold split of `labels.length` rows, shuffled with the seed. Stratified (default): each class is
 * shuffled and dealt round-robin, so every fold has ⌊c/k⌋ or ⌈c/k⌉ rows of each class c. K larger
 * than the number of positives (or negatives) throws: a fold would have no positive to score.
 */
export function kFold(labels: ArrayLike<number>, options: KFoldOptions = {}): Fold[] {
  checkArity('kFold', arguments, ['labels', 'options']);
  checkKeys('kFold', 'options', options, K_FOLD_OPTIONS);
  const { k = 5, seed = 0, stratified = true } = options;
  const where = 'kFold';
  const n = labels.length;
  checkIntOption(where, 'k', k, 2);
  const positives = countPositives(where, labels);
  if (n < k) throw new EvalError('INVALID_OPTION', messages.tooFewRows(where, k, n));
  const rng = toRng(seed, 0, 'kFold');
  const assign = new Int32Array(n);
  if (stratified) {
    for (const [cls, count] of [
      [1, positives],
      [0, n - positives],
    ] as const) {
      if (count < k) throw new EvalError('INVALID_OPTION', messages.tooFewPerClass(where, k, cls, count));
    }
    // Class 0 continues the round-robin where class 1 stopped, so fold sizes differ by at most one.
    let next = 0;
    for (const cls of [1, 0]) {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (labels[i] === cls) idx.push(i);
      const arr = shuffleInPlace(Uint32Array.from(idx), rng);
      for (const i of arr) assign[i] = next++ % k;
    }
  } else {
    if (positives < k) throw new EvalError('INVALID_OPTION', messages.tooFewPerClass(where, k, 1, positives));
    const arr = shuffleInPlace(
      Uint32Array.from({ length: n }, (_, i) => i),
      rng,
    );
    arr.forEach((row, j) => (assign[row] = j % k));
  }
  return foldsFromAssignment(assign, k);
}
