import { checkArity } from './check-args';
/**
 * Seeded PRNG: sfc32 seeded through splitmix32, so nearby seeds give unrelated streams.
 * Returns floats in [0, 1) with 32 bits of randomness. No global state: each call makes a
 * fresh, independent generator.
 */
export function createRng(seed: number): () => number {
  checkArity('createRng', arguments, ['seed']);
  let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // sfc32's recommended warm-up
  return next;
}

/** A standard normal draw (Box–Muller) from a uniform RNG. */
export function normal(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
