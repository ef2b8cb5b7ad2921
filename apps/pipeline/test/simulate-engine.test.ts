import { describe, expect, it } from 'vitest';
import { generateSynthetic, labelRatings, splitByTime, type LabeledRatings } from '@abt/data';
import { RouterModel, createMemoryPolicyLoader, type Policy, type RequestColumns } from '@abt/router';
import { LABEL_UNSEEN, aggregateUsers, buildRequests, replay, replayOutcomes, resolveSimulationSettings, type ReplayData } from '../src/simulate';
import { PipelineError } from '../src/errors';
import { messages } from '../src/messages';
import { buildReadout } from '../src/simulate/readout';
import { checkpointSeries, jsonSafe, onlineMetrics } from '../src/simulate/tracking-metrics';
import { readoutLines } from '../src/simulate/readout-lines';
import { HELPER_MIN_BATCHES } from '../src/simulate/replay';
import { scoreRows } from '../src/simulate/score-rows';
import type { BatchScorer } from '../src/simulate/score-worker';

const DAY = 86_400;

/** A labeled table from rows [user, movie, rating, timestamp]. */
function table(rows: [number, number, number, number][]): LabeledRatings {
  return {
    length: rows.length,
    userId: Int32Array.from(rows, (r) => r[0]),
    movieId: Int32Array.from(rows, (r) => r[1]),
    rating: Float32Array.from(rows, (r) => r[2]),
    timestamp: Float64Array.from(rows, (r) => r[3]),
    label: Uint8Array.from(rows, (r) => (r[2] >= 4 ? 1 : 0)),
  };
}

/** The request columns of replay rows, as the simulate stage's scoreRows passes them (the router refuses other columns). */
const requestColumnsOf = (rows: { userId: ArrayLike<number>; movieId: ArrayLike<number>; timestamp: ArrayLike<number> }) => ({
  userId: rows.userId,
  movieId: rows.movieId,
  timestamp: rows.timestamp,
});

const scorer = (name: string, score: (movieId: number) => number): Policy => ({
  version: 1,
  name,
  modelVersion: '1',
  predict: (rows: RequestColumns) => Float64Array.from(rows.movieId as ArrayLike<number>, score),
});

/** A two-arm router where every user lands in `arm` (weight 1 vs ~0 is not allowed, so force it). */
function routerFor(users: number[], policies: { A: Policy; B: Policy }, arm: 'A' | 'B' = 'A') {
  return RouterModel.create({
    experiment: { key: 'sim-test', arms: [{ name: 'A' }, { name: 'B' }], forced: Object.fromEntries(users.map((u) => [String(u), arm])) },
    policies,
  });
}

describe('buildRequests (topk)', () => {
  const test = table([
    [1, 10, 5, 0 * DAY + 100],
    [1, 11, 2, 0 * DAY + 200],
    [2, 10, 4, 0 * DAY + 150],
    [1, 12, 5, 1 * DAY + 50],
    [1, 13, 4, 1 * DAY + 60],
  ]);
  const data: ReplayData = { test, history: [table([[1, 20, 3, -5]])], catalog: Int32Array.from({ length: 30 }, (_, i) => i + 1) };

  it('opens one session per user per day at its first interaction, with the not-yet-rated movies as candidates', () => {
    const req = buildRequests(data, resolveSimulationSettings({ negatives: 5, seed: 1 }));
    expect(Array.from(req.events.userId)).toEqual([1, 2, 1]);
    expect(Array.from(req.events.time)).toEqual([100, 150, DAY + 50]);
    // user 1 day 0: 4 test movies + 5 negatives; user 2: 1 + 5; user 1 day 1: 2 remaining + 5.
    expect(Array.from(req.events.rowStart)).toEqual([0, 9, 15, 22]);
    const s0 = Array.from(req.rows.movieId.subarray(0, 4));
    expect(s0).toEqual([10, 11, 12, 13]);
    expect(Array.from(req.rows.label.subarray(0, 4))).toEqual([1, 0, 1, 1]);
    expect(Array.from(req.rows.movieId.subarray(15, 17))).toEqual([12, 13]);
    // every row of a session is scored as of the session's time
    expect(new Set(req.rows.timestamp.subarray(15, 22))).toEqual(new Set([DAY + 50]));
  });

  it('samples negatives the user never rated, seeded per user', () => {
    const settings = resolveSimulationSettings({ negatives: 5, seed: 1 });
    const a = buildRequests(data, settings);
    const negs = Array.from(a.rows.movieId.subarray(4, 9));
    expect(Array.from(a.rows.label.subarray(4, 9))).toEqual(new Array(5).fill(LABEL_UNSEEN));
    for (const m of negs) expect([10, 11, 12, 13, 20]).not.toContain(m);
    expect(new Set(negs).size).toBe(5);
    // same negatives in the user's later session; a different seed draws different ones
    expect(Array.from(a.rows.movieId.subarray(17, 22))).toEqual(negs);
    expect(Array.from(buildRequests(data, settings).rows.movieId)).toEqual(Array.from(a.rows.movieId));
    const other = Array.from(buildRequests(data, resolveSimulationSettings({ negatives: 5, seed: 2 })).rows.movieId.subarray(4, 9));
    expect(other).not.toEqual(negs);
  });

  it('takes every unseen movie when the catalog has fewer than N', () => {
    const req = buildRequests({ ...data, catalog: [10, 11, 12, 13, 14, 15, 20] }, resolveSimulationSettings({ negatives: 100 }));
    expect(Array.from(req.rows.movieId.subarray(4, 6))).toEqual([14, 15]);
  });

  it('rejects an empty test period and bad settings with named errors', () => {
    expect(() => buildRequests({ ...data, test: table([]) }, resolveSimulationSettings())).toThrow(messages.simulate.emptyTest());
    expect(() => resolveSimulationSettings({ k: 0 })).toThrow(/setting k = 0/);
    expect(() => resolveSimulationSettings({ mode: 'click' as never })).toThrow(PipelineError);
  });
});

describe('replayOutcomes', () => {
  const test = table([
    [1, 10, 5, 100],
    [1, 11, 2, 200],
    [1, 12, 5, DAY + 50],
    [1, 13, 4, DAY + 60],
  ]);
  const data: ReplayData = { test, history: [], catalog: [10, 11, 12, 13, 14, 15] };
  // Scores: 14 (unseen) > 10 > 11 > 12 > 13 > 15.
  const rank: Record<number, number> = { 14: 0.9, 10: 0.8, 11: 0.7, 12: 0.6, 13: 0.5, 15: 0.1 };
  const policy = scorer('ranked', (m) => rank[m]!);

  it('shows the top K, counts conversions, computes NDCG and consumes converted movies', () => {
    const settings = resolveSimulationSettings({ k: 2, negatives: 2 });
    const req = buildRequests(data, settings);
    const router = routerFor([1], { A: policy, B: policy });
    const routed = router.predictColumns(requestColumnsOf(req.rows));
    const out = replayOutcomes(req, routed, settings, router.experiment.arms);
    // Session 1 candidates {10,11,12,13,14,15}: top 2 = 14, 10 → one conversion at rank 2.
    // Relevant available: 10, 12, 13 → IDCG = 1 + 1/log2(3).
    const idcg = 1 + 1 / Math.log2(3);
    expect(out.conversions[0]).toBe(1);
    expect(out.shown[0]).toBe(2);
    expect(out.ndcg[0]).toBeCloseTo(1 / Math.log2(3) / idcg, 12);
    // Session 2 candidates: 12, 13 (rated on day 2) + 14, 15; 10 is consumed. Top 2 = 14, 12.
    expect(out.conversions[1]).toBe(1);
    expect(out.ndcg[1]).toBeCloseTo(1 / Math.log2(3) / idcg, 12);
    expect(Array.from(out.hit)).toEqual([1, 1]);
  });

  it('breaks score ties pessimistically (non-relevant first)', () => {
    const settings = resolveSimulationSettings({ k: 1, negatives: 2 });
    const req = buildRequests(data, settings);
    const router = routerFor([1], { A: scorer('flat', () => 0.5), B: policy });
    const out = replayOutcomes(req, router.predictColumns(requestColumnsOf(req.rows)), settings, router.experiment.arms);
    expect(Array.from(out.conversions)).toEqual([0, 0]);
  });

  it('impression mode: shown when the score clears the threshold, conversion = shown and label 1', () => {
    const settings = resolveSimulationSettings({ mode: 'impression', threshold: 0.65 });
    const req = buildRequests(data, settings);
    expect(req.events.length).toBe(4);
    const router = routerFor([1], { A: policy, B: policy });
    const out = replayOutcomes(req, router.predictColumns(requestColumnsOf(req.rows)), settings, router.experiment.arms);
    expect(Array.from(out.shown)).toEqual([1, 1, 0, 0]);
    expect(Array.from(out.conversions)).toEqual([1, 0, 0, 0]);
    expect(Array.from(req.events.opensSession)).toEqual([1, 0, 1, 0]);
    expect(Number.isNaN(out.ndcg[0]!)).toBe(true);
  });
});

describe('replay on synthetic data', async () => {
  const ds = await generateSynthetic({ users: 120, movies: 150, ratings: 12_000, seed: 7 });
  const split = splitByTime(labelRatings(ds.ratings));
  // Popularity among positives in train: a sensible policy. Its reverse: a bad one.
  const pop = new Map<number, number>();
  for (let i = 0; i < split.train.length; i++) if (split.train.label[i]) pop.set(split.train.movieId[i]!, (pop.get(split.train.movieId[i]!) ?? 0) + 1);
  const popular = scorer('popular', (m) => (pop.get(m) ?? 0) / split.train.length);
  const unpopular = scorer('unpopular', (m) => 1 - (pop.get(m) ?? 0) / split.train.length);
  const data: ReplayData = { test: split.test, history: [split.train, split.valid], catalog: ds.movies.movieId };
  const config = {
    format: 'abt-router' as const,
    formatVersion: 1 as const,
    experiment: { key: 'sim-synthetic', arms: [{ name: 'PolicyA' }, { name: 'PolicyB' }] },
    models: { PolicyA: 'models:/m@PolicyA', PolicyB: 'models:/m@PolicyB' },
  };
  const router = await RouterModel.load(config, createMemoryPolicyLoader({ 'models:/m@PolicyA': unpopular, 'models:/m@PolicyB': popular }));
  const settings = resolveSimulationSettings({ seed: 3, negatives: 50, batchRows: 5000 });
  const result = await replay(router, data, settings, { preperiod: split.train });

  it('routes every user to the arm the router assigns, and aggregates per user consistently', () => {
    expect(result.arms).toEqual(['PolicyA', 'PolicyB']);
    const testUsers = new Set(split.test.userId);
    expect(result.users.length).toBe(testUsers.size);
    for (let i = 0; i < result.users.length; i++) {
      expect(result.arms[result.users.arm[i]!]).toBe(router.assigner.assign(result.users.userId[i]!).arm);
    }
    const total = (f: Float64Array | Int32Array) => Array.from(f).reduce((a, b) => a + b, 0);
    expect(total(result.users.conversions)).toBe(total(result.outcomes.conversions));
    expect(total(result.users.sessions)).toBe(result.requests.sessions);
    expect(result.byArm[0]!.users + result.byArm[1]!.users).toBe(result.users.length);
    expect(result.byArm[0]!.users).toBeGreaterThan(20);
    expect(result.byArm[1]!.users).toBeGreaterThan(20);
  });

  it('uses train activity as the covariate (0 for cold-start users)', () => {
    const counts = new Map<number, number>();
    for (const u of split.train.userId) counts.set(u, (counts.get(u) ?? 0) + 1);
    for (let i = 0; i < result.users.length; i++) expect(result.users.covariate[i]).toBe(counts.get(result.users.userId[i]!) ?? 0);
    const cold = Array.from(split.test.userId).filter((u) => !counts.has(u)).length;
    expect(result.coldStartRatingShare).toBeCloseTo(cold / split.test.length, 12);
  });

  it('the popularity policy converts more than its reverse on the same users', async () => {
    const swapped = await RouterModel.load(config, createMemoryPolicyLoader({ 'models:/m@PolicyA': popular, 'models:/m@PolicyB': unpopular }));
    const k3 = { ...settings, k: 3 };
    const conv = (r: typeof result) => r.byArm[1]!.conversions.reduce((x, y) => x + y, 0);
    const withPopular = await replay(router, data, k3);
    const withUnpopular = await replay(swapped, data, k3);
    expect(withPopular.byArm[1]!.users).toBe(withUnpopular.byArm[1]!.users);
    expect(conv(withPopular)).toBeGreaterThan(conv(withUnpopular) * 1.5);
  });

  it('checkpoints are cumulative, one per session day, and end at the per-arm totals', () => {
    const cps = result.checkpoints;
    const days = new Set(Array.from(result.events.window)).size;
    expect(cps.length).toBe(days);
    for (let i = 1; i < cps.length; i++) {
      expect(cps[i]!.time).toBeGreaterThanOrEqual(cps[i - 1]!.time);
      for (let a = 0; a < 2; a++) expect(cps[i]!.arms[a]!.conversions).toBeGreaterThanOrEqual(cps[i - 1]!.arms[a]!.conversions);
    }
    const last = cps.at(-1)!;
    for (let a = 0; a < 2; a++) {
      const arm = result.byArm[a]!;
      const m = last.arms[a]!.moments;
      expect(m.n).toBe(arm.users);
      expect(m.sum).toBe(arm.conversions.reduce((x, y) => x + y, 0));
      expect(m.sumSq).toBe(arm.conversions.reduce((x, y) => x + y * y, 0));
      expect(m.den.sumCross).toBe(arm.conversions.reduce((x, y, i) => x + y * arm.shown[i]!, 0));
      expect(last.arms[a]!.convertedUsers).toBe(arm.converted.reduce((x, y) => x + y, 0));
    }
    for (let a = 0; a < 2; a++) {
      const arm = result.byArm[a]!;
      const means = last.arms[a]!.means;
      for (const [key, values] of [
        ['converted', arm.converted],
        ['hitRate', arm.hitRate],
        ['ndcg', arm.ndcg],
      ] as const) {
        expect(means[key].sum).toBeCloseTo(
          values.reduce((x, y) => x + y, 0),
          9,
        );
        expect(means[key].sumSq).toBeCloseTo(
          values.reduce((x, y) => x + y * y, 0),
          9,
        );
      }
    }
    // a mid-replay checkpoint equals the per-user aggregation cut at the same event
    const mid = cps[Math.floor(cps.length / 2)]!;
    const cut = aggregateUsers(result.events, result.outcomes, () => 0, mid.events);
    let convA = 0;
    for (let i = 0; i < cut.length; i++) if (cut.arm[i] === 0) convA += cut.conversions[i]!;
    expect(mid.arms[0]!.conversions).toBe(convA);
  });

  it('is deterministic for a seed and changes with it', async () => {
    const again = await replay(router, data, settings, { preperiod: split.train });
    expect(Array.from(again.outcomes.conversions)).toEqual(Array.from(result.outcomes.conversions));
    expect(again.checkpoints).toEqual(result.checkpoints);
    const other = await replay(router, data, { ...settings, seed: 4 }, { preperiod: split.train });
    expect(Array.from(other.outcomes.conversions)).not.toEqual(Array.from(result.outcomes.conversions));
  });

  it('builds the readout in both modes: metric keys finite, JSON-safe, impression mode without ranking metrics', async () => {
    const meta = { routerUri: 'models:/m@router', versions: {}, policies: router.describe().policies, alpha: 0.05, seconds: 0 };
    const topk = buildReadout(result, meta);
    expect(topk.primary.kind).toBe('ratio');
    expect(Object.keys(topk.secondary).sort()).toEqual(['converted_users', 'hit_rate', 'ndcg']);
    expect(topk.primary.rateB).toBeCloseTo(topk.arms[1]!.conversionRate, 12);
    const metrics = onlineMetrics(topk);
    for (const key of [
      'users_PolicyA',
      'conversion_rate_PolicyB',
      'lift_rel',
      'lift_rel_ci_low',
      'lift_rel_ci_high',
      'p_value',
      'srm_p_value',
      'cuped_variance_reduction',
      'mde_rel',
      'required_users_per_arm',
    ])
      expect(Number.isFinite(metrics[key]), key).toBe(true);
    const series = checkpointSeries(topk);
    expect(series.map((p) => p.step)).toEqual(topk.checkpoints.map((c) => c.step));
    expect(series.at(-1)!.metrics.seq_p_value).toBeCloseTo(topk.primary.sequential.pValue, 12);
    const json = jsonSafe(topk) as { primary: { cuped?: unknown }; section: { charts: object } };
    expect(Object.keys(json.section.charts)).toContain('ab_cumulative_lift');
    expect(readoutLines(topk).join('\n')).toMatch(/PolicyB: \d+ users, conversion \d+\.\d+ %/);

    const impression = buildReadout(await replay(router, data, { ...settings, mode: 'impression', threshold: 0.006 }, { preperiod: split.train }), meta);
    expect(Object.keys(impression.secondary)).toEqual(['converted_users']);
    expect(impression.arms[0]!.shown).toBeGreaterThan(0);
    expect(Number.isNaN(impression.arms[0]!.hitRate)).toBe(true);
  });

  it('explains a readout that cannot be computed (every user in one arm) as a data error', async () => {
    const forced = Object.fromEntries(Array.from(new Set(split.test.userId), (u) => [String(u), 'PolicyA']));
    const oneArm = await RouterModel.load(
      { ...config, experiment: { ...config.experiment, forced } },
      createMemoryPolicyLoader({ 'models:/m@PolicyA': unpopular, 'models:/m@PolicyB': popular }),
    );
    const r = await replay(oneArm, data, settings);
    expect(r.byArm[1]!.users).toBe(0);
    const meta = { routerUri: 'models:/m@router', versions: {}, policies: oneArm.describe().policies, alpha: 0.05, seconds: 0 };
    try {
      buildReadout(r, meta);
      expect.unreachable();
    } catch (e) {
      expect(PipelineError.isInstance(e) && e.kind).toBe('data');
      expect((e as Error).message).toContain(`users per arm: PolicyA ${new Set(split.test.userId).size}, PolicyB 0`);
    }
  });

  it('labels hourly session windows uniquely, so every checkpoint keeps its sequential point', async () => {
    const hourly = buildReadout(await replay(router, data, { ...settings, sessionSeconds: 3600 }, { preperiod: split.train }), {
      routerUri: 'models:/m@router',
      versions: {},
      policies: router.describe().policies,
      alpha: 0.05,
      seconds: 0,
    });
    expect(new Set(hourly.timelineLabels).size).toBe(hourly.checkpoints.length);
    expect(hourly.checkpoints.length).toBeGreaterThan(result.checkpoints.length);
  });

  it('gives the same outcomes whatever the batch size (one event per batch … everything in one batch)', async () => {
    const oneBatch = await replay(router, data, { ...settings, batchRows: 1e9 });
    const tiny = await replay(router, data, { ...settings, batchRows: 1 });
    for (const key of ['arm', 'shown', 'conversions', 'ndcg'] as const) expect(Array.from(tiny.outcomes[key])).toEqual(Array.from(oneBatch.outcomes[key]));
    expect(Array.from(oneBatch.outcomes.conversions)).toEqual(Array.from((await replay(router, data, settings)).outcomes.conversions));
  });

  it('with a helper scoring every other batch: the same result, batches in pairs, the helper closed', async () => {
    // an in-process helper that answers later (as a worker does), so the pairs really interleave
    const sent: number[] = [];
    let closed = 0;
    const helper = (): BatchScorer => ({
      score: (rows) => {
        sent.push(rows.length);
        return new Promise((resolve) => setTimeout(() => resolve(scoreRows(router, rows)), 1));
      },
      close: async () => {
        closed++;
      },
    });
    const small = { ...settings, batchRows: 500 };
    const alone = await replay(router, data, small, { preperiod: split.train });
    const helped = await replay(router, data, small, { preperiod: split.train, helper });
    expect(sent.length).toBeGreaterThan(HELPER_MIN_BATCHES);
    expect(closed).toBe(1);
    for (const key of ['arm', 'shown', 'conversions', 'ndcg'] as const) expect(Array.from(helped.outcomes[key])).toEqual(Array.from(alone.outcomes[key]));
    expect(helped.checkpoints).toEqual(alone.checkpoints);
    // too few batches for a helper: none is started
    await replay(router, data, { ...settings, batchRows: 1e9 }, { helper });
    expect(closed).toBe(1);
    // a helper's failure fails the replay, and the helper is still closed
    const failing = (): BatchScorer => ({ score: () => Promise.reject(new Error('worker died')), close: async () => void closed++ });
    await expect(replay(router, data, small, { helper: failing })).rejects.toThrow('worker died');
    expect(closed).toBe(2);
  });

  it('stops on an aborted signal with an interrupted error', async () => {
    const ac = new AbortController();
    ac.abort();
    try {
      await replay(router, data, settings, { signal: ac.signal });
      expect.unreachable();
    } catch (e) {
      expect(PipelineError.isInstance(e) && e.kind).toBe('interrupted');
    }
  });
});
