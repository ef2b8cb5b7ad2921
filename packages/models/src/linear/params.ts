import { InvalidParamError } from '../errors';
import { messages } from '../messages';

const msg = messages.linear;

export type Penalty = 'l2' | 'l1' | 'elasticnet' | 'none';
export type LinearSolver = 'owlqn' | 'lbfgs' | 'saga';
export type ClassWeight = null | 'balanced' | { readonly 0?: number; readonly 1?: number };

/** Hyperparameters, spelled as scikit-learn's `LogisticRegression` spells them. */
export type LogisticRegressionParams = {
  /** Inverse regularization strength: the objective is C·Σ wᵢ·loglossᵢ + penalty. > 0. */
  C: number;
  /** Which penalty on the coefficients (never on the intercept). */
  penalty: Penalty;
  /** Elastic-net mix in [0, 1]: 0 = pure l2, 1 = pure l1. Required for 'elasticnet', ignored otherwise. */
  l1_ratio: number | null;
  /** Learn an unpenalized intercept. */
  fit_intercept: boolean;
  /** Per-class sample weights: null (all 1), 'balanced' (n / (2·n_class)), or {0: w0, 1: w1}. */
  class_weight: ClassWeight;
  /**
   * Stopping tolerance, with each solver's scikit-learn meaning: owlqn / lbfgs stop when the largest
   * (pseudo-)gradient entry of objective / (C·Σw) is ≤ tol (sklearn's lbfgs `gtol`); saga stops when
   * max |Δθ| over an epoch / max |θ| ≤ tol.
   */
  tol: number;
  /** Maximum iterations: quasi-Newton steps for owlqn / lbfgs, epochs (n sampled rows) for saga. */
  max_iter: number;
  /** 'owlqn' (default; every penalty), 'lbfgs' (l2 / none only, as in scikit-learn) or 'saga' (every penalty; stochastic, uses `seed`). */
  solver: LinearSolver;
  /** Seed of the RNG created in `fit`; only saga samples rows, owlqn / lbfgs are deterministic. */
  seed: number;
};

export const LOGISTIC_REGRESSION_DEFAULTS: Readonly<LogisticRegressionParams> = Object.freeze({
  C: 1.0,
  penalty: 'l2',
  l1_ratio: null,
  fit_intercept: true,
  class_weight: null,
  tol: 1e-4,
  max_iter: 100,
  solver: 'owlqn',
  seed: 0,
});

/** Fills defaults in the one place they live; copies object-valued params so callers cannot mutate them later. */
export function withDefaults(p: Partial<LogisticRegressionParams>): LogisticRegressionParams {
  const {
    C = LOGISTIC_REGRESSION_DEFAULTS.C,
    penalty = LOGISTIC_REGRESSION_DEFAULTS.penalty,
    l1_ratio = LOGISTIC_REGRESSION_DEFAULTS.l1_ratio,
    fit_intercept = LOGISTIC_REGRESSION_DEFAULTS.fit_intercept,
    class_weight = LOGISTIC_REGRESSION_DEFAULTS.class_weight,
    tol = LOGISTIC_REGRESSION_DEFAULTS.tol,
    max_iter = LOGISTIC_REGRESSION_DEFAULTS.max_iter,
    solver = LOGISTIC_REGRESSION_DEFAULTS.solver,
    seed = LOGISTIC_REGRESSION_DEFAULTS.seed,
  } = p;
  const cw = class_weight !== null && typeof class_weight === 'object' ? { ...class_weight } : class_weight;
  return { C, penalty, l1_ratio, fit_intercept, class_weight: cw, tol, max_iter, solver, seed };
}

/** The penalty as strengths on sklearn's scale: l1Ratio·|β|₁ + (1 − l1Ratio)/2·|β|², or none. */
export type PenaltyMix = { readonly l1Ratio: number; readonly active: boolean };

const PENALTIES: readonly Penalty[] = ['l2', 'l1', 'elasticnet', 'none'];
const SOLVERS: readonly LinearSolver[] = ['owlqn', 'lbfgs', 'saga'];

/** Checks every param against its allowed range; throws InvalidParamError naming the first bad one. */
export function validateParams(p: LogisticRegressionParams): PenaltyMix {
  const bad = (name: string, allowed: string, got: unknown) => new InvalidParamError(name, msg.paramRange(name, allowed, got));
  if (typeof p.C !== 'number' || !Number.isFinite(p.C) || p.C <= 0) throw bad('C', 'a finite number > 0', p.C);
  if (!PENALTIES.includes(p.penalty)) throw bad('penalty', `one of ${PENALTIES.map((s) => `'${s}'`).join(', ')}`, p.penalty);
  if (p.l1_ratio !== null && (typeof p.l1_ratio !== 'number' || !(p.l1_ratio >= 0 && p.l1_ratio <= 1))) {
    throw bad('l1_ratio', 'null or a number in [0, 1]', p.l1_ratio);
  }
  if (p.penalty === 'elasticnet' && p.l1_ratio === null) throw new InvalidParamError('l1_ratio', msg.l1RatioMissing());
  if (typeof p.fit_intercept !== 'boolean') throw bad('fit_intercept', 'true or false', p.fit_intercept);
  validateClassWeight(p.class_weight);
  if (typeof p.tol !== 'number' || !Number.isFinite(p.tol) || p.tol < 0) throw bad('tol', 'a finite number ≥ 0', p.tol);
  if (!Number.isInteger(p.max_iter) || p.max_iter < 1) throw bad('max_iter', 'an integer ≥ 1', p.max_iter);
  if (!SOLVERS.includes(p.solver)) throw bad('solver', `one of ${SOLVERS.map((s) => `'${s}'`).join(', ')}`, p.solver);
  if (!Number.isSafeInteger(p.seed)) throw bad('seed', 'a safe integer', p.seed);
  const l1Ratio = p.penalty === 'l1' ? 1 : p.penalty === 'elasticnet' ? (p.l1_ratio as number) : 0;
  const mix = { l1Ratio, active: p.penalty !== 'none' };
  // Matches sklearn: lbfgs handles only smooth penalties.
  if (p.solver === 'lbfgs' && mix.active && l1Ratio > 0) throw new InvalidParamError('solver', msg.solverPenalty(p.solver, p.penalty));
  return mix;
}

function validateClassWeight(cw: unknown): void {
  if (cw === null || cw === 'balanced') return;
  const allowed = "null, 'balanced' or {0: w0, 1: w1} with finite weights ≥ 0";
  if (typeof cw !== 'object' || Array.isArray(cw)) throw new InvalidParamError('class_weight', msg.paramRange('class_weight', allowed, cw));
  for (const [k, v] of Object.entries(cw as Record<string, unknown>)) {
    if ((k !== '0' && k !== '1') || typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new InvalidParamError('class_weight', msg.paramRange('class_weight', allowed, cw));
    }
  }
}

/** Weight of each class as sklearn computes it ('balanced' = n / (2·n_c)). */
export function classWeights(cw: ClassWeight, counts: readonly [number, number]): [number, number] {
  if (cw === null) return [1, 1];
  const n = counts[0] + counts[1];
  if (cw === 'balanced') return [n / (2 * counts[0]), n / (2 * counts[1])];
  return [cw[0] ?? 1, cw[1] ?? 1];
}
