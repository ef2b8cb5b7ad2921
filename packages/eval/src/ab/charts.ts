// vega-lite specs of the online experiment in the house chart style (src/charts/spec.ts).
import { chart, fmtP, policyColor, POLICY_COLORS, type ChartSpec } from '../charts/spec';
import { normalQuantile } from '../stats/normal';
import { ratioVariance } from './ratio-metric-test';
import type { SequentialResult } from './sequential-test';
import type { ArmMoments, TimelinePoint } from './types';
import { checkArity, checkKeys, keysOf } from '../check-args';

/** x encoding for look labels: numbers are quantitative, ISO dates temporal, anything else ordinal. */
function xEncoding(ats: readonly (string | number)[]): Record<string, unknown> {
  const numeric = ats.every((a) => typeof a === 'number');
  const dates = !numeric && ats.every((a) => typeof a === 'string' && /^\d{4}-\d{2}-\d{2}/.test(a) && !Number.isNaN(Date.parse(a)));
  return { field: 'at', type: numeric ? 'quantitative' : dates ? 'temporal' : 'ordinal', title: 'look', sort: null };
}

function armValue(m: ArmMoments): { value: number; se: number } {
  if (m.den) return { value: m.mean / m.den.mean, se: Math.sqrt(ratioVariance(m)) };
  return { value: m.mean, se: Math.sqrt(m.variance / m.n) };
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

const LIFT_CHART_OPTIONS = keysOf<{ metric: string; percent: boolean }>({ metric: true, percent: true });
const ARM_CHART_OPTIONS = keysOf<{ metric: string; alpha: number; percent: boolean }>({ metric: true, alpha: true, percent: true });

/** Cumulative B − A per look with the fixed-horizon CI (dark band), the confidence sequence (light band) and ±boundary. */
export function cumulativeLiftChartSpec(seq: SequentialResult, options: { metric: string; percent: boolean }): ChartSpec {
  checkArity('cumulativeLiftChartSpec', arguments, ['seq', 'options']);
  checkKeys('cumulativeLiftChartSpec', 'options', options, LIFT_CHART_OPTIONS);
  const z = normalQuantile(1 - seq.alpha / 2);
  const values = seq.points.map((p) => ({
    at: p.at,
    users: p.users,
    estimate: p.estimate,
    ciLow: p.estimate - z * p.se,
    ciHigh: p.estimate + z * p.se,
    // Within the burn-in the confidence sequence is the whole line (±∞): no band, no boundary drawn there.
    csLow: finiteOrNull(p.ciLow),
    csHigh: finiteOrNull(p.ciHigh),
    boundUp: finiteOrNull(p.boundary),
    boundLow: finiteOrNull(-p.boundary),
    pValue: p.pValue,
  }));
  const x = xEncoding(values.map((v) => v.at));
  const fmt = options.percent ? '.2%' : '.4f';
  const y = (field: string, title?: string) => ({ field, type: 'quantitative', ...(title ? { title, axis: { format: fmt } } : {}) });
  const level = `${Math.round((1 - seq.alpha) * 100)} %`;
  const last = seq.points[seq.points.length - 1];
  return chart(
    `Cumulative lift of B over A: ${options.metric}`,
    {
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.15, color: POLICY_COLORS[1] },
          encoding: { x, y: y('csLow', `B − A (${options.metric})`), y2: { field: 'csHigh' } },
        },
        { mark: { type: 'area', opacity: 0.35, color: POLICY_COLORS[1] }, encoding: { x, y: y('ciLow'), y2: { field: 'ciHigh' } } },
        { mark: { type: 'line', strokeDash: [6, 4], color: '#52606d' }, encoding: { x, y: y('boundUp') } },
        { mark: { type: 'line', strokeDash: [6, 4], color: '#52606d' }, encoding: { x, y: y('boundLow') } },
        { mark: { type: 'rule', color: '#9aa5b1' }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', point: { color: POLICY_COLORS[1] }, color: POLICY_COLORS[1], strokeWidth: 2 },
          encoding: {
            x,
            y: y('estimate'),
            tooltip: [{ field: 'at' }, { field: 'users' }, { field: 'estimate', format: fmt }, { field: 'pValue', title: 'always-valid p', format: '.4f' }],
          },
        },
      ],
    },
    {
      width: 560,
      height: 300,
      // Short on purpose: without a canvas vega over-estimates text width and a long subtitle widens the image.
      subtitle: `dark: ${level} CI · light: confidence sequence · dashed: boundary${last ? ` · ${fmtP(last.pValue)}` : ''}`,
    },
  );
}

/** Share of users in each arm per look, with the configured shares as rules. */
export function assignmentShareChartSpec(timeline: readonly TimelinePoint[], names: readonly [string, string], weights: readonly [number, number]): ChartSpec {
  checkArity('assignmentShareChartSpec', arguments, ['timeline', 'names', 'weights']);
  const wSum = weights[0] + weights[1];
  const values = timeline.flatMap((p) => {
    const n = p.a.n + p.b.n;
    return [
      { at: p.at, arm: names[0], share: n > 0 ? p.a.n / n : NaN, users: p.a.n },
      { at: p.at, arm: names[1], share: n > 0 ? p.b.n / n : NaN, users: p.b.n },
    ];
  });
  const x = xEncoding(timeline.map((p) => p.at));
  const color = { field: 'arm', type: 'nominal', ...policyColor(names) };
  // At least ±2 points around the configured shares, so sampling noise does not look like a broken split.
  const shares = [...values.map((v) => v.share).filter(Number.isFinite), weights[0] / wSum, weights[1] / wSum];
  const domain = [Math.max(0, Math.min(...shares) - 0.02), Math.min(1, Math.max(...shares) + 0.02)];
  return chart(
    'Assignment share over time',
    {
      layer: [
        {
          data: { values },
          mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'share', type: 'quantitative', title: 'share of users', axis: { format: '.1%' }, scale: { domain } },
            color,
            tooltip: [{ field: 'at' }, { field: 'arm' }, { field: 'users' }, { field: 'share', format: '.3%' }],
          },
        },
        {
          data: {
            values: [
              { arm: names[0], share: weights[0] / wSum },
              { arm: names[1], share: weights[1] / wSum },
            ],
          },
          mark: { type: 'rule', strokeDash: [4, 4] },
          encoding: { y: { field: 'share', type: 'quantitative' }, color },
        },
      ],
    },
    { width: 560, height: 220, subtitle: 'dashed: configured shares' },
  );
}

/** Metric of each arm per look with its CI band. */
export function armMetricChartSpec(
  timeline: readonly TimelinePoint[],
  names: readonly [string, string],
  options: { metric: string; alpha: number; percent: boolean },
): ChartSpec {
  checkArity('armMetricChartSpec', arguments, ['timeline', 'names', 'options']);
  checkKeys('armMetricChartSpec', 'options', options, ARM_CHART_OPTIONS);
  const z = normalQuantile(1 - options.alpha / 2);
  const values = timeline.flatMap((p) =>
    (
      [
        [names[0], p.a],
        [names[1], p.b],
      ] as const
    )
      .filter(([, m]) => m.n >= 2)
      .map(([arm, m]) => {
        const { value, se } = armValue(m);
        return { at: p.at, arm, value, lo: value - z * se, hi: value + z * se, users: m.n };
      }),
  );
  const x = xEncoding(timeline.map((p) => p.at));
  const color = { field: 'arm', type: 'nominal', ...policyColor(names) };
  const fmt = options.percent ? '.2%' : '.4f';
  return chart(
    `${options.metric} by arm over time`,
    {
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.18 },
          encoding: {
            x,
            y: { field: 'lo', type: 'quantitative', title: options.metric, axis: { format: fmt }, scale: { zero: false } },
            y2: { field: 'hi' },
            color,
          },
        },
        {
          mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative' },
            color,
            tooltip: [{ field: 'at' }, { field: 'arm' }, { field: 'users' }, { field: 'value', format: fmt }],
          },
        },
      ],
    },
    { width: 560, height: 260, subtitle: `cumulative; bands: ${Math.round((1 - options.alpha) * 100)} % CI of each arm` },
  );
}
