import { aucMetric, brierMetric, logLossMetric, prAucMetric, type Metric } from '../metrics/metric';
import type { Rng } from '../random';
import { countPositives } from '../validate';
import { delongTest, type DeLongResult } from './delong';
import { pairedBootstrapMany, type Interval } from './paired-bootstrap';
import { verdict, type Verdict } from './verdict';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface MetricComparison {
  readonly metric: string;
  readonly label: string;
  readonly higherIsBetter: boolean;
  readonly a: Interval;
  readonly b: Interval;
  /** B − A with its CI. */
  readonly diff: Interval;
  readonly pValue: number;
  /** How the CIs were obtained. */
  readonly method: 'delong' | 'paired-bootstrap';
  readonly verdict: Verdict;
}

export interface AbComparison {
  readonly n: number;
  readonly positives: number;
  readonly positiveRate: number;
  readonly alpha: number;
  /** ROC-AUC first (DeLong), then the bootstrapped metrics in the order given. */
  readonly rows: readonly MetricComparison[];
  readonly delong: DeLongResult;
}

export interface CompareAbOptions {
  /** Default 0.05. */
  readonly alpha?: number;
  /** Metrics compared by paired bootstrap; default PR-AUC, log loss, Brier. ROC-AUC always uses DeLong. */
  readonly bootstrapMetrics?: readonly Metric[];
  /** Default 1000. */
  readonly nResamples?: number;
  /** Default 0. */
  readonly seed?: number | Rng;
  /** Bootstrap progress, after each replicate: (done, nResamples). */
  readonly onProgress?: (done: number, total: number) => void;
}
const COMPARE_OPTIONS = keysOf<CompareAbOptions>({ alpha: true, bootstrapMetrics: true, nResamples: true, seed: true, onProgress: true });

/** Offline A vs B on the same test rows: ROC-AUC by DeLong, other metrics by paired bootstrap, a verdict for each. */
export function compareAB(labels: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>, options: CompareAbOptions = {}): AbComparison {
  checkArity('compareAB', arguments, ['labels', 'scoresA', 'scoresB', 'options']);
  checkKeys('compareAB', 'options', options, COMPARE_OPTIONS);
  const { alpha = 0.05, bootstrapMetrics = [prAucMetric, logLossMetric, brierMetric], nResamples = 1000, seed = 0 } = options;
  const d = delongTest(labels, scoresA, scoresB, { alpha });
  const rows: MetricComparison[] = [
    {
      metric: aucMetric.name,
      label: aucMetric.label,
      higherIsBetter: true,
      a: { estimate: d.a.auc, ciLow: d.a.ciLow, ciHigh: d.a.ciHigh },
      b: { estimate: d.b.auc, ciLow: d.b.ciLow, ciHigh: d.b.ciHigh },
      diff: { estimate: d.diff, ciLow: d.ciLow, ciHigh: d.ciHigh },
      pValue: d.pValue,
      method: 'delong',
      verdict: verdict({ diff: d.diff, ciLow: d.ciLow, ciHigh: d.ciHigh, higherIsBetter: true, alpha }),
    },
  ];
  // One set of replicates for all bootstrapped metrics: their CIs describe the same resamples.
  const results = pairedBootstrapMany(labels, scoresA, scoresB, bootstrapMetrics, {
    alpha,
    nResamples,
    seed,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  bootstrapMetrics.forEach((metric, i) => {
    const r = results[i]!;
    rows.push({
      metric: metric.name,
      label: metric.label,
      higherIsBetter: metric.higherIsBetter,
      a: r.a,
      b: r.b,
      diff: r.diff,
      pValue: r.diff.pValue,
      method: 'paired-bootstrap',
      verdict: verdict({ diff: r.diff.estimate, ciLow: r.diff.ciLow, ciHigh: r.diff.ciHigh, higherIsBetter: metric.higherIsBetter, alpha }),
    });
  });
  const positives = countPositives('compareAB', labels);
  return { n: labels.length, positives, positiveRate: positives / labels.length, alpha, rows, delong: d };
}

/**
 * Flat metric map for a tracking run, e.g. `{A_logreg_test_auc, B_lgbm_test_auc, …}` with
 * prefixes `A_logreg` / `B_lgbm` (the seed's `Eval_Offline_AB` names), plus DeLong's Δ, SE and p.
 */
export function abTrackingMetrics(c: AbComparison, prefixA: string, prefixB: string, split = 'test'): Record<string, number> {
  checkArity('abTrackingMetrics', arguments, ['c', 'prefixA', 'prefixB', 'split']);
  const out: Record<string, number> = {};
  for (const r of c.rows) {
    out[`${prefixA}_${split}_${r.metric}`] = r.a.estimate;
    out[`${prefixB}_${split}_${r.metric}`] = r.b.estimate;
    out[`${prefixA}_${split}_${r.metric}_ci_low`] = r.a.ciLow;
    out[`${prefixA}_${split}_${r.metric}_ci_high`] = r.a.ciHigh;
    out[`${prefixB}_${split}_${r.metric}_ci_low`] = r.b.ciLow;
    out[`${prefixB}_${split}_${r.metric}_ci_high`] = r.b.ciHigh;
    out[`diff_${split}_${r.metric}`] = r.diff.estimate;
    out[`diff_${split}_${r.metric}_p_value`] = r.pValue;
  }
  out[`delong_${split}_delta_auc`] = c.delong.diff;
  out[`delong_${split}_se`] = c.delong.se;
  out[`delong_${split}_p_value`] = c.delong.pValue;
  return out;
}
