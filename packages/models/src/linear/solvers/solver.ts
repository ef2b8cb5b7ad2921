/** What a solver returns: θ = [β…, b] and how it ended. */
export type SolverResult = {
  readonly theta: Float64Array;
  readonly nIter: number;
  readonly converged: boolean;
  /** Final objective on the C·Σw-normalized scale (see LogisticProblem). */
  readonly objective: number;
};

export type SolverOptions = {
  readonly tol: number;
  readonly maxIter: number;
  /** Starting intercept (the log-odds of the weighted base rate converges fastest). */
  readonly initIntercept: number;
  /** Warm start: θ₀ = [β…, w_b] from a previous fit (replaces the zero start and initIntercept). */
  readonly init?: Float64Array;
  /** Seeded uniform [0, 1) source, created in `fit` (used by stochastic solvers only). */
  readonly rng: () => number;
  /** Threads for the row passes of the full-batch solvers (the model is the same for any count). */
  readonly threads?: number;
  /** Called after every iteration with the current θ; return false to stop. */
  readonly onIteration?: (iteration: number, objective: number, theta: Float64Array) => void | boolean;
};
