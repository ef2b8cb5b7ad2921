import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { GBDT, type DenseMatrix } from '../../src/index';
import { rng, toCsr } from '../gbdt/helpers';
import { C_ERROR, C_GEN, C_READY } from '../../src/gbdt/parallel/control';
import { bundleWorker } from './worker-bundle';

/** A worker that has failed (error flag raised, visible before it reports ready) and takes no work. */
const failingWorker = `
import { workerData } from 'node:worker_threads';
// the shared control block (TrainingMemory.control), as packSharedViews posts it
const c = new Int32Array(workerData.control.buffer, workerData.control.byteOffset, workerData.control.length);
Atomics.store(c, ${C_ERROR}, 1);
Atomics.add(c, ${C_READY}, 1);
Atomics.notify(c, ${C_READY});
Atomics.wait(c, ${C_GEN}, Atomics.load(c, ${C_GEN}));
`;

/** 24k rows (above the size where workers start), 12 features, 1 in 50 values NaN. */
function data(n: number, seed: number): { X: DenseMatrix; y: Float64Array } {
  const r = rng(seed);
  const cols = 12;
  const X = new Float64Array(n * cols);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) X[i * cols + j] = r() < 0.02 ? NaN : j % 4 === 0 ? Math.floor(r() * 8) : r() * 2 - 1;
    const x = (j: number) => (Number.isNaN(X[i * cols + j]!) ? 0 : X[i * cols + j]!);
    const z = x(1) - x(2) * x(3) + 0.3 * (x(4) - 4) + Math.sin(3 * x(5));
    y[i] = r() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
  }
  return { X: { rows: n, cols, data: X }, y };
}

// the model text names num_threads; everything else must match byte for byte
const withoutThreads = (t: string) => t.replace(/^\[num_threads: \d+\]$/m, '');

describe('GBDT training on worker threads', () => {
  let worker = '';
  const before = process.env.ABT_GBDT_WORKER;
  beforeAll(() => {
    worker = bundleWorker();
    process.env.ABT_GBDT_WORKER = worker;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.ABT_GBDT_WORKER;
    else process.env.ABT_GBDT_WORKER = before;
    rmSync(path.dirname(worker), { recursive: true, force: true });
  });

  const { X, y } = data(24_000, 17);
  const params = {
    num_leaves: 31,
    num_iterations: 12,
    learning_rate: 0.1,
    bagging_fraction: 0.8,
    bagging_freq: 1,
    feature_fraction: 0.8,
    min_data_in_leaf: 20,
    seed: 5,
  };

  test('num_threads 2 uses a worker and grows the same trees as num_threads 1', () => {
    const one = new GBDT({ ...params, num_threads: 1 }).fit(X, y);
    const two = new GBDT({ ...params, num_threads: 2 }).fit(X, y);
    expect(one.numThreadsUsed).toBe(1);
    expect(two.numThreadsUsed).toBe(2);
    expect(withoutThreads(two.toLightGBMText())).toBe(withoutThreads(one.toLightGBMText()));
    expect(Buffer.from(two.predictRaw(X).buffer).equals(Buffer.from(one.predictRaw(X).buffer))).toBe(true);
  });

  test('three threads and CSR input (dense-stored columns shared with workers) agree too', () => {
    const csr = toCsr(X);
    const one = new GBDT({ ...params, num_threads: 1 }).fit(csr, y);
    const three = new GBDT({ ...params, num_threads: 3 }).fit(csr, y);
    expect(three.numThreadsUsed).toBe(3);
    expect(withoutThreads(three.toLightGBMText())).toBe(withoutThreads(one.toLightGBMText()));
  });

  test('valid data, early stopping and bagging: same trees, valid history and best iteration on 1, 2 and 3 threads, dense or CSR valid', () => {
    // 24k rows span two row chunks, so partitions, gradients and score updates are split between threads
    const v = data(9000, 23);
    const p = { ...params, num_iterations: 80, learning_rate: 0.5, num_leaves: 63, min_data_in_leaf: 5, early_stopping_round: 4 };
    const fit = (threads: number, validX: DenseMatrix | ReturnType<typeof toCsr>) =>
      new GBDT({ ...p, num_threads: threads }).fit(X, y, { valid: { X: validX, y: v.y } });
    const one = fit(1, v.X);
    const two = fit(2, v.X);
    const three = fit(3, toCsr(v.X));
    expect(two.numThreadsUsed).toBe(2);
    expect(three.numThreadsUsed).toBe(3);
    expect(one.bestIteration).toBeGreaterThan(0);
    expect(one.bestIteration).toBeLessThan(one.validHistory.length);
    for (const m of [two, three]) {
      expect(m.validHistory).toEqual(one.validHistory);
      expect(m.bestIteration).toBe(one.bestIteration);
      expect(withoutThreads(m.toLightGBMText())).toBe(withoutThreads(one.toLightGBMText()));
    }
  });

  test('40 features (8-feature histogram items, split search on the workers): the same trees on 1 and 2 threads', () => {
    const r = rng(41);
    const n = 24_000;
    const cols = 40;
    const wide = new Float64Array(n * cols);
    const wy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < cols; j++) wide[i * cols + j] = j % 5 === 0 ? Math.floor(r() * 12) : r() < 0.01 ? NaN : r() * 2 - 1;
      const z = (wide[i * cols + 1]! || 0) - (wide[i * cols + 12]! || 0) * (wide[i * cols + 23]! || 0) + 0.2 * wide[i * cols + 35]!;
      wy[i] = r() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
    }
    const Xw = { rows: n, cols, data: wide };
    const p = { ...params, num_iterations: 6, num_leaves: 31 };
    const one = new GBDT({ ...p, num_threads: 1 }).fit(Xw, wy);
    const two = new GBDT({ ...p, num_threads: 2 }).fit(Xw, wy);
    expect(two.numThreadsUsed).toBe(2);
    expect(withoutThreads(two.toLightGBMText())).toBe(withoutThreads(one.toLightGBMText()));
  });

  test('the WebAssembly histogram kernel and the JS kernels grow the same trees, u16 bin columns (max_bin 400) beside u8 ones, 1 and 2 threads', () => {
    const r = rng(7);
    const wide = Float64Array.from(X.data, (v, i) => (i % X.cols === 2 ? r() * 1000 : v));
    const Xm = { ...X, data: wide };
    const p = { ...params, num_iterations: 6, max_bin_by_feature: Array.from({ length: X.cols }, (_, f) => (f === 2 ? 400 : 255)) };
    const fit = (threads: number) => new GBDT({ ...p, num_threads: threads }).fit(Xm, y);
    // this thread's kernel instances, counted (two per fit, the histogram and the row kernel: both did run)
    const real = (globalThis as unknown as { WebAssembly: { Module: object; Memory: object; Instance: new (m: object, i: object) => object } }).WebAssembly as {
      Module: object;
      Memory: object;
      Instance: new (m: object, i: object) => object;
    };
    let instances = 0;
    vi.stubGlobal('WebAssembly', {
      Module: real.Module,
      Memory: real.Memory,
      Instance: class extends real.Instance {
        constructor(m: object, i: object) {
          super(m, i);
          instances++;
        }
      },
    });
    const withWasm = [fit(1), fit(2)];
    expect(instances).toBe(4);
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const withoutWasm = [fit(1), fit(2)];
      expect(withoutWasm[1]!.numThreadsUsed).toBe(2);
      for (const m of [...withWasm, withoutWasm[1]!]) expect(withoutThreads(m.toLightGBMText())).toBe(withoutThreads(withoutWasm[0]!.toLightGBMText()));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('with a valid set and early stopping, the WebAssembly kernels (valid lane walk, log loss) and the JS ones agree: trees, best iteration, metric', () => {
    const v = data(6_001, 23);
    const p = { ...params, num_iterations: 40, early_stopping_round: 3, metric: 'binary_logloss' };
    const fit = (threads: number) => new GBDT({ ...p, num_threads: threads }).fit(X, y, { valid: v });
    const withWasm = [fit(1), fit(2)];
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const js = fit(1);
      expect(js.bestIteration).toBeGreaterThan(0);
      for (const m of withWasm) {
        expect(withoutThreads(m.toLightGBMText())).toBe(withoutThreads(js.toLightGBMText()));
        expect(m.bestIteration).toBe(js.bestIteration);
        expect(m.validHistory).toEqual(js.validHistory);
      }
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('a failing worker: the main thread rebuilds that histogram alone and goes on alone, same model', () => {
    const bad = path.join(path.dirname(worker), 'failing-worker.mjs');
    writeFileSync(bad, failingWorker);
    process.env.ABT_GBDT_WORKER = bad;
    try {
      const one = new GBDT({ ...params, num_iterations: 3, num_threads: 1 }).fit(X, y);
      const two = new GBDT({ ...params, num_iterations: 3, num_threads: 2 }).fit(X, y);
      expect(two.numThreadsUsed).toBe(1);
      expect(withoutThreads(two.toLightGBMText())).toBe(withoutThreads(one.toLightGBMText()));
    } finally {
      process.env.ABT_GBDT_WORKER = worker;
    }
  });

  test('num_threads is validated like every parameter, aliases included; <= 0 is the default, as in LightGBM', () => {
    expect(() => new GBDT({ num_threads: 1.5 }).fit(X, y)).toThrow(/num_threads must be an integer, got 1.5/);
    expect(new GBDT({ n_jobs: 1, num_iterations: 1 }).fit(X, y).numThreadsUsed).toBe(1);
    expect(new GBDT({ ...params, num_iterations: 1, num_threads: -1 }).fit(X, y).numThreadsUsed).toBe(Math.min(2, os.availableParallelism()));
  });

  test('small data and a missing worker file train on one thread', () => {
    const small = data(2000, 3);
    expect(new GBDT({ ...params, num_threads: 2 }).fit(small.X, small.y).numThreadsUsed).toBe(1);
    process.env.ABT_GBDT_WORKER = path.join(path.dirname(worker), 'missing.mjs');
    try {
      expect(new GBDT({ ...params, num_iterations: 2, num_threads: 2 }).fit(X, y).numThreadsUsed).toBe(1);
    } finally {
      process.env.ABT_GBDT_WORKER = worker;
    }
  });
});
