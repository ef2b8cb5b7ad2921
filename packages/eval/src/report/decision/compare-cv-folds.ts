import { studentTTwoSided } from '../../ab/special/distributions';
import { checkArity, checkKeys, keysOf } from '../../check-args';
import type { Winner } from '../../compare/verdict';
import type { CrossValidateResult } from '../../cv/cross-validate';

/** B − A on one CV metric, fold by fold, with the corrected resampled t-test. */
export interface CvFoldComparison {
  readonly metric: string;
  readonly folds: number;
  /** B − A per fold (folds paired by index: both policies were scored on the same held-out rows). */
  readonly foldDiffs: readonly number[];
  /** Mean of the fold differences (= mean B − mean A). */
  readonly meanDiff: number;
  /** Folds in which B is better (by the metric's direction). */
  readonly foldsBBetter: number;
  /** Nadeau–Bengio corrected t statistic, k − 1 degrees of freedom; NaN when the folds do not vary. */
  readonly t: number;
  readonly pValue: number;
  /** The better policy when p < α, else null. */
  readonly winner: Winner;
}

/** How `compareCvFolds` reads the metric: its direction and the test's level. */
export interface CvFoldOptions {
  readonly higherIsBetter: boolean;
  readonly alpha: number;
}

const CV_FOLD_OPTIONS = keysOf<CvFoldOptions>({ higherIsBetter: true, alpha: true });

/**
 * Compares A and B over the same K folds. Fold scores share training rows, so the plain paired t-test
 * is far too confident; the corrected resampled t-test (Nadeau & Bengio 2003, "Inference for the
 * generalization error", as used for k-fold CV by Bouckaert & Frank 2004) inflates the variance of the
 * mean difference from s²/k to (1/k + n_test/n_train)·s².
 */
export function compareCvFolds(a: CrossValidateResult, b: CrossValidateResult, metric: string, options: CvFoldOptions): CvFoldComparison | undefined {
  checkArity('compareCvFolds', arguments, ['a', 'b', 'metric', 'options']);
  checkKeys('compareCvFolds', 'options', options, CV_FOLD_OPTIONS);
  const k = Math.min(a.folds.length, b.folds.length);
  const diffs: number[] = [];
  let ratio = 0;
  for (let i = 0; i < k; i++) {
    const fa = a.folds[i]!;
    const fb = b.folds[i]!;
    const va = fa.metrics[metric];
    const vb = fb.metrics[metric];
    if (typeof va !== 'number' || typeof vb !== 'number' || !Number.isFinite(va) || !Number.isFinite(vb)) return undefined;
    diffs.push(vb - va);
    ratio += fa.nTrain > 0 ? fa.nTest / fa.nTrain : Number.NaN;
  }
  if (k < 2 || a.folds.length !== b.folds.length) return undefined;
  const mean = diffs.reduce((s, d) => s + d, 0) / k;
  const s2 = diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (k - 1);
  const se = Math.sqrt((1 / k + ratio / k) * s2);
  const t = se > 0 ? mean / se : Number.NaN;
  const pValue = studentTTwoSided(t, k - 1);
  const bBetter = (d: number) => (options.higherIsBetter ? d > 0 : d < 0);
  const winner: Winner = pValue < options.alpha ? (bBetter(mean) ? 'B' : 'A') : null;
  return { metric, folds: k, foldDiffs: diffs, meanDiff: mean, foldsBBetter: diffs.filter(bBetter).length, t, pValue, winner };
}
