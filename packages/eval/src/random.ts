import { checkArity } from './check-args';
/** A source of uniform numbers in [0, 1); every random choice in @abt/eval takes one (or a seed). */
export type Rng = () => number;

/**
 * Seeded PRNG (mulberry32 over a splitmix32-scrambled seed): small, fast, and the same
 * seed gives the same stream on every platform, which keeps folds and bootstraps reproducible.
 */
export function createRng(seed: number): Rng {
  checkArity('createRng', arguments, ['seed']);
  let s = splitmix32((seed >>> 0) ^ Math.floor(seed / 0x100000000));
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** Uniform integer in [0, n). */
function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** Accepts a seed or an RNG; a seed makes a fresh stream. */
export function toRng(seedOrRng: number | Rng | undefined, fallbackSeed = 0): Rng {
  if (typeof seedOrRng === 'function') return seedOrRng;
  return createRng(seedOrRng ?? fallbackSeed);
}
