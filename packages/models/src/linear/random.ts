/** mulberry32: small, fast, seedable; the RNG is created inside `fit` from the stored seed. */
export function createRng(seed: number): () => number {
  // Fold the high bits in so seeds that differ only above 2^32 still differ.
  let a = ((seed >>> 0) ^ Math.floor(seed / 4294967296)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
