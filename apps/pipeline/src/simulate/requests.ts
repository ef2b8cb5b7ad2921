import { timeOrder, type LabeledRatings, type RatingsTable } from '@abt/data';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import type { SimulationSettings } from './settings';
import { sampleNegatives } from './negatives';

/** What the replay reads: the test period as traffic, earlier periods to know what a user has seen. */
export type ReplayData = {
  /** Test-period interactions, the traffic to replay (any row order; replayed in time order). */
  readonly test: LabeledRatings;
  /** Earlier interactions (train, valid): a sampled negative is a movie the user never rated anywhere. */
  readonly history: readonly RatingsTable[];
  /** Movie ids negatives are drawn from (the catalog). */
  readonly catalog: ArrayLike<number>;
};

/** Label of a sampled unseen candidate: never rated by the user, so never a conversion. */
export const LABEL_UNSEEN = -1;

/** Every (user, movie, time) pair to score, in event order. */
export type ReplayRows = {
  readonly length: number;
  readonly userId: Float64Array;
  readonly movieId: Float64Array;
  /** The event's time: policies featurize each pair as of the moment of the request. */
  readonly timestamp: Float64Array;
  /** 1 = rated ≥ 4, 0 = rated < 4, {@link LABEL_UNSEEN} = sampled unseen movie. */
  readonly label: Int8Array;
};

/** Requests in time order; event e owns rows `rowStart[e]` … `rowStart[e + 1] − 1` of the full row list. */
export type ReplayEvents = {
  readonly length: number;
  readonly time: Float64Array;
  readonly userId: Int32Array;
  /** Session window index (`floor(time / sessionSeconds)`, UTC days by default). */
  readonly window: Int32Array;
  /** 1 when the event is the user's first in its session window. */
  readonly opensSession: Uint8Array;
  /** Row offsets (Float64Array: the total can pass 2³¹ on large catalogs). */
  readonly rowStart: Float64Array;
};

/**
 * The replay's requests with rows materialized on demand: `rows(e0, e1)` builds the candidate rows of
 * events e0 … e1 − 1 only, so the replay scores the test period in bounded memory, batch after batch.
 */
export type ReplayPlan = {
  readonly mode: SimulationSettings['mode'];
  readonly events: ReplayEvents;
  /** Rows of all events (`rowStart[events.length]`). */
  readonly rowCount: number;
  rows(e0: number, e1: number): ReplayRows;
};

/** All rows materialized at once (small data, tests). */
export type ReplayRequests = { readonly mode: SimulationSettings['mode']; readonly rows: ReplayRows; readonly events: ReplayEvents };

type Chronology = { order: Int32Array; window: Int32Array; opens: Uint8Array; sessions: number };

/** Test rows in stable time order, their session windows, and which row opens each user's session. */
function chronology(test: LabeledRatings, sessionSeconds: number): Chronology {
  if (test.length === 0) throw new PipelineError('data', messages.simulate.emptyTest());
  const order = timeOrder(test.timestamp);
  const window = new Int32Array(test.length);
  const opens = new Uint8Array(test.length);
  const lastWindow = new Map<number, number>();
  let sessions = 0;
  for (const i of order) {
    const w = Math.floor(test.timestamp[i]! / sessionSeconds);
    window[i] = w;
    const u = test.userId[i]!;
    if (lastWindow.get(u) !== w) {
      lastWindow.set(u, w);
      opens[i] = 1;
      sessions++;
    }
  }
  return { order, window, opens, sessions };
}

const emptyRows = (n: number): ReplayRows => ({
  length: n,
  userId: new Float64Array(n),
  movieId: new Float64Array(n),
  timestamp: new Float64Array(n),
  label: new Int8Array(n),
});

/**
 * Plans the replay's requests.
 *
 * `topk`: a request is a session — a user's first test-period interaction in each session window (a UTC
 * day by default). Its candidates are the user's test-period movies not yet consumed (rated at or after
 * the session's time) plus `negatives` movies the user never rated, sampled once per user with a seed
 * derived from (seed, userId), so the set does not depend on replay order.
 *
 * `impression`: a request is each rated test pair, scored as of its own time.
 */
export function planRequests(data: ReplayData, settings: SimulationSettings): ReplayPlan {
  const chron = chronology(data.test, settings.sessionSeconds);
  return settings.mode === 'topk' ? topKPlan(data, settings, chron) : impressionPlan(data.test, chron);
}

/** {@link planRequests} with every row materialized. */
export function buildRequests(data: ReplayData, settings: SimulationSettings): ReplayRequests {
  const plan = planRequests(data, settings);
  return { mode: plan.mode, events: plan.events, rows: plan.rows(0, plan.events.length) };
}

function impressionPlan(test: LabeledRatings, { order, window, opens }: Chronology): ReplayPlan {
  const n = test.length;
  const events = {
    length: n,
    time: new Float64Array(n),
    userId: new Int32Array(n),
    window: new Int32Array(n),
    opensSession: new Uint8Array(n),
    rowStart: new Float64Array(n + 1),
  };
  for (let e = 0; e < n; e++) {
    const i = order[e]!;
    events.time[e] = test.timestamp[i]!;
    events.userId[e] = test.userId[i]!;
    events.window[e] = window[i]!;
    events.opensSession[e] = opens[i]!;
    events.rowStart[e + 1] = e + 1;
  }
  return {
    mode: 'impression',
    events,
    rowCount: n,
    rows(e0, e1) {
      const rows = emptyRows(e1 - e0);
      for (let e = e0; e < e1; e++) {
        const i = order[e]!;
        rows.userId[e - e0] = test.userId[i]!;
        rows.movieId[e - e0] = test.movieId[i]!;
        rows.timestamp[e - e0] = test.timestamp[i]!;
        rows.label[e - e0] = test.label[i]!;
      }
      return rows;
    },
  };
}

function topKPlan(data: ReplayData, settings: SimulationSettings, { order, window, opens, sessions }: Chronology): ReplayPlan {
  const { test } = data;
  // Each user's test rows in time order: a session's candidates are the suffix from its opening row.
  const byUser = new Map<number, number[]>();
  for (const i of order) {
    const u = test.userId[i]!;
    let list = byUser.get(u);
    if (!list) byUser.set(u, (list = []));
    list.push(i);
  }
  const negatives = sampleNegatives({
    users: [...byUser.keys()],
    tables: [test, ...data.history],
    catalog: data.catalog,
    negatives: settings.negatives,
    seed: settings.seed,
  });
  const events = {
    length: sessions,
    time: new Float64Array(sessions),
    userId: new Int32Array(sessions),
    window: new Int32Array(sessions),
    opensSession: new Uint8Array(sessions).fill(1),
    rowStart: new Float64Array(sessions + 1),
  };
  /** Position of each session's opening row in its user's list. */
  const position = new Int32Array(sessions);
  const seen = new Map<number, number>();
  let e = 0;
  for (const i of order) {
    const u = test.userId[i]!;
    const p = seen.get(u) ?? 0;
    seen.set(u, p + 1);
    if (!opens[i]) continue;
    events.time[e] = test.timestamp[i]!;
    events.userId[e] = u;
    events.window[e] = window[i]!;
    position[e] = p;
    events.rowStart[e + 1] = events.rowStart[e]! + byUser.get(u)!.length - p + negatives.get(u)!.length;
    e++;
  }
  return {
    mode: 'topk',
    events,
    rowCount: events.rowStart[sessions]!,
    rows(e0, e1) {
      const base = events.rowStart[e0]!;
      const rows = emptyRows(events.rowStart[e1]! - base);
      let r = 0;
      for (let k = e0; k < e1; k++) {
        const u = events.userId[k]!;
        const t = events.time[k]!;
        const list = byUser.get(u)!;
        for (let q = position[k]!; q < list.length; q++, r++) {
          const j = list[q]!;
          rows.userId[r] = u;
          rows.movieId[r] = test.movieId[j]!;
          rows.timestamp[r] = t;
          rows.label[r] = test.label[j]!;
        }
        for (const m of negatives.get(u)!) {
          rows.userId[r] = u;
          rows.movieId[r] = m;
          rows.timestamp[r] = t;
          rows.label[r] = LABEL_UNSEEN;
          r++;
        }
      }
      return rows;
    },
  };
}
