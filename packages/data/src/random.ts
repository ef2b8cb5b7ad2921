import { type Rng, seededRng } from '../../../internal/random';
import { checkArity } from './check-args';
import { InvalidOptionError } from './errors';
import { messages as msg } from './messages';

export { normal } from '../../../internal/random';

/**
 * abt's seeded PRNG (`internal/random.ts`: sfc32 seeded through splitmix32), floats in [0, 1).
 * `@abt/eval`'s `createRng` is the same generator: one seed, one stream, whichever package.
 * No global state: each call makes a fresh, independent generator.
 */
export function createRng(seed: number): Rng {
  checkArity('createRng', arguments, ['seed']);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new InvalidOptionError('seed', msg.badSeed('createRng', seed));
  return seededRng(seed);
}
