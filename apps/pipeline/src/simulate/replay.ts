import type { RatingsTable } from '@abt/data';
import type { RouterModel } from '@abt/router';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import { planRequests, type ReplayData, type ReplayEvents, type ReplayPlan } from './requests';
import { scoreRows } from './score-rows';
import type { BatchScorer } from './score-worker';
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
  /**
   * Starts a second scorer (a worker thread with the same router) when the replay has more than
   * {@link HELPER_MIN_BATCHES} batches: it scores every other batch while this thread scores the next
   * one. The result is the same without it.
   */
  readonly helper?: () => BatchScorer;
};

/** Everything the replay produced, before any statistics. */
export type ReplayResult = {
  readonly settings: SimulationSettings;
  readonly arms: readonly string[];
  /** Experiment weights of the arms, as the router's experiment declares them. */
  readonly weights: readonly number[];
  readonly requests: { readonly events: number; readonly rows: number; readonly sessions: number };
  /** Threads that scored the batches: 2 when a helper ran beside this one. */
  readonly threads: number;
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

/** A replay of at most this many full batches of rows is scored on this thread alone: a helper would cost more than it saves. */
export const HELPER_MIN_BATCHES = 4;

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
 * With a `helper`, batches go in pairs: the helper scores the first while this thread scores the second;
 * outcomes are still replayed in time order. Finally aggregates per user and per arm over time. Memory
 * for rows is bounded by two batches.
 */
export async function replay(router: RouterModel, data: ReplayData, settings: SimulationSettings, options: ReplayOptions = {}): Promise<ReplayResult> {
  const arms = router.experiment.arms;
  if (arms.length < 2) throw new PipelineError('usage', messages.simulate.noArms());
  const plan = planRequests(data, settings);
  const { events } = plan;
  const outcomeReplay = createOutcomeReplay(plan.mode, events, settings, arms, options.onShow);
  const helper = options.helper && plan.rowCount > HELPER_MIN_BATCHES * settings.batchRows ? options.helper() : undefined;
  try {
    await replayBatches(router, plan, outcomeReplay, settings.batchRows, options, helper);
  } finally {
    await helper?.close();
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
    threads: helper ? 2 : 1,
    events: events,
    outcomes,
    users,
    byArm,
    excludedUsers,
    checkpoints: checkpoints(events, outcomes, arms.length, checkpointEnds(events, settings.checkpointEvery)),
    coldStartRatingShare: coldRatings / data.test.length,
  };
}

/**
 * Builds, scores and replays batch after batch in time order. With a helper, batches go in pairs: the
 * helper scores the first while this thread scores the second.
 */
async function replayBatches(
  router: RouterModel,
  plan: ReplayPlan,
  outcomeReplay: ReturnType<typeof createOutcomeReplay>,
  batchRows: number,
  options: ReplayOptions,
  helper: BatchScorer | undefined,
): Promise<void> {
  const { events } = plan;
  /** The end of the batch that starts at event e0. */
  const batchEnd = (e0: number): number => {
    let e1 = e0 + 1;
    while (e1 < events.length && events.rowStart[e1 + 1]! - events.rowStart[e0]! <= batchRows) e1++;
    return e1;
  };
  for (let e0 = 0; e0 < events.length; ) {
    if (options.signal?.aborted) throw new PipelineError('interrupted', messages.simulate.interrupted(events.rowStart[e0]!, plan.rowCount));
    const e1 = batchEnd(e0);
    const rows = plan.rows(e0, e1);
    if (helper && e1 < events.length) {
      const helped = helper.score(rows);
      helped.catch(() => undefined); // awaited below; keeps its failure from counting as unhandled if scoring here throws first
      const e2 = batchEnd(e1);
      const next = plan.rows(e1, e2);
      const nextScores = scoreRows(router, next);
      outcomeReplay.apply(e0, e1, rows, await helped);
      outcomeReplay.apply(e1, e2, next, nextScores);
      options.onProgress?.(events.rowStart[e2]!, plan.rowCount);
      e0 = e2;
      continue;
    }
    outcomeReplay.apply(e0, e1, rows, scoreRows(router, rows));
    options.onProgress?.(events.rowStart[e1]!, plan.rowCount);
    e0 = e1;
  }
}
