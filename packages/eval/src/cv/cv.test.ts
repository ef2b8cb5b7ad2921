import { describe, expect, it } from 'vitest';
import { aucMetric, crossValidate, cvTrackingMetrics, EvalError, groupKFold, kFold, logLossMetric, messages, timeSeriesSplit } from '../index';

const labels = Array.from({ length: 103 }, (_, i) => (i % 3 === 0 ? 1 : 0));

function checkPartition(folds: { trainIdx: Uint32Array; testIdx: Uint32Array }[], n: number) {
  const seen = new Uint8Array(n);
  for (const f of folds) {
    const test = new Set(f.testIdx);
    expect(f.trainIdx.length + f.testIdx.length).toBe(n);
    expect(Array.from(f.trainIdx).some((i) => test.has(i))).toBe(false);
    for (const i of f.testIdx) seen[i]!++;
  }
  expect(Array.from(seen).every((c) => c === 1)).toBe(true);
}

describe('kFold', () => {
  it('partitions rows, stratifies, and is reproducible from its seed', () => {
    const folds = kFold(labels, { k: 5, seed: 1 });
    checkPartition(folds, labels.length);
    for (const f of folds) {
      const pos = Array.from(f.testIdx).filter((i) => labels[i] === 1).length;
      expect(pos === 6 || pos === 7).toBe(true);
    }
    expect(kFold(labels, { seed: 1 })).toEqual(folds);
    expect(kFold(labels, { seed: 2 })[0]!.testIdx).not.toEqual(folds[0]!.testIdx);
  });
  it('throws a typed error when K exceeds the number of positives', () => {
    try {
      kFold([1, 1, 0, 0, 0, 0], { k: 3 });
      expect.unreachable();
    } catch (e) {
      expect(EvalError.isInstance(e) && e.code).toBe('INVALID_OPTION');
      expect((e as Error).message).toBe(messages.tooFewPerClass('kFold', 3, 1, 2));
    }
    expect(() => kFold([1, 1, 0, 0, 0, 0], { k: 3, stratified: false })).toThrow(EvalError);
  });
});

describe('groupKFold', () => {
  it('keeps each group in one held-out fold and balances sizes', () => {
    const groups = labels.map((_, i) => i % 17);
    const folds = groupKFold(groups, { k: 4, seed: 3, labels });
    checkPartition(folds, labels.length);
    for (const f of folds) {
      const inTest = new Set(Array.from(f.testIdx, (i) => groups[i]));
      expect(Array.from(f.trainIdx).some((i) => inTest.has(groups[i]!))).toBe(false);
    }
    expect(groupKFold(groups, { k: 4, seed: 3 })).toEqual(folds);
    expect(() => groupKFold([1, 1, 2], { k: 3 })).toThrow(messages.tooFewGroups('groupKFold', 3, 2));
  });
});

describe('timeSeriesSplit', () => {
  it('trains only on rows earlier than the held-out block', () => {
    const times = Array.from({ length: 60 }, (_, i) => (i * 37) % 60);
    const folds = timeSeriesSplit(times, { k: 5 });
    expect(folds).toHaveLength(5);
    folds.forEach((f, i) => {
      expect(f.testIdx.length).toBe(10);
      expect(f.trainIdx.length).toBe(10 * (i + 1));
      const maxTrain = Math.max(...Array.from(f.trainIdx, (j) => times[j]!));
      const minTest = Math.min(...Array.from(f.testIdx, (j) => times[j]!));
      expect(maxTrain).toBeLessThan(minTest);
    });
  });
});

describe('crossValidate', () => {
  it('scores only held-out rows and reports per-fold, mean and std', async () => {
    const x = labels.map((y, i) => y + ((i * 13) % 7) / 10);
    const folds = kFold(labels, { k: 4, seed: 0 });
    const calls: number[] = [];
    const res = await crossValidate({
      folds,
      labels,
      metrics: [aucMetric, logLossMetric],
      fitPredict: (train, test, fold) => {
        calls.push(fold);
        const trainSet = new Set(train);
        expect(Array.from(test).some((i) => trainSet.has(i))).toBe(false);
        // "Model": threshold learned on train rows only.
        const mean = Array.from(train).reduce((t, i) => t + x[i]!, 0) / train.length;
        return Array.from(test, (i) => 1 / (1 + Math.exp(-(x[i]! - mean) * 3)));
      },
    });
    expect(calls).toEqual([0, 1, 2, 3]);
    expect(res.folds).toHaveLength(4);
    const aucs = res.folds.map((f) => f.metrics.auc!);
    expect(res.mean.auc).toBeCloseTo(aucs.reduce((t, v) => t + v, 0) / 4, 15);
    expect(res.std.auc).toBeGreaterThanOrEqual(0);
    const m = cvTrackingMetrics(res, 'A_LogReg');
    expect(m.A_LogReg_auc_mean).toBe(res.mean.auc);
    expect(m.A_LogReg_logloss_std).toBe(res.std.logloss);
    expect(m.A_LogReg_auc_fold4).toBe(res.folds[3]!.metrics.auc);
  });
  it('rejects fitPredict output of the wrong length', async () => {
    const folds = kFold(labels, { k: 2 });
    await expect(crossValidate({ folds, labels, metrics: [aucMetric], fitPredict: () => [0.5] })).rejects.toThrow(/returned 1 scores/);
  });
});
