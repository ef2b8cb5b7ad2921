import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LogisticRegression, messages, type DenseMatrix } from '../../src/index';
import { sharedDesign } from '../../src/linear/design';
import { CHUNK_ROWS, PARALLEL_MIN_ENTRIES, RowEngine, float32DesignBuffer } from '../../src/linear/row-engine';
import { C_ERROR, C_GEN, C_READY } from '../../src/linear/parallel/control';
import { rng } from './helpers';

// Large dense fits share their row passes with worker threads; the chunking (and every sum) is the
// same for any thread count, so the model is byte for byte the same for 1, 2 and 3 threads.
type Esbuild = { buildSync(o: Record<string, unknown>): unknown };

/** Tests run from source, where no built worker exists: bundle it as the build does. */
function bundleWorker(dir: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const req = createRequire(import.meta.url);
  const esbuild = createRequire(req.resolve('tsup'))('esbuild') as Esbuild;
  const out = path.join(dir, 'linear-worker.mjs');
  esbuild.buildSync({
    entryPoints: [path.resolve(here, '../../src/linear/parallel/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

/** A worker that fails before it reports ready. */
const failingWorker = `
import { workerData } from 'node:worker_threads';
// the shared control block, as packSharedViews posts it
const c = new Int32Array(workerData.control.buffer, workerData.control.byteOffset, workerData.control.length);
Atomics.store(c, ${C_ERROR}, 1);
Atomics.add(c, ${C_READY}, 1);
Atomics.notify(c, ${C_READY});
Atomics.wait(c, ${C_GEN}, Atomics.load(c, ${C_GEN}));
`;

/** Correlated dense columns just above the size where the passes are chunked (and not a multiple of the chunk). */
function problem(): { X: DenseMatrix; y: Float64Array } {
  const cols = 24;
  const rows = Math.ceil(PARALLEL_MIN_ENTRIES / cols) + 1234;
  const r = rng(5);
  const data = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const shared = r() - 0.5;
    let z = 0.1;
    for (let j = 0; j < cols; j++) {
      const v = shared + 0.3 * (r() - 0.5);
      data[i * cols + j] = v;
      z += (j % 3 === 0 ? 0 : j % 2 ? 1.5 : -1) * v;
    }
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { rows, cols, data }, y };
}

describe('LogisticRegression on worker threads (large dense X)', () => {
  let dir = '';
  let worker = '';
  const before = process.env.ABT_LINEAR_WORKER;
  const { X, y } = problem();
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'abt-linear-worker-'));
    worker = bundleWorker(dir);
    process.env.ABT_LINEAR_WORKER = worker;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.ABT_LINEAR_WORKER;
    else process.env.ABT_LINEAR_WORKER = before;
    rmSync(dir, { recursive: true, force: true });
  });

  it('workers start and share the passes', () => {
    expect(X.rows).toBeGreaterThan(2 * CHUNK_ROWS);
    const prob = { X, y, sw: new Float64Array(X.rows).fill(1 / X.rows), l1: 0, l2: 1e-4, fitIntercept: true, interceptScale: 1, penalizeIntercept: false };
    const engine = new RowEngine(prob, 2);
    try {
      expect(engine.threads).toBe(2);
    } finally {
      engine.close();
    }
  });

  it('the threads pass over X in one shared WebAssembly memory; a design written into float32DesignBuffer is read there in place', () => {
    const buffer = float32DesignBuffer(X.rows, X.cols, 2);
    expect(buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    buffer.set(X.data);
    const prob = {
      X: { ...X, data: buffer },
      y,
      sw: new Float64Array(X.rows).fill(1 / X.rows),
      l1: 0,
      l2: 1e-4,
      fitIntercept: true,
      interceptScale: 1,
      penalizeIntercept: false,
    };
    const engine = new RowEngine(prob, 2);
    try {
      expect(engine.threads).toBe(2);
      expect(engine.X.data.buffer).toBe(buffer.buffer);
      expect(engine.X.data.byteOffset).toBe(buffer.byteOffset);
    } finally {
      engine.close();
    }
  });

  it.each([
    ['l2', { C: 1 }],
    ['elastic-net (OWL-QN projections)', { l1_ratio: 0.5, C: 0.01, max_iter: 25 }],
    ['liblinear (penalized intercept)', { solver: 'liblinear', C: 0.5, intercept_scaling: 2 }],
  ] as const)('%s: the same model, byte for byte, on 1, 2 and 3 threads', (_name, params) => {
    // The fitted state (coef, intercept, iterations) as JSON; params differ only in num_threads.
    const fit = (num_threads: number) => JSON.stringify(new LogisticRegression({ ...params, num_threads, tol: 1e-6 }).fit(X, y).toJSON().state);
    const one = fit(1);
    expect(fit(2)).toBe(one);
    expect(fit(3)).toBe(one);
    expect(JSON.parse(one).nIter).toBeGreaterThan(3);
  });

  it('a worker that fails leaves the fit on this thread, with the same model, and says so once', () => {
    const state = (m: LogisticRegression) => JSON.stringify(m.toJSON().state);
    const ref = state(new LogisticRegression({ num_threads: 1 }).fit(X, y));
    const failing = path.join(dir, 'failing-worker.mjs');
    writeFileSync(failing, failingWorker);
    process.env.ABT_LINEAR_WORKER = failing;
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(state(new LogisticRegression({ num_threads: 2 }).fit(X, y))).toBe(ref);
      expect(state(new LogisticRegression({ num_threads: 2 }).fit(X, y))).toBe(ref);
      const message = messages.oneThread.workerFailed('LogisticRegression');
      expect(warn.mock.calls.filter((c) => c[0] === message)).toEqual([[message, { code: 'ABT_LINEAR_ONE_THREAD' }]]);
    } finally {
      warn.mockRestore();
      process.env.ABT_LINEAR_WORKER = worker;
    }
  });

  it('without a worker file it fits on one thread at once and says so once, naming why', () => {
    process.env.ABT_LINEAR_WORKER = path.join(dir, 'missing.mjs');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const prob = { X, y, sw: new Float64Array(X.rows).fill(1 / X.rows), l1: 0, l2: 1e-4, fitIntercept: true, interceptScale: 1, penalizeIntercept: false };
    try {
      for (let k = 0; k < 2; k++) {
        const engine = new RowEngine(prob, 2);
        expect(engine.threads).toBe(1);
        engine.close();
      }
      const message = messages.oneThread.noWorkerFile('LogisticRegression', 'linear-worker.js', 'ABT_LINEAR_WORKER');
      expect(warn.mock.calls).toEqual([[message, { code: 'ABT_LINEAR_ONE_THREAD' }]]);
    } finally {
      warn.mockRestore();
      process.env.ABT_LINEAR_WORKER = worker;
    }
  });

  it('a small problem runs on one thread by design, without a warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      new LogisticRegression({ num_threads: 2 }).fit({ rows: 200, cols: 3, data: X.data.slice(0, 600) }, y.slice(0, 200));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('the shared copy of X holds the values the one-thread fit streams', () => {
    const { X: shared, fill } = sharedDesign(X);
    fill();
    expect(shared.data).toBeInstanceOf(Float64Array); // below the float32 threshold
    expect(Array.from(shared.data.subarray(0, 50))).toEqual(Array.from(X.data.subarray(0, 50)));
  });
});
