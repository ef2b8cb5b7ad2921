/**
 * Feature value → bin, following LightGBM `BinMapper::FindBin` for numerical features:
 * zero gets its own bin (-kZeroThreshold, kZeroThreshold], greedy equal-count bins on each
 * side, a trailing NaN bin when the feature has missing values.
 */

import { sortFloat64 } from './sort-float64';

/** LightGBM `kZeroThreshold` (1e-35f widened to double). */
export const K_ZERO = Math.fround(1e-35);

/** LightGBM `MissingType`, as stored in bits 2–3 of a node's decision_type. */
export const MissingType = { None: 0, Zero: 1, NaN: 2 } as const;
export type MissingType = (typeof MissingType)[keyof typeof MissingType];

export type BinMapper = {
  /** Upper bound per bin (last finite bin = +Inf; NaN bin = NaN). */
  readonly upperBounds: Float64Array;
  readonly numBin: number;
  readonly missingType: MissingType;
  /** Bin of the value 0. */
  readonly defaultBin: number;
  /**
   * LightGBM `most_freq_bin_`: the most frequent bin of the sample when it holds ≥ 70 % of it,
   * else `defaultBin`. Histograms never sum its rows: LightGBM derives the bin from the leaf totals
   * (`FixHistogram`) when it is > 0 and leaves it out of the scans when it is 0.
   */
  readonly mostFreqBin: number;
  /** Cannot be split on (one bin, or no split leaves min_data_in_leaf on both sides). */
  readonly isTrivial: boolean;
  readonly minVal: number;
  readonly maxVal: number;
};

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;
/** std::nextafter(a, +inf), LightGBM `GetDoubleUpperBound`. */
function nextUp(a: number): number {
  if (Number.isNaN(a) || a === Infinity) return a;
  if (a === 0) return Number.MIN_VALUE;
  f64[0] = a;
  // step the 64-bit pattern by one unit: away from zero for a > 0, towards zero for a < 0
  if (a > 0) {
    if (u32[LO] === 0xffffffff) {
      u32[LO] = 0;
      u32[HI]!++;
    } else u32[LO]!++;
  } else if (u32[LO] === 0) {
    u32[LO] = 0xffffffff;
    u32[HI]!--;
  } else u32[LO]!--;
  return f64[0]!;
}
/** LightGBM `CheckDoubleEqualOrdered(a, b)` for a <= b: b is a or the next double up. */
const equalOrdered = (a: number, b: number) => b === a || (b - a <= Math.abs(a) * 4.5e-16 + 5e-324 && b <= nextUp(a));

function greedyFindBin(distinct: number[], counts: number[], maxBinIn: number, totalCnt: number, minDataInBin: number): number[] {
  const out: number[] = [];
  const n = distinct.length;
  if (n <= maxBinIn) {
    let cur = 0;
    for (let i = 0; i < n - 1; i++) {
      cur += counts[i]!;
      if (cur >= minDataInBin) {
        const val = nextUp((distinct[i]! + distinct[i + 1]!) / 2);
        if (out.length === 0 || !equalOrdered(out[out.length - 1]!, val)) {
          out.push(val);
          cur = 0;
        }
      }
    }
    out.push(Infinity);
    return out;
  }
  let maxBin = maxBinIn;
  if (minDataInBin > 0) maxBin = Math.max(1, Math.min(maxBin, Math.trunc(totalCnt / minDataInBin)));
  let meanBinSize = totalCnt / maxBin;
  let restBinCnt = maxBin;
  let restSampleCnt = totalCnt;
  const isBig = counts.map((c) => c >= meanBinSize);
  for (let i = 0; i < n; i++)
    if (isBig[i]) {
      restBinCnt--;
      restSampleCnt -= counts[i]!;
    }
  meanBinSize = restSampleCnt / restBinCnt;
  const upper: number[] = new Array(maxBin).fill(Infinity);
  const lower: number[] = new Array(maxBin).fill(Infinity);
  let binCnt = 0;
  lower[0] = distinct[0]!;
  let cur = 0;
  for (let i = 0; i < n - 1; i++) {
    if (!isBig[i]) restSampleCnt -= counts[i]!;
    cur += counts[i]!;
    if (isBig[i] || cur >= meanBinSize || (isBig[i + 1] && cur >= Math.max(1, meanBinSize * 0.5))) {
      upper[binCnt] = distinct[i]!;
      binCnt++;
      lower[binCnt] = distinct[i + 1]!;
      if (binCnt >= maxBin - 1) break;
      cur = 0;
      if (!isBig[i]) {
        restBinCnt--;
        meanBinSize = restSampleCnt / restBinCnt;
      }
    }
  }
  binCnt++;
  for (let i = 0; i < binCnt - 1; i++) {
    const val = nextUp((upper[i]! + lower[i + 1]!) / 2);
    if (out.length === 0 || !equalOrdered(out[out.length - 1]!, val)) out.push(val);
  }
  out.push(Infinity);
  return out;
}

function findBinWithZeroAsOneBin(distinct: number[], counts: number[], maxBin: number, totalCnt: number, minDataInBin: number): number[] {
  let leftCntData = 0;
  let cntZero = 0;
  let rightCntData = 0;
  for (let i = 0; i < distinct.length; i++) {
    const v = distinct[i]!;
    if (v <= -K_ZERO) leftCntData += counts[i]!;
    else if (v > K_ZERO) rightCntData += counts[i]!;
    else cntZero += counts[i]!;
  }
  let leftCnt = distinct.findIndex((v) => v > -K_ZERO);
  if (leftCnt < 0) leftCnt = distinct.length;
  let bounds: number[] = [];
  if (leftCnt > 0 && maxBin > 1) {
    const leftMaxBin = Math.max(1, Math.trunc((leftCntData / (totalCnt - cntZero)) * (maxBin - 1)));
    bounds = greedyFindBin(distinct.slice(0, leftCnt), counts.slice(0, leftCnt), leftMaxBin, leftCntData, minDataInBin);
    if (bounds.length > 0) bounds[bounds.length - 1] = -K_ZERO;
  }
  const rightStart = distinct.findIndex((v) => v > K_ZERO);
  const rightMaxBin = maxBin - 1 - bounds.length;
  if (rightStart >= 0 && rightMaxBin > 0) {
    const right = greedyFindBin(distinct.slice(rightStart), counts.slice(rightStart), rightMaxBin, rightCntData, minDataInBin);
    bounds.push(K_ZERO, ...right);
  } else {
    bounds.push(Infinity);
  }
  return bounds;
}

export type BinOptions = {
  maxBin: number;
  minDataInBin: number;
  /** LightGBM `filter_cnt`: min_data_in_leaf scaled to the sample; features no threshold splits into two such parts are trivial. */
  filterCnt: number;
  /** `feature_pre_filter`: drop features `filterCnt` cannot split. */
  preFilter: boolean;
  useMissing: boolean;
  zeroAsMissing: boolean;
};

/**
 * Bins one feature from its sampled NON-ZERO values (NaN allowed); `totalSampleCnt` counts
 * the zeros too, as in LightGBM where sparse columns pass only their non-zeros.
 */
export function findBins(nonZero: Float64Array, totalSampleCnt: number, o: BinOptions): BinMapper {
  let naCnt = 0;
  const vals = new Float64Array(nonZero.length);
  let k = 0;
  for (let i = 0; i < nonZero.length; i++) {
    const v = nonZero[i]!;
    if (Number.isNaN(v)) naCnt++;
    else vals[k++] = v;
  }
  const sorted = sortFloat64(vals.subarray(0, k));
  // LightGBM BinMapper::FindBin: zero_as_missing makes zero (and NaN, binned as zero) the missing value
  let missingType: MissingType = !o.useMissing ? MissingType.None : o.zeroAsMissing ? MissingType.Zero : naCnt > 0 ? MissingType.NaN : MissingType.None;
  // without use_missing, NaN is binned as zero (LightGBM maps NaN to 0.0 in ValueToBin)
  const zeroCnt = totalSampleCnt - sorted.length - (missingType === MissingType.NaN ? naCnt : 0);
  const distinct: number[] = [];
  const counts: number[] = [];
  if (sorted.length === 0 || (sorted[0]! > 0 && zeroCnt > 0)) {
    distinct.push(0);
    counts.push(zeroCnt);
  }
  if (sorted.length > 0) {
    distinct.push(sorted[0]!);
    counts.push(1);
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (!equalOrdered(a, b)) {
      if (a < 0 && b > 0 && zeroCnt > 0) {
        distinct.push(0);
        counts.push(zeroCnt);
      }
      distinct.push(b);
      counts.push(1);
    } else {
      distinct[distinct.length - 1] = b;
      counts[counts.length - 1]!++;
    }
  }
  if (sorted.length > 0 && sorted[sorted.length - 1]! < 0 && zeroCnt > 0) {
    distinct.push(0);
    counts.push(zeroCnt);
  }
  const minVal = distinct[0]!;
  const maxVal = distinct[distinct.length - 1]!;
  const maxBin = missingType === MissingType.NaN ? o.maxBin - 1 : o.maxBin;
  const bounds = findBinWithZeroAsOneBin(distinct, counts, maxBin, totalSampleCnt - (missingType === MissingType.NaN ? naCnt : 0), o.minDataInBin);
  if (missingType === MissingType.NaN) bounds.push(NaN);
  // a single zero bin and one other: nothing is missing
  if (missingType === MissingType.Zero && bounds.length === 2) missingType = MissingType.None;
  const upperBounds = Float64Array.from(bounds);
  const mapper: { -readonly [K in keyof BinMapper]: BinMapper[K] } = {
    upperBounds,
    numBin: bounds.length,
    missingType,
    defaultBin: 0,
    mostFreqBin: 0,
    isTrivial: false,
    minVal,
    maxVal,
  };
  const cntInBin = new Float64Array(mapper.numBin);
  // distinct is ascending and NaN-free, so its bins (valueToBin: first bin whose bound is >= v) only
  // move forward: one merge walk instead of a binary search per distinct value
  const last = mapper.numBin - 1 - (missingType === MissingType.NaN ? 1 : 0);
  for (let i = 0, b = 0; i < distinct.length; i++) {
    const v = distinct[i]!;
    while (b < last && !(v <= upperBounds[b]!)) b++;
    cntInBin[b]! += counts[i]!;
  }
  if (missingType === MissingType.NaN) cntInBin[mapper.numBin - 1] = naCnt;
  // LightGBM feature_pre_filter: drop features where no threshold leaves filter_cnt rows each side
  mapper.isTrivial = mapper.numBin <= 1 || (o.preFilter && needFilter(cntInBin, totalSampleCnt, o.filterCnt));
  if (!mapper.isTrivial) {
    mapper.defaultBin = valueToBin(mapper, 0);
    let mfb = 0;
    for (let b = 1; b < mapper.numBin; b++) if (cntInBin[b]! > cntInBin[mfb]!) mfb = b;
    // LightGBM kSparseThreshold: a most frequent bin other than zero's must hold 70 % of the sample
    mapper.mostFreqBin = mfb !== mapper.defaultBin && cntInBin[mfb]! / totalSampleCnt < 0.7 ? mapper.defaultBin : mfb;
  }
  return mapper;
}

function needFilter(cntInBin: Float64Array, total: number, filterCnt: number): boolean {
  let sumLeft = 0;
  for (let i = 0; i < cntInBin.length - 1; i++) {
    sumLeft += cntInBin[i]!;
    if (sumLeft >= filterCnt && total - sumLeft >= filterCnt) return false;
  }
  return true;
}

/**
 * The bin whose rows take a split's default direction (LightGBM `DenseBin::Split`): the NaN bin
 * with missing type NaN, zero's bin with missing type Zero, none (-1) otherwise.
 */
export const missingBin = (m: Pick<BinMapper, 'missingType' | 'numBin' | 'defaultBin'>): number =>
  m.missingType === MissingType.NaN ? m.numBin - 1 : m.missingType === MissingType.Zero ? m.defaultBin : -1;

/** LightGBM `BinMapper::ValueToBin`. */
export function valueToBin(m: Pick<BinMapper, 'upperBounds' | 'numBin' | 'missingType'>, value: number): number {
  let v = value;
  if (Number.isNaN(v)) {
    if (m.missingType === MissingType.NaN) return m.numBin - 1;
    v = 0;
  }
  let l = 0;
  let r = m.numBin - 1;
  if (m.missingType === MissingType.NaN) r -= 1;
  const ub = m.upperBounds;
  while (l < r) {
    const mid = (r + l - 1) >> 1;
    if (v <= ub[mid]!) r = mid;
    else l = mid + 1;
  }
  return l;
}

/** `[min:max]` for the model's feature_infos line, `none` when unusable. */
export function binInfo(m: BinMapper, fmt: (x: number) => string): string {
  return m.isTrivial ? 'none' : `[${fmt(m.minVal)}:${fmt(m.maxVal)}]`;
}
