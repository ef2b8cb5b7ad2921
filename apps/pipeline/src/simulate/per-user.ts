import type { ReplayEvents } from './requests';
import type { EventOutcomes } from './outcomes';

/** One row per user (the randomization unit), in order of first appearance. */
export type UserOutcomes = {
  readonly length: number;
  readonly userId: Int32Array;
  readonly arm: Int32Array;
  /** 0 when the user is outside the experiment's coverage (excluded from the readout). */
  readonly inExperiment: Uint8Array;
  readonly sessions: Float64Array;
  /** Recommendations (topk) or impressions (impression) shown. */
  readonly shown: Float64Array;
  readonly conversions: Float64Array;
  /** topk: sessions with at least one conversion; NaN in impression mode. */
  readonly hits: Float64Array;
  /** topk: sum of the sessions' NDCG@K; NaN in impression mode. */
  readonly ndcgSum: Float64Array;
  /** Pre-period covariate for CUPED: the user's train-period activity (0 = cold start). */
  readonly covariate: Float64Array;
  readonly firstTime: Float64Array;
};

/**
 * Sums events per user over the first `upTo` events (all by default), so a checkpoint's per-user view is
 * the same aggregation cut at that point in time.
 */
export function aggregateUsers(events: ReplayEvents, outcomes: EventOutcomes, covariate: (userId: number) => number, upTo = events.length): UserOutcomes {
  const index = new Map<number, number>();
  for (let e = 0; e < upTo; e++) if (!index.has(events.userId[e]!)) index.set(events.userId[e]!, index.size);
  const n = index.size;
  const u = {
    length: n,
    userId: new Int32Array(n),
    arm: new Int32Array(n),
    inExperiment: new Uint8Array(n),
    sessions: new Float64Array(n),
    shown: new Float64Array(n),
    conversions: new Float64Array(n),
    hits: new Float64Array(n),
    ndcgSum: new Float64Array(n),
    covariate: new Float64Array(n),
    firstTime: new Float64Array(n).fill(Number.NaN),
  };
  for (let e = 0; e < upTo; e++) {
    const id = events.userId[e]!;
    const i = index.get(id)!;
    if (Number.isNaN(u.firstTime[i]!)) {
      u.userId[i] = id;
      u.arm[i] = outcomes.arm[e]!;
      u.inExperiment[i] = outcomes.inExperiment[e]!;
      u.covariate[i] = covariate(id);
      u.firstTime[i] = events.time[e]!;
    }
    u.sessions[i]! += events.opensSession[e]!;
    u.shown[i]! += outcomes.shown[e]!;
    u.conversions[i]! += outcomes.conversions[e]!;
    u.hits[i]! += outcomes.hit[e]!;
    u.ndcgSum[i]! += outcomes.ndcg[e]!;
  }
  return u;
}

/** Per-arm arrays of the users in the experiment, ready for the statistics. */
export type ArmUsers = {
  readonly arm: string;
  readonly users: number;
  readonly sessions: Float64Array;
  readonly shown: Float64Array;
  readonly conversions: Float64Array;
  /** 1 when the user converted at least once. */
  readonly converted: Float64Array;
  /** Per-user hit rate over sessions (hits / sessions); NaN in impression mode. */
  readonly hitRate: Float64Array;
  /** Per-user mean NDCG@K over sessions; NaN in impression mode. */
  readonly ndcg: Float64Array;
  readonly covariate: Float64Array;
};

/** Splits users by arm, keeping only those in the experiment. */
export function usersByArm(users: UserOutcomes, arms: readonly string[]): ArmUsers[] {
  return arms.map((arm, a) => {
    const idx: number[] = [];
    for (let i = 0; i < users.length; i++) if (users.arm[i] === a && users.inExperiment[i] === 1) idx.push(i);
    const pick = (f: (i: number) => number) => Float64Array.from(idx, f);
    return {
      arm,
      users: idx.length,
      sessions: pick((i) => users.sessions[i]!),
      shown: pick((i) => users.shown[i]!),
      conversions: pick((i) => users.conversions[i]!),
      converted: pick((i) => (users.conversions[i]! > 0 ? 1 : 0)),
      hitRate: pick((i) => users.hits[i]! / users.sessions[i]!),
      ndcg: pick((i) => users.ndcgSum[i]! / users.sessions[i]!),
      covariate: pick((i) => users.covariate[i]!),
    };
  });
}
