import { createExperiment, RouterModel, type Policy } from '@abt/router';
import { describe, expect, it } from 'vitest';
import { armReports } from './arm-report';
import { sampleRows } from './sample-rows';

const policy = (name: string, modelVersion: string, f: (movieId: number) => number): Policy => ({
  version: 1,
  name,
  modelVersion,
  predict: (rows) => Float64Array.from(rows.movieId, (m) => f(m as number)),
});

describe('armReports', () => {
  // The original's demo compared the label `A` with the arm name `PolicyA` and printed 0 % for both.
  it('counts by the arm the router assigned, whatever the arms are called', () => {
    const router = RouterModel.create({
      experiment: createExperiment({ key: 'k', arms: [{ name: 'PolicyA' }, { name: 'PolicyB' }] }),
      policies: { PolicyA: policy('a', '1', (m) => (m % 2 ? 0.3 : 0.7)), PolicyB: policy('b', '2', () => 0.5) },
    });
    const n = 2000;
    const userId = Int32Array.from({ length: n }, (_, i) => i + 1);
    const movieId = Int32Array.from({ length: n }, (_, i) => (i * 7) % 50);
    const labels = Uint8Array.from(movieId, (m) => (m % 2 ? 0 : 1));
    const p = router.predictColumns({ userId, movieId });
    const reports = armReports(router.describe(), p, labels, userId);
    expect(reports.map((r) => r.arm)).toEqual(['PolicyA', 'PolicyB']);
    expect(reports[0]!.count + reports[1]!.count).toBe(n);
    expect(reports[0]!.share + reports[1]!.share).toBeCloseTo(1, 12);
    for (const r of reports) expect(r.share).toBeGreaterThan(0.4);
    expect(reports[0]!.auc).toBe(1); // A's score separates the classes perfectly
    expect(reports[1]!.auc).toBe(0.5); // B's constant score does not
    expect(reports[1]!.meanScore).toBeCloseTo(0.5, 12);
    expect(reports[0]!.modelVersion).toBe('1');
  });

  it('reports undefined ROC/PR (null) for an arm whose rows hold one class, and null means for an empty arm', () => {
    const router = RouterModel.create({
      experiment: createExperiment({
        key: 'k',
        arms: [
          { name: 'A', weight: 1 },
          { name: 'B', weight: 0 },
        ],
      }),
      policies: { A: policy('a', '1', () => 0.4), B: policy('b', '2', () => 0.6) },
    });
    const p = router.predictColumns({ userId: [1, 2, 3], movieId: [1, 2, 3] });
    const [a, b] = armReports(router.describe(), p, [1, 1, 1], [1, 2, 3]);
    expect(a).toMatchObject({ count: 3, share: 1, auc: null, prAuc: null, positiveRate: 1 });
    expect(a!.curves).toBeUndefined();
    expect(b).toMatchObject({ count: 0, share: 0, meanScore: null, auc: null });
  });
});

it('computes AUCs but no curves for an arm with fewer than 10 rows (lift deciles need 10)', () => {
  const router = RouterModel.create({
    experiment: createExperiment({
      key: 'k',
      arms: [
        { name: 'A', weight: 1 },
        { name: 'B', weight: 0 },
      ],
    }),
    policies: { A: policy('a', '1', (m) => m / 10), B: policy('b', '2', () => 0.6) },
  });
  const p = router.predictColumns({ userId: [1, 2, 3, 4], movieId: [1, 2, 3, 4] });
  const [a] = armReports(router.describe(), p, [0, 0, 1, 1], [1, 2, 3, 4]);
  expect(a).toMatchObject({ count: 4, auc: 1, prAuc: 1 });
  expect(a!.curves).toBeUndefined();
});

describe('sampleRows', () => {
  it('draws distinct sorted indices, the same for the same seed', () => {
    const a = sampleRows(1000, 20, 42);
    expect(new Set(a).size).toBe(20);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect(sampleRows(1000, 20, 42)).toEqual(a);
    expect(sampleRows(1000, 20, 43)).not.toEqual(a);
    expect(sampleRows(5, 20, 1)).toEqual(Int32Array.from([0, 1, 2, 3, 4]));
  });
});
