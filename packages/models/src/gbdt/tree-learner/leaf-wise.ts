/**
 * Leaf-wise (best-first) tree growth, LightGBM `SerialTreeLearner::Train`: split the leaf with the
 * largest gain until num_leaves; build the smaller child's histogram and get the larger one by
 * subtraction from the parent's.
 */
import type { BinnedDataset } from '../dataset/binned-dataset';
import { TreeBuilder } from '../tree';
import { buildHistogram, subtractHistogram } from './histogram';
import { Partition } from './partition';
import { emptySplit, findBestThreshold, K_EPSILON, leafOutput, type SplitConfig, type SplitInfo } from './split';

export type LearnerConfig = SplitConfig & { numLeaves: number; maxDepth: number };

export class LeafWiseLearner {
  readonly partition: Partition;
  readonly #ds: BinnedDataset;
  readonly #c: LearnerConfig;
  readonly #hists: Float64Array[];
  readonly #ordered: Float32Array;
  readonly #best: SplitInfo[];
  readonly #sumG: Float64Array;
  readonly #sumH: Float64Array;

  constructor(ds: BinnedDataset, c: LearnerConfig) {
    this.#ds = ds;
    this.#c = c;
    this.partition = new Partition(ds.numRows, c.numLeaves);
    this.#hists = Array.from({ length: c.numLeaves }, () => new Float64Array(2 * ds.totalBins));
    this.#ordered = new Float32Array(2 * ds.numRows);
    this.#best = Array.from({ length: c.numLeaves }, emptySplit);
    this.#sumG = new Float64Array(c.numLeaves);
    this.#sumH = new Float64Array(c.numLeaves);
  }

  /** Grows one tree on the in-bag rows; leaf ranges stay readable in `partition` afterwards. */
  train(grad: Float32Array, hess: Float32Array, bag: Int32Array, bagCnt: number, used: Uint8Array): TreeBuilder {
    const ds = this.#ds;
    const c = this.#c;
    const part = this.partition;
    const tree = new TreeBuilder(c.numLeaves);
    part.reset(bag, bagCnt);
    const root = buildHistogram(ds, part.idx, 0, bagCnt, grad, hess, used, this.#ordered, this.#hists[0]!);
    this.#sumG[0] = root.sumG;
    this.#sumH[0] = root.sumH;
    tree.t.leafValue[0] = leafOutput(root.sumG, root.sumH, c);
    tree.t.leafCount[0] = bagCnt;
    tree.t.leafWeight[0] = root.sumH;
    this.#findBest(0, used, tree);
    for (let s = 1; s < c.numLeaves; s++) {
      let leaf = 0;
      for (let l = 1; l < tree.t.numLeaves; l++) if (this.#best[l]!.gain > this.#best[leaf]!.gain) leaf = l;
      const b = this.#best[leaf]!;
      if (!(b.gain > 0)) break;
      const right = tree.t.numLeaves;
      const m = ds.mappers[b.feature]!;
      const leftCnt = part.split(ds, leaf, right, b.feature, b.thresholdBin, b.defaultLeft);
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
        gain: b.gain,
      });
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
      // child totals come from the split, as LightGBM seeds LeafSplits from SplitInfo
      this.#sumG[leaf] = b.leftSumG;
      this.#sumH[leaf] = b.leftSumH;
      this.#sumG[right] = b.rightSumG;
      this.#sumH[right] = b.rightSumH;
      buildHistogram(ds, part.idx, part.begin[smaller]!, part.count[smaller]!, grad, hess, used, this.#ordered, this.#hists[smaller]!, this.#sumG[smaller], this.#sumH[smaller]);
      subtractHistogram(this.#hists[larger]!, this.#hists[smaller]!);
      if (!this.#canSplitChildren(tree, leaf, right)) {
        this.#best[leaf] = emptySplit();
        this.#best[right] = emptySplit();
        continue;
      }
      this.#findBest(leaf, used, tree);
      this.#findBest(right, used, tree);
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

  #findBest(leaf: number, used: Uint8Array, tree: TreeBuilder): void {
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
    for (const f of ds.usable) {
      if (!used[f]) continue;
      findBestThreshold(hist, ds.binOffsets[f]!, ds.mappers[f]!, f, g, h, n, this.#c, best);
    }
    this.#best[leaf] = best;
  }
}
