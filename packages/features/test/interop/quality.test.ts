/**
 * Feature quality against the real LightGBM and scikit-learn: dumps the matrices of ml-100k's
 * time split and trains the original's Policy B (LightGBM) and Policy A (elastic-net LR) on them.
 * Two protocols for valid/test features:
 * - static: `transform` (train history only), as the original pipeline scores;
 * - online: `transformOnline(valid ++ test)` (each row also sees strictly earlier valid/test rows),
 *   as a router whose history is updated with feedback scores.
 * - refresh: the spec is refitted on train ++ valid before test is scored (valid labels are known
 *   by then); train and valid rows come from its leak-free expanding pass, test rows see all of
 *   train ++ valid. Twice as many test users are warm (29 % instead of 14 %).
 * Runs under scripts/interop.sh (ABT_PYTHON = the venv's python).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitFeatureSpec, isCsr, type FeatureKind, type FeatureSpecOptions, type Matrix } from '../../src/index';
import { concatLabeled, sliceRows, splitMl100k } from '../helpers/ml100k';

const python = process.env.ABT_PYTHON;
const here = path.dirname(fileURLToPath(import.meta.url));
// ABT_FEATURES_DUMP keeps the matrices in that directory (for feature-design experiments).
const keep = process.env.ABT_FEATURES_DUMP;
const work = keep ?? mkdtempSync(path.join(tmpdir(), 'abt-features-quality-'));
afterAll(() => {
  if (!keep) rmSync(work, { recursive: true, force: true });
});

function dump(dir: string, part: string, X: Matrix, y: Uint8Array): void {
  const buf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(path.join(dir, `${part}.y`), buf(y));
  if (isCsr(X)) {
    writeFileSync(path.join(dir, `${part}.indptr`), buf(X.indptr));
    writeFileSync(path.join(dir, `${part}.indices`), buf(X.indices));
    writeFileSync(path.join(dir, `${part}.data`), buf(X.data));
  } else {
    writeFileSync(path.join(dir, `${part}.X`), buf(X.data));
  }
}

type Quality = { lgbm_test_auc: number; lr_test_auc: number; lgbm_best_iteration: number; top_gain?: string[] };

async function evaluate(kind: FeatureKind, protocol: 'static' | 'online' | 'refresh'): Promise<Quality> {
  const { train, valid, test, movies, users } = await splitMl100k();
  // ABT_FEATURES_OPTIONS (JSON) overrides options, for feature-design experiments.
  const extra = JSON.parse(process.env.ABT_FEATURES_OPTIONS ?? '{}') as FeatureSpecOptions;
  const dir = path.join(work, `${kind}-${protocol}`);
  mkdirSync(dir, { recursive: true });
  if (protocol === 'refresh') {
    const spec = fitFeatureSpec({ train: concatLabeled(train, valid), movies, users }, { ...extra, kind });
    const all = spec.transformTrain();
    if (isCsr(all.X)) throw new Error('refresh protocol is for dense features');
    dump(dir, 'train', sliceRows(all.X, 0, train.length), train.label);
    dump(dir, 'valid', sliceRows(all.X, train.length, all.X.rows), valid.label);
    dump(dir, 'test', spec.transform(test).X, test.label);
    return runReference(dir, kind, protocol, all.X.cols, all.featureNames);
  }
  const spec = fitFeatureSpec({ train, movies, users }, { ...extra, kind });
  const tr = spec.transformTrain();
  dump(dir, 'train', tr.X, train.label);
  if (protocol === 'static') {
    dump(dir, 'valid', spec.transform(valid).X, valid.label);
    dump(dir, 'test', spec.transform(test).X, test.label);
  } else {
    const X = spec.transformOnline(concatLabeled(valid, test)).X;
    if (isCsr(X)) throw new Error('online protocol is for dense features');
    dump(dir, 'valid', sliceRows(X, 0, valid.length), valid.label);
    dump(dir, 'test', sliceRows(X, valid.length, valid.length + test.length), test.label);
  }
  return runReference(dir, kind, protocol, tr.X.cols, tr.featureNames);
}

function runReference(dir: string, kind: FeatureKind, protocol: string, cols: number, names: readonly string[]): Quality {
  writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ kind, cols, names }));
  const out = execFileSync(python!, [path.join(here, 'lgbm_quality.py'), dir], { encoding: 'utf8' });
  const q = JSON.parse(out.trim().split('\n').pop()!) as Quality;
  console.log(`[features quality] ${kind} ${protocol}: ${JSON.stringify(q)}`);
  return q;
}

describe.skipIf(!python)('feature quality on ml-100k (LightGBM + scikit-learn reference)', () => {
  it('onehot features reproduce the original (LightGBM ~0.69, LR ~0.72 test AUC)', async () => {
    const q = await evaluate('onehot', 'static');
    expect(q.lgbm_test_auc).toBeGreaterThan(0.67);
    expect(q.lgbm_test_auc).toBeLessThan(0.71);
    expect(q.lr_test_auc).toBeGreaterThan(0.7);
    expect(q.lr_test_auc).toBeLessThan(0.735);
  });

  it('dense features, static protocol: LightGBM beats its onehot result, LR beats the original', async () => {
    // Measured 0.7125 (LightGBM) and 0.7195 (LR); 0.707 / 0.707 before the user residual columns.
    const q = await evaluate('dense', 'static');
    expect(q.lgbm_test_auc).toBeGreaterThan(0.705);
    expect(q.lr_test_auc).toBeGreaterThan(0.712);
  });

  it('dense features, online protocol: LightGBM (original params) reaches test AUC >= 0.74', async () => {
    const q = await evaluate('dense', 'online');
    expect(q.lgbm_test_auc).toBeGreaterThanOrEqual(0.74);
  });

  it('dense features, history refreshed with valid before test: LightGBM gains over the static protocol', async () => {
    // Measured 0.726 (static 0.7125): the frozen-protocol ceiling is set by cold-start users, and a
    // fresher history makes more of them warm (see the README's "Quality on ml-100k").
    const q = await evaluate('dense', 'refresh');
    expect(q.lgbm_test_auc).toBeGreaterThan(0.718);
  });
});
