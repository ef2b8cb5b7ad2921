import { EvalError } from '../errors';
import { messages } from '../messages';
import { type Rng, shuffleInPlace, toRng } from '../random';
import { checkIntOption, countPositives, checkSameLength } from '../validate';
import { foldsFromAssignment, type Fold } from './fold';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface GroupKFoldOptions {
  /** Number of folds; default 5. */
  readonly k?: number;
  /** Seed (or RNG) that orders groups of equal size; default 0. */
  readonly seed?: number | Rng;
  /** When given, K larger than the number of positives throws. */
  readonly labels?: ArrayLike<number>;
}
const GROUP_K_FOLD_OPTIONS = keysOf<GroupKFoldOptions>({ k: true, seed: true, labels: true });

/**
 * Folds where every group (e.g. a user) lands in exactly one held-out fold, so no user is both
 * trained on and scored. Groups are shuffled with the seed, then placed largest first into the
 * currently smallest fold (scikit-learn's GroupKFold balancing, with seeded tie-breaking).
 */
export function groupKFold(groups: ArrayLike<number>, options: GroupKFoldOptions = {}): Fold[] {
  checkArity('groupKFold', arguments, ['groups', 'options']);
  checkKeys('groupKFold', 'options', options, GROUP_K_FOLD_OPTIONS);
  const { k = 5, seed = 0, labels } = options;
  const where = 'groupKFold';
  checkIntOption(where, 'k', k, 2);
  if (labels) {
    checkSameLength(where, groups, 'groups', labels, 'labels');
    const pos = countPositives(where, labels);
    if (pos < k) throw new EvalError('INVALID_OPTION', messages.tooFewPerClass(where, k, 1, pos));
  }
  const sizes = new Map<number, number>();
  for (let i = 0; i < groups.length; i++) sizes.set(groups[i]!, (sizes.get(groups[i]!) ?? 0) + 1);
  if (sizes.size < k) throw new EvalError('INVALID_OPTION', messages.tooFewGroups(where, k, sizes.size));
  const ids = [...sizes.keys()].sort((a, b) => a - b);
  const order = shuffleInPlace(Uint32Array.from(ids.keys()), toRng(seed, 0, 'groupKFold'));
  // Stable sort by size after the shuffle: equal-size groups keep their seeded order.
  const ordered = Array.from(order, (j) => ids[j]!).sort((a, b) => sizes.get(b)! - sizes.get(a)!);
  const foldOf = new Map<number, number>();
  const load = new Float64Array(k);
  for (const g of ordered) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(g, best);
    load[best]! += sizes.get(g)!;
  }
  const assign = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) assign[i] = foldOf.get(groups[i]!)!;
  return foldsFromAssignment(assign, k);
}
