import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  InvalidArgumentError,
  InvalidInputError,
  InvalidParamError,
  LogisticRegression,
  type DenseMatrix,
  type LogisticRegressionOptions,
} from '../../src/index';
import { messages } from '../../src/index';
import { makeProblem } from './helpers';

const msg = messages.linear;
const common = messages.common;

// scikit-learn 1.9's parameter semantics, unit level (the interop suite has sklearn itself decide the
// same cases): the penalty rule with its warnings, aliases, refused keys and arguments, sample
// weights, warm start and liblinear's objective.
const { X, y } = makeProblem(160, 5, 31);
const FIT = { tol: 1e-10, max_iter: 2000 } as const;

let warnings: { message: string; type: string; code: string }[] = [];
beforeEach(() => {
  warnings = [];
  vi.spyOn(process, 'emitWarning').mockImplementation(((message: string, o: { type: string; code: string }) => {
    warnings.push({ message, type: o.type, code: o.code });
  }) as typeof process.emitWarning);
});
afterEach(() => vi.restoreAllMocks());

const codes = () => warnings.map((w) => w.code);
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, j) => Math.abs(v - b[j]!)));

describe('the penalty rule (sklearn 1.9 LogisticRegression.fit)', () => {
  it.each<[string, LogisticRegressionOptions, string[]]>([
    ['defaults', {}, []],
    ['l1_ratio null (deprecated = 0)', { l1_ratio: null }, ['ABT_LOGISTIC_L1_RATIO_NONE_DEPRECATED']],
    ['l1_ratio between, C = Infinity', { l1_ratio: 0.3, C: Infinity }, ['ABT_LOGISTIC_L1_RATIO_UNUSED']],
    ["penalty 'l2'", { penalty: 'l2' }, ['ABT_LOGISTIC_PENALTY_DEPRECATED']],
    ["penalty 'l1' (l1_ratio default 0)", { penalty: 'l1' }, ['ABT_LOGISTIC_PENALTY_DEPRECATED', 'ABT_LOGISTIC_PENALTY_L1_RATIO_INCONSISTENT']],
    [
      "penalty 'l2' with l1_ratio 0.3",
      { penalty: 'l2', l1_ratio: 0.3 },
      ['ABT_LOGISTIC_PENALTY_DEPRECATED', 'ABT_LOGISTIC_L1_RATIO_UNUSED', 'ABT_LOGISTIC_PENALTY_L1_RATIO_INCONSISTENT'],
    ],
    ['penalty null with C 2', { penalty: null, C: 2 }, ['ABT_LOGISTIC_PENALTY_DEPRECATED', 'ABT_LOGISTIC_PENALTY_NONE_IGNORES_C']],
    ['n_jobs 2', { n_jobs: 2 }, ['ABT_LOGISTIC_N_JOBS_DEPRECATED']],
  ])('%s warns as sklearn does', (_name, params, expected) => {
    new LogisticRegression({ ...params, max_iter: 5 }).fit(X, y);
    expect(codes()).toEqual(expected);
    expect(warnings.every((w) => w.type === (w.code.endsWith('DEPRECATED') ? 'FutureWarning' : 'UserWarning'))).toBe(true);
  });

  it('l1_ratio alone selects the penalty: 1 = lasso (sparse), 0 = ridge, C = Infinity = none', () => {
    const lasso = new LogisticRegression({ l1_ratio: 1, C: 0.02, ...FIT }).fit(X, y);
    expect(lasso.coef.filter((b) => b === 0).length).toBeGreaterThan(0);
    const penaltyL1 = new LogisticRegression({ penalty: 'l1', l1_ratio: 1, C: 0.02, ...FIT }).fit(X, y);
    expect(maxDiff(lasso.coef, penaltyL1.coef)).toBe(0);
    const none = new LogisticRegression({ C: Infinity, ...FIT }).fit(X, y);
    const penaltyNone = new LogisticRegression({ penalty: null, ...FIT }).fit(X, y);
    const legacyNone = new LogisticRegression({ penalty: 'none', ...FIT }).fit(X, y);
    expect(maxDiff(none.coef, penaltyNone.coef)).toBe(0);
    expect(maxDiff(none.coef, legacyNone.coef)).toBe(0);
    // l1_ratio is irrelevant without a penalty.
    expect(maxDiff(none.coef, new LogisticRegression({ C: Infinity, l1_ratio: 1, ...FIT }).fit(X, y).coef)).toBe(0);
  });

  it('an explicit penalty wins over l1_ratio (sklearn: "penalty wins", with its warnings)', () => {
    const ridge = new LogisticRegression({ l1_ratio: 0, C: 0.1, ...FIT }).fit(X, y);
    const conflict = new LogisticRegression({ penalty: 'l2', l1_ratio: 0.7, C: 0.1, ...FIT }).fit(X, y);
    expect(maxDiff(ridge.coef, conflict.coef)).toBe(0);
    const enet = new LogisticRegression({ l1_ratio: 0.4, C: 0.1, ...FIT }).fit(X, y);
    const named = new LogisticRegression({ penalty: 'elasticnet', l1_ratio: 0.4, C: 0.1, ...FIT }).fit(X, y);
    expect(maxDiff(enet.coef, named.coef)).toBe(0);
  });

  it.each<[string, LogisticRegressionOptions, string, string]>([
    ['lbfgs with l1_ratio 1', { solver: 'lbfgs', l1_ratio: 1 }, 'solver', msg.solverPenalty('lbfgs', 'l1')],
    ['sag with elastic-net', { solver: 'sag', l1_ratio: 0.5 }, 'solver', msg.solverPenalty('sag', 'elasticnet')],
    ['newton-cholesky with l1', { solver: 'newton-cholesky', penalty: 'l1' }, 'solver', msg.solverPenalty('newton-cholesky', 'l1')],
    ['dual with lbfgs', { dual: true }, 'dual', msg.solverDual('owlqn')],
    ['liblinear elastic-net', { solver: 'liblinear', l1_ratio: 0.5 }, 'solver', msg.solverElasticnet('liblinear')],
    ['liblinear with C = Infinity', { solver: 'liblinear', C: Infinity }, 'C', msg.liblinearNoPenalty()],
    ['liblinear dual l1', { solver: 'liblinear', dual: true, l1_ratio: 1 }, 'dual', msg.liblinearDualL1()],
    ["'elasticnet' without l1_ratio", { penalty: 'elasticnet', l1_ratio: null }, 'l1_ratio', msg.l1RatioMissing()],
    ['max_iter 0', { max_iter: 0 }, 'max_iter', msg.maxIter(0)],
  ])('%s → InvalidParamError as sklearn raises', (_name, params, param, message) => {
    const e = thrown(() => new LogisticRegression(params).fit(X, y));
    expect(e).toBeInstanceOf(InvalidParamError);
    expect((e as InvalidParamError).param).toBe(param);
    expect(e.message).toBe(message);
  });

  it('each sklearn solver name runs and reaches the same optimum as owlqn on the objective it accepts', () => {
    const ref = new LogisticRegression({ C: 0.3, ...FIT }).fit(X, y);
    for (const solver of ['lbfgs', 'newton-cg', 'newton-cholesky'] as const) {
      expect(maxDiff(new LogisticRegression({ solver, C: 0.3, ...FIT }).fit(X, y).coef, ref.coef)).toBeLessThan(1e-9);
    }
    for (const solver of ['sag', 'saga'] as const) {
      expect(maxDiff(new LogisticRegression({ solver, C: 0.3, tol: 1e-9, max_iter: 5000 }).fit(X, y).coef, ref.coef)).toBeLessThan(1e-5);
    }
  });
});

describe('liblinear: the intercept is a penalized feature of value intercept_scaling', () => {
  it.each([1, 5])('intercept_scaling %s equals fit_intercept=false on [X, s] (l2 and l1)', (s) => {
    const aug: DenseMatrix = { rows: X.rows, cols: X.cols + 1, data: new Float64Array(X.rows * (X.cols + 1)) };
    for (let i = 0; i < X.rows; i++) {
      aug.data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), i * (X.cols + 1));
      aug.data[i * (X.cols + 1) + X.cols] = s;
    }
    for (const l1Ratio of [0, 1]) {
      const lib = new LogisticRegression({ solver: 'liblinear', intercept_scaling: s, l1_ratio: l1Ratio, C: 0.2, ...FIT }).fit(X, y);
      const ref = new LogisticRegression({ fit_intercept: false, l1_ratio: l1Ratio, C: 0.2, ...FIT }).fit(aug, y);
      // Same objective, different starting points: equal to what tol = 1e-10 leaves.
      expect(maxDiff(lib.coef, ref.coef.subarray(0, X.cols))).toBeLessThan(1e-6);
      expect(Math.abs(lib.intercept - s * ref.coef[X.cols]!)).toBeLessThan(1e-6);
    }
  });

  it('intercept_scaling changes nothing for the other solvers (documented no-op)', () => {
    const a = new LogisticRegression({ C: 0.2 }).fit(X, y);
    const b = new LogisticRegression({ C: 0.2, intercept_scaling: 7 }).fit(X, y);
    expect(JSON.stringify(a.coef)).toBe(JSON.stringify(b.coef));
  });
});

describe('seed and random_state', () => {
  it('random_state is an alias of seed; null means the default', () => {
    expect(new LogisticRegression({ random_state: 7 }).getParams().seed).toBe(7);
    expect(new LogisticRegression({ random_state: null }).getParams().seed).toBe(0);
    expect(new LogisticRegression({ random_state: 7, seed: 7 }).getParams().seed).toBe(7);
    const m = new LogisticRegression({ seed: 3 }).setParams({ random_state: 9 });
    expect(m.getParams().seed).toBe(9);
    const a = JSON.stringify(new LogisticRegression({ solver: 'saga', random_state: 5, max_iter: 3 }).fit(X, y));
    const b = JSON.stringify(new LogisticRegression({ solver: 'saga', seed: 5, max_iter: 3 }).fit(X, y));
    expect(a).toBe(b);
  });

  it('seed and random_state that disagree are refused', () => {
    const e = thrown(() => new LogisticRegression({ random_state: 1, seed: 2 }).fit(X, y));
    expect((e as InvalidParamError).param).toBe('random_state');
    expect(e.message).toBe(msg.seedConflict(2, 1));
    expect(() => new LogisticRegression().setParams({ seed: 1, random_state: 2 })).toThrow(InvalidParamError);
  });
});

describe('unknown keys and surplus arguments are refused (contract 2)', () => {
  it('an unknown parameter is an InvalidParamError naming it (at fit for the constructor, at once for setParams)', () => {
    const m = new LogisticRegression({ l1ratio: 1 } as LogisticRegressionOptions);
    const e = thrown(() => m.fit(X, y));
    expect(e).toBeInstanceOf(InvalidParamError);
    expect((e as InvalidParamError).param).toBe('l1ratio');
    expect(e.message).toContain('`l1ratio`');
    const s = thrown(() => new LogisticRegression().setParams({ multi_class: 'ovr' } as LogisticRegressionOptions));
    expect((s as InvalidParamError).param).toBe('multi_class');
  });

  it('surplus positional arguments and unknown option keys are InvalidArgumentError naming the function', () => {
    const fitted = new LogisticRegression().fit(X, y);
    const cases: [() => unknown, string, string][] = [
      [
        () => (new LogisticRegression().fit as (...a: unknown[]) => unknown).call(new LogisticRegression(), X, y, {}, 'extra'),
        'LogisticRegression.fit',
        'argument 4',
      ],
      [() => new LogisticRegression().fit(X, y, { sample_weight: [1] } as never), 'LogisticRegression.fit', 'options.sample_weight'],
      [() => new LogisticRegression().fit(X, y, { valid: { X, y, w: 1 } } as never), 'LogisticRegression.fit', 'options.valid.w'],
      [() => (fitted.predictProba as (...a: unknown[]) => unknown)(X, 1), 'LogisticRegression.predictProba', 'argument 2'],
      [() => (fitted.predict as (...a: unknown[]) => unknown)(X, 0.3), 'LogisticRegression.predict', 'argument 2'],
      [() => (fitted.getParams as (...a: unknown[]) => unknown)(true), 'LogisticRegression.getParams', 'argument 1'],
      [() => (LogisticRegression.fromJSON as (...a: unknown[]) => unknown)(fitted.toJSON(), {}), 'LogisticRegression.fromJSON', 'argument 2'],
    ];
    for (const [run, fn, argument] of cases) {
      const e = thrown(run);
      expect(InvalidArgumentError.isInstance(e), e.message).toBe(true);
      expect(e).toMatchObject({ fn, argument, code: 'INVALID_ARGUMENT' });
    }
    const ctor = thrown(() => new (LogisticRegression as new (...a: unknown[]) => LogisticRegression)({}, 3).fit(X, y));
    expect(ctor.message).toBe(common.surplusArguments('new LogisticRegression', 1, 2));
    // JSON.stringify passes a key to toJSON: that one argument is fine.
    expect(() => JSON.stringify(fitted)).not.toThrow();
  });

  it('InvalidArgumentError is not an InvalidParamError (own marker)', () => {
    const e = thrown(() => new LogisticRegression().fit(X, y, { bogus: 1 } as never));
    expect(InvalidArgumentError.isInstance(e)).toBe(true);
    expect(InvalidArgumentError.isInstance(new InvalidParamError('C', 'x'))).toBe(false);
  });
});

describe('inputs: number[][] and sample weights', () => {
  it('number[][] fits and predicts exactly as the dense matrix', () => {
    const rows = Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
    const a = new LogisticRegression().fit(X, y);
    const b = new LogisticRegression().fit(rows, Array.from(y));
    expect(b.coef).toEqual(a.coef);
    expect(b.predictProba(rows.slice(0, 3))).toEqual(a.predictProba({ rows: 3, cols: X.cols, data: X.data.subarray(0, 3 * X.cols) }));
    expect(Array.from(b.predict(rows))).toEqual(Array.from(a.decisionFunction(X), (z) => (z > 0 ? 1 : 0)));
    expect(
      thrown(() =>
        a.predictProba([
          [1, 2, 3, 4, 5],
          [1, 2],
        ]),
      ).message,
    ).toBe(common.raggedRows('LogisticRegression.predictProba', 1, 2, 5));
    expect(thrown(() => a.predictProba([[1, 2, 3, 4, '5' as never]]))).toBeInstanceOf(InvalidInputError);
    expect(thrown(() => a.predictProba('x' as never))).toBeInstanceOf(InvalidInputError);
  });

  it('integer sample weights equal repeated rows; weight 0 equals dropping the row', () => {
    const w = Float64Array.from({ length: X.rows }, (_, i) => i % 4);
    const rows: number[] = [];
    for (let i = 0; i < X.rows; i++) for (let k = 0; k < w[i]!; k++) rows.push(i);
    const data = new Float64Array(rows.length * X.cols);
    rows.forEach((i, r) => data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), r * X.cols));
    const yy = Float64Array.from(rows, (i) => y[i]!);
    for (const extra of [{}, { class_weight: 'balanced' as const }, { l1_ratio: 0.5, C: 0.3 }]) {
      const weighted = new LogisticRegression({ ...extra, ...FIT }).fit(X, y, { sampleWeight: w });
      const repeated = new LogisticRegression({ ...extra, ...FIT }).fit({ rows: rows.length, cols: X.cols, data }, yy);
      expect(maxDiff(weighted.coef, repeated.coef)).toBeLessThan(1e-7);
      expect(Math.abs(weighted.intercept - repeated.intercept)).toBeLessThan(1e-7);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['negative', Array.from({ length: 160 }, (_, i) => (i === 3 ? -1 : 1)), /\[3\] is -1/],
    ['NaN', Array.from({ length: 160 }, (_, i) => (i === 4 ? NaN : 1)), /\[4\] is NaN/],
    ['short', [1, 2], /has 2 weights but X has 160 rows/],
    ['all zero', new Float64Array(160), /every row weight 0/],
  ])('%s sample weights → InvalidInputError', (_name, w, message) => {
    const e = thrown(() => new LogisticRegression().fit(X, y, { sampleWeight: w as number[] }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toMatch(message);
  });
});

describe('warm_start', () => {
  it('starts from the previous solution (fewer iterations, same optimum); off, refit starts over', () => {
    const cold = new LogisticRegression({ C: 0.5, tol: 1e-8, max_iter: 500 }).fit(X, y);
    const warm = new LogisticRegression({ C: 0.5, tol: 1e-8, max_iter: 500, warm_start: true }).fit(X, y);
    warm.fit(X, y);
    expect(warm.nIter).toBeLessThan(cold.nIter);
    expect(maxDiff(warm.coef, cold.coef)).toBeLessThan(1e-6);
    const again = cold.fit(X, y);
    expect(again.nIter).toBe(new LogisticRegression({ C: 0.5, tol: 1e-8, max_iter: 500 }).fit(X, y).nIter);
  });

  it('refuses a previous fit of another width, as sklearn', () => {
    const m = new LogisticRegression({ warm_start: true }).fit(X, y);
    const narrow = { rows: X.rows, cols: 2, data: X.data.slice(0, X.rows * 2) };
    expect(thrown(() => m.fit(narrow, y)).message).toBe(msg.warmStartShape(5, 2));
  });
});

describe('C = Infinity and no-op parameters', () => {
  it('C = Infinity survives JSON (as the string "Infinity")', () => {
    const m = new LogisticRegression({ C: Infinity, max_iter: 20 }).fit(X, y);
    const json = JSON.parse(JSON.stringify(m));
    expect(json.params.C).toBe('Infinity');
    expect(LogisticRegression.fromJSON(json).getParams().C).toBe(Infinity);
  });

  it('verbose and n_jobs do not change the model', () => {
    const a = JSON.stringify(new LogisticRegression().fit(X, y).coef);
    expect(JSON.stringify(new LogisticRegression({ verbose: 2 }).fit(X, y).coef)).toBe(a);
    expect(JSON.stringify(new LogisticRegression({ n_jobs: -1 }).fit(X, y).coef)).toBe(a);
  });

  it('loads JSON written before the sklearn 1.8 parameters (penalty "l2", l1_ratio null, no new keys)', () => {
    const json = JSON.parse(JSON.stringify(new LogisticRegression().fit(X, y)));
    json.params = { C: 1, penalty: 'l2', l1_ratio: null, fit_intercept: true, class_weight: null, tol: 1e-4, max_iter: 100, solver: 'owlqn', seed: 0 };
    const back = LogisticRegression.fromJSON(json);
    expect(back.getParams()).toMatchObject({ penalty: 'l2', l1_ratio: null, dual: false, warm_start: false, n_jobs: null });
    json.params.multi_class = 'auto';
    expect(() => LogisticRegression.fromJSON(json)).toThrow(/\$\.params\.multi_class/);
  });
});
