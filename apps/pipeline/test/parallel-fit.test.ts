import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../src/errors';
import { FitPool } from '../src/parallel/fit-pool';
import { CLI, runCliBothWays, tempDir } from './helpers';

// The policies fit on a pool of worker threads (train: both side by side; cv: the folds' fits as workers
// free up, three folds on two workers) only in the built CLI, so this runs the built CLI twice on a
// small synthetic set: the pool and ABT_PIPELINE_THREADS=1 (one fit after the other on the main
// thread) must write the same models, scores and CV folds, byte for byte.
const ARGS = ['--steps', 'prepare,train,cv', '--dataset', 'synthetic', '--synthetic-ratings', '2000', '--cv-folds', '3', '--json'];

function outputs(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const p of ['PolicyA', 'PolicyB']) files[`${p}/model.json`] = readFileSync(path.join(dir, 'models', p, 'model.json'));
  for (const f of readdirSync(path.join(dir, 'scores'))) if (f.endsWith('.bin')) files[`scores/${f}`] = readFileSync(path.join(dir, 'scores', f));
  files['cv.json'] = readFileSync(path.join(dir, 'results', 'cv.json'));
  return files;
}

describe.skipIf(!existsSync(CLI))('policy fits on the worker pool (built CLI)', () => {
  it('give the same bytes as one-after-the-other fits on the main thread', () => {
    // Two workers even on a one-core machine, so that the CV folds really overlap.
    const { threaded, sequential, a, b } = runCliBothWays(ARGS, 'fit');
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const x = outputs(threaded);
    const y = outputs(sequential);
    expect(Object.keys(x).length).toBeGreaterThan(5);
    expect(Object.keys(x)).toEqual(Object.keys(y));
    for (const k of Object.keys(x)) expect(x[k]!.equals(y[k]!), k).toBe(true);
    // CPU seconds are reported per stage; with the workers, cv's CPU covers every thread.
    const timings = JSON.parse(a.stdout).timings as { stage: string; cpuSeconds?: number }[];
    expect(timings.map((t) => t.stage)).toEqual(['prepare', 'train', 'cv']);
    for (const t of timings) expect(t.cpuSeconds).toBeGreaterThan(0);
  }, 300_000);

  it("a fit that throws in its worker fails with the worker's message, and the worker's stack as the cause (for --verbose)", async () => {
    // a stand-in worker that fails every job as fit-worker.ts reports a throw (a fit that throws on
    // purpose would need the bundle's own code; under vitest a worker cannot load it)
    const dir = tempDir('failing-worker');
    const file = path.join(dir, 'worker.mjs');
    writeFileSync(
      file,
      "import { parentPort } from 'node:worker_threads';\n" +
        "parentPort.on('message', ({ id }) => parentPort.postMessage({ id, type: 'error', message: 'y has 5 labels, X 10 rows', stack: 'InvalidInputError: y has 5 labels, X 10 rows\\n    at fit (gbdt.js:1:1)' }));\n",
    );
    const pool = new FitPool(new AbortController().signal, 1, pathToFileURL(file));
    try {
      const job = {
        policy: 'B',
        params: {},
        features: 'dense',
        data: { X: { rows: 1, cols: 1, data: new Float32Array(1) }, y: [1], featureNames: ['a'] },
        score: [],
        returnModel: false,
        progress: false,
      } as const;
      const error = await pool.submit([{ job }])[0]!.then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(PipelineError);
      expect(error!.message).toBe('training Policy B (gradient-boosted trees, LightGBM format) in a worker thread failed: y has 5 labels, X 10 rows');
      const cause = error!.cause as Error;
      expect([cause.message, cause.stack]).toEqual(['y has 5 labels, X 10 rows', 'InvalidInputError: y has 5 labels, X 10 rows\n    at fit (gbdt.js:1:1)']);
    } finally {
      await pool.close();
    }
  });
});
