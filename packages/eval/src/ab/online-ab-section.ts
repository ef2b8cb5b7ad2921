import type { ChartSpec } from '../charts/spec';
import { onlineEvidence } from '../report/decision/online-evidence';
import type { OnlineAbSection } from '../report/types';
import type { AbReadout } from './analyze-experiment';
import { armMetricChartSpec, assignmentShareChartSpec, cumulativeLiftChartSpec } from './charts';
import { sequentialCheckpointsFromMoments, sequentialTest } from './sequential-test';
import type { TimelinePoint } from './types';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface OnlineAbSectionOptions {
  /** Section title; default "Online A/B experiment". */
  readonly title?: string;
  /** Arm names in the charts; default ['A', 'B']. */
  readonly names?: readonly [string, string];
  /** Configured assignment shares (for the share chart's reference lines); default [0.5, 0.5]. */
  readonly weights?: readonly [number, number];
}
const SECTION_OPTIONS = keysOf<OnlineAbSectionOptions>({ title: true, names: true, weights: true });

/**
 * The report's online A/B section from one or more readouts (the first is the primary metric, whose timeline
 * drives the charts). Charts: `ab_cumulative_lift`, and with a timeline `ab_assignment_share` and `ab_metric_by_arm`.
 */
export function onlineAbSection(
  readouts: AbReadout | readonly AbReadout[],
  timeline?: readonly TimelinePoint[],
  options: OnlineAbSectionOptions = {},
): OnlineAbSection {
  checkArity('onlineAbSection', arguments, ['readouts', 'timeline', 'options']);
  checkKeys('onlineAbSection', 'options', options, SECTION_OPTIONS);
  const list = Array.isArray(readouts) ? (readouts as readonly AbReadout[]) : [readouts as AbReadout];
  const primary = list[0]!;
  const { title = 'Online A/B experiment', names = ['A', 'B'], weights = [0.5, 0.5] } = options;
  const percent = primary.kind !== 'mean';
  // With a timeline the lift chart is recomputed on it, so chart and readout agree look by look.
  const seq = timeline
    ? sequentialTest(sequentialCheckpointsFromMoments(timeline), {
        alpha: primary.alpha,
        tuningN: primary.sequential.tuningN,
        burnInPerArm: primary.sequential.burnInPerArm,
      })
    : primary.sequential;
  const charts: Record<string, ChartSpec> = { ab_cumulative_lift: cumulativeLiftChartSpec(seq, { metric: primary.metric, percent }) };
  if (timeline && timeline.length > 0) {
    charts.ab_assignment_share = assignmentShareChartSpec(timeline, names, weights);
    charts.ab_metric_by_arm = armMetricChartSpec(timeline, names, { metric: primary.metric, alpha: primary.alpha, percent });
  }
  return {
    version: 1,
    title,
    summary: primary.verdict,
    diffLabel: 'relative lift (B − A) / A',
    metrics: list.map((r) => ({
      metric: r.metric,
      a: r.rateA,
      b: r.rateB,
      diff: r.liftRel,
      ciLow: r.liftRelCi[0],
      ciHigh: r.liftRelCi[1],
      pValue: r.pValue,
      verdict: r.srm.mismatch ? 'SRM: not trustworthy' : r.winner ? `${r.winner} better` : 'no significant difference',
      readout: onlineEvidence(r),
    })),
    names: [names[0], names[1]],
    charts,
    // Each readout's checks (SRM, CUPED, sequential, Bayes, power) are a table of the report, built from `readout`.
  };
}
