import { describe, expect, it } from 'vitest';
import { EvalError, rankingMetrics } from '../index';

describe('rankingMetrics', () => {
  // user 1: items ranked 0.9(+) 0.8(-) 0.7(+) 0.1(-); user 2: 0.5(-) 0.4(+); user 3: no positive.
  const input = {
    userIds: [1, 1, 1, 1, 2, 2, 3],
    scores: [0.9, 0.8, 0.7, 0.1, 0.5, 0.4, 0.3],
    labels: [1, 0, 1, 0, 0, 1, 0],
  };
  it('computes HR, NDCG, Recall and MAP at K per user and averages over users with a positive', () => {
    const r = rankingMetrics(input, { k: 2 });
    expect(r.users).toBe(2);
    expect(r.skippedUsers).toBe(1);
    const u1 = r.perUser.find((u) => u.userId === 1)!;
    expect(u1).toMatchObject({ hitRate: 1, recall: 0.5, averagePrecision: 0.5 });
    expect(u1.ndcg).toBeCloseTo(1 / (1 + 1 / Math.log2(3)), 15);
    const u2 = r.perUser.find((u) => u.userId === 2)!;
    expect(u2).toMatchObject({ hitRate: 1, recall: 1, averagePrecision: 0.5 });
    expect(u2.ndcg).toBeCloseTo(1 / Math.log2(3), 15);
    expect(r.hitRate).toBe(1);
    expect(r.map).toBe(0.5);
    expect(rankingMetrics(input, { k: 1 }).hitRate).toBe(0.5);
  });
  it('orders ties pessimistically', () => {
    const r = rankingMetrics({ userIds: [1, 1], scores: [0.5, 0.5], labels: [1, 0] }, { k: 1 });
    expect(r.hitRate).toBe(0);
  });
  it('sampled negatives are seeded and reproducible', () => {
    const n = 200;
    const userIds = Array.from({ length: n }, (_, i) => i % 4);
    const scores = Array.from({ length: n }, (_, i) => ((i * 7919) % 101) / 101);
    const labels = Array.from({ length: n }, (_, i) => (i % 9 === 0 ? 1 : 0));
    const a = rankingMetrics({ userIds, scores, labels }, { k: 5, sampledNegatives: { count: 10, seed: 3 } });
    const b = rankingMetrics({ userIds, scores, labels }, { k: 5, sampledNegatives: { count: 10, seed: 3 } });
    const c = rankingMetrics({ userIds, scores, labels }, { k: 5, sampledNegatives: { count: 10, seed: 4 } });
    expect(a).toEqual(b);
    expect(a.perUser.every((u) => u.candidates === u.relevant + 10)).toBe(true);
    expect(c.perUser.map((u) => u.ndcg)).not.toEqual(a.perUser.map((u) => u.ndcg));
  });
  it('throws when no user has a relevant row, or K is invalid', () => {
    expect(() => rankingMetrics({ userIds: [1], scores: [1], labels: [0] })).toThrow(EvalError);
    expect(() => rankingMetrics(input, { k: 0 })).toThrow(/option k = 0/);
  });
});
