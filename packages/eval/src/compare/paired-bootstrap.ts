import { EvalError } from '../errors';
import type { Metric } from '../metrics/metric';
import { type Rng, toRng } from '../random';
import { quantileSorted } from '../stats/describe';
import { checkFinite, checkIntOption, checkRangeOption, checkSameLength, countPositives } from '../validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface PairedBootstrapOptions {
  /** Bootstrap replicates; default 1000. */
  readonly nResamples?: number;
  /** Seed (or RNG) for the resampling; default 0. */
  readonly seed?: number | Rng;
  /** CIs at 1 − α; default 0.05. */
  readonly alpha?: number;
  /** Called after each replicate with (done, total): drives a progress bar on large test sets. */
  readonly onProgress?: (done: number, total: number) => void;
}
const BOOTSTRAP_OPTIONS = keysOf<PairedBootstrapOptions>({ nResamples: true, seed: true, alpha: true, onProgress: true });

export interface Interval {
  readonly estimate: number;
  readonly ciLow: number;
  readonly ciHigh: number;
}

export interface PairedBootstrapResult {
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly a: Interval;
  readonly b: Interval;
  /** B − A on the full data, with the percentile CI of the paired replicate differences. */
  readonly diff: Interval & { readonly se: number; readonly pValue: number };
  readonly alpha: number;
  /** Replicates used; replicates where the metric was undefined (e.g. one class drawn) are skipped. */
  readonly nValid: number;
  readonly nSkipped: number;
}

/**
 * Paired bootstrap: the same resampled rows score A and B, so the CI of B − A accounts for their
 * correlation. Percentile CIs (numpy 'linear' quantiles); p-value = 2·min(P*(Δ ≤ 0), P*(Δ ≥ 0)).
 */
export function pairedBootstrap(
  labels: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  metric: Metric,
  options: PairedBootstrapOptions = {},
): PairedBootstrapResult {
  checkArity('pairedBootstrap', arguments, ['labels', 'scoresA', 'scoresB', 'metric', 'options']);
  checkKeys('pairedBootstrap', 'options', options, BOOTSTRAP_OPTIONS);
  return pairedBootstrapMany(labels, scoresA, scoresB, [metric], options)[0]!;
}

/**
 * `pairedBootstrap` for several metrics on the SAME replicates (one draw of rows per replicate,
 * every metric evaluated on it) — cheaper, and the metrics' CIs describe the same resamples.
 */
export function pairedBootstrapMany(
  labels: ArrayLike<number>,
  scoresA: ArrayLike<number>,
  scoresB: ArrayLike<number>,
  metricList: readonly Metric[],
  options: PairedBootstrapOptions = {},
): PairedBootstrapResult[] {
  checkArity('pairedBootstrapMany', arguments, ['labels', 'scoresA', 'scoresB', 'metricList', 'options']);
  checkKeys('pairedBootstrapMany', 'options', options, BOOTSTRAP_OPTIONS);
  const { nResamples = 1000, seed = 0, alpha = 0.05, onProgress } = options;
  const where = 'pairedBootstrap';
  checkIntOption(where, 'nResamples', nResamples, 1);
  checkRangeOption(where, 'alpha', alpha, 0, 1);
  checkSameLength(where, labels, 'labels', scoresA, 'scoresA');
  checkSameLength(where, labels, 'labels', scoresB, 'scoresB');
  countPositives(where, labels);
  checkFinite(where, scoresA, 'scoresA');
  checkFinite(where, scoresB, 'scoresB');
  const rng = toRng(seed, 0, 'pairedBootstrap');
  const n = labels.length;
  const states = metricList.map((metric) => ({
    metric,
    estA: metric.compute(labels, scoresA),
    estB: metric.compute(labels, scoresB),
    fast: metric.prepare ? ([metric.prepare(labels, scoresA), metric.prepare(labels, scoresB)] as const) : null,
    repA: [] as number[],
    repB: [] as number[],
    repD: [] as number[],
    skipped: 0,
  }));
  const idx = new Uint32Array(n);
  const w = new Float64Array(n);
  const y = new Float64Array(n);
  const sa = new Float64Array(n);
  const sb = new Float64Array(n);
  const needCopy = states.some((s) => !s.fast);
  for (let r = 0; r < nResamples; r++) {
    // One uniform per row; fast paths see the draw as multiplicities, others as materialized rows.
    w.fill(0);
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng() * n);
      idx[i] = j;
      w[j]!++;
    }
    if (needCopy) {
      for (let i = 0; i < n; i++) {
        const j = idx[i]!;
        y[i] = labels[j]!;
        sa[i] = scoresA[j]!;
        sb[i] = scoresB[j]!;
      }
    }
    for (const s of states) {
      try {
        const va = s.fast ? s.fast[0](w) : s.metric.compute(y, sa);
        const vb = s.fast ? s.fast[1](w) : s.metric.compute(y, sb);
        s.repA.push(va);
        s.repB.push(vb);
        s.repD.push(vb - va);
      } catch (e) {
        if (EvalError.isInstance(e) && e.code === 'UNDEFINED_METRIC') s.skipped++;
        else throw e;
      }
    }
    onProgress?.(r + 1, nResamples);
  }
  return states.map((s) => summarize(s.metric, s.estA, s.estB, s.repA, s.repB, s.repD, s.skipped, alpha));
}

function summarize(
  metric: Metric,
  estA: number,
  estB: number,
  repA: number[],
  repB: number[],
  repD: number[],
  skipped: number,
  alpha: number,
): PairedBootstrapResult {
  const lo = alpha / 2;
  const hi = 1 - alpha / 2;
  const interval = (est: number, reps: number[]): Interval => {
    const s = Float64Array.from(reps).sort();
    return { estimate: est, ciLow: quantileSorted(s, lo), ciHigh: quantileSorted(s, hi) };
  };
  let le = 0;
  let ge = 0;
  let mean = 0;
  for (const d of repD) {
    if (d <= 0) le++;
    if (d >= 0) ge++;
    mean += d;
  }
  const k = repD.length;
  mean /= k || 1;
  let ss = 0;
  for (const d of repD) ss += (d - mean) ** 2;
  return {
    metric: metric.name,
    higherIsBetter: metric.higherIsBetter,
    a: interval(estA, repA),
    b: interval(estB, repB),
    diff: {
      ...interval(estB - estA, repD),
      se: k > 1 ? Math.sqrt(ss / (k - 1)) : NaN,
      pValue: k === 0 ? NaN : Math.min(1, (2 * Math.min(le, ge)) / k),
    },
    alpha,
    nValid: k,
    nSkipped: skipped,
  };
}
