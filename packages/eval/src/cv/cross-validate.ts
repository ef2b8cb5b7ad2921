import { EvalError } from '../errors';
import type { Metric } from '../metrics/metric';
import { messages } from '../messages';
import { mean, std } from '../stats/describe';
import type { Fold } from './fold';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface CrossValidateInput {
  readonly folds: readonly Fold[];
  /**
   * Fits on `trainIdx` only and returns scores for `testIdx`, in that order. Refit the whole feature
   * pipeline inside (encoders, vocabularies, scalers) so nothing from the held-out rows leaks into training.
   */
  readonly fitPredict: (trainIdx: Uint32Array, testIdx: Uint32Array, fold: number) => ArrayLike<number> | Promise<ArrayLike<number>>;
  /** Labels of all rows (indexed by the folds). */
  readonly labels: ArrayLike<number>;
  /** Metrics to compute on each held-out fold. */
  readonly metrics: readonly Metric[];
}
const CROSS_VALIDATE_KEYS = keysOf<CrossValidateInput>({ folds: true, fitPredict: true, labels: true, metrics: true });

export interface FoldResult {
  readonly fold: number;
  readonly nTrain: number;
  readonly nTest: number;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface CrossValidateResult {
  readonly folds: readonly FoldResult[];
  readonly mean: Readonly<Record<string, number>>;
  /** Population std over folds (numpy's default ddof = 0, as the original's `np.std`). */
  readonly std: Readonly<Record<string, number>>;
}

/** Trains on K − 1 folds and scores the held-out fold, for every fold (held-out, unlike the original). */
export async function crossValidate(input: CrossValidateInput): Promise<CrossValidateResult> {
  checkArity('crossValidate', arguments, ['input']);
  checkKeys('crossValidate', 'input', input, CROSS_VALIDATE_KEYS);
  const { folds, fitPredict, labels, metrics } = input;
  const results: FoldResult[] = [];
  for (let f = 0; f < folds.length; f++) {
    const { trainIdx, testIdx } = folds[f]!;
    const scores = await fitPredict(trainIdx, testIdx, f);
    if (scores.length !== testIdx.length) throw new EvalError('LENGTH_MISMATCH', messages.foldScoresLength(f, testIdx.length, scores.length));
    const y = Float64Array.from(testIdx, (i) => labels[i]!);
    const values: Record<string, number> = {};
    for (const m of metrics) values[m.name] = m.compute(y, scores);
    results.push({ fold: f, nTrain: trainIdx.length, nTest: testIdx.length, metrics: values });
  }
  const agg = (fn: (v: number[]) => number) => Object.fromEntries(metrics.map((m) => [m.name, fn(results.map((r) => r.metrics[m.name]!))]));
  return { folds: results, mean: agg(mean), std: agg((v) => std(v, 0)) };
}

/**
 * Flat metric map for a tracking run: `<prefix>_<metric>_mean` / `_std` (the seed's `CV_5fold` names,
 * e.g. prefix `A_LogReg` → `A_LogReg_auc_mean`), plus `<prefix>_<metric>_fold<i>` per fold.
 */
export function cvTrackingMetrics(result: CrossValidateResult, prefix: string): Record<string, number> {
  checkArity('cvTrackingMetrics', arguments, ['result', 'prefix']);
  const out: Record<string, number> = {};
  for (const [m, v] of Object.entries(result.mean)) {
    out[`${prefix}_${m}_mean`] = v;
    out[`${prefix}_${m}_std`] = result.std[m]!;
    result.folds.forEach((f, i) => (out[`${prefix}_${m}_fold${i + 1}`] = f.metrics[m]!));
  }
  return out;
}
