import type { AbReadout } from '../ab/analyze-experiment';
import type { SrmResult } from '../ab/srm-test';
import { healthMessages } from './health-messages';
import type { MetricsSpec } from './metrics-spec';
import type { AnalysisStats } from './stats-table';

/** One health check: what was found, how many lines or units, and whether it threatens the readout. */
export interface HealthCheck {
  /** Stable id, e.g. `units_multiple_arms`, `events_before_exposure`. */
  readonly id: string;
  /** 'ok' (nothing found), 'info' (expected, e.g. lines outside the coverage), 'warning' (left out, look at it), 'error' (the lift cannot be trusted). */
  readonly status: 'ok' | 'info' | 'warning' | 'error';
  readonly count: number;
  readonly message: string;
}

export interface HealthReport {
  readonly srm: SrmResult;
  readonly checks: readonly HealthCheck[];
  /** Units in the analysis per arm. */
  readonly units: readonly [number, number];
  /** Units with a zero CUPED covariate (no pre-exposure activity) over units, for the primary metric when it has one. */
  readonly coldStartShare?: number;
}

/**
 * The checks that come before any lift (GrowthBook's and Eppo's list): sample-ratio mismatch, units exposed to
 * both arms (left out and counted), exposures outside the analysis range, exposures of arms that are not in the
 * file, events before the unit's first exposure, events of units never exposed, lines that cannot be read.
 * Every count is reported, also when it is zero; nothing is dropped without a line here.
 */
export function healthReport(spec: MetricsSpec, stats: AnalysisStats, units: readonly [number, number], primary: AbReadout): HealthReport {
  const total = (check: string, filter: (level: string, arm: string | null) => boolean = () => true) =>
    stats.health.filter((h) => h.check === check && filter(h.level, h.arm)).reduce((s, h) => s + h.count, 0);
  const byLevel = (check: string) => {
    const out = new Map<string, number>();
    for (const h of stats.health) if (h.check === check && h.count > 0) out.set(h.level || h.arm || '', (out.get(h.level || h.arm || '') ?? 0) + h.count);
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
  const srm = primary.srm;
  const checks: HealthCheck[] = [];
  const add = (id: string, count: number, status: HealthCheck['status'], message: string) =>
    checks.push({ id, count, status: count === 0 && status !== 'error' ? 'ok' : status, message });
  checks.push({ id: 'srm', count: units[0] + units[1], status: srm.mismatch ? 'error' : 'ok', message: healthMessages.srm(spec.experiment.arms, srm) });
  add('units_multiple_arms', total('units_multiple_arms'), 'warning', healthMessages.multipleArms(total('units_multiple_arms')));
  add('exposures_invalid', total('exposures_invalid'), 'warning', healthMessages.invalidExposures(total('exposures_invalid')));
  const unknown = byLevel('exposures_unknown_arm');
  add('exposures_unknown_arm', total('exposures_unknown_arm'), 'warning', healthMessages.unknownArm(unknown, spec.experiment.arms));
  add(
    'exposures_not_in_experiment',
    total('exposures_not_in_experiment'),
    'info',
    healthMessages.notInExperiment(total('exposures_not_in_experiment'), total('exposures_not_in_experiment_units')),
  );
  add('exposures_before_range', total('exposures_before_range'), 'warning', healthMessages.beforeRange(total('exposures_before_range')));
  add('exposures_after_range', total('exposures_after_range'), 'info', healthMessages.afterRange(total('exposures_after_range')));
  const before = byLevel('events_before_exposure');
  add('events_before_exposure', total('events_before_exposure'), 'warning', healthMessages.eventsBeforeExposure(before));
  add('events_unexposed', total('events_unexposed'), 'info', healthMessages.eventsUnexposed(byLevel('events_unexposed')));
  add('events_after_end', total('events_after_end'), 'info', healthMessages.eventsAfterEnd(total('events_after_end')));
  add('events_invalid', total('events_invalid'), 'warning', healthMessages.invalidEvents(total('events_invalid')));
  const pm = spec.metrics.find((m) => m.name === spec.primary)!;
  return { srm, checks, units, ...(pm.cuped ? { coldStartShare: coldStart(stats, pm.name, units) } : {}) };
}

function coldStart(stats: AnalysisStats, metric: string, units: readonly [number, number]): number {
  const overall = stats.slices.find((s) => s.slice === '' && s.level === '');
  let zero = 0;
  for (const byDay of overall?.arms.values() ?? []) for (const v of byDay.values()) zero += v[`${metric}__cz`] ?? 0;
  return zero / (units[0] + units[1]);
}
