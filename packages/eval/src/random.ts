import { type Rng, seededRng } from '../../../internal/random';
import { checkArity } from './check-args';
import { EvalError } from './errors';
import { messages } from './messages';

export { type Rng, shuffleInPlace } from '../../../internal/random';

/**
 * abt's seeded PRNG (`internal/random.ts`: sfc32 seeded through splitmix32), floats in [0, 1):
 * the same generator as `@abt/data`'s `createRng`, so a seed gives one stream whichever package
 * it reaches. Folds and bootstraps stay reproducible on every platform.
 */
export function createRng(seed: number): Rng {
  checkArity('createRng', arguments, ['seed']);
  return toRng(seed, 0, 'createRng');
}

/**
 * A seed makes a fresh stream; an Rng is used as given. `fn` names the caller in the error for a
 * seed that is not a finite number.
 */
export function toRng(seedOrRng: number | Rng | undefined, fallbackSeed: number, fn: string): Rng {
  if (typeof seedOrRng === 'function') return seedOrRng;
  const seed = seedOrRng ?? fallbackSeed;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new EvalError('INVALID_OPTION', messages.badSeed(fn, seed));
  return seededRng(seed);
}
