/**
 * Split search on one feature's histogram, LightGBM `FeatureHistogram::FindBestThreshold` /
 * `FindBestThresholdSequentially` for numerical features (no monotone constraints, no path
 * smoothing, no extra trees), operation for operation so that gains, sums and leaf outputs are the
 * same doubles: counts are estimated from hessians, sums start at kEpsilon, a feature with missing
 * values is scanned both ways (missing values left, then right) and the second scan wins only by
 * LightGBM's comparison `gain > (first − shift) + shift`. A most frequent bin of 0 is left out of
 * the histogram (LightGBM's `offset`), so the forward scan starts past it, or, with NaN as
 * missing, from the leaf totals minus every other bin.
 */
import { MissingType, type BinMapper } from '../dataset/bin-mapper';

/** LightGBM `kEpsilon` (1e-15f). */
export const K_EPSILON = Math.fround(1e-15);

export type SplitConfig = {
  lambdaL1: number;
  lambdaL2: number;
  minDataInLeaf: number;
  minSumHessianInLeaf: number;
  minGainToSplit: number;
  /** LightGBM `max_delta_step`: leaf outputs clamped to ±this when > 0 (gains then come from the clamped output). */
  maxDeltaStep: number;
};

/** Best split found for a leaf; `gain` = -Infinity when none. */
export type SplitInfo = {
  feature: number;
  thresholdBin: number;
  defaultLeft: boolean;
  gain: number;
  leftSumG: number;
  leftSumH: number;
  leftCount: number;
  rightSumG: number;
  rightSumH: number;
  rightCount: number;
  leftOutput: number;
  rightOutput: number;
};

export const emptySplit = (): SplitInfo => ({
  feature: -1,
  thresholdBin: 0,
  defaultLeft: true,
  gain: -Infinity,
  leftSumG: 0,
  leftSumH: 0,
  leftCount: 0,
  rightSumG: 0,
  rightSumH: 0,
  rightCount: 0,
  leftOutput: 0,
  rightOutput: 0,
});

/** LightGBM `SplitInfo::operator>`: higher gain, ties to the lower feature index (-1 = none, last). */
export function isBetterSplit(gain: number, feature: number, than: SplitInfo): boolean {
  if (gain !== than.gain) return gain > than.gain;
  const a = feature < 0 ? 0x7fffffff : feature;
  const b = than.feature < 0 ? 0x7fffffff : than.feature;
  return a < b;
}

const thresholdL1 = (s: number, l1: number) => {
  const reg = Math.max(0, Math.abs(s) - l1);
  return s > 0 ? reg : s < 0 ? -reg : 0;
};

/** LightGBM `CalculateSplittedLeafOutput` (no constraints, no smoothing). */
export const leafOutput = (g: number, h: number, c: SplitConfig) => {
  const ret = -thresholdL1(g, c.lambdaL1) / (h + c.lambdaL2);
  return c.maxDeltaStep > 0 && Math.abs(ret) > c.maxDeltaStep ? Math.sign(ret) * c.maxDeltaStep : ret;
};

/** LightGBM `GetLeafGain`: from the output itself (`GetLeafGainGivenOutput`) when max_delta_step is on. */
const leafGain = (g: number, h: number, c: SplitConfig) => {
  // without L1 and max_delta_step (the defaults, as LightGBM's USE_L1 = false template): t is g, or 0 for NaN
  if (c.lambdaL1 === 0 && !(c.maxDeltaStep > 0)) {
    const t = g === g ? g : 0;
    return (t * t) / (h + c.lambdaL2);
  }
  const t = thresholdL1(g, c.lambdaL1);
  if (!(c.maxDeltaStep > 0)) return (t * t) / (h + c.lambdaL2);
  const o = leafOutput(g, h, c);
  return -(2 * t * o + (h + c.lambdaL2) * o * o);
};

/** LightGBM `Common::RoundInt`: `int(x + 0.5)`, rounding in double first. */
const roundInt = (x: number) => Math.trunc(x + 0.5);

/** The feature's result so far (LightGBM's `output` SplitInfo and `is_splittable_`): module scratch, no allocation per scan. */
const out = { gain: -Infinity, threshold: 0, defaultLeft: true, lg: 0, lh: 0, lc: 0, splittable: false };

/**
 * Searches feature `f` (histogram at global bin `off` of `hist`) of a leaf with totals `sumG`,
 * `sumH` (already + 2·kEpsilon, as LightGBM passes them) and `numData` rows; stores the split in
 * `best` when it beats it (`isBetterSplit`). Returns LightGBM's `is_splittable` for the feature:
 * whether any threshold passed the gain shift (a leaf's children skip features that did not).
 */
export function findBestThreshold(
  hist: Float64Array,
  off: number,
  m: BinMapper,
  f: number,
  sumG: number,
  sumH: number,
  numData: number,
  c: SplitConfig,
  best: SplitInfo,
): boolean {
  const minGainShift = leafGain(sumG, sumH, c) + c.minGainToSplit;
  const cntFactor = numData / sumH;
  out.gain = -Infinity;
  out.defaultLeft = true;
  out.splittable = false;
  const o = 2 * off;
  const offset = m.mostFreqBin === 0 ? 1 : 0;
  if (m.numBin > 2 && m.missingType !== MissingType.None) {
    const zero = m.missingType === MissingType.Zero;
    scanReverse(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, zero, !zero);
    scanForward(hist, o, m, offset, sumG, sumH, numData, cntFactor, minGainShift, c, zero, !zero);
  } else {
    scanReverse(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, false, false);
    // LightGBM: "fix the direction error when only have 2 bins"
    if (m.missingType === MissingType.NaN) out.defaultLeft = false;
  }
  if (out.gain === -Infinity || !isBetterSplit(out.gain, f, best)) return out.splittable;
  const rg = sumG - out.lg;
  const rh = sumH - out.lh;
  best.feature = f;
  best.thresholdBin = out.threshold;
  best.defaultLeft = out.defaultLeft;
  best.gain = out.gain;
  best.leftSumG = out.lg;
  best.leftSumH = out.lh - K_EPSILON;
  best.leftCount = out.lc;
  best.rightSumG = rg;
  best.rightSumH = rh - K_EPSILON;
  best.rightCount = numData - out.lc;
  best.leftOutput = leafOutput(out.lg, out.lh, c);
  best.rightOutput = leafOutput(rg, rh, c);
  return out.splittable;
}

/** A scan's best replaces the feature's result as LightGBM's `best_gain > output->gain + min_gain_shift`. */
function keep(bestGain: number, minGainShift: number, threshold: number, lg: number, lh: number, lc: number, defaultLeft: boolean): void {
  if (!(out.splittable && bestGain > out.gain + minGainShift)) return;
  out.gain = bestGain - minGainShift;
  out.threshold = threshold;
  out.defaultLeft = defaultLeft;
  out.lg = lg;
  out.lh = lh;
  out.lc = lc;
}

/** Right-to-left over bins numBin−1 (−1 for the NaN bin) … 1: the right side accumulates, missing values stay left. */
function scanReverse(
  hist: Float64Array,
  o: number,
  m: BinMapper,
  sumG: number,
  sumH: number,
  numData: number,
  cntFactor: number,
  minGainShift: number,
  c: SplitConfig,
  skipDefault: boolean,
  naAsMissing: boolean,
): void {
  const defaultBin = m.defaultBin;
  let rg = 0;
  let rh = K_EPSILON;
  let rc = 0;
  let bestGain = -Infinity;
  let bestT = m.numBin;
  let bestLg = NaN;
  let bestLh = NaN;
  let bestLc = 0;
  for (let t = m.numBin - 1 - (naAsMissing ? 1 : 0); t >= 1; t--) {
    if (skipDefault && t === defaultBin) continue;
    const h = hist[o + 2 * t + 1]!;
    rg += hist[o + 2 * t]!;
    rh += h;
    rc += roundInt(h * cntFactor);
    if (rc < c.minDataInLeaf || rh < c.minSumHessianInLeaf) continue;
    const lc = numData - rc;
    if (lc < c.minDataInLeaf) break;
    const lh = sumH - rh;
    if (lh < c.minSumHessianInLeaf) break;
    const lg = sumG - rg;
    const gain = leafGain(lg, lh, c) + leafGain(rg, rh, c);
    if (gain <= minGainShift) continue;
    out.splittable = true;
    if (gain > bestGain) {
      bestGain = gain;
      bestT = t - 1;
      bestLg = lg;
      bestLh = lh;
      bestLc = lc;
    }
  }
  keep(bestGain, minGainShift, bestT, bestLg, bestLh, bestLc, true);
}

/** Left-to-right over bins offset … numBin−2: the left side accumulates, missing values go right. */
function scanForward(
  hist: Float64Array,
  o: number,
  m: BinMapper,
  offset: number,
  sumG: number,
  sumH: number,
  numData: number,
  cntFactor: number,
  minGainShift: number,
  c: SplitConfig,
  skipDefault: boolean,
  naAsMissing: boolean,
): void {
  const defaultBin = m.defaultBin;
  let lg = 0;
  let lh = K_EPSILON;
  let lc = 0;
  let t = offset;
  if (naAsMissing && offset === 1) {
    // bin 0 is not in the histogram: start from the totals minus every other bin (NaN's included)
    lg = sumG;
    lh = sumH - K_EPSILON;
    lc = numData;
    for (let b = 1; b < m.numBin; b++) {
      const h = hist[o + 2 * b + 1]!;
      lg -= hist[o + 2 * b]!;
      lh -= h;
      lc -= roundInt(h * cntFactor);
    }
    t = 0;
  }
  let bestGain = -Infinity;
  let bestT = m.numBin;
  let bestLg = NaN;
  let bestLh = NaN;
  let bestLc = 0;
  for (let first = t; t <= m.numBin - 2; t++) {
    if (skipDefault && t === defaultBin) continue;
    // the totals start already holds bin 0
    if (!(naAsMissing && offset === 1 && t === first)) {
      const h = hist[o + 2 * t + 1]!;
      lg += hist[o + 2 * t]!;
      lh += h;
      lc += roundInt(h * cntFactor);
    }
    if (lc < c.minDataInLeaf || lh < c.minSumHessianInLeaf) continue;
    const rc = numData - lc;
    if (rc < c.minDataInLeaf) break;
    const rh = sumH - lh;
    if (rh < c.minSumHessianInLeaf) break;
    const rg = sumG - lg;
    const gain = leafGain(lg, lh, c) + leafGain(rg, rh, c);
    if (gain <= minGainShift) continue;
    out.splittable = true;
    if (gain > bestGain) {
      bestGain = gain;
      bestT = t;
      bestLg = lg;
      bestLh = lh;
      bestLc = lc;
    }
  }
  keep(bestGain, minGainShift, bestT, bestLg, bestLh, bestLc, false);
}
