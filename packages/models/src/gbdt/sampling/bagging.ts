import { LgbRandom } from './random';

/** LightGBM bags in blocks of 1024 rows, block b drawing from `Random(bagging_seed + b)`. */
const BLOCK = 1024;

/** Row bagging (LightGBM `BaggingSampleStrategy`): one seeded stream per block, kept across rounds. */
export class Bagging {
  readonly #rands: LgbRandom[];
  readonly #fraction: number;
  readonly #n: number;
  constructor(n: number, fraction: number, seed: number) {
    this.#n = n;
    this.#fraction = fraction;
    this.#rands = Array.from({ length: Math.ceil(n / BLOCK) }, (_, b) => new LgbRandom(seed + b));
  }
  /** Writes the in-bag rows (ascending) into `out`, returns how many. */
  sample(out: Int32Array): number {
    let cnt = 0;
    const f = this.#fraction;
    for (let b = 0; b < this.#rands.length; b++) {
      const r = this.#rands[b]!;
      const end = Math.min(this.#n, (b + 1) * BLOCK);
      for (let i = b * BLOCK; i < end; i++) if (r.nextFloat() < f) out[cnt++] = i;
    }
    return cnt;
  }
}
