import type { LgbRandom } from './random';

/**
 * Per-tree feature sampling (LightGBM `ColSampler`). Like LightGBM, the constructor already draws
 * once (`SetTrainingData` → `ResetByTree`), so tree k uses the (k+2)-th draw of the stream.
 */
export class FeatureSampler {
  readonly #valid: readonly number[];
  readonly #fraction: number;
  readonly #rng: LgbRandom;
  readonly #numFeatures: number;
  readonly #count: number;
  constructor(valid: readonly number[], fraction: number, rng: LgbRandom, numFeatures: number) {
    this.#valid = valid;
    this.#fraction = fraction;
    this.#rng = rng;
    this.#numFeatures = numFeatures;
    const total = valid.length;
    // LightGBM ColSampler::GetCnt: round, at least min(2, total)
    this.#count = Math.max(Math.min(2, total), Math.round(total * fraction));
    this.next();
  }
  /** Mask of the features one tree may split on. */
  next(): Uint8Array {
    const used = new Uint8Array(this.#numFeatures);
    if (this.#fraction >= 1) {
      for (const f of this.#valid) used[f] = 1;
      return used;
    }
    for (const i of this.#rng.sample(this.#valid.length, this.#count)) used[this.#valid[i]!] = 1;
    return used;
  }
}
