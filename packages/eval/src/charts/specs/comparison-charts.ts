import type { MetricComparison } from '../../compare/compare-ab';
import type { CrossValidateResult } from '../../cv/cross-validate';
import type { SegmentResult } from '../../segments/analyze-segments';
import { checkArity, checkKeys, keysOf } from '../../check-args';
import { metricLabel } from '../labels';
import { chart, fmt, fmtP, policyColor, POLICY_COLORS, type ChartSpec } from '../spec';

/** One metric for A and B as bars with CI whiskers (e.g. the AUC or log-loss bar of `Eval_Offline_AB`). */
export function metricBarChartSpec(row: MetricComparison, names: readonly [string, string], title?: string): ChartSpec {
  checkArity('metricBarChartSpec', arguments, ['row', 'names', 'title']);
  const values = [
    { policy: names[0], value: row.a.estimate, lo: row.a.ciLow, hi: row.a.ciHigh },
    { policy: names[1], value: row.b.estimate, lo: row.b.ciLow, hi: row.b.ciHigh },
  ];
  const x = { field: 'policy', type: 'nominal', title: null, sort: null, axis: { labelAngle: 0 } };
  return chart(
    title ?? `${row.label}: ${names[0]} vs ${names[1]}`,
    {
      data: { values },
      layer: [
        {
          mark: { type: 'bar', width: { band: 0.55 } },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: row.label, scale: { zero: !row.higherIsBetter } },
            color: { field: 'policy', type: 'nominal', ...policyColor(names), legend: null },
          },
        },
        { mark: { type: 'rule', strokeWidth: 2, color: '#1f2933' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
        {
          mark: { type: 'text', dy: -10, fontSize: 12, color: '#1f2933' },
          encoding: { x, y: { field: 'hi', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: '.4f' } },
        },
      ],
    },
    { width: 280, height: 280, subtitle: `CI whiskers · ${row.verdict.text} (${fmtP(row.pValue)})` },
  );
}

/** Options of `metricDiffChartSpec`: the CI's level (as in `compareAB`) and a title. */
export interface MetricDiffChartOptions {
  readonly alpha?: number;
  readonly title?: string;
}

const METRIC_DIFF_OPTIONS = keysOf<MetricDiffChartOptions>({ alpha: true, title: true });

/**
 * B − A of one metric with its CI as a whisker against zero, so a small but significant difference stays
 * visible (bars from 0 hide a ΔAUC of −0.007). The point takes the winner's colour (grey: no significant
 * difference); the ends of the axis say which side is better, by the metric's direction.
 */
export function metricDiffChartSpec(row: MetricComparison, names: readonly [string, string], options: MetricDiffChartOptions = {}): ChartSpec {
  checkArity('metricDiffChartSpec', arguments, ['row', 'names', 'options']);
  checkKeys('metricDiffChartSpec', 'options', options, METRIC_DIFF_OPTIONS);
  const { alpha = 0.05, title } = options;
  const { estimate, ciLow, ciHigh } = row.diff;
  const lo = Math.min(ciLow, 0);
  const hi = Math.max(ciHigh, 0);
  const pad = (hi - lo || Math.abs(estimate) || 1e-3) * 0.25;
  const domain = [lo - pad, hi + pad];
  const better = (positive: boolean) => (positive === row.higherIsBetter ? names[1] : names[0]);
  const colour = row.verdict.winner === 'A' ? POLICY_COLORS[0] : row.verdict.winner === 'B' ? POLICY_COLORS[1] : '#7b8794';
  const x = {
    field: 'x',
    type: 'quantitative',
    title: `${metricLabel(row.metric)}: ${names[1]} − ${names[0]}`,
    scale: { domain, nice: false, zero: false },
    axis: { format: '.4f', tickCount: 6 },
  };
  const datum = { x: estimate, lo: ciLow, hi: ciHigh, y: 0 };
  const y = { field: 'y', type: 'quantitative', axis: null, scale: { domain: [-1, 1] } };
  const label = `${fmt(estimate, 4)} [${fmt(ciLow, 4)}, ${fmt(ciHigh, 4)}]`;
  return chart(
    title ?? `Δ ${row.label}`,
    {
      layer: [
        { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#52606d', strokeDash: [4, 3] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
        { data: { values: [datum] }, mark: { type: 'rule', strokeWidth: 3, color: colour }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y } },
        {
          data: {
            values: [
              { ...datum, x: ciLow },
              { ...datum, x: ciHigh },
            ],
          },
          mark: { type: 'tick', orient: 'vertical', thickness: 2, size: 18, color: colour },
          encoding: { x: { field: 'x', type: 'quantitative' }, y },
        },
        {
          data: { values: [datum] },
          mark: { type: 'point', filled: true, size: 110, color: colour, opacity: 1 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y,
            tooltip: [
              { field: 'x', title: 'B − A', format: '.4f' },
              { field: 'lo', title: 'CI low', format: '.4f' },
              { field: 'hi', title: 'CI high', format: '.4f' },
            ],
          },
        },
        {
          data: { values: [{ ...datum, text: label }] },
          mark: { type: 'text', dy: -16, fontSize: 12, color: '#1f2933' },
          encoding: { x: { field: 'x', type: 'quantitative' }, y, text: { field: 'text' } },
        },
        ...(
          [
            [domain[0], `← ${better(false)} better`, 'left'],
            [domain[1], `${better(true)} better →`, 'right'],
          ] as const
        ).map(([at, text, align]) => ({
          data: { values: [{ x: at, y: -0.9, text }] },
          mark: { type: 'text', fontSize: 11, color: '#52606d', baseline: 'bottom', align },
          encoding: { x: { field: 'x', type: 'quantitative' }, y, text: { field: 'text' } },
        })),
      ],
    },
    { width: 420, height: 90, subtitle: `whisker: ${Math.round((1 - alpha) * 100)} % CI · ${row.verdict.text} (${fmtP(row.pValue)})` },
  );
}

/** Segment dot plot: metric of A and B with CIs per analysed segment (skipped segments left out). */
export function segmentChartSpec(
  results: readonly SegmentResult[],
  names: readonly [string, string],
  metric: 'auc' | 'logloss' | 'brier' = 'auc',
  title?: string,
): ChartSpec {
  checkArity('segmentChartSpec', arguments, ['results', 'names', 'metric', 'title']);
  const values = results.flatMap((r) => {
    const m = r.metrics.find((x) => x.metric === metric);
    if (r.status !== 'ok' || !m) return [];
    const seg = `${r.label} (n=${r.n})`;
    return [
      { segment: seg, policy: names[0], value: m.a.estimate, lo: m.a.ciLow, hi: m.a.ciHigh },
      { segment: seg, policy: names[1], value: m.b.estimate, lo: m.b.ciLow, hi: m.b.ciHigh },
    ];
  });
  const y = { field: 'segment', type: 'nominal', title: null, sort: null, axis: { labelLimit: 300 } };
  const yOffset = { field: 'policy', type: 'nominal', scale: { domain: [...names], paddingOuter: 0.3 } };
  const color = { field: 'policy', type: 'nominal', ...policyColor(names) };
  const segments = new Set(values.map((v) => v.segment)).size;
  return chart(
    title ?? `${metricLabel(metric)} by segment`,
    {
      data: { values },
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y,
            yOffset,
            x: { field: 'lo', type: 'quantitative', title: `${metricLabel(metric)} with CI`, scale: { zero: false } },
            x2: { field: 'hi' },
            color,
          },
        },
        { mark: { type: 'point', filled: true, size: 50 }, encoding: { y, yOffset, x: { field: 'value', type: 'quantitative' }, color } },
      ],
    },
    { width: 560, height: Math.max(120, segments * 26) },
  );
}

/** Box plot of a CV metric over folds, one box per policy, folds overlaid as points. */
export function cvBoxPlotSpec(series: readonly { name: string; cv: CrossValidateResult }[], metric = 'auc', title?: string): ChartSpec {
  checkArity('cvBoxPlotSpec', arguments, ['series', 'metric', 'title']);
  const names = series.map((s) => s.name);
  const values = series.flatMap((s) => s.cv.folds.map((f) => ({ policy: s.name, fold: f.fold + 1, value: f.metrics[metric] })));
  const x = { field: 'policy', type: 'nominal', title: null, sort: names, axis: { labelAngle: 0 } };
  return chart(
    title ?? `${series[0]?.cv.folds.length ?? 0}-fold CV: ${metricLabel(metric)}`,
    {
      data: { values },
      layer: [
        {
          mark: { type: 'boxplot', extent: 'min-max', size: 48, median: { color: '#1f2933' } },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: metricLabel(metric), scale: { zero: false } },
            color: { field: 'policy', type: 'nominal', ...policyColor(names), legend: null },
          },
        },
        {
          mark: { type: 'point', filled: true, color: '#1f2933', size: 28, opacity: 0.8 },
          encoding: { x, y: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'fold' }, { field: 'value', format: '.4f' }] },
        },
      ],
    },
    { width: 300, height: 300, subtitle: series.map((s) => `${s.name}: ${fmt(s.cv.mean[metric]!, 4)} ± ${fmt(s.cv.std[metric]!, 4)}`).join(' · ') },
  );
}
