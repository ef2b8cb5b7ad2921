import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, tempDir } from './helpers';

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
    const threaded = tempDir('threads');
    const sequential = tempDir('sequential');
    const a = runCli([...ARGS, '--out', threaded], { ABT_PIPELINE_THREADS: '2' });
    const b = runCli([...ARGS, '--out', sequential], { ABT_PIPELINE_THREADS: '1' });
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
});
