import type { CalibrationCurve } from '../../curves/calibration-curve';
import type { LiftGainTable } from '../../curves/lift-gain';
import type { PrecisionRecallCurve } from '../../curves/precision-recall-curve';
import type { RocCurve } from '../../curves/roc-curve';
import type { ScoreHistogram } from '../../curves/score-histogram';
import { chart, downsample, fmt, policyColor, type ChartSpec } from '../spec';
import { checkArity, checkKeys, keysOf } from '../../check-args';

const diagonal = (x: string, y: string) => ({
  data: {
    values: [
      { [x]: 0, [y]: 0 },
      { [x]: 1, [y]: 1 },
    ],
  },
  mark: { type: 'line', strokeDash: [4, 4], color: '#9aa5b1', strokeWidth: 1 },
  encoding: { x: { field: x, type: 'quantitative' }, y: { field: y, type: 'quantitative' } },
});

/** ROC curves of several policies, with the chance diagonal; legend shows each AUC. */
export function rocChartSpec(series: readonly { name: string; roc: RocCurve; auc?: number }[], title = 'ROC curve'): ChartSpec {
  checkArity('rocChartSpec', arguments, ['series', 'title']);
  const names = series.map((s) => label(s.name, 'AUC', s.auc));
  const values = series.flatMap((s, k) => downsample(Array.from(s.roc.fpr, (x, i) => ({ policy: names[k], fpr: x, tpr: s.roc.tpr[i] }))));
  return chart(title, {
    layer: [
      diagonal('fpr', 'tpr'),
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2.5, interpolate: 'linear' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: 'False positive rate', scale: { domain: [0, 1] } },
          y: { field: 'tpr', type: 'quantitative', title: 'True positive rate', scale: { domain: [0, 1] } },
          color: { field: 'policy', type: 'nominal', ...policyColor(names) },
        },
      },
    ],
  });
}

/** Precision–recall curves (step after), with the positive base rate as a reference line. */
export function prChartSpec(
  series: readonly { name: string; pr: PrecisionRecallCurve; ap?: number }[],
  baseRate?: number,
  title = 'Precision–recall curve',
): ChartSpec {
  checkArity('prChartSpec', arguments, ['series', 'baseRate', 'title']);
  const names = series.map((s) => label(s.name, 'AP', s.ap));
  const values = series.flatMap((s, k) => downsample(Array.from(s.pr.recall, (r, i) => ({ policy: names[k], recall: r, precision: s.pr.precision[i] }))));
  const layers: unknown[] = [];
  if (baseRate !== undefined) {
    layers.push({
      data: { values: [{ base: baseRate }] },
      mark: { type: 'rule', strokeDash: [4, 4], color: '#9aa5b1' },
      encoding: { y: { field: 'base', type: 'quantitative' } },
    });
  }
  layers.push({
    data: { values },
    mark: { type: 'line', strokeWidth: 2.5, interpolate: 'step-before' },
    encoding: {
      x: { field: 'recall', type: 'quantitative', title: 'Recall', scale: { domain: [0, 1] } },
      y: { field: 'precision', type: 'quantitative', title: 'Precision', scale: { domain: [0, 1] } },
      color: { field: 'policy', type: 'nominal', ...policyColor(names) },
      order: { field: 'recall', type: 'quantitative' },
    },
  });
  return chart(title, { layer: layers }, baseRate !== undefined ? { subtitle: `dashed: positive rate ${fmt(baseRate)}` } : {});
}

/** Reliability diagram: mean predicted vs observed positive rate per bin; point size = rows in the bin. */
export function calibrationChartSpec(series: readonly { name: string; calibration: CalibrationCurve; brier?: number }[], title = 'Calibration'): ChartSpec {
  checkArity('calibrationChartSpec', arguments, ['series', 'title']);
  const names = series.map((s) => label(s.name, 'Brier', s.brier));
  const values = series.flatMap((s, k) =>
    Array.from(s.calibration.probPred, (p, i) => ({ policy: names[k], predicted: p, observed: s.calibration.probTrue[i], rows: s.calibration.counts[i] })),
  );
  const enc = {
    x: { field: 'predicted', type: 'quantitative', title: 'Mean predicted probability', scale: { domain: [0, 1] } },
    y: { field: 'observed', type: 'quantitative', title: 'Fraction of positives', scale: { domain: [0, 1] } },
    color: { field: 'policy', type: 'nominal', ...policyColor(names) },
  };
  return chart(title, {
    layer: [
      diagonal('predicted', 'observed'),
      { data: { values }, mark: { type: 'line', strokeWidth: 2 }, encoding: enc },
      {
        data: { values },
        mark: { type: 'point', filled: true },
        encoding: { ...enc, size: { field: 'rows', type: 'quantitative', title: 'rows', legend: null } },
      },
    ],
  });
}

/** Lift per score decile (group 1 = highest scores), bars side by side per policy. */
export function liftChartSpec(series: readonly { name: string; lift: LiftGainTable }[], title = 'Lift by decile'): ChartSpec {
  checkArity('liftChartSpec', arguments, ['series', 'title']);
  const names = series.map((s) => s.name);
  const values = series.flatMap((s) => s.lift.rows.map((r) => ({ policy: s.name, group: r.group, lift: r.lift })));
  return chart(title, {
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'group', type: 'ordinal', title: 'Score decile (1 = highest)' },
          xOffset: { field: 'policy', type: 'nominal', scale: { domain: names } },
          y: { field: 'lift', type: 'quantitative', title: 'Lift (rate / base rate)' },
          color: { field: 'policy', type: 'nominal', ...policyColor(names) },
        },
      },
      { data: { values: [{ one: 1 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#52606d' }, encoding: { y: { field: 'one', type: 'quantitative' } } },
    ],
  });
}

/** Cumulative gain: share of positives captured vs share of rows contacted, from (0, 0). */
export function gainChartSpec(series: readonly { name: string; lift: LiftGainTable }[], title = 'Cumulative gain'): ChartSpec {
  checkArity('gainChartSpec', arguments, ['series', 'title']);
  const names = series.map((s) => s.name);
  const values = series.flatMap((s) => [
    { policy: s.name, fraction: 0, gain: 0 },
    ...s.lift.rows.map((r) => ({ policy: s.name, fraction: r.cumulativeFraction, gain: r.cumulativeGain })),
  ]);
  return chart(title, {
    layer: [
      diagonal('fraction', 'gain'),
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2.5, point: true },
        encoding: {
          x: { field: 'fraction', type: 'quantitative', title: 'Fraction of rows (by score)', axis: { format: '%' }, scale: { domain: [0, 1] } },
          y: { field: 'gain', type: 'quantitative', title: 'Fraction of positives', axis: { format: '%' }, scale: { domain: [0, 1] } },
          color: { field: 'policy', type: 'nominal', ...policyColor(names) },
        },
      },
    ],
  });
}

/** Options of `histogramChartSpec`. */
export interface HistogramChartOptions {
  /** Scale each series to area 1 (default false: row counts). */
  readonly density?: boolean;
}

const HISTOGRAM_CHART_OPTIONS = keysOf<HistogramChartOptions>({ density: true });

/**
 * Score histograms per policy (overlaid bars). With `density`, each series is scaled to area 1
 * (count / (n · bin width), numpy's `density=True`), so series over different numbers of rows — the
 * router's arms — compare by shape, not by size.
 */
export function histogramChartSpec(
  series: readonly { name: string; histogram: ScoreHistogram }[],
  title = 'Score distribution',
  options: HistogramChartOptions = {},
): ChartSpec {
  checkArity('histogramChartSpec', arguments, ['series', 'title', 'options']);
  checkKeys('histogramChartSpec', 'options', options, HISTOGRAM_CHART_OPTIONS);
  const { density = false } = options;
  const names = series.map((s) => s.name);
  const values = series.flatMap((s) => {
    const total = Array.from(s.histogram.counts).reduce((a, c) => a + c, 0);
    return Array.from(s.histogram.counts, (c, i) => {
      const lo = s.histogram.edges[i]!;
      const hi = s.histogram.edges[i + 1]!;
      return { policy: s.name, lo, hi, count: c, density: total > 0 && hi > lo ? c / (total * (hi - lo)) : 0 };
    });
  });
  return chart(
    title,
    {
      data: { values },
      mark: { type: 'bar', opacity: 0.55, binSpacing: 0 },
      encoding: {
        x: { field: 'lo', type: 'quantitative', title: 'Score', bin: { binned: true } },
        x2: { field: 'hi' },
        y: density
          ? { field: 'density', type: 'quantitative', title: 'Density (area 1 per series)', stack: null }
          : { field: 'count', type: 'quantitative', title: 'Rows', stack: null },
        color: { field: 'policy', type: 'nominal', ...policyColor(names) },
        tooltip: [
          { field: 'policy' },
          { field: 'lo', title: 'from', format: '.2f' },
          { field: 'hi', title: 'to', format: '.2f' },
          { field: 'count', title: 'rows' },
          ...(density ? [{ field: 'density', format: '.3f' }] : []),
        ],
      },
    },
    density ? { subtitle: 'each series scaled to area 1' } : {},
  );
}

function label(name: string, what: string, v: number | undefined): string {
  return v === undefined ? name : `${name} (${what} ${fmt(v)})`;
}
