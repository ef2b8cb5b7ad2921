/**
 * One decision tree as a struct of arrays (LightGBM `Tree`): internal nodes 0..numLeaves-2,
 * children < 0 encode leaves as `~leaf`. Split numbering matches LightGBM `Tree::Split`, so
 * trees written to text have the node layout LightGBM would write.
 */
import { MissingType } from './dataset/bin-mapper';

/** decision_type bits (LightGBM tree.h). */
export const CATEGORICAL_MASK = 1;
export const DEFAULT_LEFT_MASK = 2;

export type TreeArrays = {
  numLeaves: number;
  splitFeature: Int32Array;
  splitGain: Float64Array;
  threshold: Float64Array;
  decisionType: Uint8Array;
  leftChild: Int32Array;
  rightChild: Int32Array;
  leafValue: Float64Array;
  leafWeight: Float64Array;
  leafCount: Int32Array;
  internalValue: Float64Array;
  internalWeight: Float64Array;
  internalCount: Int32Array;
  shrinkage: number;
};

export type SplitArgs = {
  leaf: number;
  feature: number;
  thresholdBin: number;
  threshold: number;
  missingType: MissingType;
  defaultLeft: boolean;
  leftValue: number;
  rightValue: number;
  leftCount: number;
  rightCount: number;
  leftWeight: number;
  rightWeight: number;
  gain: number;
};

/** A tree being grown; `toArrays()` trims it to its final size. */
export class TreeBuilder {
  readonly t: TreeArrays;
  readonly leafParent: Int32Array;
  readonly leafDepth: Int32Array;
  /** Threshold in bins per node, used while training only. */
  readonly thresholdBin: Int32Array;
  constructor(maxLeaves: number) {
    const n = Math.max(1, maxLeaves - 1);
    this.t = {
      numLeaves: 1,
      splitFeature: new Int32Array(n),
      splitGain: new Float64Array(n),
      threshold: new Float64Array(n),
      decisionType: new Uint8Array(n),
      leftChild: new Int32Array(n),
      rightChild: new Int32Array(n),
      leafValue: new Float64Array(maxLeaves),
      leafWeight: new Float64Array(maxLeaves),
      leafCount: new Int32Array(maxLeaves),
      internalValue: new Float64Array(n),
      internalWeight: new Float64Array(n),
      internalCount: new Int32Array(n),
      shrinkage: 1,
    };
    this.leafParent = new Int32Array(maxLeaves).fill(-1);
    this.leafDepth = new Int32Array(maxLeaves);
    this.thresholdBin = new Int32Array(n);
  }

  /** LightGBM `Tree::Split`: the left child keeps `leaf`'s index, the right one is new. */
  split(a: SplitArgs): number {
    const t = this.t;
    const node = t.numLeaves - 1;
    const newLeaf = t.numLeaves;
    const parent = this.leafParent[a.leaf]!;
    if (parent >= 0) {
      if (t.leftChild[parent] === ~a.leaf) t.leftChild[parent] = node;
      else t.rightChild[parent] = node;
    }
    t.splitFeature[node] = a.feature;
    t.splitGain[node] = a.gain;
    t.threshold[node] = a.threshold;
    this.thresholdBin[node] = a.thresholdBin;
    t.decisionType[node] = (a.defaultLeft ? DEFAULT_LEFT_MASK : 0) | (a.missingType << 2);
    t.leftChild[node] = ~a.leaf;
    t.rightChild[node] = ~newLeaf;
    this.leafParent[a.leaf] = node;
    this.leafParent[newLeaf] = node;
    t.internalWeight[node] = a.leftWeight + a.rightWeight;
    t.internalCount[node] = a.leftCount + a.rightCount;
    t.internalValue[node] = t.leafValue[a.leaf]!;
    t.leafValue[a.leaf] = Number.isNaN(a.leftValue) ? 0 : a.leftValue;
    t.leafWeight[a.leaf] = a.leftWeight;
    t.leafCount[a.leaf] = a.leftCount;
    t.leafValue[newLeaf] = Number.isNaN(a.rightValue) ? 0 : a.rightValue;
    t.leafWeight[newLeaf] = a.rightWeight;
    t.leafCount[newLeaf] = a.rightCount;
    this.leafDepth[newLeaf] = this.leafDepth[a.leaf]! + 1;
    this.leafDepth[a.leaf]!++;
    t.numLeaves++;
    return node;
  }

  toArrays(): TreeArrays {
    const t = this.t;
    const n = Math.max(0, t.numLeaves - 1);
    const L = t.numLeaves;
    return {
      numLeaves: L,
      splitFeature: t.splitFeature.slice(0, n),
      splitGain: t.splitGain.slice(0, n),
      threshold: t.threshold.slice(0, n),
      decisionType: t.decisionType.slice(0, n),
      leftChild: t.leftChild.slice(0, n),
      rightChild: t.rightChild.slice(0, n),
      leafValue: t.leafValue.slice(0, L),
      leafWeight: t.leafWeight.slice(0, L),
      leafCount: t.leafCount.slice(0, L),
      internalValue: t.internalValue.slice(0, n),
      internalWeight: t.internalWeight.slice(0, n),
      internalCount: t.internalCount.slice(0, n),
      shrinkage: t.shrinkage,
    };
  }
}

/** LightGBM `MaybeRoundToZero`: tiny leaf values are written as exact zeros. */
const roundToZero = (x: number) => (x > -1e-35 && x < 1e-35 ? 0 : x);

/** LightGBM `Tree::Shrinkage`. */
export function shrinkTree(t: TreeArrays, rate: number): void {
  for (let i = 0; i < t.numLeaves; i++) t.leafValue[i] = roundToZero(t.leafValue[i]! * rate);
  for (let i = 0; i < t.numLeaves - 1; i++) t.internalValue[i] = roundToZero(t.internalValue[i]! * rate);
  t.shrinkage *= rate;
}

/** LightGBM `Tree::AddBias` (folds the init score into the first tree; resets shrinkage to 1). */
export function addBias(t: TreeArrays, bias: number): void {
  for (let i = 0; i < t.numLeaves; i++) t.leafValue[i] = roundToZero(t.leafValue[i]! + bias);
  for (let i = 0; i < t.numLeaves - 1; i++) t.internalValue[i] = roundToZero(t.internalValue[i]! + bias);
  t.shrinkage = 1;
}

/** A one-leaf tree predicting `value` (LightGBM `AsConstantTree`). */
export function constantTree(value: number, count: number): TreeArrays {
  const b = new TreeBuilder(1);
  b.t.leafValue[0] = value;
  b.t.leafCount[0] = count;
  return b.toArrays();
}

export const missingTypeOf = (decisionType: number): MissingType => ((decisionType >> 2) & 3) as MissingType;

/** Split counts and summed gains per feature. */
export function addImportance(t: TreeArrays, split: Float64Array, gain: Float64Array): void {
  for (let i = 0; i < t.numLeaves - 1; i++) {
    const f = t.splitFeature[i]!;
    split[f]!++;
    gain[f]! += t.splitGain[i]!;
  }
}

export { MissingType };
