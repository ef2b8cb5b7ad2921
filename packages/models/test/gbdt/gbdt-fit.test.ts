import { describe, expect, test } from 'vitest';
import { GBDT } from '../../src/index';
import { auc, logLoss, rng, synthetic, toCsr } from './helpers';

const train = synthetic(3000, 1);
const test_ = synthetic(2000, 2);

describe('GBDT fit', () => {
  test('learns a simple nonlinear function', () => {
    const m = new GBDT({ num_leaves: 15, num_iterations: 60, learning_rate: 0.1 }).fit(train.X, train.y);
    const p = m.predictProba(test_.X);
    expect(p).toHaveLength(2000);
    expect(auc(p, test_.y)).toBeGreaterThan(0.85);
    // a constant model has log loss ≈ entropy of the base rate; the fit must beat it clearly
    const base = train.y.reduce((a, b) => a + b, 0) / train.y.length;
    const constLoss = -(base * Math.log(base) + (1 - base) * Math.log(1 - base));
    expect(logLoss(p, test_.y)).toBeLessThan(constLoss - 0.1);
  });

  test('same seed gives byte-identical model text; another seed differs', () => {
    const params = { num_leaves: 8, num_iterations: 15, bagging_fraction: 0.7, bagging_freq: 1, feature_fraction: 0.6, seed: 11 };
    const a = new GBDT(params).fit(train.X, train.y).toLightGBMText();
    const b = new GBDT(params).fit(train.X, train.y).toLightGBMText();
    const c = new GBDT({ ...params, seed: 12 }).fit(train.X, train.y).toLightGBMText();
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  test('refit forgets the previous fit; clone keeps params only', () => {
    const m = new GBDT({ num_leaves: 4, num_iterations: 3 });
    m.fit(train.X, train.y);
    const first = m.toLightGBMText();
    m.fit(test_.X, test_.y);
    expect(m.toLightGBMText()).not.toBe(first);
    const c = m.clone();
    expect(c.getParams()).toEqual(m.getParams());
    expect(() => c.predictProba(train.X)).toThrow(/fitted/);
  });

  test('early stopping keeps best_iteration trees and reports valid metrics', () => {
    const seen: number[] = [];
    // a large learning rate overfits quickly so the valid loss turns up
    const m = new GBDT({ num_leaves: 31, learning_rate: 0.8, num_iterations: 200, early_stopping_round: 5, min_data_in_leaf: 5 }).fit(train.X, train.y, {
      valid: test_,
      onProgress: (p) => void seen.push(p.metrics!.binary_logloss!),
    });
    expect(m.bestIteration).toBeGreaterThan(0);
    expect(m.bestIteration).toBeLessThan(200);
    expect(m.numTrees).toBe(m.bestIteration);
    expect(seen).toHaveLength(m.bestIteration + 5);
    expect(m.validHistory).toEqual(seen);
    const best = Math.min(...seen);
    expect(seen[m.bestIteration - 1]).toBe(best);
  });

  test('early stopping on auc (higher is better)', () => {
    const m = new GBDT({ num_leaves: 31, learning_rate: 0.8, num_iterations: 200, early_stopping_round: 5, metric: 'auc', min_data_in_leaf: 5 }).fit(
      train.X,
      train.y,
      { valid: test_ },
    );
    const h = m.validHistory;
    expect(h[m.bestIteration - 1]).toBe(Math.max(...h));
    expect(h.length).toBe(m.bestIteration + 5);
  });

  test('onProgress returning false stops training', () => {
    const m = new GBDT({ num_iterations: 50, num_leaves: 4 }).fit(train.X, train.y, { onProgress: (p) => p.iteration < 7 });
    expect(m.numTrees).toBe(7);
  });

  test('missing values learn a default direction (missing_type NaN in the model file)', () => {
    const tr = synthetic(3000, 3, 0.2);
    const te = synthetic(2000, 4, 0.2);
    const m = new GBDT({ num_leaves: 15, num_iterations: 40 }).fit(tr.X, tr.y);
    const text = m.toLightGBMText();
    const types = [...text.matchAll(/^decision_type=(.*)$/gm)].flatMap((x) => x[1]!.split(' ').map(Number));
    expect(types.some((t) => ((t >> 2) & 3) === 2)).toBe(true);
    // NaN rows carry signal (treated as x1 = 1.5): the model must do well on them specifically
    const nanRows: number[] = [];
    for (let i = 0; i < te.X.rows; i++) if (Number.isNaN(te.X.data[i * 5 + 1]!)) nanRows.push(i);
    const p = m.predictProba(te.X);
    const pn = nanRows.map((i) => p[i]!);
    const yn = nanRows.map((i) => te.y[i]!);
    expect(auc(p, te.y)).toBeGreaterThan(0.85);
    expect(pn.reduce((a, b) => a + b, 0) / pn.length).toBeGreaterThan(0.6);
    expect(yn.reduce((a, b) => a + b, 0) / yn.length).toBeGreaterThan(0.6);
  });

  test('use_missing=false maps NaN to zero (missing_type None only)', () => {
    const tr = synthetic(2000, 3, 0.2);
    const text = new GBDT({ num_leaves: 8, num_iterations: 5, use_missing: false }).fit(tr.X, tr.y).toLightGBMText();
    const types = [...text.matchAll(/^decision_type=(.*)$/gm)].flatMap((x) => x[1]!.split(' ').map(Number));
    expect(types.every((t) => ((t >> 2) & 3) === 0)).toBe(true);
  });

  test('CSR and dense inputs give the same model', () => {
    // sparse-ish data: many exact zeros
    const d = synthetic(2000, 5);
    const data = d.X.data.map((v, i) => (i % 5 === 3 || Math.abs(v) < 0.3 ? 0 : v));
    const X = { rows: d.X.rows, cols: 5, data };
    const params = { num_leaves: 8, num_iterations: 10, bagging_fraction: 0.8, bagging_freq: 1, feature_fraction: 0.8 };
    const dense = new GBDT(params).fit(X, d.y);
    const csr = new GBDT(params).fit(toCsr(X), d.y);
    expect(csr.toLightGBMText()).toBe(dense.toLightGBMText());
    expect(Array.from(csr.predictProba(toCsr(X)))).toEqual(Array.from(dense.predictProba(X)));
  });

  test('CSR with truly sparse columns (stored sparse, implicit zero bin) equals dense', () => {
    // 12 one-hot-like columns (each ~8 % non-zero, some negative) plus one dense-ish column
    const r = rng(9);
    const n = 3000;
    const cols = 13;
    const data = new Float64Array(n * cols);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = Math.floor(r() * 12);
      data[i * cols + k] = k % 4 === 0 ? -1 - r() : 1 + r();
      if (r() < 0.1) data[i * cols + ((k + 5) % 12)] = NaN;
      data[i * cols + 12] = r() < 0.5 ? 0 : r();
      y[i] = r() < (k < 6 ? 0.7 : 0.3) + 0.2 * data[i * cols + 12]! ? 1 : 0;
    }
    const X = { rows: n, cols, data };
    const params = { num_leaves: 8, num_iterations: 12, min_data_in_leaf: 10, bagging_fraction: 0.8, bagging_freq: 1 };
    const dense = new GBDT(params).fit(X, y);
    const csr = new GBDT(params).fit(toCsr(X), y);
    const text = csr.toLightGBMText();
    expect(text).toBe(dense.toLightGBMText());
    expect(text.match(/^split_feature=(.*)$/gm)!.join(' ')).toMatch(/\b([0-9]|1[01])\b/);
    expect(Array.from(csr.predictProba(toCsr(X)))).toEqual(Array.from(dense.predictProba(X)));
  });

  test('Float32 input works like Float64 input with the same values', () => {
    const f32 = { rows: train.X.rows, cols: 5, data: Float32Array.from(train.X.data) };
    const f64 = { rows: train.X.rows, cols: 5, data: Float64Array.from(f32.data) };
    const a = new GBDT({ num_iterations: 5 }).fit(f32, train.y).toLightGBMText();
    const b = new GBDT({ num_iterations: 5 }).fit(f64, train.y).toLightGBMText();
    expect(a).toBe(b);
  });

  test('feature importance: split counts and gains', () => {
    const m = new GBDT({ num_leaves: 8, num_iterations: 10 }).fit(train.X, train.y);
    const split = m.featureImportance('split');
    const gain = m.featureImportance('gain');
    const text = m.toLightGBMText();
    const internal = [...text.matchAll(/^num_leaves=(\d+)$/gm)].reduce((a, x) => a + Number(x[1]) - 1, 0);
    expect(split.reduce((a, b) => a + b, 0)).toBe(internal);
    // x0 carries the strongest signal; x3, x4 are noise
    expect(gain[0]!).toBeGreaterThan(gain[3]!);
    expect(gain[0]!).toBeGreaterThan(gain[4]!);
    expect(split.every((v, i) => (v === 0) === (gain[i] === 0))).toBe(true);
  });

  test('max_depth limits tree depth', () => {
    const m = new GBDT({ num_leaves: 31, max_depth: 2, num_iterations: 3 }).fit(train.X, train.y);
    const leaves = [...m.toLightGBMText().matchAll(/^num_leaves=(\d+)$/gm)].map((x) => Number(x[1]));
    expect(Math.max(...leaves)).toBeLessThanOrEqual(4);
  });
});
