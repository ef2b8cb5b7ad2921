import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GBDT } from '../../src/index';
import { auc, here, logLoss, maxAbsDiff, readF64, readSplit, runReference, type Split } from './gbdt-io';

// The real LightGBM on the original's Policy B setup (ml-100k one-hot CSR): the same predictions
// (the trees are identical, see gbdt-text-parity.test.ts; probabilities go through each side's own
// exp, so they agree to a few units in the last place), and model text exchange in both directions.
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

  it('Policy B on ml-100k: the same best iteration and test predictions as LightGBM (to 1e-15)', () => {
    const lgbTest = readF64(path.join(refDir(), 'test.pred.f64'));
    const numbers = {
      abt: { auc: auc(abtTest, test.y), logloss: logLoss(abtTest, test.y), bestIteration: abt.bestIteration },
      lightgbm: { auc: auc(lgbTest, test.y), logloss: logLoss(lgbTest, test.y) },
    };
    console.log(JSON.stringify(numbers));
    expect(train.X.rows).toBe(80_000);
    const ref = JSON.parse(readFileSync(path.join(refDir(), 'result.json'), 'utf8'));
    expect(abt.bestIteration).toBe(ref.best_iteration);
    expect(maxAbsDiff(abtTest, lgbTest)).toBeLessThan(1e-15);
    expect(Math.abs(numbers.abt.auc - numbers.lightgbm.auc)).toBeLessThan(1e-12);
    expect(Math.abs(numbers.abt.logloss - numbers.lightgbm.logloss)).toBeLessThan(1e-12);
    // the original's reference numbers (LightGBM 4.1): AUC 0.691, log loss 0.627
    expect(numbers.abt.auc).toBeGreaterThan(0.68);
    expect(numbers.abt.logloss).toBeLessThan(0.64);
  });

  it('abt model text → real LightGBM predicts the same to 1e-15 on every test row', () => {
    const modelPath = path.join(work, 'abt-model.txt');
    writeFileSync(modelPath, abt.toLightGBMText());
    const out = path.join(work, 'abt-in-lgb.f64');
    runReference(python!, ['predict', modelPath, dataDir(), 'test', out]);
    const lgbOnAbt = readF64(out);
    expect(lgbOnAbt).toHaveLength(test.X.rows);
    expect(maxAbsDiff(lgbOnAbt, abtTest)).toBeLessThan(1e-15);
  });

  it('LightGBM-trained model text → abt predicts the same to 1e-15 on every test row', () => {
    const text = readFileSync(path.join(refDir(), 'model.txt'), 'utf8');
    const loaded = GBDT.fromLightGBMText(text);
    // saved after early stopping: LightGBM keeps every tree and predicts with best_iteration
    const ref = JSON.parse(readFileSync(path.join(refDir(), 'result.json'), 'utf8'));
    const out = path.join(work, 'lgb-full.f64');
    runReference(python!, ['predict', path.join(refDir(), 'model.txt'), dataDir(), 'test', out]);
    const lgbFull = readF64(out);
    expect(loaded.numTrees).toBe(ref.best_iteration || ref.num_trees);
    expect(maxAbsDiff(loaded.predictProba(test.X), lgbFull)).toBeLessThan(1e-15);
  });
});
