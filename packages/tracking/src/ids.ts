import { randomUUID } from 'node:crypto';
import { checkCall } from './arguments';

/** Produces ids: MLflow uses uuid4 hex for runs and `m-<uuid4 hex>` for logged models. Injectable for determinism. */
export type IdGenerator = () => string;

export const uuidHex: IdGenerator = (...args: unknown[]) => {
  checkCall('uuidHex', args, 0);
  return randomUUID().replace(/-/g, '');
};

/** A deterministic generator for tests and reproducible examples: 32 hex from a seeded counter. */
export function seededIds(seed: number): IdGenerator {
  checkCall('seededIds', arguments, 1);
  let state = seed >>> 0;
  return () => {
    let out = '';
    for (let i = 0; i < 4; i++) {
      // mulberry32 step: a seeded 32-bit PRNG, so the same seed yields the same id sequence.
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out += ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
    }
    return out;
  };
}

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
