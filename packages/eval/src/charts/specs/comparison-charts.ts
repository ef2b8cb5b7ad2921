import type { MetricComparison } from '../../compare/compare-ab';
import type { CrossValidateResult } from '../../cv/cross-validate';
import type { SegmentResult } from '../../segments/analyze-segments';
import { chart, fmt, fmtP, policyColor, type ChartSpec } from '../spec';
import { checkArity } from '../../check-args';

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
        { mark: { type: 'bar', width: { band: 0.55 } }, encoding: { x, y: { field: 'value', type: 'quantitative', title: row.label, scale: { zero: row.higherIsBetter ? false : true } }, color: { field: 'policy', type: 'nominal', ...policyColor(names), legend: null } } },
        { mark: { type: 'rule', strokeWidth: 2, color: '#1f2933' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
        { mark: { type: 'text', dy: -10, fontSize: 12, color: '#1f2933' }, encoding: { x, y: { field: 'hi', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: '.4f' } } },
      ],
    },
    { width: 280, height: 280, subtitle: `CI whiskers · ${row.verdict.text} (${fmtP(row.pValue)})` },
  );
}

/** Segment dot plot: metric of A and B with CIs per analysed segment (skipped segments left out). */
export function segmentChartSpec(results: readonly SegmentResult[], names: readonly [string, string], metric: 'auc' | 'logloss' | 'brier' = 'auc', title?: string): ChartSpec {
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
    title ?? `${metric === 'auc' ? 'ROC-AUC' : metric} by segment`,
    {
      data: { values },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, yOffset, x: { field: 'lo', type: 'quantitative', title: `${metric === 'auc' ? 'ROC-AUC' : metric} with CI`, scale: { zero: false } }, x2: { field: 'hi' }, color } },
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
    title ?? `${series[0]?.cv.folds.length ?? 0}-fold CV: ${metric}`,
    {
      data: { values },
      layer: [
        { mark: { type: 'boxplot', extent: 'min-max', size: 48, median: { color: '#1f2933' } }, encoding: { x, y: { field: 'value', type: 'quantitative', title: metric, scale: { zero: false } }, color: { field: 'policy', type: 'nominal', ...policyColor(names), legend: null } } },
        { mark: { type: 'point', filled: true, color: '#1f2933', size: 28, opacity: 0.8 }, encoding: { x, y: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'fold' }, { field: 'value', format: '.4f' }] } },
      ],
    },
    { width: 300, height: 300, subtitle: series.map((s) => `${s.name}: ${fmt(s.cv.mean[metric]!, 4)} ± ${fmt(s.cv.std[metric]!, 4)}`).join(' · ') },
  );
}
