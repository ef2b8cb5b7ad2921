/**
 * Leaf-wise (best-first) tree growth, LightGBM `SerialTreeLearner::Train`: split the leaf with the
 * largest gain until num_leaves; build the smaller child's histogram and get the larger one by
 * subtraction from the parent's.
 */
import type { BinnedDataset } from '../dataset/binned-dataset';
import { TreeBuilder } from '../tree';
import { buildHistogram, subtractHistogram } from './histogram';
import { HistogramPool } from '../parallel/histogram-pool';
import { Partition } from './partition';
import type { Objective, ObjectiveSpec } from '../objective';
import { ROW_CHUNK } from '../parallel/row-kernels';
import { NODE_STRIDE, packTree, scoreItem, scoreItems, type ScoreJob, type ScoreMemory } from '../parallel/score-kernel';
import type { TreeArrays } from '../tree';
import { LEAF_FIELDS, mergeSplit, SPLIT_FIELDS, splittableAt, type SplitMemory } from '../parallel/split-kernel';

/**
 * Split searches go to the workers only when they are big enough to pay for a hand-off: at least
 * this many (leaf, feature) pairs, with on average at least `MIN_SPLIT_BINS` bins per feature
 * (thousands of 2-bin one-hot features are a quick scan: handing them out cost 20 % more CPU on
 * ml-100k).
 */
const MIN_PARALLEL_SPLIT = 64;
const MIN_SPLIT_BINS = 16;

/** Smaller data sets train on one thread: starting workers and handing off jobs would cost more than they save. */
const MIN_POOL_ROWS = 20_000;
import { emptySplit, findBestThreshold, isBetterSplit, K_EPSILON, leafOutput, type SplitConfig, type SplitInfo } from './split';
import { shareableBuffer } from '../parallel/shared-buffer';

export type LearnerConfig = SplitConfig & { numLeaves: number; maxDepth: number };

/**
 * What gradient and score jobs need: labels, the objective by name (workers rebuild it), and the
 * valid rows in training bins (shared columns, `binDenseLike`) when there is dense valid data.
 */
export type LearnerTarget = {
  labels: ArrayLike<number>;
  objective: ObjectiveSpec;
  valid?: { dense: readonly (Uint8Array | Uint16Array | null)[]; rows: number };
};

const sharedF64 = (n: number) => new Float64Array(shareableBuffer(8 * n));

export class LeafWiseLearner {
  readonly partition: Partition;
  /** Gradients and hessians per row, written by the caller before each `train` (shared with the workers). */
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  readonly #labels: Float64Array;
  /** Score buffers (train, valid: two each, `#cur` holds the current scores), packed tree, out-of-bag rows. */
  readonly #score: ScoreMemory;
  #cur: 0 | 1 = 0;
  #bagCnt = 0;
  readonly #ds: BinnedDataset;
  readonly #c: LearnerConfig;
  readonly #hists: Float64Array[];
  readonly #ordered: Float32Array;
  readonly #best: SplitInfo[];
  /**
   * Per leaf, per feature: LightGBM's `is_splittable` (whether the leaf's search found any valid
   * threshold on it). A leaf's children do not search the features their parent could not split.
   */
  readonly #splittable: Uint8Array[];
  /** Features the current pair of children search (used by the tree and splittable in their parent). */
  readonly #search: Uint8Array;
  readonly #sumG: Float64Array;
  readonly #sumH: Float64Array;
  readonly #slotLength: number;
  readonly #pool: HistogramPool | undefined;
  readonly #split: SplitMemory;

  /** `threads` > 1 starts training workers (when the data is big enough to gain from them); call `close()` after training. */
  constructor(ds: BinnedDataset, c: LearnerConfig, target: LearnerTarget, threads = 1) {
    this.#ds = ds;
    this.#c = c;
    this.partition = new Partition(ds.numRows, c.numLeaves);
    this.grad = new Float32Array(shareableBuffer(4 * ds.numRows));
    this.hess = new Float32Array(shareableBuffer(4 * ds.numRows));
    this.#labels = sharedF64(ds.numRows);
    const v = target.valid;
    this.#score = {
      nodes: new Int32Array(shareableBuffer(4 * NODE_STRIDE * Math.max(1, c.numLeaves - 1))),
      leafValues: sharedF64(c.numLeaves),
      idx: this.partition.idx,
      begin: this.partition.begin,
      count: this.partition.count,
      oob: new Int32Array(shareableBuffer(4 * ds.numRows)),
      trainCols: ds.dense,
      train: [sharedF64(ds.numRows), sharedF64(ds.numRows)],
      validCols: v ? v.dense : [],
      valid: v ? [sharedF64(v.rows), sharedF64(v.rows)] : null,
    };
    for (let i = 0; i < ds.numRows; i++) this.#labels[i] = target.labels[i]!;
    // all leaf histograms in one shared buffer: histogram workers address them by slot
    const slotLength = 2 * ds.totalBins;
    const all = new Float64Array(shareableBuffer(8 * slotLength * c.numLeaves));
    this.#slotLength = slotLength;
    this.#hists = Array.from({ length: c.numLeaves }, (_, i) => all.subarray(i * slotLength, (i + 1) * slotLength));
    this.#ordered = new Float32Array(shareableBuffer(8 * ds.numRows));
    this.#best = Array.from({ length: c.numLeaves }, emptySplit);
    this.#splittable = Array.from({ length: c.numLeaves }, () => new Uint8Array(ds.numFeatures));
    this.#search = new Uint8Array(ds.numFeatures);
    this.#sumG = new Float64Array(c.numLeaves);
    this.#sumH = new Float64Array(c.numLeaves);
    this.#split = {
      hists: all,
      slotLength,
      binOffsets: ds.binOffsets,
      mappers: ds.mappers,
      config: c,
      features: new Int32Array(shareableBuffer(4 * Math.max(1, ds.numFeatures))),
      leaves: sharedF64(2 * LEAF_FIELDS),
      out: sharedF64(2 * SPLIT_FIELDS * Math.max(1, ds.numFeatures)),
    };
    const denseUsable = ds.usable.filter((f) => ds.dense[f] !== null).length;
    this.#pool =
      threads > 1 && ds.numRows >= MIN_POOL_ROWS && denseUsable >= 2
        ? HistogramPool.start(threads, ds.numFeatures, {
            dense: ds.dense,
            binOffsets: ds.binOffsets,
            idx: this.partition.idx,
            grad: this.grad,
            hess: this.hess,
            ordered: this.#ordered,
            hists: all,
            slotLength,
            tmp: this.partition.tmp,
            labels: this.#labels,
            score: this.#score,
            split: this.#split,
            objective: target.objective,
          })
        : undefined;
  }

  /** Threads that build histograms (1 when no workers run). */
  get threads(): number {
    return this.#pool?.open ? this.#pool.threads : 1;
  }

  /** Stops the histogram workers. */
  close(): void {
    this.#pool?.close();
  }

  /** Rows out of the bag (ascending) of the current tree; the caller's bagging draw writes them (`addTree` reads them). */
  get oobRows(): Int32Array {
    return this.#score.oob;
  }

  /** Current raw training scores (one of two buffers: `addTree` writes the other and swaps). */
  get scores(): Float64Array {
    return this.#score.train[this.#cur];
  }

  /** Current raw valid scores, when the learner was given valid bins. */
  get validScores(): Float64Array | undefined {
    return this.#score.valid?.[this.#cur];
  }

  /** `grad` / `hess` from `scores` (on all threads when the data is big enough; same values either way). */
  gradients(objective: Objective): void {
    const { scores, grad, hess } = this;
    const labels = this.#labels;
    const n = scores.length;
    const pool = this.#pool;
    if (pool?.open && n > ROW_CHUNK && pool.gradients(n, this.#cur, (a, b) => objective.gradients(scores, labels, grad, hess, a, b))) return;
    objective.gradients(scores, labels, grad, hess);
  }

  /**
   * Adds the just-grown (shrunk) tree to the training scores, in-bag rows by their leaf and
   * out-of-bag rows by a walk over bins, and to the valid scores; on all threads when the pool
   * runs. False (nothing changed) when a split is on a sparse-stored feature: the caller adds it
   * in place on the current buffers instead.
   */
  addTree(tree: TreeArrays, thresholdBin: Int32Array): boolean {
    const sc = this.#score;
    if (!packTree(tree, thresholdBin, this.#ds.mappers, this.#ds.dense, sc.nodes, sc.leafValues)) return false;
    const n = this.#ds.numRows;
    const oobCnt = n - this.#bagCnt;
    const j: ScoreJob = { numLeaves: tree.numLeaves, bagCnt: this.#bagCnt, oobCnt, validCnt: sc.valid ? sc.valid[0].length : 0, src: this.#cur, chunk: ROW_CHUNK };
    const pool = this.#pool;
    if (pool?.open && n > ROW_CHUNK) pool.scoreTree(j);
    else for (let k = 0, items = scoreItems(j); k < items; k++) scoreItem(k, j, sc);
    this.#cur = this.#cur === 0 ? 1 : 0;
    return true;
  }

  #slot(hist: Float64Array): number {
    return hist.byteOffset / (8 * this.#slotLength);
  }

  /** Grows one tree on the in-bag rows from `grad` / `hess`; leaf ranges stay readable in `partition` afterwards. */
  train(bag: Int32Array, bagCnt: number, used: Uint8Array): TreeBuilder {
    const { grad, hess } = this;
    const ds = this.#ds;
    const c = this.#c;
    const part = this.partition;
    const tree = new TreeBuilder(c.numLeaves);
    this.#bagCnt = bagCnt;
    part.reset(bag, bagCnt);
    for (const b of this.#best) Object.assign(b, emptySplit());
    const h0 = this.#hists[0]!;
    const root = buildHistogram({ ds, idx: part.idx, begin: 0, count: bagCnt, grad, hess, features: used, ordered: this.#ordered, hist: h0, slot: this.#slot(h0), pool: this.#pool });
    this.#sumG[0] = root.sumG;
    this.#sumH[0] = root.sumH;
    tree.t.leafValue[0] = leafOutput(root.sumG, root.sumH, c);
    tree.t.leafCount[0] = bagCnt;
    tree.t.leafWeight[0] = root.sumH;
    // the root searches every feature the tree may use (LightGBM BeforeFindBestSplit: unless it is too small)
    this.#search.set(used);
    if (!(bagCnt < c.minDataInLeaf * 2)) this.#findBestOf([0], tree);
    for (let s = 1; s < c.numLeaves; s++) {
      // LightGBM ArrayArgs::ArgMax over SplitInfo::operator>: gain, then lower feature, then lower leaf
      let leaf = 0;
      for (let l = 1; l < tree.t.numLeaves; l++) {
        const b = this.#best[l]!;
        if (isBetterSplit(b.gain, b.feature, this.#best[leaf]!)) leaf = l;
      }
      const b = this.#best[leaf]!;
      if (!(b.gain > 0)) break;
      const right = tree.t.numLeaves;
      const m = ds.mappers[b.feature]!;
      const leftCnt = part.split(ds, leaf, right, b.feature, b.thresholdBin, b.defaultLeft, this.#pool);
      const rightCnt = part.count[right]!;
      tree.split({
        leaf,
        feature: b.feature,
        thresholdBin: b.thresholdBin,
        threshold: m.upperBounds[b.thresholdBin]!,
        missingType: m.missingType,
        defaultLeft: b.defaultLeft,
        leftValue: b.leftOutput,
        rightValue: b.rightOutput,
        leftCount: leftCnt,
        rightCount: rightCnt,
        leftWeight: b.leftSumH,
        rightWeight: b.rightSumH,
        // LightGBM stores the true gain (min_gain_to_split added back) as a float
        gain: Math.fround(b.gain + c.minGainToSplit),
      });
      // child totals come from the split, as LightGBM seeds LeafSplits from SplitInfo
      this.#sumG[leaf] = b.leftSumG;
      this.#sumH[leaf] = b.leftSumH;
      this.#sumG[right] = b.rightSumG;
      this.#sumH[right] = b.rightSumH;
      this.#best[leaf] = emptySplit();
      this.#best[right] = emptySplit();
      if (!this.#canSplitChildren(tree, leaf, right)) continue;
      // both children search the features the tree uses that the parent could split on
      const parentSplittable = this.#splittable[leaf]!;
      for (let f = 0; f < ds.numFeatures; f++) this.#search[f] = used[f]! & parentSplittable[f]!;
      this.#splittable[right]!.set(parentSplittable);
      // smaller child gets a fresh histogram, the larger one inherits parent − smaller
      const smaller = leftCnt < rightCnt ? leaf : right;
      const larger = smaller === leaf ? right : leaf;
      const parentHist = this.#hists[leaf]!;
      const smallHist = smaller === leaf ? this.#hists[right]! : this.#hists[leaf]!;
      if (smaller === leaf) {
        // parent's buffer must become the larger (right) child's; swap buffers
        this.#hists[right] = parentHist;
        this.#hists[leaf] = smallHist;
      }
      const small = this.#hists[smaller]!;
      buildHistogram({
        ds, idx: part.idx, begin: part.begin[smaller]!, count: part.count[smaller]!, grad, hess, features: this.#search, ordered: this.#ordered,
        hist: small, slot: this.#slot(small), sums: { sumG: this.#sumG[smaller]!, sumH: this.#sumH[smaller]! }, pool: this.#pool,
      });
      subtractHistogram(this.#hists[larger]!, small);
      this.#findBestOf([leaf, right], tree);
    }
    return tree;
  }

  /** LightGBM `BeforeFindBestSplit`: depth limit, and both children below 2 × min_data_in_leaf. */
  #canSplitChildren(tree: TreeBuilder, left: number, right: number): boolean {
    const c = this.#c;
    if (c.maxDepth > 0 && tree.leafDepth[left]! >= c.maxDepth) return false;
    const p = this.partition;
    return !(p.count[left]! < c.minDataInLeaf * 2 && p.count[right]! < c.minDataInLeaf * 2);
  }

  /** Best split of each of `leaves` (one or two) over the features in `#search`: on all threads when the pool runs and the search is big enough. */
  #findBestOf(leaves: readonly number[], tree: TreeBuilder): void {
    const pool = this.#pool;
    const c = this.#c;
    const search = this.#search;
    const todo = leaves.filter((l) => !(c.maxDepth > 0 && tree.leafDepth[l]! >= c.maxDepth));
    const sp = this.#split;
    const mappers = this.#ds.mappers;
    let m = 0;
    let bins = 0;
    for (const f of this.#ds.usable) {
      if (!search[f]) continue;
      sp.features[m++] = f;
      bins += mappers[f]!.numBin;
    }
    if (!pool?.open || todo.length < leaves.length || m * todo.length < MIN_PARALLEL_SPLIT || bins < MIN_SPLIT_BINS * m) {
      for (const l of leaves) this.#findBest(l, tree);
      return;
    }
    todo.forEach((l, i) => {
      const o = i * LEAF_FIELDS;
      sp.leaves[o] = this.#slot(this.#hists[l]!);
      sp.leaves[o + 1] = this.#sumG[l]!;
      sp.leaves[o + 2] = this.#sumH[l]!;
      sp.leaves[o + 3] = this.partition.count[l]!;
    });
    pool.findSplits(todo.length, m);
    todo.forEach((l, i) => {
      const best = emptySplit();
      const splittable = this.#splittable[l]!;
      for (let j = 0; j < m; j++) {
        mergeSplit(sp.out, i * m + j, best);
        splittable[sp.features[j]!] = splittableAt(sp.out, i * m + j) ? 1 : 0;
      }
      this.#best[l] = best;
    });
  }

  #findBest(leaf: number, tree: TreeBuilder): void {
    const best = emptySplit();
    const ds = this.#ds;
    const hist = this.#hists[leaf]!;
    const n = this.partition.count[leaf]!;
    const g = this.#sumG[leaf]!;
    // LightGBM FeatureHistogram::FindBestThreshold scans with sum_hessian + 2·kEpsilon
    const h = this.#sumH[leaf]! + 2 * K_EPSILON;
    if (this.#c.maxDepth > 0 && tree.leafDepth[leaf]! >= this.#c.maxDepth) {
      this.#best[leaf] = best;
      return;
    }
    const splittable = this.#splittable[leaf]!;
    for (const f of ds.usable) {
      if (!this.#search[f]) continue;
      splittable[f] = findBestThreshold(hist, ds.binOffsets[f]!, ds.mappers[f]!, f, g, h, n, this.#c, best) ? 1 : 0;
    }
    this.#best[leaf] = best;
  }
}
