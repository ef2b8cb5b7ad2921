/**
 * Split search on one feature's histogram, following LightGBM
 * `FeatureHistogram::FindBestThresholdSequentially` (no monotone constraints, no path smoothing):
 * counts are estimated from hessians, sums start at kEpsilon, and a NaN feature is scanned both
 * ways so missing values learn their default direction.
 */
import { MissingType, type BinMapper } from '../dataset/bin-mapper';

export const K_EPSILON = Math.fround(1e-15);

export type SplitConfig = {
  lambdaL1: number;
  lambdaL2: number;
  minDataInLeaf: number;
  minSumHessianInLeaf: number;
  minGainToSplit: number;
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

const thresholdL1 = (s: number, l1: number) => {
  const reg = Math.max(0, Math.abs(s) - l1);
  return s > 0 ? reg : s < 0 ? -reg : 0;
};

/** LightGBM `CalculateSplittedLeafOutput`. */
export const leafOutput = (g: number, h: number, c: SplitConfig) => -thresholdL1(g, c.lambdaL1) / (h + c.lambdaL2);

/** LightGBM `GetLeafGain`. */
export const leafGain = (g: number, h: number, c: SplitConfig) => {
  const t = thresholdL1(g, c.lambdaL1);
  return (t * t) / (h + c.lambdaL2);
};

/** Best threshold found by the scans (module scratch: split search runs per feature per leaf, so no allocation). */
const cand = { gain: -Infinity, threshold: 0, defaultLeft: true, lg: 0, lh: 0, lc: 0 };

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
): void {
  const minGainShift = leafGain(sumG, sumH, c) + c.minGainToSplit;
  const cntFactor = numData / sumH;
  cand.gain = -Infinity;
  cand.threshold = 0;
  cand.defaultLeft = true;
  const o = 2 * off;
  if (m.numBin > 2 && m.missingType !== MissingType.None) {
    if (m.missingType === MissingType.Zero) {
      scanReverse(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, true, false);
      scanForward(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, true);
    } else {
      scanReverse(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, false, true);
      scanForward(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, false);
    }
  } else {
    scanReverse(hist, o, m, sumG, sumH, numData, cntFactor, minGainShift, c, false, false);
    // LightGBM: "fix the direction error when only have 2 bins"
    if (m.missingType === MissingType.NaN) cand.defaultLeft = false;
  }
  if (cand.gain === -Infinity) return;
  const gain = cand.gain - minGainShift;
  // LightGBM `SplitInfo::operator>`: higher gain, ties to the lower feature index
  if (!(gain > best.gain || (gain === best.gain && (best.feature < 0 || f < best.feature)))) return;
  const rg = sumG - cand.lg;
  const rh = sumH - cand.lh;
  best.feature = f;
  best.thresholdBin = cand.threshold;
  best.defaultLeft = cand.defaultLeft;
  best.gain = gain;
  best.leftSumG = cand.lg;
  best.leftSumH = cand.lh - K_EPSILON;
  best.leftCount = cand.lc;
  best.rightSumG = rg;
  best.rightSumH = rh - K_EPSILON;
  best.rightCount = numData - cand.lc;
  best.leftOutput = leafOutput(cand.lg, cand.lh, c);
  best.rightOutput = leafOutput(rg, rh, c);
}

/** Right-to-left scan: the right side accumulates, missing values (NaN bin) stay left. */
function scanReverse(
  hist: Float64Array, o: number, m: BinMapper, sumG: number, sumH: number, numData: number,
  cntFactor: number, minGainShift: number, c: SplitConfig, skipDefault: boolean, naAsMissing: boolean,
): void {
  const defaultBin = m.defaultBin;
  let rg = 0;
  let rh = K_EPSILON;
  let rc = 0;
  for (let t = m.numBin - 1 - (naAsMissing ? 1 : 0); t >= 1; t--) {
    if (skipDefault && t === defaultBin) continue;
    const h = hist[o + 2 * t + 1]!;
    rg += hist[o + 2 * t]!;
    rh += h;
    rc += Math.round(h * cntFactor);
    if (rc < c.minDataInLeaf || rh < c.minSumHessianInLeaf) continue;
    const lc = numData - rc;
    if (lc < c.minDataInLeaf) break;
    const lh = sumH - rh;
    if (lh < c.minSumHessianInLeaf) break;
    const lg = sumG - rg;
    const gain = leafGain(lg, lh, c) + leafGain(rg, rh, c);
    if (gain <= minGainShift) continue;
    if (gain > cand.gain) {
      cand.gain = gain;
      cand.threshold = t - 1;
      cand.defaultLeft = true;
      cand.lg = lg;
      cand.lh = lh;
      cand.lc = lc;
    }
  }
}

/** Left-to-right scan: the left side accumulates, missing values (NaN bin) go right. */
function scanForward(
  hist: Float64Array, o: number, m: BinMapper, sumG: number, sumH: number, numData: number,
  cntFactor: number, minGainShift: number, c: SplitConfig, skipDefault: boolean,
): void {
  const defaultBin = m.defaultBin;
  let lg = 0;
  let lh = K_EPSILON;
  let lc = 0;
  for (let t = 0; t <= m.numBin - 2; t++) {
    if (skipDefault && t === defaultBin) continue;
    const h = hist[o + 2 * t + 1]!;
    lg += hist[o + 2 * t]!;
    lh += h;
    lc += Math.round(h * cntFactor);
    if (lc < c.minDataInLeaf || lh < c.minSumHessianInLeaf) continue;
    const rc = numData - lc;
    if (rc < c.minDataInLeaf) break;
    const rh = sumH - lh;
    if (rh < c.minSumHessianInLeaf) break;
    const rg = sumG - lg;
    const gain = leafGain(lg, lh, c) + leafGain(rg, rh, c);
    if (gain <= minGainShift) continue;
    if (gain > cand.gain) {
      cand.gain = gain;
      cand.threshold = t;
      cand.defaultLeft = false;
      cand.lg = lg;
      cand.lh = lh;
      cand.lc = lc;
    }
  }
}
