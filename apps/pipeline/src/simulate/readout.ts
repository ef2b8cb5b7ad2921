import { EvalError, analyzeExperiment, onlineAbSection, type AbReadout, type ArmMoments, type OnlineAbSection, type TimelinePoint } from '@abt/eval';
import type { Checkpoint, ConversionMoments, MeanMetric, SumMoments } from './checkpoints';
import type { ArmUsers } from './per-user';
import type { ReplayResult } from './replay';
import { ratioCupedReduction } from './ratio-cuped';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import type { SimulationSettings } from './settings';

/** Per-arm totals of the replay (users in the experiment only). */
type ArmSummary = {
  readonly arm: string;
  readonly users: number;
  readonly sessions: number;
  readonly shown: number;
  readonly conversions: number;
  readonly convertedUsers: number;
  /** Σ conversions / Σ shown over the arm's users. */
  readonly conversionRate: number;
  /** Mean over users of their per-session hit rate (topk), else NaN. */
  readonly hitRate: number;
  /** Mean over users of their mean NDCG@K (topk), else NaN. */
  readonly ndcg: number;
  /** Users without any train-period rating (CUPED covariate 0). */
  readonly coldStartUsers: number;
};

/** What `<out>/results/online.json` holds; the report stage reads `section`. */
export type OnlineReadout = {
  readonly format: 'abt-online-readout';
  readonly formatVersion: 1;
  readonly settings: SimulationSettings;
  readonly router: {
    readonly uri: string;
    /** Registry versions resolved at load time, by URI (the router's and each policy's). */
    readonly versions: Readonly<Record<string, string>>;
    readonly arms: readonly string[];
    readonly weights: readonly number[];
    readonly policies: readonly { readonly arm: string; readonly uri: string; readonly name: string; readonly modelVersion: string }[];
  };
  readonly replay: {
    readonly events: number;
    readonly sessions: number;
    readonly rows: number;
    readonly users: number;
    readonly excludedUsers: number;
    /** Share of the experiment's users without train-period ratings. */
    readonly coldStartShare: number;
    /** Share of the sessions (topk) or impressions that come from those users. */
    readonly coldStartEventShare: number;
    /** Share of the test period's ratings that come from users without train-period ratings. */
    readonly coldStartRatingShare: number;
    readonly start: string;
    readonly end: string;
    readonly seconds: number;
    /** Threads that scored the candidate rows (the readout is the same for any number). */
    readonly threads: number;
  };
  readonly arms: readonly ArmSummary[];
  /** The primary metric: conversions per recommendation shown, user as the unit (delta method), CUPED on train activity. */
  readonly primary: AbReadout;
  /** CUPED on the primary (ratio) metric: share of the lift's variance removed by train activity, see {@link ratioCupedReduction}. */
  readonly cupedVarianceReduction: number;
  /** Secondary per-user metrics (not used for the decision). */
  readonly secondary: Readonly<Record<string, AbReadout>>;
  readonly checkpoints: readonly Checkpoint[];
  /** Each checkpoint's label (UTC date or event count), as the timeline and the sequential points carry it. */
  readonly timelineLabels: readonly (string | number)[];
  readonly section: OnlineAbSection;
};

const sum = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
};
const mean = (x: ArrayLike<number>) => (x.length ? sum(x) / x.length : Number.NaN);

/** Exact integer sums → `@abt/eval`'s moments (sample variances, n − 1). */
function toArmMoments(m: ConversionMoments): ArmMoments {
  const n = m.n;
  const d = n > 1 ? n - 1 : Number.NaN;
  const mu = n ? m.sum / n : Number.NaN;
  const nu = n ? m.den.sum / n : Number.NaN;
  return {
    n,
    mean: mu,
    variance: (m.sumSq - n * mu * mu) / d,
    den: { mean: nu, variance: (m.den.sumSq - n * nu * nu) / d, covariance: (m.den.sumCross - n * mu * nu) / d },
  };
}

/** Sums of a per-user mean metric → `@abt/eval`'s moments. */
function toMeanMoments(m: SumMoments): ArmMoments {
  const mu = m.n ? m.sum / m.n : Number.NaN;
  return { n: m.n, mean: mu, variance: m.n > 1 ? Math.max(0, (m.sumSq - m.n * mu * mu) / (m.n - 1)) : Number.NaN };
}

/**
 * Checkpoint label, unique per checkpoint: the UTC date when checkpoints close whole-day session windows,
 * the UTC time for shorter windows, the event count for every-N-events checkpoints.
 */
function checkpointLabel(c: Checkpoint, settings: Pick<SimulationSettings, 'checkpointEvery' | 'sessionSeconds'>): string | number {
  if (settings.checkpointEvery !== 'day') return c.events;
  const iso = new Date(c.time * 1000).toISOString();
  return settings.sessionSeconds % 86_400 === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
}

/**
 * Cumulative per-arm moments at every checkpoint where both arms have 2+ users: of the primary ratio metric,
 * or of a per-user mean metric.
 */
function timelineOf(result: ReplayResult, metric?: MeanMetric): TimelinePoint[] {
  const moments = (c: Checkpoint, a: number) => (metric ? toMeanMoments(c.arms[a]!.means[metric]) : toArmMoments(c.arms[a]!.moments));
  return result.checkpoints
    .filter((c) => c.arms[0]!.users > 1 && c.arms[1]!.users > 1)
    .map((c) => ({ at: checkpointLabel(c, result.settings), a: moments(c, 0), b: moments(c, 1) }));
}

function coldEventShare(result: ReplayResult): number {
  const cold = new Set<number>();
  for (let i = 0; i < result.users.length; i++) if (result.users.inExperiment[i] === 1 && result.users.covariate[i] === 0) cold.add(result.users.userId[i]!);
  let n = 0;
  let c = 0;
  for (let e = 0; e < result.events.length; e++) {
    if (result.outcomes.inExperiment[e] !== 1) continue;
    n++;
    if (cold.has(result.events.userId[e]!)) c++;
  }
  return n ? c / n : Number.NaN;
}

function armSummary(a: ArmUsers): ArmSummary {
  let cold = 0;
  for (const c of a.covariate) cold += c === 0 ? 1 : 0;
  return {
    arm: a.arm,
    users: a.users,
    sessions: sum(a.sessions),
    shown: sum(a.shown),
    conversions: sum(a.conversions),
    convertedUsers: sum(a.converted),
    conversionRate: sum(a.conversions) / sum(a.shown),
    hitRate: mean(a.hitRate),
    ndcg: mean(a.ndcg),
    coldStartUsers: cold,
  };
}

/**
 * The statistics of the replay, from `@abt/eval`'s online A/B API: the first arm is control (A), the
 * second treatment (B). Primary: conversion rate per shown recommendation (ratio metric, delta method),
 * CUPED on train-period activity, SRM against the router's weights, mSPRT over the daily checkpoints.
 */
export function buildReadout(
  result: ReplayResult,
  meta: { routerUri: string; versions: Readonly<Record<string, string>>; policies: OnlineReadout['router']['policies']; alpha: number; seconds: number },
): OnlineReadout {
  const [A, B] = result.byArm as [ArmUsers, ArmUsers];
  const weights = [result.weights[0]!, result.weights[1]!] as const;
  const users = A.users + B.users;
  // The mSPRT's boundary is tightest at the planned sample: here, every user the test period brings.
  const options = { alpha: meta.alpha, tuningN: Math.max(users, 2) };
  const timeline = timelineOf(result);
  let primary: AbReadout;
  try {
    primary = analyzeExperiment(
      {
        metric: 'conversion rate',
        a: { values: A.conversions, denominators: A.shown, covariate: A.covariate },
        b: { values: B.conversions, denominators: B.shown, covariate: B.covariate },
        weights,
        timeline,
      },
      options,
    );
  } catch (e) {
    if (!EvalError.isInstance(e)) throw e;
    throw new PipelineError('data', messages.simulate.noReadout(`${A.arm} ${A.users}, ${B.arm} ${B.users}`, (e as Error).message), { cause: e });
  }
  const skipped: string[] = [];
  const secondaryAnalysis = (input: Parameters<typeof analyzeExperiment>[0], opts: Parameters<typeof analyzeExperiment>[1]) => {
    // A degenerate secondary metric (e.g. every user converted in both arms) must not sink the readout.
    try {
      return analyzeExperiment(input, opts);
    } catch (e) {
      if (!EvalError.isInstance(e)) throw e;
      skipped.push(`${input.metric}: not analysed (${(e as Error).message})`);
      return undefined;
    }
  };
  const secondary: Record<string, AbReadout | undefined> = {
    converted_users: secondaryAnalysis(
      {
        metric: 'users converted',
        a: { values: A.converted, covariate: A.covariate },
        b: { values: B.converted, covariate: B.covariate },
        weights,
        timeline: timelineOf(result, 'converted'),
      },
      options,
    ),
  };
  if (result.settings.mode === 'topk') {
    const k = result.settings.k;
    secondary.hit_rate = secondaryAnalysis(
      {
        metric: `hit@${k}`,
        a: { values: A.hitRate, covariate: A.covariate },
        b: { values: B.hitRate, covariate: B.covariate },
        weights,
        timeline: timelineOf(result, 'hitRate'),
      },
      options,
    );
    secondary.ndcg = secondaryAnalysis(
      {
        metric: `NDCG@${k}`,
        a: { values: A.ndcg, covariate: A.covariate },
        b: { values: B.ndcg, covariate: B.covariate },
        weights,
        timeline: timelineOf(result, 'ndcg'),
      },
      options,
    );
  }
  const arms = result.byArm.map(armSummary);
  const coldStartShare = (arms[0]!.coldStartUsers + arms[1]!.coldStartUsers) / users;
  const coldStartEventShare = coldEventShare(result);
  const iso = (t: number) => new Date(t * 1000).toISOString();
  const analysed = Object.fromEntries(Object.entries(secondary).filter((e): e is [string, AbReadout] => e[1] !== undefined));
  const base = onlineAbSection([primary, ...Object.values(analysed)], timeline, { names: [A.arm, B.arm], weights });
  const section: OnlineAbSection = {
    ...base,
    notes: [
      ...(base.notes ?? []),
      ...skipped,
      `Replay of the test period through ${meta.routerUri}: ${result.requests.sessions.toLocaleString('en')} sessions of ${users.toLocaleString('en')} users (${result.settings.mode}, K = ${result.settings.k}, ${result.settings.negatives} sampled unseen movies per user).`,
      `${(coldStartShare * 100).toFixed(1)} % of the test period's users (${(result.coldStartRatingShare * 100).toFixed(1)} % of its ratings, ${(coldStartEventShare * 100).toFixed(1)} % of the ${result.settings.mode === 'topk' ? 'sessions' : 'impressions'}) have no train-period ratings (cold start): the CUPED covariate (train activity) is 0 for them, which limits the variance it can remove.`,
    ],
  };
  return {
    format: 'abt-online-readout',
    formatVersion: 1,
    settings: result.settings,
    router: { uri: meta.routerUri, versions: meta.versions, arms: result.arms, weights: result.weights, policies: meta.policies },
    replay: {
      events: result.requests.events,
      sessions: result.requests.sessions,
      rows: result.requests.rows,
      users,
      excludedUsers: result.excludedUsers,
      coldStartShare,
      coldStartEventShare,
      coldStartRatingShare: result.coldStartRatingShare,
      start: iso(result.events.time[0]!),
      end: iso(result.events.time[result.events.length - 1]!),
      seconds: meta.seconds,
      threads: result.threads,
    },
    arms,
    primary,
    cupedVarianceReduction: ratioCupedReduction(A, B),
    secondary: analysed,
    checkpoints: result.checkpoints,
    timelineLabels: result.checkpoints.map((c) => checkpointLabel(c, result.settings)),
    section,
  };
}
