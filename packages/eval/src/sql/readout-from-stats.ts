import { analyzeExperimentFromSums, type AbReadout, type SumsTimelinePoint } from '../ab/analyze-experiment';
import type { ArmSums } from '../ab/arm-sums';
import { checkArity, checkKeys, keysOf } from '../check-args';
import { EvalError } from '../errors';
import { sqlMessages } from './messages';
import type { MetricSpec, MetricsSpec } from './metrics-spec';
import type { AnalysisStats, SliceStats } from './stats-table';
import { healthReport, type HealthReport } from './health';

/** One arm's figures of one metric. */
export interface ArmFigure {
  readonly arm: string;
  /** Units with a value (exposed units; for mean metrics those with at least one valued event). */
  readonly units: number;
  /** Σ of the per-unit values (the numerator's for ratio metrics). */
  readonly total: number;
  /** Σ of the per-unit denominators (ratio metrics). */
  readonly denominatorTotal?: number;
  /** The metric's value: share of units (binomial), mean per unit (count, sum, mean) or Σy / Σx (ratio). */
  readonly value: number;
}

export interface MetricReadout {
  readonly name: string;
  readonly label: string;
  readonly type: MetricSpec['type'];
  readonly arms: readonly [ArmFigure, ArmFigure];
  /** The statistics (absent for `test: false` metrics, or when they cannot be computed: see `skipped`). */
  readonly readout?: AbReadout;
  readonly skipped?: string;
}

export interface SliceReadout {
  /** '' = the whole experiment; else the dimension. */
  readonly dimension: string;
  readonly level: string;
  readonly units: readonly [number, number];
  readonly metrics: readonly MetricReadout[];
}

/** One look of the timeline: a UTC day with its cumulative sums per arm (the primary metric's, for charts). */
export interface TimelineDay {
  readonly day: string;
  /** Time of the day's last exposure (Unix seconds). */
  readonly lastTime: number;
  readonly units: readonly [number, number];
  /** Cumulative sums of every metric per arm, keyed by metric name. */
  readonly sums: Readonly<Record<string, readonly [ArmSums, ArmSums]>>;
}

export interface AnalysisReadout {
  readonly arms: readonly [string, string];
  readonly weights: readonly [number, number];
  readonly health: HealthReport;
  readonly overall: SliceReadout;
  readonly dimensions: readonly SliceReadout[];
  readonly primary: AbReadout;
  readonly primaryMetric: string;
  readonly timeline: readonly TimelineDay[];
}

export interface ReadoutOptions {
  /** Days after this Unix day number are left out of the timeline (e.g. `--as-of`); default none. */
  readonly lastDay?: number;
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

function armSumsOf(m: MetricSpec, v: Readonly<Record<string, number>>, final: boolean): ArmSums {
  const c = (t: string) => v[`${m.name}__${t}`] ?? 0;
  return {
    n: c('n'),
    sum: c('sy'),
    sumSq: c('syy'),
    ...(final && m.type !== 'ratio' ? { binary: c('nb') === 0 } : {}),
    ...(m.type === 'ratio' ? { den: { sum: c('sx'), sumSq: c('sxx'), sumCross: c('sxy') } } : {}),
    ...(m.cuped ? { cov: { sum: c('sc'), sumSq: c('scc'), sumCross: c('syc'), ...(m.type === 'ratio' ? { denCross: c('sxc') } : {}) } } : {}),
  };
}

function figure(m: MetricSpec, arm: string, s: ArmSums): ArmFigure {
  const value = m.type === 'ratio' ? s.sum / s.den!.sum : s.sum / s.n;
  return { arm, units: s.n, total: s.sum, ...(s.den ? { denominatorTotal: s.den.sum } : {}), value };
}

/** Running totals of one slice per arm at each day, forward-filled over days without a change. */
function cumulate(slice: SliceStats, arms: readonly [string, string], days: readonly number[]): Record<string, number>[][] {
  return arms.map((arm) => {
    const byDay = slice.arms.get(arm) ?? new Map<number, Readonly<Record<string, number>>>();
    const running: Record<string, number> = {};
    return days.map((day) => {
      for (const [k, v] of Object.entries(byDay.get(day) ?? {})) running[k] = (running[k] ?? 0) + v;
      return { ...running };
    });
  });
}

/**
 * The readout from the statistics table: per slice and metric the per-arm figures and `analyzeExperimentFromSums`
 * with the daily running sums as the sequential test's looks; health checks before any lift.
 */
export function readoutFromStats(spec: MetricsSpec, stats: AnalysisStats, options: ReadoutOptions = {}): AnalysisReadout {
  checkArity('readoutFromStats', arguments, ['spec', 'stats', 'options']);
  checkKeys('readoutFromStats', 'options', options, keysOf<ReadoutOptions>({ lastDay: true }));
  const arms = spec.experiment.arms;
  const daySet = new Set<number>(stats.days.map((d) => d.day));
  for (const s of stats.slices) for (const byDay of s.arms.values()) for (const day of byDay.keys()) daySet.add(day);
  const days = [...daySet].filter((d) => options.lastDay === undefined || d <= options.lastDay).sort((a, b) => a - b);
  const lastTime = new Map(stats.days.map((d) => [d.day, d.lastTime]));
  const overallStats = stats.slices.find((s) => s.slice === '' && s.level === '');
  const analysis = spec.analysis;

  const analyzeSlice = (slice: SliceStats, withTimeline: boolean): { readout: SliceReadout; cum: Record<string, number>[][] } => {
    const cum = cumulate(slice, arms, days);
    const last = (a: 0 | 1) => cum[a]![days.length - 1] ?? {};
    const units: [number, number] = [last(0).units ?? 0, last(1).units ?? 0];
    const tuningN = analysis.tuningN ?? Math.max(units[0] + units[1], 2);
    const looks = days.map((_, i) => i).filter((i) => (cum[0]![i]!.units ?? 0) > 1 && (cum[1]![i]!.units ?? 0) > 1);
    const metrics = spec.metrics.map((m): MetricReadout => {
      const a = armSumsOf(m, last(0), true);
      const b = armSumsOf(m, last(1), true);
      const base = { name: m.name, label: m.label, type: m.type, arms: [figure(m, arms[0], a), figure(m, arms[1], b)] as const };
      if (!m.test) return base;
      const timeline: SumsTimelinePoint[] | undefined = withTimeline
        ? looks.map((i) => ({ at: isoDay(days[i]!), a: armSumsOf(m, cum[0]![i]!, false), b: armSumsOf(m, cum[1]![i]!, false) }))
        : undefined;
      try {
        const readout = analyzeExperimentFromSums(
          { metric: m.label, a, b, weights: spec.experiment.weights, ...(timeline && timeline.length > 0 ? { timeline } : {}) },
          {
            alpha: analysis.alpha,
            power: analysis.power,
            mdeRel: analysis.mdeRel,
            srmThreshold: analysis.srmThreshold,
            tuningN,
            burnInPerArm: analysis.burnInPerArm,
            higherIsBetter: m.higherIsBetter,
          },
        );
        return { ...base, readout };
      } catch (e) {
        if (!EvalError.isInstance(e)) throw e;
        return { ...base, skipped: (e as Error).message };
      }
    });
    return { readout: { dimension: slice.slice, level: slice.level, units, metrics }, cum };
  };

  if (!overallStats) throw new EvalError('INVALID_INPUT', sqlMessages.noUnits(arms, 'the statistics have no rows for the whole experiment'));
  const { readout: overall, cum } = analyzeSlice(overallStats, true);
  const primaryReadout = overall.metrics.find((m) => m.name === spec.primary)!;
  if (!primaryReadout.readout)
    throw new EvalError(
      'INVALID_INPUT',
      sqlMessages.noUnits(arms, `${arms[0]} ${overall.units[0]}, ${arms[1]} ${overall.units[1]} units (${primaryReadout.skipped})`),
    );
  const dimensions = stats.slices
    .filter((s) => s.slice !== '')
    .sort((x, y) => (x.slice === y.slice ? x.level.localeCompare(y.level) : spec.dimensions.indexOf(x.slice) - spec.dimensions.indexOf(y.slice)))
    .map((s) => analyzeSlice(s, true).readout);
  const timeline: TimelineDay[] = days.map((day, i) => ({
    day: isoDay(day),
    lastTime: lastTime.get(day) ?? (day + 1) * 86_400,
    units: [cum[0]![i]!.units ?? 0, cum[1]![i]!.units ?? 0],
    sums: Object.fromEntries(spec.metrics.map((m) => [m.name, [armSumsOf(m, cum[0]![i]!, false), armSumsOf(m, cum[1]![i]!, false)] as const])),
  }));
  return {
    arms,
    weights: spec.experiment.weights,
    health: healthReport(spec, stats, overall.units, primaryReadout.readout),
    overall,
    dimensions,
    primary: primaryReadout.readout,
    primaryMetric: spec.primary,
    timeline,
  };
}
