import { describe, expect, it } from 'vitest';
import {
  createMemoryExposureSink,
  createMemoryPolicyLoader,
  type InvalidInputError,
  type Policy,
  type RequestColumns,
  RouterError,
  RouterModel,
} from './index';

/** Stand-in policy: a deterministic score from the movie id, counting batch calls. */
function policy(name: string, modelVersion: string, offset: number): Policy & { calls: number[] } {
  const calls: number[] = [];
  return {
    version: 1,
    name,
    modelVersion,
    calls,
    predict(rows: RequestColumns) {
      calls.push(rows.userId.length);
      return Float64Array.from({ length: rows.userId.length }, (_, i) => offset + ((rows.movieId[i] as number) % 100) / 1000);
    },
  };
}

const experiment = {
  key: 'movielens_ctr_ab',
  arms: [
    { name: 'A', weight: 0.5 },
    { name: 'B', weight: 0.3 },
    { name: 'C', weight: 0.2 },
  ],
};

describe('RouterModel', () => {
  it('scores each row with its arm policy, one batch call per arm', () => {
    const p = { A: policy('a', '1', 0), B: policy('b', '2', 0.5), C: policy('c', '7', 0.8) };
    const router = RouterModel.create({ experiment, policies: p });
    const rows = Array.from({ length: 1000 }, (_, i) => ({ userId: i + 1, movieId: (i * 7) % 1682 }));
    const out = router.predict(rows);
    expect(p.A.calls.length).toBe(1);
    expect(p.B.calls.length).toBe(1);
    expect(p.C.calls.length).toBe(1);
    expect(p.A.calls[0]! + p.B.calls[0]! + p.C.calls[0]!).toBe(1000);
    out.forEach((r, i) => {
      const expected = router.assigner.assign(i + 1).arm;
      expect(r.assigned).toBe(expected);
      const offset = { A: 0, B: 0.5, C: 0.8 }[expected as 'A'];
      expect(r.score).toBeCloseTo(offset + (rows[i]!.movieId % 100) / 1000, 12);
      expect(r.modelVersion).toBe({ A: '1', B: '2', C: '7' }[expected as 'A']);
    });
  });

  it('takes string and integer ids: "42" and 42 get the same arm (GrowthBook hashes the text)', () => {
    const router = RouterModel.create({ experiment, policies: { A: policy('a', '1', 0), B: policy('b', '2', 0.5), C: policy('c', '3', 0.8) } });
    const ids = Array.from({ length: 200 }, (_, i) => i + 1);
    const asNumbers = router.predictColumns({ userId: ids, movieId: ids });
    const asStrings = router.predictColumns({ userId: ids.map(String), movieId: ids.map(String) });
    expect(asStrings.assigned).toEqual(asNumbers.assigned);
    const named = router.predict([{ userId: 'user-7', itemId: 10 } as never]);
    expect(named[0]!.assigned).toBe(router.assigner.assign('user-7').arm);
  });

  it('accepts columns and rows alike, with optional timestamps', () => {
    const router = RouterModel.create({ experiment, policies: { A: policy('a', '1', 0), B: policy('b', '2', 0.5), C: policy('c', '3', 0.8) } });
    const rows = [
      { userId: 1, movieId: 10, timestamp: 874965758 },
      { userId: 2, movieId: 20 },
    ];
    const cols = { userId: [1, 2], movieId: [10, 20], timestamp: [874965758, Number.NaN] };
    expect(router.predict(cols)).toEqual(router.predict(rows));
  });

  it('names the bad field on invalid rows', () => {
    const router = RouterModel.create({ experiment, policies: { A: policy('a', '1', 0), B: policy('b', '2', 0), C: policy('c', '3', 0) } });
    const bad = [
      [
        [
          { userId: 1, movieId: 2 },
          { userId: '', movieId: 4 },
        ],
        'rows[1].userId',
      ],
      [
        [
          { userId: 1, movieId: 2 },
          { userId: 1.5, movieId: 4 },
        ],
        'rows[1].userId',
      ],
      [[{ userId: 1, movieId: 2, rating: 5 }], 'rows[0].rating'],
      [[{ userId: 1, movieId: 2.5 }], 'rows[0].movieId'],
      [[{ userId: 1, movieId: 2, timestamp: 'x' }], 'rows[0].timestamp'],
      [[null], 'rows[0]'],
      [{ userId: [1, 2], movieId: [1] }, 'rows.movieId'],
      [{ userId: [1], movieId: [Number.NaN] }, 'rows.movieId[0]'],
      [{ foo: 1 }, 'rows.foo'],
      [{ userId: [1] }, 'rows.movieId'],
    ] as const;
    for (const [rows, path] of bad) {
      try {
        router.predict(rows as never);
        throw new Error('no throw');
      } catch (e) {
        expect(RouterError.isInstance(e), String(e)).toBe(true);
        expect((e as InvalidInputError).path).toBe(path);
        // A bad value names its path; an unknown field names its container and the key.
        const key = path.slice(path.lastIndexOf('.') + 1);
        expect((e as Error).message).toMatch(new RegExp(`${path.replace(/[.[\]]/g, '\\$&')}|has the unknown key "${key}"`));
      }
    }
  });

  it('appends one exposure per row', () => {
    const sink = createMemoryExposureSink();
    const router = RouterModel.create({
      experiment: { ...experiment, coverage: 0.5 },
      policies: { A: policy('a', '1', 0), B: policy('b', '2', 0), C: policy('c', '3', 0) },
    });
    const out = router.predictColumns({ userId: [1, 2, 3, 4], movieId: [1, 1, 1, 1] }, { exposure: sink, now: Date.UTC(2026, 0, 1) });
    expect(sink.events).toHaveLength(4);
    sink.events.forEach((e, i) => {
      expect(e).toMatchObject({
        experiment: 'movielens_ctr_ab',
        userId: i + 1,
        arm: out.assigned[i],
        modelVersion: out.modelVersion[i],
        time: Date.UTC(2026, 0, 1),
      });
      expect(e.inExperiment).toBe(out.inExperiment[i] === 1);
    });
  });

  it('with per-row request ids (a server batch): one exposure per request and user, in first-row order', () => {
    const router = RouterModel.create({ experiment, policies: { A: policy('a', '1', 0), B: policy('b', '2', 0.5), C: policy('c', '3', 0.8) } });
    const cols = { userId: [1, 2, 1, 3, 1], movieId: [10, 20, 30, 40, 50] };
    const exposures = (requestIds: string[]) => {
      const sink = createMemoryExposureSink();
      const out = router.predictColumns(cols, { exposure: sink, now: 0, requestIds });
      for (const e of sink.events) {
        const row = cols.movieId.indexOf(e.items[0]?.itemId as number);
        expect([e.arm, e.items[0]?.score]).toEqual([out.assigned[row], out.score[row]]);
      }
      return sink.events.map((e) => [e.requestId, e.userId, e.items.map((it) => it.itemId)]);
    };
    // Every request id distinct: one exposure per row, in row order.
    expect(exposures(['r1', 'r2', 'r3', 'r4', 'r5'])).toEqual([
      ['r1', 1, [10]],
      ['r2', 2, [20]],
      ['r3', 1, [30]],
      ['r4', 3, [40]],
      ['r5', 1, [50]],
    ]);
    // A request id repeated (not adjacent): its rows of one user make one exposure, at its first row.
    expect(exposures(['r1', 'r2', 'r1', 'r1', 'r2'])).toEqual([
      ['r1', 1, [10, 30]],
      ['r2', 2, [20]],
      ['r1', 3, [40]],
      ['r2', 1, [50]],
    ]);
  });

  it('rejects a policy that returns the wrong number of scores', () => {
    const broken: Policy = { version: 1, name: 'broken', modelVersion: '1', predict: () => new Float64Array(1) };
    const router = RouterModel.create({ experiment: { key: 'k', arms: [{ name: 'A' }, { name: 'B' }] }, policies: { A: broken, B: broken } });
    expect(() =>
      router.predict([
        { userId: 1, movieId: 1 },
        { userId: 2, movieId: 1 },
        { userId: 3, movieId: 1 },
      ]),
    ).toThrow(/returned 1 scores/);
  });

  it('loads from a versioned router config; a missing alias is an error naming it', async () => {
    const loader = createMemoryPolicyLoader({ 'models:/m@PolicyA': policy('a', '3', 0), 'models:/m@PolicyB': policy('b', '4', 0.5) });
    const config = {
      format: 'abt-router',
      formatVersion: 1,
      experiment: { key: 'k', arms: [{ name: 'A' }, { name: 'B' }] },
      models: { A: 'models:/m@PolicyA', B: 'models:/m@PolicyB' },
    };
    const router = await RouterModel.load(config, loader);
    expect(router.describe()).toEqual({
      experiment: {
        format: 'abt',
        key: 'k',
        seed: 'k',
        hashVersion: 2,
        hashAttribute: 'userId',
        namespace: null,
        filters: 0,
        weights: [0.5, 0.5],
        coverage: 1,
        arms: ['A', 'B'],
        defaultArm: 'A',
      },
      policies: [
        { arm: 'A', uri: 'models:/m@PolicyA', name: 'a', modelVersion: '3' },
        { arm: 'B', uri: 'models:/m@PolicyB', name: 'b', modelVersion: '4' },
      ],
    });
    await expect(RouterModel.load({ ...config, models: { A: 'models:/m@PolicyA', B: 'models:/m@Gone' } }, loader)).rejects.toThrow(/models:\/m@Gone/);
    await expect(RouterModel.load({ ...config, formatVersion: 2 }, loader)).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT', path: 'formatVersion' });
    await expect(RouterModel.load({ ...config, models: { A: 'models:/m@PolicyA' } }, loader)).rejects.toMatchObject({ path: 'models.B' });
  });
});
