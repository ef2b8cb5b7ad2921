/** LightGBM bags in blocks of 1024 rows, block b drawing from `Random(bagging_seed + b)`. */
const BLOCK = 1024;

/**
 * Row bagging (LightGBM `BaggingSampleStrategy`): one seeded stream per block, kept across rounds.
 * The streams are `LgbRandom`'s LCG, held as raw states in one array so the per-row draw is a
 * multiply-add and an integer compare (it runs for every row every round).
 */
export class Bagging {
  readonly #states: Uint32Array;
  /** `nextFloat() < fraction` ⇔ `k / 32768 < fraction` ⇔ `k < fraction · 32768` (k/32768 is exact in float32) ⇔ `k < ceil(fraction · 32768)` for the integer k. */
  readonly #threshold: number;
  readonly #n: number;
  constructor(n: number, fraction: number, seed: number) {
    this.#n = n;
    this.#threshold = Math.ceil(fraction * 32768);
    this.#states = new Uint32Array(Math.ceil(n / BLOCK));
    for (let b = 0; b < this.#states.length; b++) this.#states[b] = (seed + b) >>> 0;
  }
  /** Writes the in-bag rows (ascending) into `out` and the others into `oob`, returns how many are in the bag. */
  sample(out: Int32Array, oob: Int32Array): number {
    let cnt = 0;
    let k = 0;
    const t = this.#threshold;
    const states = this.#states;
    for (let b = 0; b < states.length; b++) {
      let x = states[b]!;
      const end = Math.min(this.#n, (b + 1) * BLOCK);
      for (let i = b * BLOCK; i < end; i++) {
        // LgbRandom.nextFloat without the object: same LCG step, same 15 bits
        x = (Math.imul(214013, x) + 2531011) >>> 0;
        // branch-free (a fifth of the rows leave the bag at random): the row goes to both lists and only its own advances
        const inBag = (((x >>> 16) & 0x7fff) - t) >>> 31;
        out[cnt] = i;
        oob[k] = i;
        cnt += inBag;
        k += 1 - inBag;
      }
      states[b] = x;
    }
    return cnt;
  }
}
