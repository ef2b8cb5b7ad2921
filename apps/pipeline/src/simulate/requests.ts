import { createRng, timeOrder, type LabeledRatings, type RatingsTable } from '@abt/data';
import { PipelineError } from '../errors';
import { simMessages } from './messages';
import type { SimulationSettings } from './settings';

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

/** Requests in time order; event e owns rows `rowStart[e]` … `rowStart[e + 1] − 1`. */
export type ReplayEvents = {
  readonly length: number;
  readonly time: Float64Array;
  readonly userId: Int32Array;
  /** Session window index (`floor(time / sessionSeconds)`, UTC days by default). */
  readonly window: Int32Array;
  /** 1 when the event is the user's first in its session window. */
  readonly opensSession: Uint8Array;
  readonly rowStart: Int32Array;
};

export type ReplayRequests = { readonly mode: SimulationSettings['mode']; readonly rows: ReplayRows; readonly events: ReplayEvents };

type Chronology = { order: Int32Array; window: Int32Array; opens: Uint8Array; sessions: number };

/** Test rows in stable time order, their session windows, and which row opens each user's session. */
function chronology(test: LabeledRatings, sessionSeconds: number): Chronology {
  if (test.length === 0) throw new PipelineError('data', simMessages.emptyTest());
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

/**
 * Builds the replay's requests.
 *
 * `topk`: a request is a session — a user's first test-period interaction in each session window (a UTC
 * day by default). Its candidates are the user's test-period movies not yet consumed (rated at or after
 * the session's time) plus `negatives` movies the user never rated, sampled once per user with a seed
 * derived from (seed, userId), so the set does not depend on replay order.
 *
 * `impression`: a request is each rated test pair, scored as of its own time.
 */
export function buildRequests(data: ReplayData, settings: SimulationSettings): ReplayRequests {
  const chron = chronology(data.test, settings.sessionSeconds);
  return settings.mode === 'topk' ? topKRequests(data, settings, chron) : impressionRequests(data.test, chron);
}

function impressionRequests(test: LabeledRatings, { order, window, opens }: Chronology): ReplayRequests {
  const n = test.length;
  const rows = { length: n, userId: new Float64Array(n), movieId: new Float64Array(n), timestamp: new Float64Array(n), label: new Int8Array(n) };
  const events = { length: n, time: new Float64Array(n), userId: new Int32Array(n), window: new Int32Array(n), opensSession: new Uint8Array(n), rowStart: new Int32Array(n + 1) };
  for (let e = 0; e < n; e++) {
    const i = order[e]!;
    rows.userId[e] = test.userId[i]!;
    rows.movieId[e] = test.movieId[i]!;
    rows.timestamp[e] = events.time[e] = test.timestamp[i]!;
    rows.label[e] = test.label[i]!;
    events.userId[e] = test.userId[i]!;
    events.window[e] = window[i]!;
    events.opensSession[e] = opens[i]!;
    events.rowStart[e + 1] = e + 1;
  }
  return { mode: 'impression', rows, events };
}

function topKRequests(data: ReplayData, settings: SimulationSettings, { order, window, opens, sessions }: Chronology): ReplayRequests {
  const { test } = data;
  // Each user's test rows in time order: a session's candidates are the suffix from its opening row.
  const byUser = new Map<number, number[]>();
  for (const i of order) {
    const u = test.userId[i]!;
    let list = byUser.get(u);
    if (!list) byUser.set(u, (list = []));
    list.push(i);
  }
  const negatives = sampleNegatives(data, [...byUser.keys()], settings);
  const seen = new Map<number, number>();
  let total = 0;
  for (const i of order) {
    const u = test.userId[i]!;
    const p = seen.get(u) ?? 0;
    seen.set(u, p + 1);
    if (opens[i]) total += byUser.get(u)!.length - p + negatives.get(u)!.length;
  }
  const rows = { length: total, userId: new Float64Array(total), movieId: new Float64Array(total), timestamp: new Float64Array(total), label: new Int8Array(total) };
  const events = {
    length: sessions,
    time: new Float64Array(sessions),
    userId: new Int32Array(sessions),
    window: new Int32Array(sessions),
    opensSession: new Uint8Array(sessions).fill(1),
    rowStart: new Int32Array(sessions + 1),
  };
  seen.clear();
  let e = 0;
  let r = 0;
  for (const i of order) {
    const u = test.userId[i]!;
    const p = seen.get(u) ?? 0;
    seen.set(u, p + 1);
    if (!opens[i]) continue;
    const t = test.timestamp[i]!;
    events.time[e] = t;
    events.userId[e] = u;
    events.window[e] = window[i]!;
    const list = byUser.get(u)!;
    for (let q = p; q < list.length; q++, r++) {
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
    events.rowStart[++e] = r;
  }
  return { mode: 'topk', rows, events };
}

/** `negatives` catalog movies per user that the user never rated (all of them when fewer exist), sorted. */
export function sampleNegatives(data: ReplayData, users: readonly number[], { negatives, seed }: Pick<SimulationSettings, 'negatives' | 'seed'>): Map<number, Int32Array> {
  const rated = new Map<number, Set<number>>(users.map((u) => [u, new Set<number>()]));
  for (const table of [data.test, ...data.history]) {
    for (let i = 0; i < table.length; i++) rated.get(table.userId[i]!)?.add(table.movieId[i]!);
  }
  const catalog = Int32Array.from(new Set(Array.from(data.catalog))).sort();
  const pool = new Int32Array(catalog.length);
  const out = new Map<number, Int32Array>();
  for (const u of users) {
    const own = rated.get(u)!;
    let n = 0;
    for (const m of catalog) if (!own.has(m)) pool[n++] = m;
    const take = Math.min(negatives, n);
    // Partial Fisher–Yates from a per-user stream: the same (seed, user) draws the same movies.
    const rng = createRng(mixSeed(seed, u));
    for (let k = 0; k < take; k++) {
      const j = k + Math.floor(rng() * (n - k));
      const tmp = pool[k]!;
      pool[k] = pool[j]!;
      pool[j] = tmp;
    }
    out.set(u, pool.slice(0, take).sort());
  }
  return out;
}

/** A 32-bit seed for (seed, userId) that differs for nearby users (murmur3 finalizer). */
export function mixSeed(seed: number, userId: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(userId | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
