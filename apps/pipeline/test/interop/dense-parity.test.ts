/**
 * Issue 3's parity on abt's own feature matrices: the pipeline prepares ml-100k (label, time split)
 * and builds the features exactly as `pnpm run pipeline` does (frozen protocol), fits the pipeline's
 * Policy A and Policy B, dumps the matrices, and scikit-learn / LightGBM (the interop venv) fit the
 * original's models on exactly those matrices. Tolerances (test split): LR AUC within 0.002 of
 * scikit-learn's saga, GBDT AUC within 0.003 of LightGBM's, log loss within 0.005 for both.
 * Runs under scripts/interop.sh (ABT_PYTHON = the venv's python); skipped only without it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ORIGINAL_LOGLOSS_CLIP, logLoss, rocAuc } from '@abt/eval';
import { isCsr } from '@abt/features';
import { type GBDT, LogisticRegression, Pipeline, type Classifier, type Matrix } from '@abt/models';
import { loadPrepared, prepareData } from '../../src/data-source';
import { buildFeatures } from '../../src/features';
import { defaultOptions } from '../../src/options';
import { planRun } from '../../src/plan';
import { POLICY_A, POLICY_B, trainPolicy } from '../../src/policies';
import { createReporter } from '../../src/progress';
import type { StageContext } from '../../src/stage';
import { PipelineState } from '../../src/state';

const python = process.env.ABT_PYTHON;
const here = path.dirname(fileURLToPath(import.meta.url));
/** Repo root is three levels above apps/pipeline/test/interop. */
const repoRoot = path.resolve(here, '../../../..');
const ML100K = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
const SEED = 42;
/** The original's max_iter for Policy A (abt's Policy A uses the same). */
const MAX_ITER = 200;
const TOL = { lrAuc: 0.002, gbdtAuc: 0.003, logLoss: 0.005 };

const work = mkdtempSync(path.join(tmpdir(), 'abt-dense-parity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A quiet stage context with the CLI's defaults (frozen protocol) and the real ml-100k. */
function stageContext(features: 'dense' | 'onehot'): StageContext {
  const out = path.join(work, `run-${features}`);
  mkdirSync(out, { recursive: true });
  const plan = planRun({ ...defaultOptions(), data: ML100K, seed: SEED, features, evalHistory: 'frozen' });
  return {
    options: plan.options,
    plan,
    out,
    report: createReporter({ quiet: true }),
    state: new PipelineState(out),
    signal: new AbortController().signal,
    memo: new Map(),
    invocation: { id: 'dense-parity', pid: process.pid, host: 'test', startedAt: Date.now(), release() {} },
    progress: { finished: [] },
  };
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function dump(dir: string, part: string, X: Matrix, y: Uint8Array): void {
  writeFileSync(path.join(dir, `${part}.y`), bytes(y));
  if (isCsr(X)) {
    writeFileSync(path.join(dir, `${part}.indptr`), bytes(Int32Array.from(X.indptr)));
    writeFileSync(path.join(dir, `${part}.indices`), bytes(Int32Array.from(X.indices)));
    writeFileSync(path.join(dir, `${part}.data`), bytes(Float32Array.from(X.data)));
  } else {
    // float32 is exact here: the feature spec's default dtype is float32.
    if (!(X.data instanceof Float32Array)) throw new Error('expected float32 dense features');
    writeFileSync(path.join(dir, `${part}.X`), bytes(X.data));
  }
}

const readProba = (file: string) => {
  const b = readFileSync(file);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};

type Scores = { auc: number; logLoss: number; validAuc: number };
const score = (yValid: Uint8Array, pValid: ArrayLike<number>, yTest: Uint8Array, pTest: ArrayLike<number>): Scores => ({
  auc: rocAuc(yTest, pTest),
  logLoss: logLoss(yTest, pTest, { clip: ORIGINAL_LOGLOSS_CLIP }),
  validAuc: rocAuc(yValid, pValid),
});

type Facts = { lr_n_iter: number; lr_converged: boolean; lgbm_best_iteration: number; lr_cpu_seconds: number; lgbm_cpu_seconds: number };

async function parity(features: 'dense' | 'onehot') {
  const ctx = stageContext(features);
  await prepareData(ctx);
  const data = await loadPrepared(ctx);
  const fs = await buildFeatures(ctx, data);
  const dir = path.join(work, features);
  mkdirSync(dir, { recursive: true });
  dump(dir, 'train', fs.train, data.train.label);
  dump(dir, 'valid', fs.valid, data.valid.label);
  dump(dir, 'test', fs.test, data.test.label);
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ kind: features, cols: fs.train.cols, names: fs.featureNames, max_iter: MAX_ITER, seed: SEED }));
  const out = execFileSync(python!, [path.join(here, 'dense_parity.py'), dir], { encoding: 'utf8' });
  const facts = JSON.parse(out.trim().split('\n').pop()!) as Facts;

  const fit = { X: fs.train, y: data.train.label, featureNames: fs.featureNames, valid: { X: fs.valid, y: data.valid.label } };
  const cpu0 = process.cpuUsage();
  const params = stageContext(features).plan.policyParams;
  const a = trainPolicy(POLICY_A, params.A, features, fit).model;
  const cpuA = process.cpuUsage(cpu0);
  const b = trainPolicy(POLICY_B, params.B, features, fit).model;
  const cpuB = process.cpuUsage(cpu0);
  const abtScores = (m: Classifier) => score(data.valid.label, m.predictProba(fs.valid), data.test.label, m.predictProba(fs.test));
  const ref = (name: string) =>
    score(data.valid.label, readProba(path.join(dir, `${name}.valid.p`)), data.test.label, readProba(path.join(dir, `${name}.test.p`)));
  const result = {
    features,
    cols: fs.train.cols,
    A: { abt: abtScores(a), sklearn: ref('lr') },
    B: { abt: abtScores(b), lightgbm: ref('lgbm') },
    lr: { abtIter: lrOf(a).nIter, abtConverged: lrOf(a).converged, sklearnIter: facts.lr_n_iter, sklearnConverged: facts.lr_converged },
    gbdt: { abtBestIteration: (b as GBDT).bestIteration, lightgbmBestIteration: facts.lgbm_best_iteration },
    cpuSeconds: {
      abtA: (cpuA.user + cpuA.system) / 1e6,
      abtB: (cpuB.user + cpuB.system - cpuA.user - cpuA.system) / 1e6,
      sklearnA: facts.lr_cpu_seconds,
      lightgbmB: facts.lgbm_cpu_seconds,
    },
  };
  const f = (x: number) => x.toFixed(4);
  console.log(
    [
      `[parity ${features}, ${result.cols} columns, frozen protocol, test split] (original on onehot: A 0.718, B 0.691)`,
      `  Policy A  abt AUC ${f(result.A.abt.auc)} logloss ${f(result.A.abt.logLoss)} | scikit-learn AUC ${f(result.A.sklearn.auc)} logloss ${f(result.A.sklearn.logLoss)} | dAUC ${f(result.A.abt.auc - result.A.sklearn.auc)}`,
      `  Policy B  abt AUC ${f(result.B.abt.auc)} logloss ${f(result.B.abt.logLoss)} | LightGBM     AUC ${f(result.B.lightgbm.auc)} logloss ${f(result.B.lightgbm.logLoss)} | dAUC ${f(result.B.abt.auc - result.B.lightgbm.auc)}`,
      `  ${JSON.stringify({ lr: result.lr, gbdt: result.gbdt, cpuSeconds: result.cpuSeconds })}`,
    ].join('\n'),
  );
  return result;
}

function lrOf(m: Classifier): LogisticRegression {
  const lr = m instanceof Pipeline ? m.finalEstimator : m;
  if (!(lr instanceof LogisticRegression)) throw new Error('Policy A is not a logistic regression');
  return lr;
}

function expectParity(r: Awaited<ReturnType<typeof parity>>): void {
  expect(Math.abs(r.A.abt.auc - r.A.sklearn.auc), 'Policy A test AUC vs scikit-learn').toBeLessThanOrEqual(TOL.lrAuc);
  expect(Math.abs(r.A.abt.logLoss - r.A.sklearn.logLoss), 'Policy A test log loss vs scikit-learn').toBeLessThanOrEqual(TOL.logLoss);
  expect(Math.abs(r.B.abt.auc - r.B.lightgbm.auc), 'Policy B test AUC vs LightGBM').toBeLessThanOrEqual(TOL.gbdtAuc);
  expect(Math.abs(r.B.abt.logLoss - r.B.lightgbm.logLoss), 'Policy B test log loss vs LightGBM').toBeLessThanOrEqual(TOL.logLoss);
}

describe.skipIf(!python)('pipeline policies at parity with scikit-learn and LightGBM on abt feature matrices (ml-100k)', () => {
  it('dense feature set (the default)', async () => {
    expectParity(await parity('dense'));
  });

  // The onehot case costs minutes (LightGBM and saga on 2,386 sparse columns) and the models interop
  // suite already holds both models to these tolerances on the original's one-hot features, so CI
  // runs it only on request: ABT_INTEROP_SLOW=1.
  it.runIf(process.env.ABT_INTEROP_SLOW === '1')('onehot feature set (the original)', async () => {
    expectParity(await parity('onehot'));
  });
});
