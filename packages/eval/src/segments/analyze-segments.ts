import { delongTest } from '../compare/delong';
import type { Interval } from '../compare/paired-bootstrap';
import { verdict, type Verdict } from '../compare/verdict';
import { messages } from '../messages';
import { normalQuantile, normalSf } from '../stats/normal';
import { checkFinite, checkIntOption, checkRangeOption, checkSameLength, countPositives } from '../validate';
import { defineSegments } from './define-segments';
import { checkArity, checkKeys } from '../check-args';
import { checkSegmentInput, SEGMENT_OPTIONS, type Segment, type SegmentGroup, type SegmentInput, type SegmentOptions } from './types';

export interface SegmentMetric {
  readonly metric: 'auc' | 'logloss' | 'brier';
  readonly higherIsBetter: boolean;
  readonly a: Interval;
  readonly b: Interval;
  /** B − A. */
  readonly diff: Interval;
  readonly pValue: number;
  readonly verdict: Verdict;
}

export interface SegmentResult {
  readonly key: string;
  readonly label: string;
  readonly group: SegmentGroup;
  readonly n: number;
  /** NaN for an empty segment. */
  readonly positiveRate: number;
  readonly status: 'ok' | 'skipped';
  /** Why the segment was skipped (too small, single class, empty); null when analysed. */
  readonly reason: string | null;
  /** AUC by DeLong; log loss and Brier as means of per-row losses with CLT CIs (paired for B − A). */
  readonly metrics: readonly SegmentMetric[];
}

/**
 * Train-defined segments with n, positive rate and A / B metrics with CIs; segments that are empty,
 * smaller than `minN`, or single-class are returned as skipped with the reason.
 */
export function analyzeSegments(input: SegmentInput, options: SegmentOptions = {}): SegmentResult[] {
  checkArity('analyzeSegments', arguments, ['input', 'options']);
  checkSegmentInput('analyzeSegments', input);
  checkKeys('analyzeSegments', 'options', options, SEGMENT_OPTIONS);
  const { minN = 50, alpha = 0.05 } = options;
  const where = 'analyzeSegments';
  checkIntOption(where, 'minN', minN, 1);
  checkRangeOption(where, 'alpha', alpha, 0, 1);
  const { labels } = input.eval;
  checkSameLength(where, labels, 'eval.labels', input.scoresA, 'scoresA');
  checkSameLength(where, labels, 'eval.labels', input.scoresB, 'scoresB');
  countPositives(where, labels);
  checkFinite(where, input.scoresA, 'scoresA');
  checkFinite(where, input.scoresB, 'scoresB');
  return defineSegments(input, options).map((s) => analyzeOne(s, input, minN, alpha));
}

function analyzeOne(seg: Segment, input: SegmentInput, minN: number, alpha: number): SegmentResult {
  const n = seg.rows.length;
  const y = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  let pos = 0;
  seg.rows.forEach((r, i) => {
    y[i] = input.eval.labels[r]!;
    a[i] = input.scoresA[r]!;
    b[i] = input.scoresB[r]!;
    pos += y[i]!;
  });
  const base = { key: seg.key, label: seg.label, group: seg.group, n, positiveRate: n === 0 ? NaN : pos / n };
  const skip = (reason: string): SegmentResult => ({ ...base, status: 'skipped', reason, metrics: [] });
  if (n === 0) return skip(messages.skippedEmpty());
  if (n < minN) return skip(messages.skippedTooSmall(n, minN));
  if (pos === 0 || pos === n) return skip(messages.skippedSingleClass(n, pos === 0 ? 0 : 1));
  const z = normalQuantile(1 - alpha / 2);
  const d = delongTest(y, a, b, { alpha });
  const metrics: SegmentMetric[] = [
    {
      metric: 'auc',
      higherIsBetter: true,
      a: { estimate: d.a.auc, ciLow: d.a.ciLow, ciHigh: d.a.ciHigh },
      b: { estimate: d.b.auc, ciLow: d.b.ciLow, ciHigh: d.b.ciHigh },
      diff: { estimate: d.diff, ciLow: d.ciLow, ciHigh: d.ciHigh },
      pValue: d.pValue,
      verdict: verdict({ diff: d.diff, ciLow: d.ciLow, ciHigh: d.ciHigh, higherIsBetter: true, alpha }),
    },
    meanLossMetric('logloss', y, a, b, z, alpha, (yi, p) => -Math.log(Math.min(Math.max(yi === 1 ? p : 1 - p, Number.EPSILON), 1 - Number.EPSILON))),
    meanLossMetric('brier', y, a, b, z, alpha, (yi, p) => (p - yi) ** 2),
  ];
  return { ...base, status: 'ok', reason: null, metrics };
}

/** Mean per-row loss with mean ± z·sd/√n CIs; B − A from the paired per-row differences. */
function meanLossMetric(
  metric: 'logloss' | 'brier',
  y: Float64Array,
  a: Float64Array,
  b: Float64Array,
  z: number,
  alpha: number,
  loss: (y: number, p: number) => number,
): SegmentMetric {
  const n = y.length;
  const la = new Float64Array(n);
  const lb = new Float64Array(n);
  const ld = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    la[i] = loss(y[i]!, a[i]!);
    lb[i] = loss(y[i]!, b[i]!);
    ld[i] = lb[i]! - la[i]!;
  }
  const ia = meanCi(la, z);
  const ib = meanCi(lb, z);
  const id = meanCi(ld, z);
  const se = (id.ciHigh - id.estimate) / z;
  return {
    metric,
    higherIsBetter: false,
    a: ia,
    b: ib,
    diff: id,
    pValue: se > 0 ? 2 * normalSf(Math.abs(id.estimate / se)) : id.estimate === 0 ? 1 : 0,
    verdict: verdict({ diff: id.estimate, ciLow: id.ciLow, ciHigh: id.ciHigh, higherIsBetter: false, alpha }),
  };
}

function meanCi(v: Float64Array, z: number): Interval {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i]!;
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i]! - m) ** 2;
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  return { estimate: m, ciLow: m - z * se, ciHigh: m + z * se };
}

/** Flat metric map `test_<segment>_<A|B>_<metric>` (the seed's `Segment_Analysis` names) plus n and positive rate. */
export function segmentTrackingMetrics(results: readonly SegmentResult[], split = 'test'): Record<string, number> {
  checkArity('segmentTrackingMetrics', arguments, ['results', 'split']);
  const out: Record<string, number> = {};
  for (const r of results) {
    out[`${split}_${r.key}_n`] = r.n;
    if (r.status !== 'ok') continue;
    out[`${split}_${r.key}_pos_rate`] = r.positiveRate;
    for (const m of r.metrics) {
      out[`${split}_${r.key}_A_${m.metric}`] = m.a.estimate;
      out[`${split}_${r.key}_B_${m.metric}`] = m.b.estimate;
    }
  }
  return out;
}
