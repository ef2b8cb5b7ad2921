import type { RatingsTable } from '@abt/data';
import type { RouterModel } from '@abt/router';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import { planRequests, type ReplayData, type ReplayEvents } from './requests';
import { scoreRows } from './score-rows';
import { createOutcomeReplay, type EventOutcomes, type ShowListener } from './outcomes';
import { aggregateUsers, usersByArm, type ArmUsers, type UserOutcomes } from './per-user';
import { checkpointEnds, checkpoints, type Checkpoint } from './checkpoints';
import type { SimulationSettings } from './settings';

export type ReplayOptions = {
  readonly signal?: AbortSignal;
  /** Progress of the scoring: rows scored so far of the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The CUPED covariate per user; default: the number of the user's ratings in `preperiod`. */
  readonly preperiod?: RatingsTable;
  /** Sees the items each event showed (for the exposure and event logs). */
  readonly onShow?: ShowListener;
};

/** Everything the replay produced, before any statistics. */
export type ReplayResult = {
  readonly settings: SimulationSettings;
  readonly arms: readonly string[];
  /** Experiment weights of the arms, as the router's experiment declares them. */
  readonly weights: readonly number[];
  readonly requests: { readonly events: number; readonly rows: number; readonly sessions: number };
  readonly events: ReplayEvents;
  readonly outcomes: EventOutcomes;
  readonly users: UserOutcomes;
  /** Users in the experiment, per arm, in arm order. */
  readonly byArm: readonly ArmUsers[];
  /** Users outside the experiment's coverage (served the default arm, left out of the readout). */
  readonly excludedUsers: number;
  readonly checkpoints: readonly Checkpoint[];
  /** Share of the test period's ratings whose user has no pre-period rating (ml-100k: 86 %). */
  readonly coldStartRatingShare: number;
};

/** Ratings per user in a table: the pre-period activity covariate. */
function activityByUser(table: RatingsTable | undefined): Map<number, number> {
  const counts = new Map<number, number>();
  if (table) for (let i = 0; i < table.length; i++) counts.set(table.userId[i]!, (counts.get(table.userId[i]!) ?? 0) + 1);
  return counts;
}

/**
 * Replays the test period as traffic through the router: plans the requests (sessions or impressions),
 * then batch after batch of whole events (≤ `batchRows` rows unless one event alone is larger) builds the
 * candidate rows, scores them with one `router.predictColumns` call and replays the outcomes in time order.
 * Finally aggregates per user and per arm over time. Memory for rows is bounded by the batch.
 */
export function replay(router: RouterModel, data: ReplayData, settings: SimulationSettings, options: ReplayOptions = {}): ReplayResult {
  const arms = router.experiment.arms;
  if (arms.length < 2) throw new PipelineError('usage', messages.simulate.noArms());
  const plan = planRequests(data, settings);
  const { events } = plan;
  const outcomeReplay = createOutcomeReplay(plan.mode, events, settings, arms, options.onShow);
  for (let e0 = 0; e0 < events.length; ) {
    if (options.signal?.aborted) throw new PipelineError('interrupted', messages.simulate.interrupted(events.rowStart[e0]!, plan.rowCount));
    let e1 = e0 + 1;
    while (e1 < events.length && events.rowStart[e1 + 1]! - events.rowStart[e0]! <= settings.batchRows) e1++;
    const rows = plan.rows(e0, e1);
    outcomeReplay.apply(e0, e1, rows, scoreRows(router, rows));
    options.onProgress?.(events.rowStart[e1]!, plan.rowCount);
    e0 = e1;
  }
  const { outcomes } = outcomeReplay;
  const activity = activityByUser(options.preperiod);
  const users = aggregateUsers(events, outcomes, (u) => activity.get(u) ?? 0);
  const byArm = usersByArm(users, arms);
  let sessions = 0;
  for (let e = 0; e < events.length; e++) sessions += events.opensSession[e]!;
  let coldRatings = 0;
  for (let i = 0; i < data.test.length; i++) coldRatings += activity.has(data.test.userId[i]!) ? 0 : 1;
  let excludedUsers = 0;
  for (let i = 0; i < users.length; i++) excludedUsers += users.inExperiment[i] === 1 ? 0 : 1;
  return {
    settings,
    arms,
    weights: [...router.experiment.weights],
    requests: { events: events.length, rows: plan.rowCount, sessions },
    events: events,
    outcomes,
    users,
    byArm,
    excludedUsers,
    checkpoints: checkpoints(events, outcomes, arms.length, checkpointEnds(events, settings.checkpointEvery)),
    coldStartRatingShare: coldRatings / data.test.length,
  };
}
