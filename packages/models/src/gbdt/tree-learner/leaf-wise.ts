/**
 * Leaf-wise (best-first) tree growth, LightGBM `SerialTreeLearner::Train`: split the leaf with the
 * largest gain until num_leaves; build the smaller child's histogram and get the larger one by
 * subtraction from the parent's. The learner grows trees from given gradients; the boosting loop
 * owns the gradients and the scores (`ScoreUpdater`), as in LightGBM.
 */
import type { BinnedDataset } from '../dataset/binned-dataset';
import { LEAF_FIELDS, type TrainingMemory } from '../parallel/training-memory';
import type { TrainingWorkers } from '../parallel/training-workers';
import { mergeSplit, splittableAt } from '../parallel/split-kernel';
import { TreeBuilder } from '../tree';
import { buildHistogram, subtractFeature } from './histogram';
import { Partition } from './partition';
import { emptySplit, findBestThreshold, isBetterSplit, K_EPSILON, leafOutput, type SplitConfig, type SplitInfo } from './split';

/**
 * Split searches go to the workers only when they are big enough to pay for a hand-off: at least
 * this many (leaf, feature) pairs, with on average at least `MIN_SPLIT_BINS` bins per feature
 * (thousands of 2-bin one-hot features are a quick scan: handing them out cost 20 % more CPU on
 * ml-100k).
 */
const MIN_PARALLEL_SPLIT = 16;
const MIN_SPLIT_BINS = 16;

export type LearnerConfig = SplitConfig & { numLeaves: number; maxDepth: number };

export class LeafWiseLearner {
  /** The in-bag rows by leaf; after `train`, the grown tree's leaves (the score updater reads them). */
  readonly partition: Partition;
  readonly #ds: BinnedDataset;
  readonly #c: LearnerConfig;
  readonly #mem: TrainingMemory;
  readonly #workers: TrainingWorkers | undefined;
  /** Each leaf's histogram: a slot of the shared histograms (buffers rotate between leaves as they split). */
  readonly #hists: Float64Array[];
  /** The slot no leaf holds: a split writes its larger child's histogram there, and its parent's becomes the spare. */
  #spare: Float64Array;
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

  constructor(ds: BinnedDataset, c: LearnerConfig, mem: TrainingMemory, workers?: TrainingWorkers) {
    this.#ds = ds;
    this.#c = c;
    this.#mem = mem;
    this.#workers = workers;
    this.partition = new Partition(mem);
    const L = mem.slotLength;
    this.#hists = Array.from({ length: c.numLeaves }, (_, i) => mem.hists.subarray(i * L, (i + 1) * L));
    this.#spare = mem.hists.subarray(c.numLeaves * L, (c.numLeaves + 1) * L);
    this.#best = Array.from({ length: c.numLeaves }, emptySplit);
    this.#splittable = Array.from({ length: c.numLeaves }, () => new Uint8Array(ds.numFeatures));
    this.#search = new Uint8Array(ds.numFeatures);
    this.#sumG = new Float64Array(c.numLeaves);
    this.#sumH = new Float64Array(c.numLeaves);
  }

  #slot(hist: Float64Array): number {
    return (hist.byteOffset - this.#mem.hists.byteOffset) / (8 * this.#mem.slotLength);
  }

  #buildHistogram(leaf: number, features: Uint8Array, sums?: { sumG: number; sumH: number }) {
    const part = this.partition;
    const hist = this.#hists[leaf]!;
    const mem = this.#mem;
    return buildHistogram({
      ds: this.#ds,
      mem,
      begin: part.begin[leaf]!,
      count: part.count[leaf]!,
      features,
      hist,
      slot: this.#slot(hist),
      ...(sums ? { sums } : {}),
      workers: this.#workers,
    });
  }

  /**
   * Grows one tree from the gradients in `mem.grad` / `mem.hess` on the in-bag rows `bag[0, bagCnt)`
   * with the features `used` marks; leaf ranges stay readable in `partition` afterwards.
   */
  train(bag: Int32Array, bagCnt: number, used: Uint8Array): TreeBuilder {
    const ds = this.#ds;
    const c = this.#c;
    const part = this.partition;
    const tree = new TreeBuilder(c.numLeaves);
    part.reset(bag, bagCnt);
    for (const b of this.#best) Object.assign(b, emptySplit());
    const root = this.#buildHistogram(0, used);
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
      const leftCnt = part.split(ds, leaf, right, b.feature, b.thresholdBin, b.defaultLeft, this.#workers);
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
      // the smaller child gets a fresh histogram (in the new leaf's free slot), the larger one
      // parent − smaller (in the spare slot), written feature by feature in the search; the
      // parent's slot is then the spare
      const smaller = leftCnt < rightCnt ? leaf : right;
      const larger = smaller === leaf ? right : leaf;
      const parentHist = this.#hists[leaf]!;
      this.#hists[smaller] = this.#hists[right]!;
      this.#hists[larger] = this.#spare;
      this.#buildHistogram(smaller, this.#search, { sumG: this.#sumG[smaller]!, sumH: this.#sumH[smaller]! });
      this.#findBestOf([leaf, right], tree, { larger, smaller, parent: parentHist });
      this.#spare = parentHist;
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

  /**
   * Best split of each of `leaves` (one or two) over the features in `#search`: on all threads when
   * the workers run and the search is big enough. With `sub`, each searched feature of leaf
   * `sub.larger`'s histogram is first written as `sub.parent` − `sub.smaller`'s.
   */
  #findBestOf(leaves: readonly number[], tree: TreeBuilder, sub?: { larger: number; smaller: number; parent: Float64Array }): void {
    const workers = this.#workers;
    const c = this.#c;
    const mem = this.#mem;
    const todo = leaves.filter((l) => !(c.maxDepth > 0 && tree.leafDepth[l]! >= c.maxDepth));
    const mappers = this.#ds.mappers;
    let m = 0;
    let bins = 0;
    for (const f of this.#ds.usable) {
      if (!this.#search[f]) continue;
      mem.splitFeatures[m++] = f;
      bins += mappers[f]!.numBin;
    }
    if (!workers?.open || todo.length < leaves.length || m * todo.length < MIN_PARALLEL_SPLIT || bins < MIN_SPLIT_BINS * m) {
      for (const l of leaves) this.#findBest(l, tree, sub?.larger === l ? { parent: sub.parent, smaller: this.#hists[sub.smaller]! } : undefined);
      return;
    }
    todo.forEach((l, i) => {
      const o = i * LEAF_FIELDS;
      mem.splitLeaves[o] = this.#slot(this.#hists[l]!);
      mem.splitLeaves[o + 1] = this.#sumG[l]!;
      mem.splitLeaves[o + 2] = this.#sumH[l]!;
      mem.splitLeaves[o + 3] = this.partition.count[l]!;
      mem.splitLeaves[o + 4] = sub?.larger === l ? this.#slot(this.#hists[sub.smaller]!) : -1;
      mem.splitLeaves[o + 5] = sub?.larger === l ? this.#slot(sub.parent) : -1;
    });
    workers.findSplits(todo.length, m);
    todo.forEach((l, i) => {
      const best = emptySplit();
      const splittable = this.#splittable[l]!;
      for (let j = 0; j < m; j++) {
        mergeSplit(mem.splitOut, i * m + j, best);
        splittable[mem.splitFeatures[j]!] = splittableAt(mem.splitOut, i * m + j) ? 1 : 0;
      }
      this.#best[l] = best;
    });
  }

  /** `sub`: write each searched feature of the leaf's histogram as parent − smaller first. */
  #findBest(leaf: number, tree: TreeBuilder, sub?: { parent: Float64Array; smaller: Float64Array }): void {
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
      if (sub) subtractFeature(hist, sub.parent, sub.smaller, ds.binOffsets, f);
      splittable[f] = findBestThreshold(hist, ds.binOffsets[f]!, ds.mappers[f]!, f, g, h, n, this.#c, best) ? 1 : 0;
    }
    this.#best[leaf] = best;
  }
}
