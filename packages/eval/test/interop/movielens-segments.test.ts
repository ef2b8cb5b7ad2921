// Segments and the A/B comparison on the real ml-100k time split (data extracted by the Python helper).
import { describe, expect, it } from 'vitest';
import { analyzeSegments, compareAB, rocAuc } from '../../src/index';
import { ml100k, runReference } from './helpers';

describe.skipIf(!process.env.ABT_PYTHON)('ml-100k segments (train-defined)', () => {
  it('covers every genre and demographic, defines cold start from train, and skips with reasons', () => {
    const ml = runReference({ kind: 'movielens', path: ml100k });
    const res = analyzeSegments({
      train: { userIds: ml.train_users, itemIds: ml.train_items },
      eval: {
        userIds: ml.users,
        itemIds: ml.items,
        labels: ml.labels,
        genres: { names: ml.genre_names, flags: ml.genre_flags },
        demographics: { age: ml.age, gender: ml.gender, occupation: ml.occupation },
      },
      scoresA: ml.scores_a,
      scoresB: ml.scores_b,
    });
    const by = new Map(res.map((r) => [r.key, r]));
    expect(res.filter((r) => r.group === 'genre')).toHaveLength(19);
    expect(res.filter((r) => r.group === 'occupation').length).toBeGreaterThan(15);
    const trainUsers = new Set<number>(ml.train_users);
    const cold = ml.users.filter((u: number) => !trainUsers.has(u)).length;
    expect(by.get('cold_user')!.n).toBe(cold);
    // ARCHITECTURE.md: most test rows come from users with no train rows.
    expect(cold / ml.users.length).toBeGreaterThan(0.5);
    for (const r of res) {
      if (r.status === 'skipped') expect(r.reason).toMatch(/too small|single class|empty/);
      else expect(r.metrics[0]!.a.ciLow).toBeLessThanOrEqual(r.metrics[0]!.a.estimate);
    }
    expect(by.get('all')!.metrics[0]!.a.estimate).toBeCloseTo(rocAuc(ml.labels, ml.scores_a), 14);
    const c = compareAB(ml.labels, ml.scores_a, ml.scores_b, { nResamples: 300 });
    expect(c.rows[0]!.a.estimate).toBe(by.get('all')!.metrics[0]!.a.estimate);
  });
});
