/**
 * abt's one seeded PRNG. Packages may not depend on each other (ARCHITECTURE.md), so this file
 * is compiled into each package that draws random numbers (`@abt/data`, `@abt/eval`,
 * `@abt/models`): one algorithm, one stream per seed, whichever package a caller reaches it from.
 * It validates nothing: each package's public `createRng` checks its arguments with its own errors.
 */

/** A source of uniform numbers in [0, 1); every random choice in abt takes one (or a seed). */
export type Rng = () => number;

const TWO_32 = 4294967296;

/**
 * sfc32 seeded through splitmix32, so nearby seeds give unrelated streams; floats in [0, 1) with
 * 32 bits of randomness. Seeds in [-2^31, 2^32) use their 32 bits; beyond that range the high
 * word is folded in, so seeds that differ only there differ too. No global state.
 */
export function seededRng(seed: number): Rng {
  let s = ((seed >>> 0) ^ 0x9e3779b9) >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    return scramble(s);
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  if (seed < -0x80000000 || seed >= TWO_32) {
    // Outside the 32-bit range the low word alone would collide with a 32-bit seed: fold the rest in.
    const high = Math.floor(seed / TWO_32);
    d = (d ^ scramble(high >>> 0) ^ scramble((Math.floor(high / TWO_32) >>> 0) ^ 0x85ebca6b)) >>> 0;
  }
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / TWO_32;
  };
  for (let i = 0; i < 12; i++) next(); // sfc32's recommended warm-up
  return next;
}

/** splitmix32's finalizer: a 32-bit word in, a well-mixed 32-bit word out. */
function scramble(x: number): number {
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A standard normal draw (Box–Muller) from a uniform RNG. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates shuffle in place; returns the array. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}
