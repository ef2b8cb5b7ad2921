import { asCsr } from '../design';
import { sigmoid } from '../logistic';
import { l1Norm, margins, smoothLossAt, type LogisticProblem } from '../objective';
import { proxStep, proxSteps } from './lazy-prox';
import type { SolverOptions, SolverResult } from './solver';

// SAGA (Defazio, Bach & Lacoste-Julien 2014), the algorithm behind scikit-learn's `solver='saga'`:
// rows sampled uniformly with replacement from a seeded RNG, sklearn's step size and stopping rule
// (max |Δθ| over an epoch / max |θ| ≤ tol). Unlike sklearn, which takes the l2 part as a gradient
// step, the whole elastic-net penalty sits in the proximal step: same fixed point, and it makes
// the just-in-time update of untouched coordinates a closed form.
// Coordinates not in the sampled row are updated just in time (lazy-prox.ts). The gradient table
// starts at θ₀ (one full pass) rather than empty, so the average always divides by n.

export function saga(prob: LogisticProblem, opts: SolverOptions): SolverResult {
  const X = asCsr(prob.X);
  const { indptr, indices, data } = X;
  const n = X.rows;
  const p = X.cols;
  const { y, sw, l1, l2, fitIntercept } = prob;
  const rng = opts.rng;
  // liblinear's penalized intercept never reaches saga (fit-plan.ts sends liblinear to owlqn).
  const beta = opts.init === undefined ? new Float64Array(p) : opts.init.slice(0, p);
  let b = !fitIntercept ? 0 : opts.init === undefined ? opts.initIntercept : opts.init[p]!;

  // Per-row loss fᵢ = n·swᵢ·ℓᵢ, so the objective is mean(fᵢ) + penalty. Table of dfᵢ/dz at θ₀.
  const gmem = new Float64Array(n);
  const S = new Float64Array(p);
  let Sb = 0;
  let maxRow = 0;
  const z0 = opts.init === undefined ? null : margins(prob, opts.init, new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const wi = n * sw[i]!;
    const g = wi * (sigmoid(z0 === null ? b : z0[i]!) - y[i]!);
    gmem[i] = g;
    Sb += g;
    let sq = fitIntercept ? 1 : 0;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      S[indices[k]!]! += g * data[k]!;
      sq += data[k]! * data[k]!;
    }
    maxRow = Math.max(maxRow, wi * sq);
  }
  // sklearn's get_auto_step_size for saga: 1 / (2L + min(2nμ, L)), L = max‖xᵢ‖²/4 + μ.
  const L = 0.25 * maxRow + l2;
  const step = 1 / (2 * L + Math.min(2 * n * l2, L));
  const tau = step * l1;
  const mu = step * l2;
  const aScale = step / n;

  const done = new Float64Array(p); // steps applied to each coefficient so far
  let t = 0;
  const prev = new Float64Array(p + 1);
  const theta = new Float64Array(p + 1);
  let epoch = 0;
  let converged = false;
  while (epoch < opts.maxIter) {
    for (let it = 0; it < n; it++) {
      const i = Math.min(n - 1, Math.floor(rng() * n));
      const start = indptr[i]!;
      const end = indptr[i + 1]!;
      let z = b;
      for (let k = start; k < end; k++) {
        const j = indices[k]!;
        const lag = t - done[j]!;
        if (lag > 0) beta[j] = catchUp(beta[j]!, aScale * S[j]!, tau, mu, lag);
        done[j] = t;
        z += data[k]! * beta[j]!;
      }
      const gNew = n * sw[i]! * (sigmoid(z) - y[i]!);
      const delta = gNew - gmem[i]!;
      for (let k = start; k < end; k++) {
        const j = indices[k]!;
        beta[j] = proxStep(beta[j]!, step * delta * data[k]! + aScale * S[j]!, tau, mu);
        done[j] = t + 1;
      }
      if (fitIntercept) b -= step * delta + aScale * Sb;
      if (delta !== 0) {
        for (let k = start; k < end; k++) S[indices[k]!]! += delta * data[k]!;
        Sb += delta;
        gmem[i] = gNew;
      }
      t++;
    }
    for (let j = 0; j < p; j++) {
      const lag = t - done[j]!;
      if (lag > 0) beta[j] = catchUp(beta[j]!, aScale * S[j]!, tau, mu, lag);
      done[j] = t;
    }
    epoch++;
    theta.set(beta);
    theta[p] = b;
    let maxChange = 0;
    let maxWeight = 0;
    for (let j = 0; j <= p; j++) {
      maxChange = Math.max(maxChange, Math.abs(theta[j]! - prev[j]!));
      maxWeight = Math.max(maxWeight, Math.abs(theta[j]!));
    }
    prev.set(theta);
    if (opts.onIteration !== undefined && opts.onIteration(epoch, objectiveAt(prob, theta), theta) === false) break;
    if ((maxWeight !== 0 && maxChange / maxWeight <= opts.tol) || (maxWeight === 0 && maxChange === 0)) {
      converged = true;
      break;
    }
  }
  theta.set(beta);
  theta[p] = b;
  return { theta, nIter: epoch, converged, objective: objectiveAt(prob, theta) };
}

/** Short lags are cheaper stepped explicitly than through the closed form's log/exp. */
function catchUp(beta: number, a: number, tau: number, mu: number, lag: number): number {
  if (lag <= 4) {
    for (let s = 0; s < lag; s++) beta = proxStep(beta, a, tau, mu);
    return beta;
  }
  return proxSteps(beta, a, tau, mu, lag);
}

function objectiveAt(prob: LogisticProblem, theta: Float64Array): number {
  const z = margins(prob, theta, new Float64Array(prob.X.rows));
  return smoothLossAt(prob, theta, z) + prob.l1 * l1Norm(theta, prob.X.cols);
}
