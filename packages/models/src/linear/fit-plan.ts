import { InvalidParamError } from '../errors';
import { messages } from '../messages';
import type { LinearSolver, LogisticRegressionParams } from './params';
import { logisticWarning, type LogisticWarning } from './warnings';

const msg = messages.linear;

/** What `fit` solves, decided from the params exactly as scikit-learn 1.9's `LogisticRegression.fit` decides it. */
export type FitPlan = {
  /** The penalty sklearn fits (its local `penalty`): null = none. */
  readonly penalty: 'l2' | 'l1' | 'elasticnet' | null;
  /** Share of l1 in the penalty: l1 → 1, l2 → 0, elastic-net → `l1_ratio`. */
  readonly l1Ratio: number;
  /** C the objective uses: Infinity when there is no penalty (then the penalty terms vanish). */
  readonly C: number;
  /** The abt solver that runs. */
  readonly algorithm: 'owlqn' | 'saga';
  /** liblinear's objective: the intercept is a feature of value `intercept_scaling`, penalized like the others. */
  readonly liblinear: boolean;
};

// Solvers by the penalties they take; abt's own 'owlqn' takes every one. Mapping each sklearn name
// to an abt algorithm is sound because the objective is strictly convex (or convex with the same
// minimum value): every converged solver of the same objective reaches the same optimum.
const SMOOTH_ONLY: readonly LinearSolver[] = ['lbfgs', 'newton-cg', 'newton-cholesky', 'sag'];
const ALGORITHM: Readonly<Record<LinearSolver, FitPlan['algorithm']>> = {
  owlqn: 'owlqn',
  lbfgs: 'owlqn', // OWL-QN with no l1 term is L-BFGS with sklearn's memory (10), maxls (50) and gtol / ftol rules
  'newton-cg': 'owlqn',
  'newton-cholesky': 'owlqn',
  liblinear: 'owlqn', // on liblinear's objective (penalized intercept), which abt solves in the primal
  sag: 'saga', // SAG and SAGA share sklearn's step size and stopping rule; with no l1 their fixed point is the same
  saga: 'saga',
};

/**
 * sklearn 1.9's rule (`LogisticRegression.fit`, `_check_solver`), step for step and in its order:
 * with `penalty` left at its default `'deprecated'`, `l1_ratio` picks it (0 or null → l2, 1 → l1,
 * between → elastic-net) and `C = Infinity` means none; an explicit `penalty` wins over `l1_ratio` and
 * warns that it is deprecated. `warn` gets each warning sklearn gives, before any error it raises.
 * Throws InvalidParamError naming the parameter where sklearn raises ValueError.
 */
export function planFit(p: LogisticRegressionParams, warn: (w: LogisticWarning) => void): FitPlan {
  const given = p.penalty === 'none' ? null : p.penalty; // abt's pre-1.8 spelling of None
  let penalty: FitPlan['penalty'];
  if (given === 'deprecated') {
    if (p.l1_ratio === 0 || p.l1_ratio === null) {
      penalty = 'l2';
      if (p.l1_ratio === null) warn(logisticWarning('l1-ratio-none-deprecated'));
    } else if (p.l1_ratio === 1) penalty = 'l1';
    else penalty = 'elasticnet';
    if (p.C === Infinity) penalty = null;
  } else {
    penalty = given;
    warn(logisticWarning('penalty-deprecated'));
  }
  checkSolver(p.solver, penalty, p.dual);
  if (penalty !== 'elasticnet' && p.l1_ratio !== null && p.l1_ratio > 0 && p.l1_ratio < 1) warn(logisticWarning('l1-ratio-unused', { penalty }));
  if ((given === 'l2' && p.l1_ratio !== 0) || (given === 'l1' && p.l1_ratio !== 1)) {
    warn(logisticWarning('penalty-l1-ratio-inconsistent', { penalty: given, l1_ratio: p.l1_ratio }));
  }
  if (penalty === 'elasticnet' && p.l1_ratio === null) throw new InvalidParamError('l1_ratio', msg.l1RatioMissing());
  let C = p.C;
  if (given === null) {
    if (p.C !== 1) warn(logisticWarning('penalty-none-ignores-c'));
    C = Infinity;
  }
  if (p.n_jobs !== null) warn(logisticWarning('n-jobs-deprecated', { n_jobs: p.n_jobs }));
  // liblinear refuses dual with l1 when it picks its solver type (sklearn `_get_liblinear_solver_type`).
  if (p.solver === 'liblinear' && p.dual && penalty === 'l1') throw new InvalidParamError('dual', msg.liblinearDualL1());
  const l1Ratio = penalty === 'l1' ? 1 : penalty === 'elasticnet' ? (p.l1_ratio as number) : 0;
  return { penalty, l1Ratio, C: penalty === null ? Infinity : C, algorithm: ALGORITHM[p.solver], liblinear: p.solver === 'liblinear' };
}

/** sklearn's `_check_solver`, with abt's 'owlqn' taking every penalty as saga does. */
function checkSolver(solver: LinearSolver, penalty: FitPlan['penalty'], dual: boolean): void {
  if (SMOOTH_ONLY.includes(solver) && penalty !== 'l2' && penalty !== null) throw new InvalidParamError('solver', msg.solverPenalty(solver, penalty));
  if (solver !== 'liblinear' && dual) throw new InvalidParamError('dual', msg.solverDual(solver));
  if (penalty === 'elasticnet' && solver === 'liblinear') throw new InvalidParamError('solver', msg.solverElasticnet(solver));
  if (solver === 'liblinear' && penalty === null) throw new InvalidParamError('C', msg.liblinearNoPenalty());
}
