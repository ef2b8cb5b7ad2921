import { finishGradient, l1Norm, penalizedCount, smoothPenalty, type LogisticProblem } from '../objective';
import { RowEngine } from '../row-engine';
import type { SolverOptions, SolverResult } from './solver';

// Orthant-Wise Limited-memory Quasi-Newton (Andrew & Gao, ICML 2007): L-BFGS on the smooth
// part, with the l1 term handled through the pseudo-gradient, orthant-constrained directions
// and a projected backtracking line search. With l1 = 0 it is plain L-BFGS with Armijo backtracking.

const MEMORY = 10; // scipy's L-BFGS-B default `maxcor`, as used by sklearn's lbfgs
const ARMIJO = 1e-4;
const MAX_LINE_SEARCH = 50; // sklearn passes maxls=50 to scipy
const FTOL = 64 * Number.EPSILON; // sklearn's ftol for lbfgs: stop when the relative decrease is at rounding level

export function owlqn(prob: LogisticProblem, opts: SolverOptions): SolverResult {
  const engine = new RowEngine(prob, opts.threads ?? 1);
  try {
    return minimize(prob, engine, opts);
  } finally {
    engine.close();
  }
}

function minimize(prob: LogisticProblem, engine: RowEngine, opts: SolverOptions): SolverResult {
  const p = prob.X.cols;
  const d = p + 1; // last slot = intercept (kept at 0 when fit_intercept = false)
  const { l1 } = prob;
  const pl = penalizedCount(prob); // entries the penalty covers (p, or p + 1 for liblinear's intercept)
  const s0 = prob.interceptScale;
  // Margins live in the engine's two slots: `cur` holds θ's, the other a trial point's. A trial along
  // dir costs O(n) from X·dir instead of a pass over X.
  let cur = 0;
  let theta = new Float64Array(d);
  if (opts.init !== undefined) theta.set(opts.init);
  else if (prob.fitIntercept) theta[p] = opts.initIntercept / s0;
  if (!prob.fitIntercept) theta[p] = 0;
  let grad = new Float64Array(d);
  engine.margins(theta, cur);
  let F = engine.loss(cur) + smoothPenalty(prob, theta) + l1 * l1Norm(theta, pl);
  engine.gradient(grad);
  finishGradient(prob, theta, grad);
  let next = new Float64Array(d);
  let nextGrad = new Float64Array(d);
  const pg = new Float64Array(d);
  const dir = new Float64Array(d);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(MEMORY);

  let iter = 0;
  let converged = false;
  while (iter < opts.maxIter) {
    pseudoGradient(theta, grad, l1, pl, pg);
    if (maxAbs(pg) <= opts.tol) {
      converged = true;
      break;
    }
    twoLoop(pg, S, Y, rho, alpha, dir);
    let slope = 0;
    for (let j = 0; j < d; j++) {
      // Keep only components that descend along −pg (the orthant constraint of OWL-QN).
      if (l1 > 0 && j < pl && dir[j]! * pg[j]! >= 0) dir[j] = 0;
      slope += dir[j]! * pg[j]!;
    }
    if (!(slope < 0)) {
      // Curvature memory gave no descent direction: restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let j = 0; j < d; j++) dir[j] = -pg[j]!;
    }
    if (!prob.fitIntercept) dir[p] = 0;
    let step = S.length === 0 ? Math.min(1, 1 / norm2(pg)) : 1;
    let Fn = Number.POSITIVE_INFINITY;
    let accepted = false;
    let haveXDir = false;
    const trialSlot = 1 - cur;
    for (let ls = 0; ls < MAX_LINE_SEARCH; ls++) {
      let decrease = 0;
      let projected = false;
      for (let j = 0; j < d; j++) {
        let v = theta[j]! + step * dir[j]!;
        if (l1 > 0 && j < pl) {
          // Project onto the orthant of θ (or of −pg where θ is 0): crossing zero stops at zero.
          const orthant = theta[j]! !== 0 ? Math.sign(theta[j]!) : -Math.sign(pg[j]!);
          if (v * orthant <= 0 && v !== 0) {
            v = 0;
            projected = true;
          }
        }
        next[j] = v;
        decrease += pg[j]! * (v - theta[j]!);
      }
      if (!prob.fitIntercept) next[p] = 0;
      let loss: number;
      if (projected) {
        // The trial left the ray θ + t·dir: its margins need a pass over X.
        engine.margins(next, trialSlot);
        loss = engine.loss(trialSlot);
      } else {
        // On the ray, margins are z + t·X·dir: one pass over X per iteration, whatever the trial count.
        if (!haveXDir) {
          engine.direction(dir);
          haveXDir = true;
        }
        loss = engine.trial(cur, trialSlot, step);
      }
      // r is filled for the trial point too, so an accepted step needs no second pass over X.
      Fn = loss + smoothPenalty(prob, next) + l1 * l1Norm(next, pl);
      if (Fn <= F + ARMIJO * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    iter++;
    if (!accepted) {
      // No decrease is representable any more: θ is optimal to rounding.
      converged = true;
      break;
    }
    engine.gradient(nextGrad);
    finishGradient(prob, next, nextGrad);
    remember(theta, next, grad, nextGrad, S, Y, rho);
    const relDecrease = (F - Fn) / Math.max(Math.abs(F), Math.abs(Fn), 1);
    [theta, next] = [next, theta];
    [grad, nextGrad] = [nextGrad, grad];
    cur = trialSlot;
    F = Fn;
    if (opts.onIteration?.(iter, F, theta) === false) break;
    if (relDecrease <= FTOL) {
      converged = true;
      break;
    }
  }
  return { theta, nIter: iter, converged, objective: F };
}

/** Minimum-norm subgradient of f + l1·|β|₁ (the intercept is unpenalized). */
function pseudoGradient(theta: Float64Array, grad: Float64Array, l1: number, p: number, out: Float64Array): void {
  for (let j = 0; j < theta.length; j++) {
    const g = grad[j]!;
    if (l1 === 0 || j >= p) out[j] = g;
    else if (theta[j]! > 0) out[j] = g + l1;
    else if (theta[j]! < 0) out[j] = g - l1;
    else if (g + l1 < 0) out[j] = g + l1;
    else if (g - l1 > 0) out[j] = g - l1;
    else out[j] = 0;
  }
}

/** dir = −H·g from the stored (s, y) pairs (Nocedal & Wright, Algorithm 7.4). */
function twoLoop(g: Float64Array, S: Float64Array[], Y: Float64Array[], rho: number[], alpha: Float64Array, dir: Float64Array): void {
  const d = g.length;
  dir.set(g);
  for (let k = S.length - 1; k >= 0; k--) {
    const a = rho[k]! * dot(S[k]!, dir);
    alpha[k] = a;
    axpy(-a, Y[k]!, dir);
  }
  if (S.length > 0) {
    const last = S.length - 1;
    const gamma = 1 / (rho[last]! * dot(Y[last]!, Y[last]!));
    for (let j = 0; j < d; j++) dir[j]! *= gamma;
  }
  for (let k = 0; k < S.length; k++) {
    const b = rho[k]! * dot(Y[k]!, dir);
    axpy(alpha[k]! - b, S[k]!, dir);
  }
  for (let j = 0; j < d; j++) dir[j] = -dir[j]!;
}

function remember(
  theta: Float64Array,
  next: Float64Array,
  grad: Float64Array,
  nextGrad: Float64Array,
  S: Float64Array[],
  Y: Float64Array[],
  rho: number[],
): void {
  const d = theta.length;
  // Recycle the oldest pair's buffers once the memory is full (no allocation per iteration).
  const full = S.length === MEMORY;
  const s = full ? S[0]! : new Float64Array(d);
  const y = full ? Y[0]! : new Float64Array(d);
  let sy = 0;
  let ss = 0;
  let yy = 0;
  for (let j = 0; j < d; j++) {
    const sj = next[j]! - theta[j]!;
    const yj = nextGrad[j]! - grad[j]!;
    sy += sj * yj;
    ss += sj * sj;
    yy += yj * yj;
    if (!full) {
      s[j] = sj;
      y[j] = yj;
    }
  }
  // Skip pairs without positive curvature: they would make H indefinite.
  if (!(sy > 1e-12 * Math.sqrt(ss * yy))) return;
  if (full) {
    S.shift();
    Y.shift();
    rho.shift();
    for (let j = 0; j < d; j++) {
      s[j] = next[j]! - theta[j]!;
      y[j] = nextGrad[j]! - grad[j]!;
    }
  }
  S.push(s);
  Y.push(y);
  rho.push(1 / sy);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j]! += a * x[j]!;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let j = 0; j < a.length; j++) m = Math.max(m, Math.abs(a[j]!));
  return m;
}

function norm2(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}
