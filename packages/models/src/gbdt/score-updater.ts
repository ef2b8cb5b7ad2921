/**
 * The raw scores of the training and valid rows (LightGBM `ScoreUpdater`): they start at the init
 * score, and each new tree is added once, by one path — in-bag training rows by their leaf in the
 * tree learner's partition, out-of-bag and valid rows by walking the tree over their bins — on all
 * threads when the workers run. Scores live in two buffers each; a tree is written from the
 * current one into the other (see score-kernel.ts), which then becomes current.
 */
import { NODE_STRIDE, ROW_CHUNK, type TrainingMemory } from './parallel/training-memory';
import type { TrainingWorkers } from './parallel/training-workers';
import { packTree, scoreItem, scoreItems, type ScoreJob } from './parallel/score-kernel';
import type { TreeArrays } from './tree';

export class ScoreUpdater {
  readonly #mem: TrainingMemory;
  readonly #workers: TrainingWorkers | undefined;
  #cur: 0 | 1 = 0;

  /** With `workers`, trees are added on all threads while they run (a failed pool closes and this goes on alone). */
  constructor(mem: TrainingMemory, workers: TrainingWorkers | undefined) {
    this.#mem = mem;
    this.#workers = workers;
  }

  /** Current raw training scores. */
  get train(): Float64Array {
    return this.#mem.scores[this.#cur];
  }

  /** Current raw valid scores, when there are valid rows. */
  get valid(): Float64Array | undefined {
    return this.#mem.validScores?.[this.#cur];
  }

  /** Which of the two buffers holds the current scores (gradient jobs read it). */
  get current(): 0 | 1 {
    return this.#cur;
  }

  /** Every score set to `value` (LightGBM `BoostFromScore`). */
  init(value: number): void {
    this.train.fill(value);
    this.valid?.fill(value);
  }

  /**
   * Adds a grown (shrunk) tree: the first `bagCnt` partition positions are the in-bag rows by leaf
   * (`mem.begin` / `mem.count`, as the tree learner left them), `mem.oob[0, n - bagCnt)` the others.
   */
  addTree(tree: TreeArrays, thresholdBin: Int32Array, bagCnt: number): void {
    const mem = this.#mem;
    if (tree.numLeaves - 1 > mem.nodes.length / NODE_STRIDE) throw new RangeError('tree larger than the packed-tree buffer');
    packTree(tree, thresholdBin, mem);
    const n = mem.train.rows;
    const j: ScoreJob = { numLeaves: tree.numLeaves, bagCnt, oobCnt: n - bagCnt, validCnt: mem.valid?.rows ?? 0, src: this.#cur, chunk: ROW_CHUNK };
    const workers = this.#workers;
    if (workers?.open && n > ROW_CHUNK) workers.scoreTree(j);
    else for (let k = 0, items = scoreItems(j); k < items; k++) scoreItem(k, j, mem);
    this.#cur = this.#cur === 0 ? 1 : 0;
  }
}
