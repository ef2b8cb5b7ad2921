import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  InvalidParamError,
  LogisticRegression,
  LOGISTIC_REGRESSION_PARAM_NAMES,
  StandardScaler,
  type DenseMatrix,
  type LogisticRegressionOptions,
} from '../../src/index';
import { makeProblem, rng, toCsr } from '../linear/helpers';

// scikit-learn 1.9.1 decides every expectation here (linear_rule_reference.py, one Python process for
// the batch): which penalty the parameters select, what it warns and what it refuses, and the
// optimum itself on inputs beyond the happy path: random shapes and seeds, dense and CSR, l1_ratio
// 0 / 0.3 / 1, C = Infinity, class weights, sample weights with zeros, ties, both spellings.
//
// Tolerances: both sides run tol = 1e-10 (gradient tolerance of the objective / (C·Σw) for the
// quasi-Newton solvers) far inside max_iter. The objective then agrees to 1e-7 relative (it is flat at
// the optimum: an error ε in θ moves it by O(ε²)); coefficients agree to what the stopping rules
// leave, |Δθ| ≤ ‖∇‖/μ with μ the objective's curvature, bounded here by 1e-5·max(1, |θ|∞), and
// P(y = 1) to 1e-6. abt's solution must also satisfy the optimality (KKT) conditions, computed by
// numpy, to 1e-8 on the scale of tol. Where sklearn itself reports no convergence (saga with heavy
// sample weights: its step size ignores them), abt must reach an objective at least as low instead.
const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.ABT_PYTHON;
const TIGHT = { tol: 1e-10, max_iter: 100_000 } as const;

type Case = {
  name: string;
  X: DenseMatrix;
  y: Float64Array;
  sparse?: boolean;
  sampleWeight?: Float64Array;
  /** sklearn's kwargs; abt gets the same (with sklearn's default solver 'lbfgs' made explicit). */
  params: LogisticRegressionOptions;
};

type Result = {
  warnings: string[];
  unclassified: string[];
  error: { type: string; message: string } | null;
  converged: boolean;
  coef?: number[];
  intercept?: number;
  n_iter?: number;
  proba?: number[];
  objective?: number;
  abt_objective?: number;
  abt_kkt?: number;
};

type AbtOutcome = { warnings: string[]; error: Error | null; model: LogisticRegression | null };

const small = makeProblem(200, 6, 101);

/** The rule: each case is a row of the parameter table, on one small dense problem. */
const RULE: [string, LogisticRegressionOptions][] = [
  ['defaults', {}],
  ['l1_ratio null', { l1_ratio: null }],
  ['l1_ratio 1, saga', { l1_ratio: 1, solver: 'saga', C: 0.5 }],
  ['l1_ratio 0.3, saga', { l1_ratio: 0.3, solver: 'saga', C: 0.5 }],
  ['C = Infinity', { C: Infinity }],
  ['C = Infinity with l1_ratio 0.3, saga', { C: Infinity, l1_ratio: 0.3, solver: 'saga' }],
  ['C = Infinity with l1_ratio 1, lbfgs', { C: Infinity, l1_ratio: 1 }],
  ["penalty 'l2'", { penalty: 'l2', C: 0.5 }],
  ["penalty 'l1', saga", { penalty: 'l1', solver: 'saga', C: 0.5 }],
  ["penalty 'l2' with l1_ratio 0.3 (penalty wins)", { penalty: 'l2', l1_ratio: 0.3, C: 0.5 }],
  ["penalty 'l1' with l1_ratio 0.3, saga (penalty wins)", { penalty: 'l1', l1_ratio: 0.3, solver: 'saga', C: 0.5 }],
  ["penalty 'elasticnet' with default l1_ratio 0, saga", { penalty: 'elasticnet', solver: 'saga', C: 0.5 }],
  ["penalty 'elasticnet' with l1_ratio 1, saga", { penalty: 'elasticnet', l1_ratio: 1, solver: 'saga', C: 0.5 }],
  ["penalty 'elasticnet' with l1_ratio null", { penalty: 'elasticnet', l1_ratio: null, solver: 'saga' }],
  ['penalty null', { penalty: null }],
  ['penalty null with C 2', { penalty: null, C: 2 }],
  ['penalty null with l1_ratio 0.5', { penalty: null, l1_ratio: 0.5 }],
  ['l1_ratio 1 with lbfgs', { l1_ratio: 1 }],
  ["penalty 'l1' with lbfgs", { penalty: 'l1' }],
  ['l1_ratio 0.5 with sag', { l1_ratio: 0.5, solver: 'sag' }],
  ['l1_ratio 1 with newton-cg', { l1_ratio: 1, solver: 'newton-cg' }],
  ['newton-cg', { solver: 'newton-cg', C: 0.1 }],
  ['newton-cholesky', { solver: 'newton-cholesky', C: 3 }],
  ['sag', { solver: 'sag', C: 0.5 }],
  ['dual with lbfgs', { dual: true }],
  ['liblinear with C = Infinity', { solver: 'liblinear', C: Infinity }],
  ['liblinear elastic-net', { solver: 'liblinear', penalty: 'elasticnet', l1_ratio: 0.5 }],
  ['liblinear dual l1', { solver: 'liblinear', dual: true, l1_ratio: 1 }],
  ['liblinear l2 (penalized intercept)', { solver: 'liblinear', C: 0.5 }],
  ['liblinear l2 dual', { solver: 'liblinear', dual: true, C: 0.5 }],
  ['liblinear l1, intercept_scaling 3', { solver: 'liblinear', l1_ratio: 1, C: 0.5, intercept_scaling: 3 }],
  ['n_jobs 2', { n_jobs: 2 }],
  ['random_state 3, saga', { random_state: 3, solver: 'saga', C: 0.2 }],
  ['warm_start (one fit)', { warm_start: true, C: 0.2 }],
  ['verbose 0', { verbose: 0 }],
  ['intercept_scaling without liblinear', { intercept_scaling: 5, C: 0.7 }],
  ['fit_intercept false, elastic-net', { fit_intercept: false, l1_ratio: 0.5, solver: 'saga' }],
  ['class_weight {0: 2}', { class_weight: { 0: 2 }, C: 0.5 }],
];

function buildCases(): Case[] {
  const cases: Case[] = RULE.map(([name, params]) => ({ name: `rule: ${name}`, X: small.X, y: small.y, params }));

  // The case: lasso on a standardized 30-feature set, where sklearn keeps a handful of features.
  const wide = makeProblem(400, 30, 2024);
  const scaled = new StandardScaler().fitTransform(wide.X);
  cases.push({
    name: 'lasso { l1_ratio: 1, C: 0.05 } on a standardized 30-feature set',
    X: scaled,
    y: wide.y,
    params: { l1_ratio: 1, C: 0.05, solver: 'saga' },
  });
  cases.push({
    name: "the same through penalty 'l1' (deprecated spelling)",
    X: scaled,
    y: wide.y,
    params: { penalty: 'l1', l1_ratio: 1, C: 0.05, solver: 'saga' },
  });
  cases.push({ name: 'the same on liblinear', X: scaled, y: wide.y, params: { l1_ratio: 1, C: 0.05, solver: 'liblinear' } });

  // Random shapes, seeds, layouts, penalties, weights.
  const r = rng(77);
  for (let k = 0; k < 9; k++) {
    const rows = 60 + Math.floor(r() * 340);
    const cols = 2 + Math.floor(r() * 25);
    const density = r() < 0.4 ? 0.2 + 0.5 * r() : 1;
    const { X, y } = makeProblem(rows, cols, 1000 + k, density);
    const l1Ratio = [0, 0.3, 1][k % 3]!;
    const C = 10 ** (-1.5 + 2.5 * r());
    const classWeight = [null, 'balanced', { 0: 2.5 }][Math.floor(r() * 3)] as LogisticRegressionOptions['class_weight'];
    const sampleWeight = r() < 0.5 ? Float64Array.from({ length: rows }, () => (r() < 0.15 ? 0 : 0.2 + 3 * r())) : undefined;
    const fitIntercept = r() < 0.8;
    cases.push({
      name: `random ${k}: ${rows} × ${cols}, density ${density.toFixed(2)}, l1_ratio ${l1Ratio}, C ${C.toPrecision(3)}, class_weight ${JSON.stringify(classWeight)}, ${sampleWeight ? 'sample weights' : 'no weights'}, fit_intercept ${fitIntercept}`,
      X,
      y,
      sparse: density < 1,
      ...(sampleWeight ? { sampleWeight } : {}),
      params: { l1_ratio: l1Ratio, C, class_weight: classWeight, fit_intercept: fitIntercept, solver: l1Ratio === 0 ? 'lbfgs' : 'saga' },
    });
  }

  // No penalty on noisy (non-separable) data, with sample weights.
  const noisy = makeProblem(500, 5, 9);
  cases.push({
    name: 'C = Infinity, sample weights',
    X: noisy.X,
    y: noisy.y,
    sampleWeight: Float64Array.from({ length: 500 }, (_, i) => 1 + (i % 3)),
    params: { C: Infinity },
  });

  // Ties: duplicated rows with both labels, a duplicated column, a constant column.
  const tied = withTies(makeProblem(150, 5, 55));
  cases.push({ name: 'ties: duplicated rows with both labels, duplicated and constant columns, l2', X: tied.X, y: tied.y, params: { C: 0.8 } });
  cases.push({ name: 'ties, elastic-net 0.3', X: tied.X, y: tied.y, params: { l1_ratio: 0.3, C: 0.8, solver: 'saga' } });
  return cases;
}

/** Rows 0–29 repeated with flipped labels; column 1 copied into a new column; a constant column. */
function withTies({ X, y }: { X: DenseMatrix; y: Float64Array }): { X: DenseMatrix; y: Float64Array } {
  const rows = X.rows + 30;
  const cols = X.cols + 2;
  const data = new Float64Array(rows * cols);
  const labels = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const src = i < X.rows ? i : i - X.rows;
    for (let j = 0; j < X.cols; j++) data[i * cols + j] = X.data[src * X.cols + j]!;
    data[i * cols + X.cols] = X.data[src * X.cols + 1]!;
    data[i * cols + X.cols + 1] = 0.5;
    labels[i] = i < X.rows ? y[src]! : 1 - y[src]!;
  }
  return { X: { rows, cols, data }, y: labels };
}

function fitAbt(c: Case): AbtOutcome {
  const warnings: string[] = [];
  const spy = vi.spyOn(process, 'emitWarning').mockImplementation(((_m: string, o: { code: string }) => {
    warnings.push(
      o.code
        .replace(/^ABT_LOGISTIC_/, '')
        .toLowerCase()
        .replaceAll('_', '-'),
    );
  }) as typeof process.emitWarning);
  try {
    const params = { solver: 'lbfgs' as const, ...c.params, ...TIGHT };
    const model = new LogisticRegression(params).fit(c.sparse ? toCsr(c.X) : c.X, c.y, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
    return { warnings, error: null, model };
  } catch (e) {
    return { warnings, error: e as Error, model: null };
  } finally {
    spy.mockRestore();
  }
}

const rows = (X: DenseMatrix) => Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));

describe.skipIf(python === undefined)('LogisticRegression parameters and optimum: scikit-learn 1.9 decides', () => {
  let work: string;
  const cases = buildCases();
  const abt: AbtOutcome[] = [];
  let sk: Result[] = [];
  let version = '';

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'abt-lr-rule-'));
    for (const c of cases) abt.push(fitAbt(c));
    const input = {
      cases: cases.map((c, k) => ({
        name: c.name,
        X: rows(c.X),
        y: Array.from(c.y),
        sparse: c.sparse ?? false,
        sample_weight: c.sampleWeight ? Array.from(c.sampleWeight) : null,
        params: { ...c.params, ...TIGHT, ...(c.params.C === Infinity ? { C: 'Infinity' } : {}) },
        abt: abt[k]!.model ? { coef: Array.from(abt[k]!.model!.coef), intercept: abt[k]!.model!.intercept } : null,
      })),
    };
    writeFileSync(path.join(work, 'in.json'), JSON.stringify(input));
    execFileSync(python!, [path.join(here, 'linear_rule_reference.py'), path.join(work, 'in.json'), path.join(work, 'out.json')], { stdio: 'inherit' });
    const out = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8')) as { sklearn: string; results: Result[] };
    sk = out.results;
    version = out.sklearn;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('runs against scikit-learn 1.9', () => {
    expect(version).toMatch(/^1\.9\./);
  });

  it('every scikit-learn LogisticRegression parameter is a parameter of abt (random_state as seed)', () => {
    const names = execFileSync(
      python!,
      ['-c', 'import json; from sklearn.linear_model import LogisticRegression as L; print(json.dumps(sorted(L().get_params())))'],
      { encoding: 'utf8' },
    );
    const abtNames = new Set<string>([...LOGISTIC_REGRESSION_PARAM_NAMES, 'random_state']);
    for (const name of JSON.parse(names) as string[]) expect(abtNames.has(name), name).toBe(true);
  });

  cases.forEach((c, k) => {
    it(c.name, () => {
      const ours = abt[k]!;
      const ref = sk[k]!;
      expect(ref.unclassified).toEqual([]);
      expect(ours.warnings).toEqual(ref.warnings);
      if (ref.error !== null) {
        expect(ours.error, `sklearn raised ${ref.error.type}: ${ref.error.message}`).toBeInstanceOf(InvalidParamError);
        return;
      }
      if (ours.error !== null) throw ours.error;
      const m = ours.model!;
      const obj = ref.objective!;
      const gap = (ref.abt_objective! - obj) / Math.max(1, Math.abs(obj));
      const coefDiff = Math.max(...m.coef.map((b, j) => Math.abs(b - ref.coef![j]!)), Math.abs(m.intercept - ref.intercept!));
      const scale = Math.max(1, ...ref.coef!.map(Math.abs), Math.abs(ref.intercept!));
      const p = m.predictProba(c.X);
      const probaDiff = Math.max(...Array.from(p, (v, i) => Math.abs(v - ref.proba![i]!)));
      console.log(
        `[lr rule] ${c.name}: objective sklearn ${obj} abt ${ref.abt_objective} (rel ${gap.toExponential(2)}), max |Δcoef| ${coefDiff.toExponential(2)}, max |Δp| ${probaDiff.toExponential(2)}, abt KKT ${ref.abt_kkt!.toExponential(2)}, n_iter sklearn ${ref.n_iter} abt ${m.nIter}${ref.converged ? '' : ' (sklearn did not converge)'}`,
      );
      expect(ref.abt_kkt!).toBeLessThan(1e-8);
      if (ref.converged) {
        expect(Math.abs(gap)).toBeLessThan(1e-7);
        expect(coefDiff).toBeLessThan(1e-5 * scale);
        expect(probaDiff).toBeLessThan(1e-6);
      } else {
        expect(gap).toBeLessThan(1e-7);
      }
      // l1 solutions: the same features are exactly zero.
      if (m.coef.some((b) => b === 0) || ref.coef!.some((b) => b === 0)) {
        expect(Array.from(m.coef, (b) => b === 0)).toEqual(ref.coef!.map((b) => b === 0));
      }
    });
  });

  it("the issue's lasso case keeps the features sklearn keeps (a handful of 30)", () => {
    const k = cases.findIndex((c) => c.name.startsWith('lasso'));
    const kept = abt[k]!.model!.coef.filter((b) => b !== 0).length;
    expect(kept).toBe(sk[k]!.coef!.filter((b) => b !== 0).length);
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeLessThan(15);
  });
});
