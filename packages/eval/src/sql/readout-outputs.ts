import type { AbReadout } from '../ab/analyze-experiment';
import { checkArity, checkKeys, keysOf } from '../check-args';
import { momentsFromSums } from '../ab/arm-sums';
import { onlineAbSection } from '../ab/online-ab-section';
import type { TimelinePoint } from '../ab/types';
import { onlineEvidence } from '../report/decision/online-evidence';
import type { OnlineAbSection } from '../report/types';
import type { MetricsSpec } from './metrics-spec';
import type { AnalysisReadout, MetricReadout } from './readout-from-stats';

const finite = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).filter(([, v]) => Number.isFinite(v)));

/** The primary metric's cumulative moments at each day where both arms have 2+ units (the sequential test's looks). */
export function primaryTimeline(readout: AnalysisReadout): TimelinePoint[] {
  return readout.timeline
    .filter((d) => d.units[0] > 1 && d.units[1] > 1)
    .map((d) => {
      const [a, b] = d.sums[readout.primaryMetric]!;
      return { at: d.day, a: momentsFromSums(a), b: momentsFromSums(b) };
    });
}

/** The figure logged per arm: totals for count, sum and binomial metrics (units with the event), the value for mean and ratio metrics. */
function armFigure(m: MetricReadout, i: 0 | 1): number {
  const f = m.arms[i];
  return m.type === 'mean' || m.type === 'ratio' ? f.value : f.total;
}

/**
 * The tracking run's headline metrics, with the simulate stage's keys (`AB_Online_Sim`): the primary readout
 * (`lift_rel`, `p_value`, `srm_p_value`, `sequential_p_value`, `chance_to_beat_control` …), `users_<arm>`,
 * `<metric>_<arm>` for every metric, `<metric>_lift_rel` and `<metric>_p_value` for the other tested metrics,
 * `cold_start_share` when the primary metric has a covariate; plus `health_<check>` counts.
 */
export function analysisTrackingMetrics(readout: AnalysisReadout): Record<string, number> {
  const out: Record<string, number> = {};
  const [A, B] = readout.arms;
  out[`users_${A}`] = readout.overall.units[0];
  out[`users_${B}`] = readout.overall.units[1];
  for (const m of readout.overall.metrics) {
    out[`${m.name}_${A}`] = armFigure(m, 0);
    out[`${m.name}_${B}`] = armFigure(m, 1);
  }
  const { users_a: _ua, users_b: _ub, rate_a: _ra, rate_b: _rb, ...primary } = readout.primary.metrics;
  Object.assign(out, primary);
  for (const m of readout.overall.metrics) {
    if (m.name === readout.primaryMetric || !m.readout) continue;
    out[`${m.name}_lift_rel`] = m.readout.liftRel;
    out[`${m.name}_p_value`] = m.readout.pValue;
  }
  if (readout.health.coldStartShare !== undefined) out.cold_start_share = readout.health.coldStartShare;
  for (const c of readout.health.checks) if (c.id !== 'srm') out[`health_${c.id}`] = c.count;
  return finite(out);
}

/** One metric-history point per UTC day: cumulative per-arm figures of the primary metric and the sequential test at that look. */
export function analysisCheckpointSeries(readout: AnalysisReadout): { step: number; timestamp: number; metrics: Record<string, number> }[] {
  const seq = new Map(readout.primary.sequential.points.map((p) => [String(p.at), p]));
  const primary = readout.primaryMetric;
  return readout.timeline.map((d, i) => {
    const metrics: Record<string, number> = {};
    const users = d.units[0] + d.units[1];
    readout.arms.forEach((arm, k) => {
      const s = d.sums[primary]![k]!;
      metrics[`cum_users_${arm}`] = d.units[k]!;
      metrics[`cum_share_${arm}`] = users ? d.units[k]! / users : Number.NaN;
      metrics[`cum_${primary}_${arm}`] = s.den ? s.sum / s.den.sum : s.sum / s.n;
    });
    const p = seq.get(d.day);
    if (p) {
      metrics.cum_lift_abs = p.estimate;
      metrics.seq_ci_low = p.ciLow;
      metrics.seq_ci_high = p.ciHigh;
      metrics.seq_boundary = p.boundary;
      metrics.seq_p_value = p.pValue;
    }
    return { step: i + 1, timestamp: Math.round(d.lastTime * 1000), metrics: finite(metrics) };
  });
}

const pct = (x: number, d = 2) => `${(x * 100).toFixed(d)} %`;
const signed = (x: number, d = 2) => `${x >= 0 ? '+' : ''}${pct(x, d)}`;
const p = (x: number) => (x < 1e-4 ? '< 0.0001' : x.toFixed(4));
const fmt = (x: number) => (Math.abs(x) >= 1000 ? x.toLocaleString('en-US', { maximumFractionDigits: 0 }) : x.toPrecision(4));

function readoutLine(name: string, r: AbReadout): string {
  const cuped = r.cuped ? `; CUPED ${signed(r.cuped.liftRel)} (p = ${p(r.cuped.pValue)}, −${pct(r.cuped.varianceReduction, 1)} variance)` : '';
  return `${name}: ${fmt(r.rateA)} vs ${fmt(r.rateB)}, lift ${signed(r.liftRel)} [${signed(r.liftRelCi[0])}, ${signed(r.liftRelCi[1])}], p = ${p(r.pValue)}, sequential p = ${p(r.sequential.pValue)}, P(B > A) = ${pct(r.bayes.chanceToBeatControl, 1)}${cuped}`;
}

/** The CLI summary: health first, then each metric, the dimensions and the verdict. */
export function analysisSummaryLines(readout: AnalysisReadout, spec: MetricsSpec): string[] {
  const [A, B] = readout.arms;
  const lines = [
    `experiment ${spec.experiment.key ?? '(all exposures)'}: ${A} ${readout.overall.units[0].toLocaleString('en-US')} units, ${B} ${readout.overall.units[1].toLocaleString('en-US')} units, ${readout.timeline.length} days (${readout.timeline[0]?.day ?? '–'} → ${readout.timeline.at(-1)?.day ?? '–'})`,
  ];
  lines.push('health:');
  for (const c of readout.health.checks)
    lines.push(`  ${c.status === 'ok' ? 'ok  ' : c.status === 'info' ? 'info' : c.status === 'warning' ? 'WARN' : 'FAIL'} ${c.message}`);
  lines.push('metrics:');
  for (const m of readout.overall.metrics) {
    if (m.readout) lines.push(`  ${m.name === readout.primaryMetric ? '* ' : '  '}${readoutLine(m.label, m.readout)}`);
    else
      lines.push(
        `    ${m.label}: ${A} ${fmt(m.arms[0].value)}, ${B} ${fmt(m.arms[1].value)}${m.skipped ? ` (not analysed: ${m.skipped})` : ' (reported, not tested)'}`,
      );
  }
  for (const s of readout.dimensions) {
    const pm = s.metrics.find((m) => m.name === readout.primaryMetric);
    if (pm?.readout) lines.push(`  ${s.dimension}=${s.level}: ${readoutLine(pm.label, pm.readout)}`);
    else lines.push(`  ${s.dimension}=${s.level}: ${pm?.skipped ?? 'not analysed'}`);
  }
  lines.push(
    `power: MDE ${pct(readout.primary.mdeRel)} with these units; ${Number.isFinite(readout.primary.requiredUsersPerArm) ? readout.primary.requiredUsersPerArm.toLocaleString('en-US') : '–'} units per arm detect ${pct(readout.primary.plannedMdeRel, 1)}`,
  );
  lines.push(`verdict: ${readout.primary.verdict}`);
  return lines;
}

/**
 * The report's online section for the analysis: the simulate stage's charts and table, health as notes, and
 * each dimension level as a row (with its readout, so it reads as rates and relative lifts like the overall
 * rows and gets its own line of checks: SRM within the level, always-valid p, power).
 */
export function analysisSection(readout: AnalysisReadout, options: { title?: string } = {}): OnlineAbSection {
  checkArity('analysisSection', arguments, ['readout', 'options']);
  checkKeys('analysisSection', 'options', options, keysOf<{ title?: string }>({ title: true }));
  const tested = readout.overall.metrics.filter((m) => m.readout);
  const primary = tested.find((m) => m.name === readout.primaryMetric)!;
  const others = tested.filter((m) => m !== primary);
  const timeline = primaryTimeline(readout);
  const base = onlineAbSection([primary.readout!, ...others.map((m) => m.readout!)], timeline, {
    title: options.title ?? 'Online A/B experiment (exposures and events)',
    names: readout.arms,
    weights: readout.weights,
  });
  const dimensionRows = readout.dimensions.flatMap((s) => {
    const pm = s.metrics.find((m) => m.name === readout.primaryMetric);
    const r = pm?.readout;
    if (!r) return [];
    return [
      {
        metric: `${pm.label} · ${s.dimension} = ${s.level}`,
        a: r.rateA,
        b: r.rateB,
        diff: r.liftRel,
        ciLow: r.liftRelCi[0],
        ciHigh: r.liftRelCi[1],
        pValue: r.pValue,
        verdict: r.srm.mismatch ? 'SRM: not trustworthy' : r.winner ? `${r.winner} better` : 'no significant difference',
        readout: onlineEvidence(r),
      },
    ];
  });
  return {
    ...base,
    metrics: [...(base.metrics ?? []), ...dimensionRows],
    notes: [
      ...readout.health.checks.filter((c) => c.status !== 'ok' || c.id === 'srm').map((c) => `Health: ${c.message}.`),
      ...(base.notes ?? []),
      ...readout.overall.metrics.filter((m) => m.skipped).map((m) => `${m.label}: not analysed (${m.skipped})`),
    ],
  };
}
