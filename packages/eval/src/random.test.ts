import { describe, expect, it } from 'vitest';
import { aucMetric, bayesianProportions, createRng, groupKFold, kFold, messages, pairedBootstrap, rankingMetrics } from './index';

describe('seeds', () => {
  it('createRng is deterministic per seed and differs across seeds', () => {
    const xs = Array.from({ length: 8 }, createRng(3));
    expect(Array.from({ length: 8 }, createRng(3))).toEqual(xs);
    expect(Array.from({ length: 8 }, createRng(4))).not.toEqual(xs);
  });

  it('every function taking a seed refuses one that is not a finite number, naming itself', () => {
    const labels = [0, 1, 0, 1, 0, 1];
    const scores = [0.1, 0.9, 0.2, 0.8, 0.3, 0.7];
    const cases: [string, (seed: number) => unknown][] = [
      ['createRng', (seed) => createRng(seed)],
      ['kFold', (seed) => kFold(labels, { k: 2, seed })],
      ['groupKFold', (seed) => groupKFold([1, 1, 2, 2, 3, 3], { k: 2, seed })],
      ['pairedBootstrap', (seed) => pairedBootstrap(labels, scores, scores, aucMetric, { nResamples: 2, seed })],
      ['bayesianProportions', (seed) => bayesianProportions({ successesA: 3, nA: 10, successesB: 4, nB: 10 }, { method: 'monte-carlo', draws: 10, seed })],
      ['rankingMetrics', (seed) => rankingMetrics({ userIds: [1, 1], scores: [0.2, 0.4], labels: [0, 1] }, { sampledNegatives: { count: 1, seed } })],
    ];
    for (const [fn, call] of cases) {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1']) {
        expect(() => call(bad as number), fn).toThrow(messages.badSeed(fn, bad));
      }
    }
  });
});
