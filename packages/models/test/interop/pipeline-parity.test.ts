import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogisticRegression, StandardScaler, makePipeline, type DenseMatrix } from '../../src/index';
import { makeProblem } from '../linear/helpers';

// Parity with scikit-learn's make_pipeline(StandardScaler(), LogisticRegression()) on small random
// problems whose columns sit on very different scales, as abt's dense feature set does.
const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.ABT_PYTHON;

type Reference = {
  mean: (number | null)[];
  var: (number | null)[] | null;
  scale: (number | null)[] | null;
  transformed: (number | null)[];
  coef?: number[];
  intercept?: number;
  n_iter?: number;
  proba?: number[];
};

describe.skipIf(python === undefined)('Pipeline parity with scikit-learn make_pipeline', () => {
  let work: string;
  let calls = 0;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'abt-pipeline-parity-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function sklearn(X: DenseMatrix, y: ArrayLike<number> | null, scaler: object, lr: object | null): Reference {
    const rows = Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols), (v) => (Number.isNaN(v) ? 'NaN' : v)));
    const input = path.join(work, `in-${++calls}.json`);
    const output = path.join(work, `out-${calls}.json`);
    writeFileSync(input, JSON.stringify({ X: rows, y: y === null ? null : Array.from(y), scaler, lr }));
    execFileSync(python!, [path.join(here, 'pipeline_reference.py'), input, output], { stdio: 'inherit' });
    return JSON.parse(readFileSync(output, 'utf8')) as Reference;
  }

  const nan = (a: (number | null)[]) => a.map((v) => (v === null ? Number.NaN : v));
  function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string) {
    expect(actual.length, what).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) {
      const a = actual[i]!;
      const e = expected[i]!;
      if (Number.isNaN(e)) expect(a, `${what}[${i}]`).toBeNaN();
      else worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
    }
    console.log(`[pipeline parity] ${what}: max relative delta ${worst.toExponential(2)}`);
    expect(worst, what).toBeLessThanOrEqual(tol);
  }

  function problem(rows: number, seed: number): { X: DenseMatrix; y: Float64Array } {
    const { X, y } = makeProblem(rows, 6, seed);
    const factor = [1000, 0.001, 1, 50, 3e5, 1];
    const offset = [5000, 0.5, 0, 1990, 0, 7];
    return { X: { rows, cols: 6, data: Float64Array.from(X.data, (v, k) => v * factor[k % 6]! + offset[k % 6]!) }, y };
  }

  it('StandardScaler statistics and transform match, NaN included, to 1e-12', () => {
    const { X } = problem(200, 11);
    const data = X.data.slice();
    for (let k = 3; k < data.length; k += 17) data[k] = Number.NaN;
    const M = { ...X, data };
    for (const params of [{}, { with_mean: false }, { with_std: false }]) {
      const ref = sklearn(M, null, params, null);
      const s = new StandardScaler(params).fit(M);
      expectClose(s.mean!, nan(ref.mean), 1e-12, `mean ${JSON.stringify(params)}`);
      if (ref.scale !== null) expectClose(s.scale!, nan(ref.scale), 1e-12, `scale ${JSON.stringify(params)}`);
      else expect(s.scale).toBeNull();
      expectClose(s.transform(M).data, nan(ref.transformed), 1e-12, `transform ${JSON.stringify(params)}`);
    }
  });

  it('l2 (sklearn lbfgs) and elastic-net (sklearn saga): coefficients within 1e-6', () => {
    const { X, y } = problem(300, 12);
    const cases = [
      { abt: { C: 1, tol: 1e-12, max_iter: 10_000 }, sk: { C: 1, tol: 1e-12, max_iter: 10_000 } },
      {
        abt: { C: 1, penalty: 'elasticnet', l1_ratio: 0.1, tol: 1e-12, max_iter: 10_000 },
        sk: { C: 1, penalty: 'elasticnet', l1_ratio: 0.1, solver: 'saga', tol: 1e-12, max_iter: 100_000, random_state: 0 },
      },
    ] as const;
    for (const { abt, sk } of cases) {
      const ref = sklearn(X, y, {}, sk);
      const pipe = makePipeline(new StandardScaler(), new LogisticRegression(abt)).fit(X, y);
      const label = `${'penalty' in abt ? abt.penalty : 'l2'}`;
      expectClose(pipe.finalEstimator.coef, ref.coef!, 1e-6, `${label} coef`);
      expect(Math.abs(pipe.finalEstimator.intercept - ref.intercept!), `${label} intercept`).toBeLessThan(1e-6);
      expectClose(pipe.predictProba(X), ref.proba!, 1e-6, `${label} proba`);
    }
  });
});
