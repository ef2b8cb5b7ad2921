import { EvalError } from '../errors';
import { checkArmSums, momentsFromSums, type ArmSums } from './arm-sums';
import { cupedReadoutFromSums } from './cuped-sums';
import { BETA_PARAMS_KEYS, bayesianNormal, bayesianProportions, type BayesianResult, type BetaParams } from './bayesian';
import { cupedReadout, type CupedReadout } from './cuped-readout';
import { meanTestFromMoments } from './mean-test';
import { messages } from '../messages';
import { summarizeArm } from './moments';
import { proportionTest } from './proportion-test';
import { ratioMetricTestFromMoments } from './ratio-metric-test';
import { minimumDetectableEffect, requiredSampleSize } from './sample-size';
import { sequentialCheckpointsFromMoments, sequentialTest, type SequentialResult } from './sequential-test';
import { srmTest, type SrmResult } from './srm-test';
import type { AbInterval, ArmInput, ArmMoments, TimelinePoint } from './types';
import { ARM_INPUT_KEYS, checkAligned, checkFiniteValues, checkMinUsers } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface ExperimentInput {
  /** Display name of the metric; default 'conversion'. */
  readonly metric?: string;
  /** Control. */
  readonly a: ArmInput;
  /** Treatment. */
  readonly b: ArmInput;
  /** Configured assignment shares of A and B; default [0.5, 0.5]. */
  readonly weights?: readonly [number, number];
  /** Cumulative moments per look, for the sequential test and the charts; default: one look at the end. */
  readonly timeline?: readonly TimelinePoint[];
}

export interface AnalyzeOptions {
  /** Two-sided significance level; default 0.05. */
  readonly alpha?: number;
  /** Power for the MDE and the sample-size plan; default 0.8. */
  readonly power?: number;
  /** Relative effect the experiment was planned to detect (for `requiredUsersPerArm`); default 0.05. */
  readonly mdeRel?: number;
  /** SRM p-value threshold; default 0.001 (GrowthBook). */
  readonly srmThreshold?: number;
  /** Sequential test tuning sample size N*; default 5000. */
  readonly tuningN?: number;
  /** Sequential test burn-in: users the smaller arm needs before a look may reject; default 30 (see `sequentialTest`). */
  readonly burnInPerArm?: number;
  /** Beta prior for proportions; default uniform. */
  readonly prior?: BetaParams;
  /** True when a larger value is better (verdict direction); default true. */
  readonly higherIsBetter?: boolean;
}
const EXPERIMENT_INPUT_KEYS = keysOf<ExperimentInput>({ metric: true, a: true, b: true, weights: true, timeline: true });
const ANALYZE_OPTIONS = keysOf<AnalyzeOptions>({
  alpha: true,
  power: true,
  mdeRel: true,
  srmThreshold: true,
  tuningN: true,
  burnInPerArm: true,
  prior: true,
  higherIsBetter: true,
});

/**
 * Per-metric readout of an online experiment; `metrics` is the flat record the pipeline logs to tracking
 * (snake_case keys; keys whose figure does not apply, e.g. `cuped_*` without a covariate, are left out).
 */
export interface AbReadout {
  readonly metric: string;
  /** proportion: 0/1 values (two-proportion z test); mean: Welch t test; ratio: delta-method z test. */
  readonly kind: 'proportion' | 'mean' | 'ratio';
  readonly alpha: number;
  readonly usersA: number;
  readonly usersB: number;
  /** Metric value of each arm (rate, mean or ratio). */
  readonly rateA: number;
  readonly rateB: number;
  readonly liftAbs: number;
  readonly liftAbsCi: AbInterval;
  readonly liftRel: number;
  readonly liftRelCi: AbInterval;
  readonly pValue: number;
  /** Standard error of B − A (unpooled). */
  readonly se: number;
  readonly srm: SrmResult;
  /** Present when both arms carry a covariate; ratio metrics are linearized first (see `cupedReadout`). */
  readonly cuped?: CupedReadout;
  /** Relative MDE with the users at hand (smaller arm) at `power`. */
  readonly mdeRel: number;
  /** Users per arm to detect `plannedMdeRel` at `power`. */
  readonly requiredUsersPerArm: number;
  readonly plannedMdeRel: number;
  readonly sequential: SequentialResult;
  readonly bayes: BayesianResult;
  /** Significant at α (fixed horizon) and no SRM. */
  readonly significant: boolean;
  /** 'A', 'B' or null (no decision). */
  readonly winner: 'A' | 'B' | null;
  readonly verdict: string;
  readonly notes: readonly string[];
  readonly metrics: Readonly<Record<string, number>>;
}

function isBinary(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0 && v[i] !== 1) return false;
  return true;
}

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}

/** What the readout needs of the two arms, however they were summarized. */
interface ReadoutCore {
  readonly kind: AbReadout['kind'];
  readonly momA: ArmMoments;
  readonly momB: ArmMoments;
  /** Σ of the 0/1 values (proportions only). */
  readonly successes?: readonly [number, number];
  readonly cuped?: CupedReadout;
}

/**
 * The whole readout for one metric: the fixed-horizon test that fits the metric, SRM, CUPED, power, the
 * always-valid sequential test over the timeline, Bayesian figures and a verdict. The fixed-horizon test stays
 * the primary p-value; CUPED's adjusted figures (when both arms carry a covariate) are reported beside it.
 */
export function analyzeExperiment(input: ExperimentInput, options: AnalyzeOptions = {}): AbReadout {
  checkArity('analyzeExperiment', arguments, ['input', 'options']);
  checkKeys('analyzeExperiment', 'input', input, EXPERIMENT_INPUT_KEYS);
  checkKeys('analyzeExperiment', 'input.a', input.a, ARM_INPUT_KEYS);
  checkKeys('analyzeExperiment', 'input.b', input.b, ARM_INPUT_KEYS);
  checkKeys('analyzeExperiment', 'options', options, ANALYZE_OPTIONS);
  checkKeys('analyzeExperiment', 'options.prior', options.prior, BETA_PARAMS_KEYS);
  const where = 'analyzeExperiment';
  const { alpha = 0.05 } = options;
  const { a, b } = input;
  checkMinUsers(where, 'A', a.values.length, 2);
  checkMinUsers(where, 'B', b.values.length, 2);
  checkFiniteValues(where, a.values, 'a.values');
  checkFiniteValues(where, b.values, 'b.values');
  const ratio = a.denominators !== undefined && b.denominators !== undefined;
  const kind: AbReadout['kind'] = ratio ? 'ratio' : isBinary(a.values) && isBinary(b.values) ? 'proportion' : 'mean';
  const momA = summarizeArm(a.values, ratio ? a.denominators : undefined);
  const momB = summarizeArm(b.values, ratio ? b.denominators : undefined);
  let cupedOut: CupedReadout | undefined;
  if (a.covariate && b.covariate) {
    checkAligned(where, a.values, 'a.values', a.covariate, 'a.covariate');
    checkAligned(where, b.values, 'b.values', b.covariate, 'b.covariate');
    cupedOut = cupedReadout(a, b, alpha);
  }
  const core: ReadoutCore = {
    kind,
    momA,
    momB,
    ...(kind === 'proportion' ? { successes: [sum(a.values), sum(b.values)] as const } : {}),
    ...(cupedOut ? { cuped: cupedOut } : {}),
  };
  return readoutOf(where, input.metric, core, input.weights, input.timeline, options);
}

/** {@link analyzeExperiment} on the power sums of each arm (what a database returns); equal to it on the same units. */
export interface SumsExperimentInput {
  /** Display name of the metric; default 'conversion'. */
  readonly metric?: string;
  /** Control. */
  readonly a: ArmSums;
  /** Treatment. */
  readonly b: ArmSums;
  /** Configured assignment shares of A and B; default [0.5, 0.5]. */
  readonly weights?: readonly [number, number];
  /** Cumulative sums per look (e.g. per day); default: one look at the end. */
  readonly timeline?: readonly SumsTimelinePoint[];
}

/** Cumulative power sums of both arms at one look. */
export interface SumsTimelinePoint {
  readonly at: string | number;
  readonly a: ArmSums;
  readonly b: ArmSums;
}

const SUMS_INPUT_KEYS = keysOf<SumsExperimentInput>({ metric: true, a: true, b: true, weights: true, timeline: true });

/**
 * The readout of {@link analyzeExperiment} from sufficient statistics: per arm n, Σy, Σy² (and Σx, Σx², Σxy for
 * a ratio metric; Σc, Σc², Σyc, Σxc for CUPED). The kind follows the same rule: ratio when both arms carry
 * `den`, proportion when both are `binary`, else mean.
 */
export function analyzeExperimentFromSums(input: SumsExperimentInput, options: AnalyzeOptions = {}): AbReadout {
  const where = 'analyzeExperimentFromSums';
  checkArity(where, arguments, ['input', 'options']);
  checkKeys(where, 'input', input, SUMS_INPUT_KEYS);
  checkKeys(where, 'options', options, ANALYZE_OPTIONS);
  checkKeys(where, 'options.prior', options.prior, BETA_PARAMS_KEYS);
  const { alpha = 0.05 } = options;
  const { a, b } = input;
  checkArmSums(where, 'a', a);
  checkArmSums(where, 'b', b);
  checkMinUsers(where, 'A', a.n, 2);
  checkMinUsers(where, 'B', b.n, 2);
  const ratio = a.den !== undefined && b.den !== undefined;
  const kind: AbReadout['kind'] = ratio ? 'ratio' : a.binary === true && b.binary === true ? 'proportion' : 'mean';
  const strip = (s: ArmSums): ArmSums => (ratio ? s : { n: s.n, sum: s.sum, sumSq: s.sumSq });
  const core: ReadoutCore = {
    kind,
    momA: momentsFromSums(strip(a)),
    momB: momentsFromSums(strip(b)),
    ...(kind === 'proportion' ? { successes: [a.sum, b.sum] as const } : {}),
    ...(a.cov && b.cov ? { cuped: cupedReadoutFromSums(ratio ? a : { ...a, den: undefined }, ratio ? b : { ...b, den: undefined }, alpha) } : {}),
  };
  const timeline = input.timeline?.map((p, i) => {
    checkArmSums(where, `timeline[${i}].a`, p.a);
    checkArmSums(where, `timeline[${i}].b`, p.b);
    return { at: p.at, a: momentsFromSums(strip(p.a)), b: momentsFromSums(strip(p.b)) };
  });
  return readoutOf(where, input.metric, core, input.weights, timeline, options);
}

function readoutOf(
  where: string,
  metricName: string | undefined,
  core: ReadoutCore,
  weightsIn: readonly [number, number] | undefined,
  timelineIn: readonly TimelinePoint[] | undefined,
  options: AnalyzeOptions,
): AbReadout {
  const { alpha = 0.05, power = 0.8, mdeRel: plannedMdeRel = 0.05, srmThreshold = 0.001, tuningN = 5000, burnInPerArm, prior, higherIsBetter = true } = options;
  const metric = metricName ?? 'conversion';
  const weights = weightsIn ?? [0.5, 0.5];
  const { kind, momA, momB } = core;
  const nA = momA.n;
  const nB = momB.n;
  const srm = srmTest([nA, nB], weights, { threshold: srmThreshold });
  let rateA: number;
  let rateB: number;
  let pValue: number;
  let se: number;
  let lift: { liftAbs: number; liftAbsCi: AbInterval; liftRel: number; liftRelCi: AbInterval };
  let unitVariance: number | undefined;
  let bayes: BayesianResult;
  if (kind === 'proportion') {
    const [sA, sB] = core.successes!;
    const t = proportionTest({ successesA: sA, nA, successesB: sB, nB }, { alpha });
    ({ rateA, rateB, pValue } = t);
    se = t.seUnpooled;
    lift = t;
    bayes = bayesianProportions({ successesA: sA, nA, successesB: sB, nB }, prior ? { prior } : {});
  } else if (kind === 'mean') {
    const t = meanTestFromMoments(momA, momB, { alpha });
    rateA = t.meanA;
    rateB = t.meanB;
    pValue = t.pValue;
    se = Math.sqrt(t.varA / nA + t.varB / nB);
    lift = t;
    unitVariance = (t.varA + t.varB) / 2;
    bayes = bayesianNormal(t.liftAbs, se);
  } else {
    const t = ratioMetricTestFromMoments(momA, momB, { alpha });
    rateA = t.ratioA;
    rateB = t.ratioB;
    pValue = t.pValue;
    se = Math.sqrt(t.seA ** 2 + t.seB ** 2);
    lift = t;
    unitVariance = (t.seA ** 2 * nA + t.seB ** 2 * nB) / 2;
    bayes = bayesianNormal(t.liftAbs, se);
  }
  const cupedOut = core.cuped;

  const nSmall = Math.min(nA, nB);
  const powerBase = { alpha, power, ...(unitVariance !== undefined ? { variance: unitVariance } : {}) };
  const canPlan = unitVariance !== undefined ? unitVariance > 0 && rateA !== 0 : rateA > 0 && rateA < 1;
  const mdeRel = canPlan ? Math.abs(minimumDetectableEffect({ baseline: rateA, nPerArm: nSmall, ...powerBase })) : NaN;
  const planFits = kind !== 'proportion' || (rateA * (1 + plannedMdeRel) < 1 && rateA * (1 + plannedMdeRel) > 0);
  const requiredUsersPerArm = canPlan && planFits ? requiredSampleSize({ baseline: rateA, mde: plannedMdeRel, ...powerBase }) : NaN;

  const timeline = timelineIn ?? [{ at: 'end', a: momA, b: momB }];
  const checkpoints = sequentialCheckpointsFromMoments(timeline);
  if (checkpoints.length === 0) throw new EvalError('INVALID_INPUT', messages.ab.noUsableLook(where, timeline.length));
  const sequential = sequentialTest(checkpoints, { alpha, tuningN, ...(burnInPerArm !== undefined ? { burnInPerArm } : {}) });
  const burnInLooks = sequential.points.filter((p) => p.burnIn).length;

  const significant = pValue < alpha && !srm.mismatch;
  const better = lift.liftAbs > 0 === higherIsBetter ? 'B' : 'A';
  const winner = significant ? better : null;
  const verdictText = srm.mismatch
    ? messages.ab.verdictSrm(srm.pValue, srmThreshold)
    : winner
      ? messages.ab.verdictWinner(metric, winner, lift.liftRel, pValue, alpha)
      : messages.ab.verdictNoDifference(metric, lift.liftRel, pValue, alpha, mdeRel);
  const notes = [
    messages.ab.noteSrm(srm.observed, srm.expected, srm.pValue, srm.mismatch),
    ...(cupedOut ? [messages.ab.noteCuped(cupedOut.varianceReduction, cupedOut.liftRel, cupedOut.pValue)] : []),
    messages.ab.noteSequential(sequential.rejected, sequential.pValue, sequential.points.length, sequential.firstRejectionIndex, alpha, {
      perArm: sequential.burnInPerArm,
      looks: burnInLooks,
    }),
    messages.ab.noteBayes(bayes.chanceToBeatControl, bayes.expectedLossA, bayes.expectedLossB),
    messages.ab.notePower(mdeRel, requiredUsersPerArm, plannedMdeRel),
  ];
  const allMetrics: Record<string, number> = {
    users_a: nA,
    users_b: nB,
    rate_a: rateA,
    rate_b: rateB,
    lift_abs: lift.liftAbs,
    lift_abs_ci_low: lift.liftAbsCi[0],
    lift_abs_ci_high: lift.liftAbsCi[1],
    lift_rel: lift.liftRel,
    lift_rel_ci_low: lift.liftRelCi[0],
    lift_rel_ci_high: lift.liftRelCi[1],
    p_value: pValue,
    srm_p_value: srm.pValue,
    srm_mismatch: srm.mismatch ? 1 : 0,
    cuped_variance_reduction: cupedOut?.varianceReduction ?? NaN,
    cuped_lift_rel: cupedOut?.liftRel ?? NaN,
    cuped_lift_rel_ci_low: cupedOut?.liftRelCi[0] ?? NaN,
    cuped_lift_rel_ci_high: cupedOut?.liftRelCi[1] ?? NaN,
    cuped_p_value: cupedOut?.pValue ?? NaN,
    mde_rel: mdeRel,
    required_users_per_arm: requiredUsersPerArm,
    sequential_p_value: sequential.pValue,
    sequential_rejected: sequential.rejected ? 1 : 0,
    chance_to_beat_control: bayes.chanceToBeatControl,
    expected_loss_a: bayes.expectedLossA,
    expected_loss_b: bayes.expectedLossB,
    significant: significant ? 1 : 0,
  };
  // Tracking stores take finite numbers; a figure that does not apply (no covariate, degenerate rate) is left out.
  const metrics = Object.fromEntries(Object.entries(allMetrics).filter(([, v]) => Number.isFinite(v)));
  return {
    metric,
    kind,
    alpha,
    usersA: nA,
    usersB: nB,
    rateA,
    rateB,
    liftAbs: lift.liftAbs,
    liftAbsCi: lift.liftAbsCi,
    liftRel: lift.liftRel,
    liftRelCi: lift.liftRelCi,
    pValue,
    se,
    srm,
    ...(cupedOut ? { cuped: cupedOut } : {}),
    mdeRel,
    requiredUsersPerArm,
    plannedMdeRel,
    sequential,
    bayes,
    significant,
    winner,
    verdict: verdictText,
    notes,
    metrics,
  };
}
