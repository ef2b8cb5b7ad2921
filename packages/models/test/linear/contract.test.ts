import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidInputError,
  InvalidParamError,
  LogisticRegression,
  LOGISTIC_REGRESSION_DEFAULTS,
  ModelFormatError,
  ModelsError,
  NotFittedError,
  type Classifier,
  type LogisticRegressionParams,
} from '../../src/index';
import { makeProblem, toCsr } from './helpers';

const { X, y } = makeProblem(200, 6, 3);
const csr = toCsr(makeProblem(200, 6, 3, 0.4).X);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('LogisticRegression: estimator contract', () => {
  it('has sklearn defaults and getParams returns a copy', () => {
    const m = new LogisticRegression({ class_weight: { 0: 2 } });
    expect(m.getParams()).toEqual({ ...LOGISTIC_REGRESSION_DEFAULTS, class_weight: { 0: 2 } });
    const p = m.getParams();
    (p.class_weight as Record<number, number>)[0] = 99;
    p.C = 5;
    expect(m.getParams().C).toBe(1);
    expect(m.getParams().class_weight).toEqual({ 0: 2 });
  });

  it('does not keep a reference to the caller-owned class_weight object', () => {
    const cw = { 0: 2, 1: 1 };
    const m = new LogisticRegression({ class_weight: cw });
    cw[0] = 50;
    expect(m.getParams().class_weight).toEqual({ 0: 2, 1: 1 });
  });

  it('getters and predictions throw NotFittedError before fit', () => {
    const m = new LogisticRegression();
    for (const get of [
      () => m.coef,
      () => m.intercept,
      () => m.nIter,
      () => m.converged,
      () => m.featureNames,
      () => m.toJSON(),
      () => m.predictProba(X),
      () => m.decisionFunction(X),
    ]) {
      const e = thrown(get);
      expect(e).toBeInstanceOf(NotFittedError);
      expect(ModelsError.isInstance(e) && e.code).toBe('NOT_FITTED');
    }
  });

  it('fit returns this; refitting forgets the earlier fit', () => {
    const m = new LogisticRegression();
    expect(m.fit(X, y)).toBe(m);
    const first = m.coef;
    const flipped = Float64Array.from(y, (v) => 1 - v);
    m.fit(X, flipped, { featureNames: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(m.coef[0]).toBeCloseTo(-first[0]!, 6);
    expect(m.featureNames).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    m.fit(X, y);
    expect(m.featureNames).toEqual(['Column_0', 'Column_1', 'Column_2', 'Column_3', 'Column_4', 'Column_5']);
    // A failing refit leaves the model unfitted rather than half-updated.
    expect(() => m.fit(X, new Float64Array(200))).toThrow(InvalidInputError);
    expect(() => m.coef).toThrow(NotFittedError);
  });

  it('clone is unfitted with equal params, and fits to the same model', () => {
    const m = new LogisticRegression({ l1_ratio: 0.3, C: 0.2 }).fit(X, y);
    const c = m.clone();
    expect(c).not.toBe(m);
    expect(c.getParams()).toEqual(m.getParams());
    expect(() => c.coef).toThrow(NotFittedError);
    expect(JSON.stringify(c.fit(X, y))).toBe(JSON.stringify(m));
  });

  it.each(['owlqn', 'saga'] as const)('%s leaves X and y untouched', (solver) => {
    const data = csr.data.slice();
    const indices = csr.indices.slice();
    const labels = y.slice();
    new LogisticRegression({ solver, l1_ratio: 1, max_iter: 5 }).fit(csr, y);
    expect(csr.data).toEqual(data);
    expect(csr.indices).toEqual(indices);
    expect(y).toEqual(labels);
  });

  it('setParams changes params for the next fit', () => {
    const m = new LogisticRegression().setParams({ C: 0.01 });
    expect(m.getParams().C).toBe(0.01);
  });

  it('same seed and data give byte-identical JSON', () => {
    const params = { l1_ratio: 0.1, seed: 42, solver: 'saga' } as const;
    const a = JSON.stringify(new LogisticRegression(params).fit(csr, y).toJSON());
    const b = JSON.stringify(new LogisticRegression(params).fit(csr, y).toJSON());
    expect(a).toBe(b);
  });

  it('JSON round-trip reproduces predictions exactly', () => {
    const m = new LogisticRegression({ l1_ratio: 1, C: 0.3, class_weight: 'balanced' }).fit(csr, y, { featureNames: ['u1', 'u2', 'm1', 'm2', 'g1', 'g2'] });
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    expect(json).toMatchObject({ format: 'abt-model', formatVersion: 1, kind: 'LogisticRegression' });
    const back = LogisticRegression.fromJSON(json);
    expect(back.predictProba(csr)).toEqual(m.predictProba(csr));
    expect(back.coef).toEqual(m.coef);
    expect(back.intercept).toBe(m.intercept);
    expect(back.nIter).toBe(m.nIter);
    expect(back.featureNames).toEqual(m.featureNames);
    expect(back.getParams()).toEqual(m.getParams());
    expect(JSON.stringify(back.toJSON())).toBe(JSON.stringify(m.toJSON()));
  });

  it('fromJSON rejects malformed input with ModelFormatError naming the path', () => {
    const good = JSON.parse(JSON.stringify(new LogisticRegression().fit(X, y).toJSON()));
    const cases: [string, (j: any) => void][] = [
      ['$.format', (j) => (j.format = 'pickle')],
      ['$.formatVersion', (j) => (j.formatVersion = 2)],
      ['$.kind', (j) => (j.kind = 'GBDT')],
      ['$.state.coef[2]', (j) => (j.state.coef[2] = 'x')],
      ['$.state.intercept', (j) => (j.state.intercept = null)],
      ['$.featureNames', (j) => j.featureNames.pop()],
      ['$.params.C', (j) => (j.params.C = -1)],
      ['$.state', (j) => delete j.state],
    ];
    for (const [path, mutate] of cases) {
      const j = structuredClone(good);
      mutate(j);
      const e = thrown(() => LogisticRegression.fromJSON(j));
      expect(e, path).toBeInstanceOf(ModelFormatError);
      expect((e as Error).message).toContain(path);
    }
    expect(() => LogisticRegression.fromJSON(null)).toThrow(ModelFormatError);
  });

  it('onProgress is called once per iteration and can stop the fit', () => {
    const seen: { iteration: number; total: number; objective: number; valid: number }[] = [];
    const m = new LogisticRegression({ max_iter: 50, tol: 1e-8 }).fit(X, y, {
      valid: { X, y },
      onProgress: (p) => void seen.push({ iteration: p.iteration, total: p.total, objective: p.metrics!.train_objective!, valid: p.metrics!.binary_logloss! }),
    });
    expect(seen.length).toBe(m.nIter);
    expect(seen.map((s) => s.iteration)).toEqual(Array.from({ length: m.nIter }, (_, i) => i + 1));
    expect(seen.every((s) => s.total === 50 && Number.isFinite(s.valid))).toBe(true);
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.objective).toBeLessThanOrEqual(seen[k - 1]!.objective);
    const stopped = new LogisticRegression({ max_iter: 50 }).fit(X, y, { onProgress: (p) => p.iteration < 2 });
    expect(stopped.nIter).toBe(2);
    expect(stopped.converged).toBe(false);
  });
});

describe('LogisticRegression: bad input', () => {
  afterEach(() => vi.restoreAllMocks());
  const fitErr = (Xb: Parameters<LogisticRegression['fit']>[0], yb: ArrayLike<number>) => thrown(() => new LogisticRegression().fit(Xb, yb));

  it.each([
    ['length mismatch', () => fitErr(X, y.subarray(1)), /200 rows but y has 199/],
    [
      'NaN label',
      () =>
        fitErr(
          X,
          Float64Array.from(y, (v, i) => (i === 5 ? NaN : v)),
        ),
      /y\[5\] is NaN/,
    ],
    [
      'Inf label',
      () =>
        fitErr(
          X,
          Float64Array.from(y, (v, i) => (i === 7 ? Infinity : v)),
        ),
      /y\[7\] is Infinity/,
    ],
    [
      'label 2',
      () =>
        fitErr(
          X,
          Float64Array.from(y, (v, i) => (i === 9 ? 2 : v)),
        ),
      /y\[9\] = 2; labels must be 0 or 1/,
    ],
    ['single class', () => fitErr(X, new Float64Array(200).fill(1)), /only class 1/],
    ['zero rows', () => fitErr({ rows: 0, cols: 6, data: new Float64Array(0) }, []), /at least one row/],
    ['NaN feature', () => fitErr({ ...X, data: Float64Array.from(X.data, (v, k) => (k === 13 ? NaN : v)) }, y), /X\[2, 1\] is NaN/],
    ['dense size', () => fitErr({ rows: 200, cols: 7, data: X.data }, y), /expected rows × cols = 1400/],
    ['CSR column out of range', () => fitErr({ ...csr, cols: 3 }, y), /column index \d ≥ cols = 3/],
    ['CSR indptr length', () => fitErr({ ...csr, indptr: csr.indptr.subarray(1) }, y), /indptr has length 200/],
    ['feature names', () => thrown(() => new LogisticRegression().fit(X, y, { featureNames: ['a'] })), /1 names but X has 6/],
    [
      'valid label 3',
      () => thrown(() => new LogisticRegression().fit(X, y, { valid: { X, y: Float64Array.from(y, (v, i) => (i === 4 ? 3 : v)) } })),
      /fit \(options.valid\): y\[4\] = 3/,
    ],
    [
      'valid feature count',
      () => thrown(() => new LogisticRegression().fit(X, y, { valid: { X: { rows: 1, cols: 2, data: new Float64Array(2) }, y: [1] } })),
      /2 features but the model was fitted on 6/,
    ],
  ])('%s → InvalidInputError', (_name, run, message) => {
    const e = run();
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).code).toBe('INVALID_INPUT');
    expect((e as Error).message).toMatch(message);
  });

  it('feature count at predict must match training (dense and CSR)', () => {
    const m = new LogisticRegression().fit(X, y);
    const dense = { rows: 2, cols: 5, data: new Float64Array(10) };
    expect(() => m.predictProba(dense)).toThrow(/5 features but the model was fitted on 6/);
    expect(() => m.decisionFunction({ ...csr, cols: 7 })).toThrow(InvalidInputError);
  });

  it.each<[keyof LogisticRegressionParams, unknown]>([
    ['C', 0],
    ['C', -1],
    ['C', NaN],
    ['penalty', 'l3'],
    ['l1_ratio', 1.5],
    ['l1_ratio', -0.1],
    ['fit_intercept', 'yes'],
    ['class_weight', { 0: -1 }],
    ['class_weight', { 2: 1 }],
    ['class_weight', 'auto'],
    ['tol', -1],
    ['tol', NaN],
    ['max_iter', 0],
    ['max_iter', 2.5],
    ['solver', 'newton'],
    ['solver', 'lbfgs '],
    ['seed', 0.5],
    ['intercept_scaling', 0],
    ['dual', 'no'],
    ['verbose', -1],
    ['warm_start', 1],
    ['n_jobs', 1.5],
    ['penalty', 'None'],
  ])('%s = %o → InvalidParamError naming it', (param, value) => {
    const e = thrown(() => new LogisticRegression({ [param]: value } as Partial<LogisticRegressionParams>).fit(X, y));
    expect(e).toBeInstanceOf(InvalidParamError);
    expect((e as InvalidParamError).param).toBe(param);
    expect((e as Error).message).toContain(`\`${param}\``);
  });

  it('elasticnet needs l1_ratio; lbfgs rejects l1 penalties (as sklearn)', () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const a = thrown(() => new LogisticRegression({ penalty: 'elasticnet', l1_ratio: null }).fit(X, y));
    expect((a as InvalidParamError).param).toBe('l1_ratio');
    const b = thrown(() => new LogisticRegression({ penalty: 'l1', solver: 'lbfgs' }).fit(X, y));
    expect((b as InvalidParamError).param).toBe('solver');
    // sklearn checks the named penalty, not its smoothness: 'elasticnet' is refused by lbfgs even with
    // l1_ratio 0, while l1_ratio 0 alone (the l2 penalty) is accepted.
    expect((thrown(() => new LogisticRegression({ penalty: 'elasticnet', l1_ratio: 0, solver: 'lbfgs' }).fit(X, y)) as InvalidParamError).param).toBe('solver');
    expect(() => new LogisticRegression({ l1_ratio: 0, solver: 'lbfgs' }).fit(X, y)).not.toThrow();
  });
});

// Compile-time check: LogisticRegression satisfies the shared Classifier contract.
const asClassifier: Classifier<LogisticRegressionParams> = new LogisticRegression();
void asClassifier;
