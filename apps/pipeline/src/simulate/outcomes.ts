import { PipelineError } from '../errors';
import { messages } from '../messages';
import type { ReplayEvents, ReplayRequests, ReplayRows } from './requests';
import type { RoutedScores } from './score-rows';
import type { SimulationSettings } from './settings';

/** What each event (session or impression) produced, in event order. */
export type EventOutcomes = {
  readonly length: number;
  readonly arm: Int32Array;
  readonly inExperiment: Uint8Array;
  /** Recommendations shown (topk: min(K, candidates); impression: 0 or 1). */
  readonly shown: Int32Array;
  readonly conversions: Int32Array;
  /** topk: 1 when any shown movie converted. NaN in impression mode. */
  readonly hit: Float64Array;
  /** topk: NDCG@K with binary gains over the not-yet-consumed candidates (0 when none is relevant). NaN in impression mode. */
  readonly ndcg: Float64Array;
};

/** Called once per event that showed items: their movie ids, scores and whether each converted (1) — the replay's exposure and event logs. */
export type ShowListener = (event: number, movieIds: readonly number[], scores: readonly number[], converted: readonly number[]) => void;

/** Outcomes filled chunk by chunk, in time order; `apply` carries the per-user state across chunks. */
export type OutcomeReplay = {
  readonly outcomes: EventOutcomes;
  /**
   * Replays events e0 … e1 − 1; `rows` and `routed` hold exactly those events' rows (row 0 = the first row
   * of event e0), as `ReplayPlan.rows(e0, e1)` and the router returned them.
   */
  apply(e0: number, e1: number, rows: ReplayRows, routed: RoutedScores): void;
};

/**
 * Replays the events in time order. topk: rank the session's candidates by score (ties: non-relevant
 * first, then movie id, so a constant policy cannot win by row order), show the top K, count the shown
 * movies rated ≥ 4 as conversions and mark them consumed for the user's later sessions.
 * impression: a pair is shown when its score reaches the threshold; a conversion is shown and label 1.
 */
export function createOutcomeReplay(
  mode: SimulationSettings['mode'],
  events: ReplayEvents,
  settings: Pick<SimulationSettings, 'k' | 'threshold'>,
  arms: readonly string[],
  onShow?: ShowListener,
): OutcomeReplay {
  const n = events.length;
  const out = {
    length: n,
    arm: new Int32Array(n),
    inExperiment: new Uint8Array(n),
    shown: new Int32Array(n),
    conversions: new Int32Array(n),
    hit: new Float64Array(n),
    ndcg: new Float64Array(n),
  };
  const armOf = new Map<number, number>();
  const consumed = new Map<number, Set<number>>();
  const discount = new Float64Array(settings.k);
  for (let i = 0; i < settings.k; i++) discount[i] = 1 / Math.log2(i + 2);
  const apply = (e0: number, e1: number, rows: ReplayRows, routed: RoutedScores) => {
    const base = events.rowStart[e0]!;
    for (let e = e0; e < e1; e++) {
      const lo = events.rowStart[e]! - base;
      const hi = events.rowStart[e + 1]! - base;
      const u = events.userId[e]!;
      const a = routed.armIndex[lo]!;
      const first = armOf.get(u);
      if (first === undefined) armOf.set(u, a);
      else if (first !== a) throw new PipelineError('other', messages.simulate.armChanged(u, arms[first]!, arms[a]!));
      out.arm[e] = a;
      out.inExperiment[e] = routed.inExperiment[lo]!;
      if (mode === 'impression') {
        const shown = routed.score[lo]! >= settings.threshold ? 1 : 0;
        out.shown[e] = shown;
        out.conversions[e] = shown && rows.label[lo] === 1 ? 1 : 0;
        out.hit[e] = out.ndcg[e] = Number.NaN;
        if (shown && onShow) onShow(e, [rows.movieId[lo]!], [routed.score[lo]!], [out.conversions[e]!]);
        continue;
      }
      let used = consumed.get(u);
      if (!used) consumed.set(u, (used = new Set()));
      const cand: number[] = [];
      let relevant = 0;
      for (let r = lo; r < hi; r++) {
        if (used.has(rows.movieId[r]!)) continue;
        cand.push(r);
        if (rows.label[r] === 1) relevant++;
      }
      const rel = (r: number) => (rows.label[r] === 1 ? 1 : 0);
      cand.sort((x, y) => routed.score[y]! - routed.score[x]! || rel(x) - rel(y) || rows.movieId[x]! - rows.movieId[y]!);
      const top = Math.min(settings.k, cand.length);
      let conversions = 0;
      let dcg = 0;
      for (let i = 0; i < top; i++) {
        const r = cand[i]!;
        if (rows.label[r] !== 1) continue;
        conversions++;
        dcg += discount[i]!;
        used.add(rows.movieId[r]!);
      }
      let idcg = 0;
      for (let i = 0; i < Math.min(settings.k, relevant); i++) idcg += discount[i]!;
      if (onShow) {
        const shownRows = cand.slice(0, top);
        onShow(
          e,
          shownRows.map((r) => rows.movieId[r]!),
          shownRows.map((r) => routed.score[r]!),
          shownRows.map((r) => (rows.label[r] === 1 ? 1 : 0)),
        );
      }
      out.shown[e] = top;
      out.conversions[e] = conversions;
      out.hit[e] = conversions > 0 ? 1 : 0;
      out.ndcg[e] = idcg > 0 ? dcg / idcg : 0;
    }
  };
  return { outcomes: out, apply };
}

/** All events at once, from fully materialized requests (small data, tests). */
export function replayOutcomes(
  req: ReplayRequests,
  routed: RoutedScores,
  settings: Pick<SimulationSettings, 'k' | 'threshold'>,
  arms: readonly string[],
): EventOutcomes {
  const replay = createOutcomeReplay(req.mode, req.events, settings, arms);
  replay.apply(0, req.events.length, req.rows, routed);
  return replay.outcomes;
}
