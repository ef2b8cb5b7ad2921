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

/** Smaller data sets train on one thread: starting workers and handing off jobs would cost more than they save. */
const MIN_POOL_ROWS = 20_000;
import { emptySplit, findBestThreshold, K_EPSILON, leafOutput, type SplitConfig, type SplitInfo } from './split';

export type LearnerConfig = SplitConfig & { numLeaves: number; maxDepth: number };

export class LeafWiseLearner {
  readonly partition: Partition;
  /** Gradients and hessians per row, written by the caller before each `train` (shared with the workers). */
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  readonly #ds: BinnedDataset;
  readonly #c: LearnerConfig;
  readonly #hists: Float64Array[];
  readonly #ordered: Float32Array;
  readonly #best: SplitInfo[];
  readonly #sumG: Float64Array;
  readonly #sumH: Float64Array;
  readonly #slotLength: number;
  readonly #pool: HistogramPool | undefined;

  /** `threads` > 1 starts histogram workers (when the data is big enough to gain from them); call `close()` after training. */
  constructor(ds: BinnedDataset, c: LearnerConfig, threads = 1) {
    this.#ds = ds;
    this.#c = c;
    this.partition = new Partition(ds.numRows, c.numLeaves);
    this.grad = new Float32Array(new SharedArrayBuffer(4 * ds.numRows));
    this.hess = new Float32Array(new SharedArrayBuffer(4 * ds.numRows));
    // all leaf histograms in one shared buffer: histogram workers address them by slot
    const slotLength = 2 * ds.totalBins;
    const all = new Float64Array(new SharedArrayBuffer(8 * slotLength * c.numLeaves));
    this.#slotLength = slotLength;
    this.#hists = Array.from({ length: c.numLeaves }, (_, i) => all.subarray(i * slotLength, (i + 1) * slotLength));
    this.#ordered = new Float32Array(new SharedArrayBuffer(8 * ds.numRows));
    this.#best = Array.from({ length: c.numLeaves }, emptySplit);
    this.#sumG = new Float64Array(c.numLeaves);
    this.#sumH = new Float64Array(c.numLeaves);
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
    part.reset(bag, bagCnt);
    const h0 = this.#hists[0]!;
    const root = buildHistogram(ds, part.idx, 0, bagCnt, grad, hess, used, this.#ordered, h0, undefined, undefined, this.#pool, this.#slot(h0));
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
      buildHistogram(ds, part.idx, part.begin[smaller]!, part.count[smaller]!, grad, hess, used, this.#ordered, this.#hists[smaller]!, this.#sumG[smaller], this.#sumH[smaller], this.#pool, this.#slot(this.#hists[smaller]!));
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
