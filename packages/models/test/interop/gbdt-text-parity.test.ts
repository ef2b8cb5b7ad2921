import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GBDT, type Matrix } from '../../src/index';
import { bundleWorker } from '../gbdt-perf/worker-bundle';
import * as sets from './gbdt-datasets';
import type { DataSet } from './gbdt-datasets';
import { here, readSplit, type Split } from './gbdt-io';

// abt's GBDT against LightGBM 4.7.0 itself: the same parameter dictionary given to both, the model
// texts compared line by line (the whole text: header, trees, importances, parameters), on data
// sets of different shapes, with LightGBM's defaults and Policy B's settings, NaN, zero_as_missing,
// use_missing=false, bagging and feature fraction. LightGBM runs with deterministic=true and
// force_col_wise=true (then it grows the same trees on any number of threads; checked below);
// abt runs on one thread and, where the data is big enough for its workers, on two.
const python = process.env.ABT_PYTHON;
const repoRoot = path.resolve(here, '../../../..');
const zip = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');

/** LightGBM's settings that make its trees independent of the thread count, and quiet. */
const LGB = { objective: 'binary', verbose: -1, deterministic: true, force_col_wise: true, num_threads: 1 };
const POLICY_B = { num_leaves: 64, learning_rate: 0.05, feature_fraction: 0.8, bagging_fraction: 0.8, bagging_freq: 1, min_data_in_leaf: 50 };
const EARLY_STOPPING = { num_iterations: 500, early_stopping_round: 50, metric: 'binary_logloss' };

type Case = {
  name: string;
  data: string;
  params: Record<string, unknown>;
  /** Rows at the end held out as the valid set. */
  validRows?: number;
  csr?: boolean;
  /** abt also on two threads (data big enough for its workers). */
  twoThreads?: boolean;
  /** abt only on two threads (the biggest case: one run is enough). */
  onlyTwoThreads?: boolean;
};

const CASES: Case[] = [
  { name: 'breast cancer (569 × 30), LightGBM defaults', data: 'breast', params: {} },
  { name: 'breast cancer, 500 rounds', data: 'breast', params: { num_iterations: 500 } },
  { name: 'tall/narrow (40,000 × 6), defaults', data: 'tall', params: {}, twoThreads: true },
  { name: 'tall/narrow, Policy B, seed 42', data: 'tall', params: { ...POLICY_B, num_iterations: 120, seed: 42 }, twoThreads: true },
  { name: 'wide (2,000 × 150), defaults', data: 'wide', params: {} },
  { name: 'wide, Policy B', data: 'wide', params: { ...POLICY_B, num_iterations: 80 } },
  { name: 'many ties (20,000 × 10 small integers), defaults', data: 'ties', params: {}, twoThreads: true },
  { name: 'many ties, zero_as_missing', data: 'ties', params: { zero_as_missing: true, num_iterations: 60 } },
  { name: 'NaN-heavy (15,000 × 8), Policy B, early stopping on valid logloss', data: 'nan', params: { ...POLICY_B, ...EARLY_STOPPING }, validRows: 3_000 },
  { name: 'NaN-heavy, use_missing=false', data: 'nan', params: { use_missing: false, num_iterations: 60 } },
  { name: 'zeros-heavy (15,000 × 10), zero_as_missing, Policy B', data: 'zeros', params: { ...POLICY_B, zero_as_missing: true, num_iterations: 100 } },
  { name: 'zeros-heavy, defaults', data: 'zeros', params: {} },
  { name: 'imbalanced labels (20,000 × 6, 4 % positive), defaults', data: 'imbalanced', params: {}, twoThreads: true },
  { name: 'imbalanced labels, Policy B, early stopping on valid logloss', data: 'imbalanced', params: { ...POLICY_B, ...EARLY_STOPPING }, validRows: 5_000 },
  {
    name: 'two sparse features overlapping in 15 of 200,000 rows, with enable_bundle=false (LightGBM would bundle them)',
    data: 'overlap',
    params: { enable_bundle: false, num_iterations: 30 },
  },
  { name: 'one-hot blocks as CSR (25,000 × 79), Policy B', data: 'onehot', params: { ...POLICY_B, num_iterations: 100 }, csr: true, twoThreads: true },
  {
    name: "ml-100k, abt's dense features (90,000 × 69), Policy B, early stopping on the valid split",
    data: 'ml100k',
    params: { ...POLICY_B, ...EARLY_STOPPING },
    validRows: 10_000,
    twoThreads: true,
  },
  {
    name: "ml-100k, the original's one-hot CSR features (80,000 × 2,386), Policy B, early stopping on the valid split",
    data: 'ml100k-onehot',
    params: { ...POLICY_B, ...EARLY_STOPPING },
    onlyTwoThreads: true,
  },
];

/** The case LightGBM also runs on two threads (tall/narrow, Policy B). */
const THREADS_CASE = 3;

/** First differing line of two model texts, or undefined when they are identical. */
function firstDifference(ours: string, theirs: string): { line: number; abt: string; lightgbm: string } | undefined {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { line: i + 1, abt: a[i] ?? '<end of text>', lightgbm: b[i] ?? '<end of text>' };
  }
  return undefined;
}

describe.skipIf(python === undefined)('GBDT model text identical to LightGBM 4.7', () => {
  let work: string;
  const data = new Map<string, DataSet>();
  const lgbText = new Map<string, string>();
  const splits = new Map<string, Split>();
  let worker: string;
  const savedWorker = process.env.ABT_GBDT_WORKER;

  const files = (name: string, d: DataSet) => {
    const X = path.join(work, `${name}.X.f64`);
    const y = path.join(work, `${name}.y.f64`);
    writeFileSync(X, new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.byteLength));
    writeFileSync(y, new Uint8Array(d.y.buffer, d.y.byteOffset, d.y.byteLength));
    return { X, y, rows: d.rows };
  };

  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-text-'));
    worker = bundleWorker();
    process.env.ABT_GBDT_WORKER = worker;
    execFileSync(python!, [path.join(here, 'gbdt_text_reference.py'), 'breast-cancer', work]);
    const read = (f: string) => {
      const b = readFileSync(path.join(work, f));
      return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const by = read('y.f64');
    data.set('breast', { rows: by.length, cols: 30, data: read('X.f64'), y: by });
    data.set('tall', sets.tallNarrow());
    data.set('wide', sets.wide());
    data.set('ties', sets.lowCardinality());
    data.set('nan', sets.nanHeavy());
    data.set('zeros', sets.zerosHeavy());
    data.set('imbalanced', sets.imbalanced());
    data.set('onehot', sets.oneHot());
    data.set('overlap', sets.overlapping());
    const onehot = path.join(work, 'ml100k-onehot');
    if (existsSync(zip)) {
      data.set('ml100k', await ml100kDense(zip));
      execFileSync(python!, [path.join(here, 'original_features.py'), zip, onehot], { stdio: 'inherit' });
      splits.set('train', readSplit(onehot, 'train'));
      splits.set('valid', readSplit(onehot, 'valid'));
    }
    const jobs: Record<string, unknown>[] = [];
    const jobOf = new Map<number, Record<string, unknown>>();
    for (const [i, c] of CASES.entries()) {
      if (c.data === 'ml100k-onehot') {
        if (splits.size > 0) jobs.push({ splits: onehot, params: { ...LGB, ...c.params }, out: path.join(work, `${i}.lgb.txt`) });
        continue;
      }
      const d = data.get(c.data);
      if (!d) continue;
      const train = c.validRows ? sets.slice(d, 0, d.rows - c.validRows) : d;
      const job: Record<string, unknown> = {
        ...files(`${i}.train`, train),
        cols: d.cols,
        csr: c.csr ?? false,
        params: { ...LGB, ...c.params },
        out: path.join(work, `${i}.lgb.txt`),
      };
      if (c.validRows) job.valid = files(`${i}.valid`, sets.slice(d, d.rows - c.validRows, d.rows));
      jobs.push(job);
      jobOf.set(i, job);
    }
    // LightGBM itself on two threads, for the claim that its trees do not depend on the thread count
    jobs.push({ ...jobOf.get(THREADS_CASE)!, params: { ...LGB, ...CASES[THREADS_CASE]!.params, num_threads: 2 }, out: path.join(work, 'threads2.lgb.txt') });
    writeFileSync(path.join(work, 'jobs.json'), JSON.stringify(jobs));
    execFileSync(python!, [path.join(here, 'gbdt_text_reference.py'), 'train', path.join(work, 'jobs.json')], { stdio: 'inherit' });
    for (const [i] of CASES.entries())
      if (existsSync(path.join(work, `${i}.lgb.txt`))) lgbText.set(String(i), readFileSync(path.join(work, `${i}.lgb.txt`), 'utf8'));
  }, 1_200_000);

  afterAll(() => {
    if (savedWorker === undefined) delete process.env.ABT_GBDT_WORKER;
    else process.env.ABT_GBDT_WORKER = savedWorker;
    if (work) rmSync(work, { recursive: true, force: true });
    if (worker) rmSync(path.dirname(worker), { recursive: true, force: true });
  });

  it('LightGBM with deterministic=true and force_col_wise=true grows the same trees on 1 and 2 threads', () => {
    const one = lgbText.get(String(THREADS_CASE))!;
    const two = readFileSync(path.join(work, 'threads2.lgb.txt'), 'utf8');
    expect(firstDifference(two.replace('[num_threads: 2]', '[num_threads: 1]'), one)).toBeUndefined();
  });

  for (const [i, c] of CASES.entries()) {
    for (const threads of c.onlyTwoThreads ? [2] : c.twoThreads ? [1, 2] : [1]) {
      it(`${c.name}: abt on ${threads} thread${threads > 1 ? 's' : ''} writes LightGBM's model text`, (ctx) => {
        const m = new GBDT({ ...LGB, ...c.params, num_threads: threads });
        if (c.data === 'ml100k-onehot') {
          const [train, valid] = [splits.get('train'), splits.get('valid')];
          if (!train || !valid) return ctx.skip();
          m.fit(train.X, train.y, { valid });
        } else {
          const d = data.get(c.data);
          if (!d) return ctx.skip();
          const train = c.validRows ? sets.slice(d, 0, d.rows - c.validRows) : d;
          const matrix = (s: DataSet): Matrix => (c.csr ? sets.csr(s) : sets.dense(s));
          const valid = c.validRows ? sets.slice(d, d.rows - c.validRows, d.rows) : undefined;
          m.fit(matrix(train), train.y, valid ? { valid: { X: matrix(valid), y: valid.y } } : {});
        }
        if (threads > 1) expect(m.numThreadsUsed).toBe(2);
        // the parameters block names the thread count; LightGBM's text is from its one-thread run
        const ours = m.toLightGBMText().replace(`[num_threads: ${threads}]`, '[num_threads: 1]');
        expect(firstDifference(ours, lgbText.get(String(i))!)).toBeUndefined();
      }, 600_000);
    }
  }
});

/** The pipeline's Policy B matrix for ml-100k: abt's default dense features fitted on the time split's train part, train then valid rows. */
async function ml100kDense(zipPath: string): Promise<DataSet> {
  const { loadMovieLens, labelRatings, splitByTime } = await import('../../../data/src/index');
  const { fitFeatureSpec } = await import('../../../features/src/index');
  const ds = await loadMovieLens(zipPath);
  const { train, valid } = splitByTime(labelRatings(ds.ratings));
  const spec = fitFeatureSpec({ train, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) }, { kind: 'dense' });
  const Xt = spec.transformTrain().X as { rows: number; cols: number; data: Float32Array | Float64Array };
  const Xv = spec.transform(valid).X as { rows: number; cols: number; data: Float32Array | Float64Array };
  const data = new Float64Array((Xt.rows + Xv.rows) * Xt.cols);
  data.set(Xt.data);
  data.set(Xv.data, Xt.data.length);
  const y = Float64Array.from([...train.label, ...valid.label]);
  expect(Xv.rows).toBe(10_000);
  return { rows: Xt.rows + Xv.rows, cols: Xt.cols, data, y };
}
