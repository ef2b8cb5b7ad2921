import type { ReplayEvents } from './requests';
import type { EventOutcomes } from './outcomes';
import type { SimulationSettings } from './settings';

/** Sums over an arm's users of a per-user value and its square. */
export type SumMoments = { readonly n: number; readonly sum: number; readonly sumSq: number };

/**
 * Per-user moments of conversions (numerator) and shown (denominator), with their cross sum: the
 * sufficient statistics of the ratio metric (see `toArmMoments` for `@abt/eval`'s shape).
 */
export type ConversionMoments = SumMoments & { readonly den: { readonly sum: number; readonly sumSq: number; readonly sumCross: number } };

/** The per-user mean metrics tracked at every checkpoint (hit rate and NDCG only in topk mode). */
const MEAN_METRICS = ['converted', 'hitRate', 'ndcg'] as const;
export type MeanMetric = (typeof MEAN_METRICS)[number];

/** Cumulative per-arm totals of the users in the experiment at one point of the replay. */
type ArmTotals = {
  readonly users: number;
  readonly sessions: number;
  readonly shown: number;
  readonly conversions: number;
  /** Users with at least one conversion so far. */
  readonly convertedUsers: number;
  /** The primary ratio metric's moments. */
  readonly moments: ConversionMoments;
  /** Moments of the per-user mean metrics (converted 0/1, hit rate over sessions, mean NDCG@K). */
  readonly means: Readonly<Record<MeanMetric, SumMoments>>;
};

export type Checkpoint = {
  /** 1-based step (the metric-history step in tracking). */
  readonly step: number;
  /** Events replayed up to and including this checkpoint. */
  readonly events: number;
  /** Time of the last event, Unix seconds. */
  readonly time: number;
  readonly arms: readonly ArmTotals[];
};

/** Event counts at which checkpoints fall: the end of each session window, or every N events; always the end. */
export function checkpointEnds(events: ReplayEvents, every: SimulationSettings['checkpointEvery']): number[] {
  const ends: number[] = [];
  for (let e = 1; e <= events.length; e++) {
    const last = e === events.length;
    if (last || (every === 'day' ? events.window[e] !== events.window[e - 1] : e % every === 0)) ends.push(e);
  }
  return ends;
}

type UserState = { arm: number; c: number; s: number; sessions: number; hits: number; ndcg: number; values: Record<MeanMetric, number> };

/** Running sums of one arm; updated by differences so each event costs O(1). */
class ArmAccumulator {
  users = 0;
  sessions = 0;
  shown = 0;
  conversions = 0;
  converted = 0;
  sumSq = 0;
  denSumSq = 0;
  sumCross = 0;
  readonly mean = { converted: [0, 0], hitRate: [0, 0], ndcg: [0, 0] } as Record<MeanMetric, [number, number]>;

  move(metric: MeanMetric, from: number, to: number): void {
    const m = this.mean[metric];
    m[0] += to - from;
    m[1] += to * to - from * from;
  }

  snapshot(): ArmTotals {
    const n = this.users;
    const means = Object.fromEntries(MEAN_METRICS.map((k) => [k, { n, sum: this.mean[k][0], sumSq: this.mean[k][1] }])) as Record<MeanMetric, SumMoments>;
    return {
      users: n,
      sessions: this.sessions,
      shown: this.shown,
      conversions: this.conversions,
      convertedUsers: this.converted,
      moments: { n, sum: this.conversions, sumSq: this.sumSq, den: { sum: this.shown, sumSq: this.denSumSq, sumCross: this.sumCross } },
      means,
    };
  }
}

/**
 * One pass over the events, snapshotting per-arm cumulative totals at each end. Per-user sums of squares
 * are kept by differences ((c + d)² − c²), so the pass stays linear in the events.
 */
export function checkpoints(events: ReplayEvents, outcomes: EventOutcomes, armCount: number, ends: readonly number[]): Checkpoint[] {
  const arms = Array.from({ length: armCount }, () => new ArmAccumulator());
  const users = new Map<number, UserState>();
  const out: Checkpoint[] = [];
  let e = 0;
  for (const end of ends) {
    for (; e < end; e++) {
      if (outcomes.inExperiment[e] !== 1) continue;
      const id = events.userId[e]!;
      let u = users.get(id);
      const acc = arms[outcomes.arm[e]!]!;
      if (!u) {
        users.set(id, (u = { arm: outcomes.arm[e]!, c: 0, s: 0, sessions: 0, hits: 0, ndcg: 0, values: { converted: 0, hitRate: 0, ndcg: 0 } }));
        acc.users++;
      }
      const c = u.c + outcomes.conversions[e]!;
      const s = u.s + outcomes.shown[e]!;
      acc.sumSq += c * c - u.c * u.c;
      acc.denSumSq += s * s - u.s * u.s;
      acc.sumCross += c * s - u.c * u.s;
      acc.sessions += events.opensSession[e]!;
      acc.shown += outcomes.shown[e]!;
      acc.conversions += outcomes.conversions[e]!;
      if (c > 0 && u.c === 0) acc.converted++;
      u.c = c;
      u.s = s;
      u.sessions += events.opensSession[e]!;
      u.hits += outcomes.hit[e]!;
      u.ndcg += outcomes.ndcg[e]!;
      const next: Record<MeanMetric, number> = { converted: c > 0 ? 1 : 0, hitRate: u.hits / u.sessions, ndcg: u.ndcg / u.sessions };
      for (const k of MEAN_METRICS) {
        if (next[k] !== u.values[k]) acc.move(k, u.values[k], next[k]);
      }
      u.values = next;
    }
    out.push({ step: out.length + 1, events: end, time: events.time[end - 1]!, arms: arms.map((a) => a.snapshot()) });
  }
  return out;
}
