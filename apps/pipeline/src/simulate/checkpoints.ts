import type { ReplayEvents } from './requests';
import type { EventOutcomes } from './outcomes';
import type { SimulationSettings } from './settings';

/** Cumulative per-arm totals of the users in the experiment at one point of the replay. */
export type ArmTotals = {
  readonly users: number;
  readonly sessions: number;
  readonly shown: number;
  readonly conversions: number;
  /** Users with at least one conversion so far. */
  readonly convertedUsers: number;
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

/** One pass over the events, snapshotting per-arm cumulative totals at each end. */
export function checkpoints(events: ReplayEvents, outcomes: EventOutcomes, armCount: number, ends: readonly number[]): Checkpoint[] {
  const users = new Array<number>(armCount).fill(0);
  const sessions = new Array<number>(armCount).fill(0);
  const shown = new Array<number>(armCount).fill(0);
  const conversions = new Array<number>(armCount).fill(0);
  const converted = new Array<number>(armCount).fill(0);
  const seen = new Set<number>();
  const hasConverted = new Set<number>();
  const out: Checkpoint[] = [];
  let e = 0;
  for (const end of ends) {
    for (; e < end; e++) {
      if (outcomes.inExperiment[e] !== 1) continue;
      const a = outcomes.arm[e]!;
      const u = events.userId[e]!;
      if (!seen.has(u)) {
        seen.add(u);
        users[a]!++;
      }
      sessions[a]! += events.opensSession[e]!;
      shown[a]! += outcomes.shown[e]!;
      conversions[a]! += outcomes.conversions[e]!;
      if (outcomes.conversions[e]! > 0 && !hasConverted.has(u)) {
        hasConverted.add(u);
        converted[a]!++;
      }
    }
    out.push({
      step: out.length + 1,
      events: end,
      time: events.time[end - 1]!,
      arms: users.map((_, a) => ({ users: users[a]!, sessions: sessions[a]!, shown: shown[a]!, conversions: conversions[a]!, convertedUsers: converted[a]! })),
    });
  }
  return out;
}
