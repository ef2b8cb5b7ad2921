import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GBDT } from '../../src/index';
import { auc, here, logLoss, maxAbsDiff, readF64, readSplit, runReference, type Split } from './gbdt-io';

// Parity with the real LightGBM on the original's Policy B setup (ml-100k one-hot CSR), and model
// text exchange in both directions.
const repoRoot = path.resolve(here, '../../../..');
const python = process.env.ABT_PYTHON;
const zip = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
const POLICY_B = {
  num_leaves: 64,
  learning_rate: 0.05,
  feature_fraction: 0.8,
  bagging_fraction: 0.8,
  bagging_freq: 1,
  min_data_in_leaf: 50,
  num_iterations: 500,
  early_stopping_round: 50,
  metric: 'binary_logloss',
} as const;

describe.skipIf(python === undefined)('GBDT parity with LightGBM', () => {
  let work: string;
  let train: Split;
  let valid: Split;
  let test: Split;
  let abt: GBDT;
  let abtTest: Float64Array;
  const dataDir = () => path.join(work, 'ml100k');
  const refDir = () => path.join(work, 'lgb');

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-parity-'));
    execFileSync(python!, [path.join(here, 'original_features.py'), zip, dataDir()], { stdio: 'inherit' });
    train = readSplit(dataDir(), 'train');
    valid = readSplit(dataDir(), 'valid');
    test = readSplit(dataDir(), 'test');
    const t0 = performance.now();
    abt = new GBDT(POLICY_B).fit(train.X, train.y, { valid });
    const abtSeconds = (performance.now() - t0) / 1000;
    abtTest = abt.predictProba(test.X);
    // one thread: parity, not speed, is measured here (OpenMP spinning under load can be very slow)
    writeFileSync(path.join(work, 'params.json'), JSON.stringify({ ...POLICY_B, num_threads: 1 }));
    runReference(python!, ['train', dataDir(), path.join(work, 'params.json'), refDir()]);
    const ref = JSON.parse(readFileSync(path.join(refDir(), 'result.json'), 'utf8'));
    console.log(JSON.stringify({ abtSeconds, abtBestIteration: abt.bestIteration, ...ref }));
  }, 1_800_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('Policy B on ml-100k: test AUC within 0.003 and log loss within 0.005 of LightGBM', () => {
    const lgbTest = readF64(path.join(refDir(), 'test.pred.f64'));
    const numbers = {
      abt: { auc: auc(abtTest, test.y), logloss: logLoss(abtTest, test.y), bestIteration: abt.bestIteration },
      lightgbm: { auc: auc(lgbTest, test.y), logloss: logLoss(lgbTest, test.y) },
    };
    console.log(JSON.stringify(numbers));
    expect(train.X.rows).toBe(80_000);
    expect(Math.abs(numbers.abt.auc - numbers.lightgbm.auc)).toBeLessThan(0.003);
    expect(Math.abs(numbers.abt.logloss - numbers.lightgbm.logloss)).toBeLessThan(0.005);
    // the original's reference numbers (LightGBM 4.1): AUC 0.691, log loss 0.627
    expect(numbers.abt.auc).toBeGreaterThan(0.68);
    expect(numbers.abt.logloss).toBeLessThan(0.64);
  });

  it('abt model text → real LightGBM predicts the same to 1e-6 on every test row', () => {
    const modelPath = path.join(work, 'abt-model.txt');
    writeFileSync(modelPath, abt.toLightGBMText());
    const out = path.join(work, 'abt-in-lgb.f64');
    runReference(python!, ['predict', modelPath, dataDir(), 'test', out]);
    const lgbOnAbt = readF64(out);
    expect(lgbOnAbt).toHaveLength(test.X.rows);
    expect(maxAbsDiff(lgbOnAbt, abtTest)).toBeLessThan(1e-6);
  });

  it('LightGBM-trained model text → abt predicts the same to 1e-6 on every test row', () => {
    const text = readFileSync(path.join(refDir(), 'model.txt'), 'utf8');
    const loaded = GBDT.fromLightGBMText(text);
    // saved after early stopping: LightGBM keeps every tree and predicts with best_iteration
    const ref = JSON.parse(readFileSync(path.join(refDir(), 'result.json'), 'utf8'));
    const out = path.join(work, 'lgb-full.f64');
    runReference(python!, ['predict', path.join(refDir(), 'model.txt'), dataDir(), 'test', out]);
    const lgbFull = readF64(out);
    expect(loaded.numTrees).toBe(ref.best_iteration || ref.num_trees);
    expect(maxAbsDiff(loaded.predictProba(test.X), lgbFull)).toBeLessThan(1e-6);
  });

  it('dense data with NaNs and the Policy B settings: abt grows the same trees as LightGBM', () => {
    const dir = path.join(work, 'dense');
    mkdirSync(dir, { recursive: true });
    const rows = 20_000;
    const cols = 8;
    let s = 5;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const data = new Float64Array(rows * cols);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) data[i * cols + j] = j === 3 ? Math.floor(rnd() * 5) : rnd() * 2 - 1;
      if (rnd() < 0.1) data[i * cols + 1] = Number.NaN;
      const x1 = data[i * cols + 1]!;
      const z = 2 * data[i * cols]! + (Number.isNaN(x1) ? 0.7 : x1) - data[i * cols + 2]! * data[i * cols + 3]!;
      y[i] = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    writeFileSync(path.join(dir, 'X.f64'), new Uint8Array(data.buffer));
    writeFileSync(path.join(dir, 'y.f64'), new Uint8Array(y.buffer));
    const params = { ...POLICY_B, num_iterations: 60, early_stopping_round: 0 };
    writeFileSync(path.join(dir, 'params.json'), JSON.stringify({ ...params, num_threads: 1 }));
    runReference(python!, ['train-dense', dir, String(rows), String(cols), path.join(dir, 'params.json')]);
    const m = new GBDT(params).fit({ rows, cols, data }, y);
    const ours = m.predictProba({ rows, cols, data });
    const theirs = readF64(path.join(dir, 'lgb.pred.f64'));
    // same bins, bagging / feature streams, kEpsilon bookkeeping and tie rules as LightGBM
    // (single-threaded, so its sums are summed in the same order): identical trees
    const diffs = Array.from(ours, (p, i) => Math.abs(p - theirs[i]!)).sort((a, b) => a - b);
    const numbers = {
      median: diffs[diffs.length >> 1]!,
      max: diffs[diffs.length - 1]!,
      dAuc: auc(ours, y) - auc(theirs, y),
      dLogloss: logLoss(ours, y) - logLoss(theirs, y),
    };
    console.log(JSON.stringify({ denseVsLightGBM: numbers }));
    expect(numbers.max).toBeLessThan(1e-6);
    expect(Math.abs(numbers.dAuc)).toBeLessThan(1e-4);
    expect(Math.abs(numbers.dLogloss)).toBeLessThan(1e-4);
  });
});
