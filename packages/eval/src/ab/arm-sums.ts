import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { messages } from '../messages';
import type { ArmMoments } from './types';
import { checkAligned, checkFiniteValues } from './validate';

/**
 * Power sums of one arm for one metric: what a database returns from `GROUP BY arm` (GrowthBook's
 * `main_sum`, `main_sum_squares`, `covariate_sum_product` …). They add up across partitions and days,
 * and every figure of the readout is a function of them.
 */
export interface ArmSums {
  /** Units (randomization units, e.g. users). */
  readonly n: number;
  /** Σ y over units (y = the per-unit value; the numerator of a ratio metric). */
  readonly sum: number;
  /** Σ y². */
  readonly sumSq: number;
  /** Every per-unit value is 0 or 1: the metric is tested as a proportion (as `analyzeExperiment` decides from the values). */
  readonly binary?: boolean;
  /** Ratio metrics: Σ x, Σ x² and Σ x·y of the per-unit denominators x. */
  readonly den?: { readonly sum: number; readonly sumSq: number; readonly sumCross: number };
  /** CUPED: Σ c, Σ c², Σ y·c of the per-unit covariate c, and Σ x·c for ratio metrics. */
  readonly cov?: { readonly sum: number; readonly sumSq: number; readonly sumCross: number; readonly denCross?: number };
}

/** The per-unit arrays of one arm, reduced to {@link ArmSums} (what the SQL computes, for tests and small data). */
export function sumArm(values: ArrayLike<number>, extra: { denominators?: ArrayLike<number>; covariate?: ArrayLike<number> } = {}): ArmSums {
  const where = 'sumArm';
  checkArity(where, arguments, ['values', 'extra']);
  checkKeys(where, 'extra', extra, SUM_ARM_KEYS);
  const { denominators: x, covariate: c } = extra;
  checkFiniteValues(where, values, 'values');
  if (x) {
    checkAligned(where, values, 'values', x, 'denominators');
    checkFiniteValues(where, x, 'denominators');
  }
  if (c) {
    checkAligned(where, values, 'values', c, 'covariate');
    checkFiniteValues(where, c, 'covariate');
  }
  let sum = 0;
  let sumSq = 0;
  let binary = true;
  let xs = 0;
  let xx = 0;
  let xy = 0;
  let cs = 0;
  let cc = 0;
  let yc = 0;
  let xc = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i]!;
    sum += y;
    sumSq += y * y;
    if (y !== 0 && y !== 1) binary = false;
    if (x) {
      xs += x[i]!;
      xx += x[i]! * x[i]!;
      xy += x[i]! * y;
    }
    if (c) {
      cs += c[i]!;
      cc += c[i]! * c[i]!;
      yc += y * c[i]!;
      if (x) xc += x[i]! * c[i]!;
    }
  }
  return {
    n: values.length,
    sum,
    sumSq,
    binary,
    ...(x ? { den: { sum: xs, sumSq: xx, sumCross: xy } } : {}),
    ...(c ? { cov: { sum: cs, sumSq: cc, sumCross: yc, ...(x ? { denCross: xc } : {}) } } : {}),
  };
}

/** Sample variance (n − 1) from Σ and Σ²; clamped at 0 against rounding. */
export function varianceFromSums(n: number, sum: number, sumSq: number): number {
  checkArity('varianceFromSums', arguments, ['n', 'sum', 'sumSq']);
  if (n < 2) return Number.NaN;
  const mean = sum / n;
  return Math.max(0, (sumSq - n * mean * mean) / (n - 1));
}

/** Sample covariance (n − 1) from Σa, Σb and Σab. */
export function covarianceFromSums(n: number, sumA: number, sumB: number, sumAB: number): number {
  checkArity('covarianceFromSums', arguments, ['n', 'sumA', 'sumB', 'sumAB']);
  if (n < 2) return Number.NaN;
  return (sumAB - n * (sumA / n) * (sumB / n)) / (n - 1);
}

/** `@abt/eval`'s moments (sample variances) from power sums; `den` when the sums carry denominators. */
export function momentsFromSums(s: ArmSums): ArmMoments {
  checkArity('momentsFromSums', arguments, ['sums']);
  const { n } = s;
  const mean = n > 0 ? s.sum / n : Number.NaN;
  const variance = varianceFromSums(n, s.sum, s.sumSq);
  if (!s.den) return { n, mean, variance };
  return {
    n,
    mean,
    variance,
    den: {
      mean: n > 0 ? s.den.sum / n : Number.NaN,
      variance: varianceFromSums(n, s.den.sum, s.den.sumSq),
      covariance: covarianceFromSums(n, s.sum, s.den.sum, s.den.sumCross),
    },
  };
}

/** Throws INVALID_INPUT unless the sums of one arm are usable: integer n, finite sums, consistent parts. */
export function checkArmSums(where: string, arm: string, s: ArmSums): void {
  const bad = (field: string, value: unknown) => new EvalError('INVALID_INPUT', messages.ab.badSums(where, arm, field, value));
  if (typeof s !== 'object' || s === null) throw bad('(arm)', s);
  checkKeys(where, `input.${arm}`, s, ARM_SUMS_KEYS);
  if (s.den) checkKeys(where, `input.${arm}.den`, s.den, DEN_SUMS_KEYS);
  if (s.cov) checkKeys(where, `input.${arm}.cov`, s.cov, COV_SUMS_KEYS);
  if (!(Number.isInteger(s.n) && s.n >= 0)) throw bad('n', s.n);
  for (const f of ['sum', 'sumSq'] as const) if (!Number.isFinite(s[f])) throw bad(f, s[f]);
  if (s.den) for (const f of ['sum', 'sumSq', 'sumCross'] as const) if (!Number.isFinite(s.den[f])) throw bad(`den.${f}`, s.den[f]);
  if (s.cov) {
    for (const f of ['sum', 'sumSq', 'sumCross'] as const) if (!Number.isFinite(s.cov[f])) throw bad(`cov.${f}`, s.cov[f]);
    if (s.den && !Number.isFinite(s.cov.denCross)) throw bad('cov.denCross', s.cov.denCross);
  }
  if (s.binary && !(Number.isInteger(s.sum) && s.sum >= 0 && s.sum <= s.n)) throw bad('sum (binary)', s.sum);
}

const ARM_SUMS_KEYS = keysOf<ArmSums>({ n: true, sum: true, sumSq: true, binary: true, den: true, cov: true });
const DEN_SUMS_KEYS = keysOf<NonNullable<ArmSums['den']>>({ sum: true, sumSq: true, sumCross: true });
const COV_SUMS_KEYS = keysOf<NonNullable<ArmSums['cov']>>({ sum: true, sumSq: true, sumCross: true, denCross: true });
const SUM_ARM_KEYS = keysOf<{ denominators?: unknown; covariate?: unknown }>({ denominators: true, covariate: true });
