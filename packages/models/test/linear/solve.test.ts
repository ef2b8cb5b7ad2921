import { describe, expect, it, vi } from 'vitest';
import { LogisticRegression } from '../../src/index';
import { kktViolation, makeProblem, newtonReference, sklearnObjective, toCsr } from './helpers';

const { X, y } = makeProblem(300, 8, 1);

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]! - b[j]!));
  return m;
}

describe('LogisticRegression: converges to the known optimum', () => {
  it('l2 matches a Newton (ml-matrix solve) reference', () => {
    for (const C of [0.01, 1, 100]) {
      const m = new LogisticRegression({ C, tol: 1e-10, max_iter: 1000 }).fit(X, y);
      const ref = newtonReference(X, y, { C });
      expect(maxDiff(m.coef, ref.subarray(0, 8))).toBeLessThan(1e-6);
      expect(Math.abs(m.intercept - ref[8]!)).toBeLessThan(1e-6);
      expect(m.converged).toBe(true);
    }
  });

  it('C = Infinity (no penalty) and fit_intercept=false match Newton too', () => {
    const none = new LogisticRegression({ C: Infinity, tol: 1e-10, max_iter: 1000 }).fit(X, y);
    const refNone = newtonReference(X, y, { l2: 0 });
    expect(maxDiff(none.coef, refNone.subarray(0, 8))).toBeLessThan(1e-5);
    const noB = new LogisticRegression({ fit_intercept: false, tol: 1e-10, max_iter: 1000 }).fit(X, y);
    const refNoB = newtonReference(X, y, { fitIntercept: false });
    expect(noB.intercept).toBe(0);
    expect(maxDiff(noB.coef, refNoB)).toBeLessThan(1e-6);
  });

  it('the solver lbfgs gives the same l2 solution as owlqn', () => {
    const a = new LogisticRegression({ solver: 'lbfgs', tol: 1e-10, max_iter: 1000 }).fit(X, y);
    const b = new LogisticRegression({ solver: 'owlqn', tol: 1e-10, max_iter: 1000 }).fit(X, y);
    expect(maxDiff(a.coef, b.coef)).toBeLessThan(1e-12);
  });

  it.each([
    ['l1', 1, 0.5],
    ['l1', 1, 0.02],
    ['elasticnet', 0.1, 1],
    ['elasticnet', 0.7, 0.05],
  ] as const)('%s (l1_ratio %s, C %s) satisfies the KKT conditions', (_penalty, l1Ratio, C) => {
    const m = new LogisticRegression({ l1_ratio: l1Ratio, C, tol: 1e-9, max_iter: 2000 }).fit(X, y);
    expect(m.converged).toBe(true);
    expect(kktViolation(X, y, m.coef, m.intercept, { C, l1Ratio })).toBeLessThan(1e-5);
    // No feasible move lowers sklearn's objective.
    const f = sklearnObjective(X, y, m.coef, m.intercept, { C, l1Ratio });
    for (let j = 0; j < 8; j++) {
      for (const h of [1e-4, -1e-4]) {
        const c = m.coef.slice();
        c[j]! += h;
        expect(sklearnObjective(X, y, c, m.intercept, { C, l1Ratio })).toBeGreaterThanOrEqual(f - 1e-9);
      }
    }
  });

  it('l1 sets coefficients exactly to zero as C shrinks, ending with all zeros', () => {
    const zeros = [1, 0.05, 0.01, 0.001].map((C) => {
      const m = new LogisticRegression({ l1_ratio: 1, C, tol: 1e-8, max_iter: 500 }).fit(X, y);
      return m.coef.filter((b) => b === 0).length;
    });
    expect(zeros[3]).toBe(8);
    for (let k = 1; k < zeros.length; k++) expect(zeros[k]!).toBeGreaterThanOrEqual(zeros[k - 1]!);
    expect(zeros[1]!).toBeGreaterThan(zeros[0]!);
  });

  it("both spellings fit the same model: l1_ratio 0 / 1 and the deprecated penalty 'l2' / 'l1' / 'elasticnet'", () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const opts = { tol: 1e-10, max_iter: 1000, C: 0.1 };
    const en0 = new LogisticRegression({ ...opts, penalty: 'elasticnet', l1_ratio: 0 }).fit(X, y);
    const l2 = new LogisticRegression({ ...opts, penalty: 'l2' }).fit(X, y);
    expect(maxDiff(en0.coef, l2.coef)).toBe(0);
    expect(maxDiff(new LogisticRegression({ ...opts, l1_ratio: 0 }).fit(X, y).coef, l2.coef)).toBe(0);
    const en1 = new LogisticRegression({ ...opts, penalty: 'elasticnet', l1_ratio: 1 }).fit(X, y);
    const l1 = new LogisticRegression({ ...opts, penalty: 'l1' }).fit(X, y);
    expect(maxDiff(en1.coef, l1.coef)).toBe(0);
    expect(maxDiff(new LogisticRegression({ ...opts, l1_ratio: 1 }).fit(X, y).coef, l1.coef)).toBe(0);
    vi.restoreAllMocks();
  });

  it('stops at max_iter without claiming convergence', () => {
    const m = new LogisticRegression({ tol: 0, max_iter: 3 }).fit(X, y);
    expect(m.nIter).toBe(3);
    expect(m.converged).toBe(false);
  });
});

describe('LogisticRegression: class_weight', () => {
  it('{0: 3, 1: 1} equals repeating every class-0 row three times', () => {
    const weighted = new LogisticRegression({ class_weight: { 0: 3, 1: 1 }, tol: 1e-10, max_iter: 1000 }).fit(X, y);
    const rows: number[] = [];
    for (let i = 0; i < X.rows; i++) for (let k = 0; k < (y[i] === 0 ? 3 : 1); k++) rows.push(i);
    const data = new Float64Array(rows.length * X.cols);
    rows.forEach((i, r) => data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), r * X.cols));
    const yy = Float64Array.from(rows, (i) => y[i]!);
    const repeated = new LogisticRegression({ tol: 1e-10, max_iter: 1000 }).fit({ rows: rows.length, cols: X.cols, data }, yy);
    expect(maxDiff(weighted.coef, repeated.coef)).toBeLessThan(1e-6);
    expect(Math.abs(weighted.intercept - repeated.intercept)).toBeLessThan(1e-6);
  });

  it("'balanced' equals n / (2·n_class) weights and matches weighted Newton", () => {
    let n1 = 0;
    for (const v of y) n1 += v;
    const n0 = y.length - n1;
    const w = { 0: y.length / (2 * n0), 1: y.length / (2 * n1) };
    const balanced = new LogisticRegression({ class_weight: 'balanced', tol: 1e-10, max_iter: 1000 }).fit(X, y);
    const explicit = new LogisticRegression({ class_weight: w, tol: 1e-10, max_iter: 1000 }).fit(X, y);
    expect(maxDiff(balanced.coef, explicit.coef)).toBe(0);
    const ref = newtonReference(X, y, { weights: Float64Array.from(y, (v) => (v === 1 ? w[1] : w[0])) });
    expect(maxDiff(balanced.coef, ref.subarray(0, 8))).toBeLessThan(1e-6);
    expect(Math.abs(balanced.intercept - ref[8]!)).toBeLessThan(1e-6);
  });
});

describe('LogisticRegression: CSR and dense input', () => {
  const sparse = makeProblem(400, 30, 7, 0.15);
  const csr = toCsr(sparse.X);

  it.each([0, 1, 0.3])('l1_ratio %s: CSR and dense give the same model', (l1Ratio) => {
    const params = { l1_ratio: l1Ratio, C: 0.5, tol: 1e-8, max_iter: 500 };
    const d = new LogisticRegression(params).fit(sparse.X, sparse.y);
    const s = new LogisticRegression(params).fit(csr, sparse.y);
    expect(maxDiff(d.coef, s.coef)).toBeLessThan(1e-12);
    expect(maxDiff(d.predictProba(sparse.X), s.predictProba(csr))).toBeLessThan(1e-12);
  });

  it('accepts Float32 data and Uint32 indices', () => {
    const f32 = { ...csr, indptr: Uint32Array.from(csr.indptr), indices: Uint32Array.from(csr.indices), data: Float32Array.from(csr.data) };
    const m = new LogisticRegression({ tol: 1e-8 }).fit(f32, sparse.y);
    const ref = new LogisticRegression({ tol: 1e-8 }).fit({ ...csr, data: Float64Array.from(f32.data) }, sparse.y);
    expect(maxDiff(m.coef, ref.coef)).toBe(0);
  });

  it('decisionFunction is the log-odds of predictProba', () => {
    const m = new LogisticRegression().fit(csr, sparse.y);
    const z = m.decisionFunction(csr);
    const p = m.predictProba(csr);
    for (let i = 0; i < 20; i++) expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-z[i]!)), 14);
  });
});

describe('LogisticRegression: edge cases', () => {
  it('separable data with C = Infinity (no penalty) stays finite and separates', () => {
    const X = { rows: 6, cols: 1, data: Float64Array.from([-3, -2, -1, 1, 2, 3]) };
    const y = [0, 0, 0, 1, 1, 1];
    const m = new LogisticRegression({ C: Infinity, max_iter: 200 }).fit(X, y);
    expect(Number.isFinite(m.coef[0]!)).toBe(true);
    expect(m.coef[0]!).toBeGreaterThan(1);
    const p = m.predictProba(X);
    expect(p.every((v, i) => (y[i] === 1 ? v > 0.9 : v < 0.1))).toBe(true);
  });

  it('a column that is all zeros keeps coefficient 0', () => {
    const { X, y } = makeProblem(100, 4, 5);
    const data = Float64Array.from(X.data, (v, k) => (k % 4 === 2 ? 0 : v));
    for (const l1Ratio of [0, 1]) {
      const m = new LogisticRegression({ l1_ratio: l1Ratio }).fit({ rows: 100, cols: 4, data }, y);
      expect(m.coef[2]).toBe(0);
    }
  });

  it('very large C approaches the unpenalized fit', () => {
    const big = new LogisticRegression({ C: 1e8, tol: 1e-10, max_iter: 1000 }).fit(X, y);
    const none = new LogisticRegression({ C: Infinity, tol: 1e-10, max_iter: 1000 }).fit(X, y);
    expect(maxDiff(big.coef, none.coef)).toBeLessThan(1e-5);
  });
});

describe("LogisticRegression: solver 'saga'", () => {
  const sparse = makeProblem(400, 20, 21, 0.2);
  const csr = toCsr(sparse.X);

  it.each([
    ['l2', 0, 1],
    ['l1', 1, 0.3],
    ['elasticnet', 0.5, 0.5],
    ['none', 0, 1],
  ] as const)('%s reaches the owlqn optimum (CSR and dense)', (penalty, l1Ratio, C) => {
    const params = { l1_ratio: l1Ratio, C: penalty === 'none' ? Infinity : C } as const;
    const ref = new LogisticRegression({ ...params, tol: 1e-10, max_iter: 2000 }).fit(csr, sparse.y);
    for (const X of [csr, sparse.X]) {
      const m = new LogisticRegression({ ...params, solver: 'saga', tol: 1e-9, max_iter: 3000, seed: 3 }).fit(X, sparse.y);
      expect(m.converged).toBe(true);
      expect(maxDiff(m.coef, ref.coef)).toBeLessThan(1e-5);
      expect(Math.abs(m.intercept - ref.intercept)).toBeLessThan(1e-5);
      if (penalty === 'l1') expect(Array.from(m.coef, (b) => b === 0)).toEqual(Array.from(ref.coef, (b) => b === 0));
    }
  });

  it('honours class_weight', () => {
    const params = { class_weight: { 0: 2.5, 1: 0.5 }, C: 0.7 } as const;
    const ref = new LogisticRegression({ ...params, tol: 1e-10, max_iter: 2000 }).fit(csr, sparse.y);
    const m = new LogisticRegression({ ...params, solver: 'saga', tol: 1e-9, max_iter: 3000 }).fit(csr, sparse.y);
    expect(maxDiff(m.coef, ref.coef)).toBeLessThan(1e-5);
  });

  it('is reproducible from its seed, and the seed matters', () => {
    const fit = (seed: number) => JSON.stringify(new LogisticRegression({ solver: 'saga', max_iter: 3, tol: 0, seed }).fit(csr, sparse.y));
    expect(fit(1)).toBe(fit(1));
    expect(fit(1)).not.toBe(fit(2));
  });

  it('reports one progress call per epoch', () => {
    const calls: number[] = [];
    const m = new LogisticRegression({ solver: 'saga', max_iter: 7, tol: 0 }).fit(csr, sparse.y, { onProgress: (p) => void calls.push(p.iteration) });
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(m.nIter).toBe(7);
    expect(m.converged).toBe(false);
  });
});
