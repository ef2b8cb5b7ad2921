import { describe, expect, it } from 'vitest';
import { analyzeSegments, createRng, defineSegments, messages, segmentTrackingMetrics, type SegmentInput } from '../index';

function input(): SegmentInput {
  const rng = createRng(11);
  // Train: users 1..20, items 1..50; item i is rated (51 − i) times so low ids are popular.
  const tu: number[] = [];
  const ti: number[] = [];
  for (let item = 1; item <= 50; item++)
    for (let r = 0; r < 51 - item; r++) {
      ti.push(item);
      tu.push(1 + ((item * 7 + r) % 20));
    }
  const n = 2000;
  const userIds: number[] = [];
  const itemIds: number[] = [];
  const labels: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const flags: number[] = [];
  const age: number[] = [];
  const gender: string[] = [];
  const occupation: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = 1 + Math.floor(rng() * 30); // 21..30 are cold
    const it = 1 + Math.floor(rng() * 60); // 51..60 are cold
    const y = rng() < 0.5 ? 1 : 0;
    userIds.push(u);
    itemIds.push(it);
    labels.push(y);
    a.push(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.3 + (rng() - 0.5) * 0.6)));
    b.push(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.1 + (rng() - 0.5) * 0.6)));
    flags.push(it % 2, it % 3 === 0 ? 1 : 0, 0); // Drama, Film-Noir, Western (never set)
    age.push(15 + (u % 50));
    gender.push(u % 2 ? 'M' : 'F');
    occupation.push(u % 3 ? 'student' : 'writer');
  }
  return {
    train: { userIds: tu, itemIds: ti },
    eval: { userIds, itemIds, labels, genres: { names: ['Drama', 'Film-Noir', 'Western'], flags }, demographics: { age, gender, occupation } },
    scoresA: a,
    scoresB: b,
  };
}

describe('defineSegments', () => {
  const inp = input();
  const segs = new Map(defineSegments(inp).map((s) => [s.key, s]));
  it('defines cold-start and popularity from train, never from the evaluated rows', () => {
    const cold = segs.get('cold_user')!;
    expect(cold.rows.length).toBeGreaterThan(0);
    expect(Array.from(cold.rows).every((r) => inp.eval.userIds[r]! > 20)).toBe(true);
    expect(Array.from(segs.get('cold_item')!.rows).every((r) => inp.eval.itemIds[r]! > 50)).toBe(true);
    // 50 train movies → top 10 % = the 5 most-rated = ids 1..5.
    expect(new Set(Array.from(segs.get('popular')!.rows, (r) => inp.eval.itemIds[r]))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(segs.get('popular')!.rows.length + segs.get('long_tail')!.rows.length).toBe(2000);
  });
  it('covers every genre, age bands, gender, occupation and activity bands', () => {
    expect([...segs.keys()]).toEqual(
      expect.arrayContaining([
        'genre_drama',
        'genre_film_noir',
        'genre_western',
        'age_under_18',
        'age_56_plus',
        'gender_m',
        'gender_f',
        'occupation_student',
        'occupation_writer',
        'activity_low',
        'activity_mid',
        'activity_high',
      ]),
    );
    const act = ['activity_low', 'activity_mid', 'activity_high'].reduce((t, k) => t + segs.get(k)!.rows.length, 0);
    expect(act).toBe(segs.get('warm_user')!.rows.length);
  });
  it('rejects misaligned genre flags', () => {
    const bad = { ...inp, eval: { ...inp.eval, genres: { names: ['Drama'], flags: [1, 0] } } };
    expect(() => defineSegments(bad)).toThrow(/rows × genres/);
  });
});

describe('analyzeSegments', () => {
  const res = analyzeSegments(input(), { minN: 60 });
  const by = new Map(res.map((r) => [r.key, r]));
  it('reports n, positive rate and A/B metrics with CIs and verdicts', () => {
    const all = by.get('all')!;
    expect(all.status).toBe('ok');
    expect(all.n).toBe(2000);
    const auc = all.metrics.find((m) => m.metric === 'auc')!;
    expect(auc.a.ciLow).toBeLessThan(auc.a.estimate);
    expect(auc.verdict.text).toBe('A better');
    expect(all.metrics.map((m) => m.metric)).toEqual(['auc', 'logloss', 'brier']);
  });
  it('skips empty, too-small and single-class segments with the reason', () => {
    expect(by.get('genre_western')).toMatchObject({ status: 'skipped', reason: messages.skippedEmpty(), n: 0 });
    // The smallest non-empty segment, under a minN just above its size.
    const smallest = Math.min(...res.filter((r) => r.n > 0).map((r) => r.n));
    const small = analyzeSegments(input(), { minN: smallest + 1 }).find((r) => r.n === smallest)!;
    expect(small).toMatchObject({ status: 'skipped', reason: messages.skippedTooSmall(smallest, smallest + 1) });
    const inp = input();
    const labels = Array.from(inp.eval.labels, (y, i) => (inp.eval.userIds[i]! > 20 ? 1 : y));
    const r = analyzeSegments({ ...inp, eval: { ...inp.eval, labels } }).find((s) => s.key === 'cold_user')!;
    expect(r.status).toBe('skipped');
    expect(r.reason).toBe(messages.skippedSingleClass(r.n, 1));
  });
  it('flattens to test_<segment>_<A|B>_<metric> keys', () => {
    const m = segmentTrackingMetrics(res);
    expect(m.test_all_A_auc).toBe(by.get('all')!.metrics[0]!.a.estimate);
    expect(m.test_genre_western_n).toBe(0);
    expect(m.test_genre_western_A_auc).toBeUndefined();
  });
});
