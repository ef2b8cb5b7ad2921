/**
 * Split search shared between threads: each item runs `findBestThreshold` for a group of features
 * of one leaf and stores every feature's own best split in shared memory; the main thread then
 * picks the leaf's best with the same rule (higher gain, then lower feature index), a total order,
 * so the choice equals the one-thread scan's.
 */
import { subtractFeature } from '../tree-learner/histogram';
import { emptySplit, findBestThreshold, isBetterSplit, K_EPSILON, type SplitInfo } from '../tree-learner/split';
import { LEAF_FIELDS, SPLIT_FIELDS, type TrainingMemory } from './training-memory';

/** Features per split-search item: at least 8, and at most 16 items per leaf (many one-hot features each take only a few bins, so a claim must carry enough of them). */
const splitGroup = (count: number): number => Math.max(8, Math.ceil(count / 16));

function writeSplit(out: Float64Array, at: number, s: SplitInfo, splittable: boolean): void {
  const o = at * SPLIT_FIELDS;
  out[o + 12] = splittable ? 1 : 0;
  out[o] = s.feature;
  out[o + 1] = s.thresholdBin;
  out[o + 2] = s.defaultLeft ? 1 : 0;
  out[o + 3] = s.gain;
  out[o + 4] = s.leftSumG;
  out[o + 5] = s.leftSumH;
  out[o + 6] = s.leftCount;
  out[o + 7] = s.rightSumG;
  out[o + 8] = s.rightSumH;
  out[o + 9] = s.rightCount;
  out[o + 10] = s.leftOutput;
  out[o + 11] = s.rightOutput;
}

/** Whether the feature of the stored split at `at` had any valid threshold (LightGBM `is_splittable`). */
export const splittableAt = (out: Float64Array, at: number): boolean => out[at * SPLIT_FIELDS + 12] === 1;

/** Takes the stored split at `at` into `best` when it beats it (the rule of `findBestThreshold`). */
export function mergeSplit(out: Float64Array, at: number, best: SplitInfo): void {
  const o = at * SPLIT_FIELDS;
  const f = out[o]!;
  if (f < 0) return;
  const gain = out[o + 3]!;
  if (!isBetterSplit(gain, f, best)) return;
  best.feature = f;
  best.thresholdBin = out[o + 1]!;
  best.defaultLeft = out[o + 2] === 1;
  best.gain = gain;
  best.leftSumG = out[o + 4]!;
  best.leftSumH = out[o + 5]!;
  best.leftCount = out[o + 6]!;
  best.rightSumG = out[o + 7]!;
  best.rightSumH = out[o + 8]!;
  best.rightCount = out[o + 9]!;
  best.leftOutput = out[o + 10]!;
  best.rightOutput = out[o + 11]!;
}

export const splitGroups = (count: number): number => Math.ceil(count / splitGroup(count));

/**
 * Item k of a split job over `count` features (`splitFeatures`): leaf `k / groups` of `splitLeaves`,
 * features of group `k % groups` (each first made parent − smaller sibling when the leaf says so);
 * results to `splitOut`.
 */
export function splitItem(k: number, count: number, m: TrainingMemory): void {
  const group = splitGroup(count);
  const groups = Math.ceil(count / group);
  const side = Math.floor(k / groups);
  const a = (k % groups) * group;
  const e = Math.min(count, a + group);
  const l = side * LEAF_FIELDS;
  const slot = m.splitLeaves[l]!;
  const hist = m.hists.subarray(slot * m.slotLength, (slot + 1) * m.slotLength);
  const g = m.splitLeaves[l + 1]!;
  // LightGBM FeatureHistogram::FindBestThreshold scans with sum_hessian + 2·kEpsilon
  const h = m.splitLeaves[l + 2]! + 2 * K_EPSILON;
  const n = m.splitLeaves[l + 3]!;
  const slotOf = (i: number) => m.hists.subarray(i * m.slotLength, (i + 1) * m.slotLength);
  const minus = m.splitLeaves[l + 4]! >= 0 ? slotOf(m.splitLeaves[l + 4]!) : null;
  const parent = m.splitLeaves[l + 5]! >= 0 ? slotOf(m.splitLeaves[l + 5]!) : null;
  for (let j = a; j < e; j++) {
    const f = m.splitFeatures[j]!;
    if (minus && parent) subtractFeature(hist, parent, minus, m.binOffsets, f);
    const s = emptySplit();
    const splittable = findBestThreshold(hist, m.binOffsets[f]!, m.mappers[f]!, f, g, h, n, m.splitConfig, s);
    writeSplit(m.splitOut, side * count + j, s, splittable);
  }
}
