import { EvalError } from '../errors';
import { messages } from '../messages';
import { normalQuantile, normalSf } from '../stats/normal';
import { sortFloat64 } from '../stats/radix-sort';
import { checkBinaryInput, checkFinite, checkRangeOption, checkSameLength, requireBothClasses } from '../validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface AucWithCi {
  readonly auc: number;
  /** DeLong standard error. */
  readonly se: number;
  /** Confidence interval at 1 − α, clipped to [0, 1]. */
  readonly ciLow: number;
  readonly ciHigh: number;
}

export interface DeLongResult {
  readonly a: AucWithCi;
  readonly b: AucWithCi;
  /** ΔAUC = AUC(B) − AUC(A). */
  readonly diff: number;
  /** Standard error of ΔAUC under DeLong's covariance. */
  readonly se: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly z: number;
  /** Two-sided p-value of H0: AUC(A) = AUC(B). */
  readonly pValue: number;
  readonly alpha: number;
  readonly positives: number;
  readonly negatives: number;
}

export interface DeLongOptions {
  /** Significance level for the CIs; default 0.05 (95 % CIs). */
  readonly alpha?: number;
}
const DELONG_OPTIONS = keysOf<DeLongOptions>({ alpha: true });

/**
 * DeLong's test for two correlated ROC-AUCs on the same rows, in the O(n log n) form of Sun & Xu
 * (2014): structural components V10 / V01 from midranks — here as counts against the other class's
 * sorted scores, which equals Tz − Tx — and their covariance S = S10/m + S01/n.
 */
export function delongTest(labels: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, options: DeLongOptions = {}): DeLongResult {
  checkArity('delongTest', arguments, ['labels', 'scoresA', 'scoresB', 'options']);
  checkKeys('delongTest', 'options', options, DELONG_OPTIONS);
  const { alpha = 0.05 } = options;
  const where = 'delongTest';
  checkRangeOption(where, 'alpha', alpha, 0, 1);
  const m = checkBinaryInput(where, labels, scoresA, 'scoresA');
  checkSameLength(where, labels, 'labels', scoresB, 'scoresB');
  checkFinite(where, scoresB, 'scoresB');
  requireBothClasses(where, labels.length, m);
  const n = labels.length - m;
  const ca = components(labels, scoresA, m);
  const cb = components(labels, scoresB, m);
  const s10 = covariance(ca.v10, cb.v10);
  const s01 = covariance(ca.v01, cb.v01);
  const varA = s10.aa / m + s01.aa / n;
  const varB = s10.bb / m + s01.bb / n;
  const covAB = s10.ab / m + s01.ab / n;
  const z975 = normalQuantile(1 - alpha / 2);
  const diff = cb.auc - ca.auc;
  const varDiff = Math.max(0, varA + varB - 2 * covAB);
  const se = Math.sqrt(varDiff);
  const z = se > 0 ? diff / se : diff === 0 ? 0 : Math.sign(diff) * Infinity;
  return {
    a: withCi(ca.auc, Math.sqrt(Math.max(0, varA)), z975),
    b: withCi(cb.auc, Math.sqrt(Math.max(0, varB)), z975),
    diff,
    se,
    ciLow: diff - z975 * se,
    ciHigh: diff + z975 * se,
    z,
    pValue: 2 * normalSf(Math.abs(z)),
    alpha,
    positives: m,
    negatives: n,
  };
}

/** One AUC with its DeLong standard error and CI. */
export function aucConfidenceInterval(labels: ArrayLike<number>, scores: ArrayLike<number>, options: DeLongOptions = {}): AucWithCi {
  checkArity('aucConfidenceInterval', arguments, ['labels', 'scores', 'options']);
  checkKeys('aucConfidenceInterval', 'options', options, DELONG_OPTIONS);
  const { alpha = 0.05 } = options;
  checkRangeOption('aucConfidenceInterval', 'alpha', alpha, 0, 1);
  const m = checkBinaryInput('aucConfidenceInterval', labels, scores);
  requireBothClasses('aucConfidenceInterval', labels.length, m);
  const c = components(labels, scores, m);
  const s10 = covariance(c.v10, c.v10);
  const s01 = covariance(c.v01, c.v01);
  const v = s10.aa / m + s01.aa / (labels.length - m);
  return withCi(c.auc, Math.sqrt(Math.max(0, v)), normalQuantile(1 - alpha / 2));
}

function withCi(auc: number, se: number, z: number): AucWithCi {
  return { auc, se, ciLow: Math.max(0, auc - z * se), ciHigh: Math.min(1, auc + z * se) };
}

/** V10[i] = P(neg < x_i) + ½P(neg = x_i); V01[j] = P(pos > y_j) + ½P(pos = y_j); AUC = mean V10. */
function components(labels: ArrayLike<number>, scores: ArrayLike<number>, m: number) {
  const pos = new Float64Array(m);
  const neg = new Float64Array(labels.length - m);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[ip++] = scores[i]!;
    else neg[ineg++] = scores[i]!;
  }
  const sortedPos = sortFloat64(pos.slice());
  const sortedNeg = sortFloat64(neg.slice());
  const n = neg.length;
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const x = pos[i]!;
    const lo = lowerBound(sortedNeg, x);
    const hi = upperBound(sortedNeg, x);
    v10[i] = (lo + 0.5 * (hi - lo)) / n;
    sum += lo + 0.5 * (hi - lo);
  }
  for (let j = 0; j < n; j++) {
    const y = neg[j]!;
    const lo = lowerBound(sortedPos, y);
    const hi = upperBound(sortedPos, y);
    v01[j] = (m - hi + 0.5 * (hi - lo)) / m;
  }
  if (m === 0 || n === 0) throw new EvalError('UNDEFINED_METRIC', messages.singleClass('delongTest', labels.length, m === 0 ? 0 : 1));
  return { auc: sum / (m * n), v10, v01 };
}

/** Sample covariance (ddof = 1) of two equally long vectors and their variances. */
function covariance(a: Float64Array, b: Float64Array): { aa: number; bb: number; ab: number } {
  const k = a.length;
  if (k < 2) return { aa: 0, bb: 0, ab: 0 };
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < k; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= k;
  mb /= k;
  let aa = 0;
  let bb = 0;
  let ab = 0;
  for (let i = 0; i < k; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    aa += da * da;
    bb += db * db;
    ab += da * db;
  }
  return { aa: aa / (k - 1), bb: bb / (k - 1), ab: ab / (k - 1) };
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
