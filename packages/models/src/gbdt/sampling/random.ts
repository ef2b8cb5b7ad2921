/**
 * LightGBM's `Random` (include/LightGBM/utils/random.h): a 32-bit LCG. Using the same
 * generator makes seed derivation and bagging streams match LightGBM's structure.
 */
export class LgbRandom {
  #x: number;
  constructor(seed: number) {
    this.#x = seed >>> 0;
  }
  #step(): number {
    this.#x = (Math.imul(214013, this.#x) + 2531011) >>> 0;
    return this.#x;
  }
  /** Integer in [lower, upper). */
  nextShort(lower: number, upper: number): number {
    return (((this.#step() >>> 16) & 0x7fff) % (upper - lower)) + lower;
  }
  /** Integer in [lower, upper). */
  nextInt(lower: number, upper: number): number {
    return ((this.#step() & 0x7fffffff) % (upper - lower)) + lower;
  }
  /** Float in [0, 1), float32 precision like LightGBM. */
  nextFloat(): number {
    return Math.fround(((this.#step() >>> 16) & 0x7fff) / 32768);
  }
  /** K distinct sorted indices out of N (LightGBM `Random::Sample`). */
  sample(N: number, K: number): number[] {
    const ret: number[] = [];
    if (K > N || K <= 0) return ret;
    if (K === N) {
      for (let i = 0; i < N; i++) ret.push(i);
    } else if (K > 1 && K > N / Math.log2(K)) {
      for (let i = 0; i < N; i++) {
        const prob = (K - ret.length) / (N - i);
        if (this.nextFloat() < prob) ret.push(i);
      }
    } else {
      // Floyd's algorithm, as in LightGBM 4.x
      const set = new Set<number>();
      for (let r = N - K; r < N; r++) {
        const v = this.nextInt(0, r + 1);
        if (set.has(v)) set.add(r);
        else set.add(v);
      }
      ret.push(...[...set].sort((a, b) => a - b));
    }
    return ret;
  }
}
