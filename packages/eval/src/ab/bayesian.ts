import { EvalError } from '../errors';
import { messages } from '../messages';
import { toRng } from '../random';
import { normalCdf } from '../stats/normal';
import { gaussLegendre } from './gauss-legendre';
import { betaVariate } from './random-variates';
import { incompleteBetaPair, logBetaPowers } from './special/incomplete-beta';
import type { ProportionInput } from './proportion-test';
import { checkCount, checkMinUsers } from './validate';
import { checkArity, checkKeys, keysOf } from '../check-args';

export interface BetaParams {
  readonly alpha: number;
  readonly beta: number;
}

export interface BayesianResult {
  /** P(B > A) under the posteriors. */
  readonly chanceToBeatControl: number;
  /** E[max(B − A, 0)]: what shipping A (keeping control) is expected to lose. */
  readonly expectedLossA: number;
  /** E[max(A − B, 0)]: what shipping B is expected to lose. */
  readonly expectedLossB: number;
}

export interface BayesianProportionsResult extends BayesianResult {
  readonly posteriorA: BetaParams;
  readonly posteriorB: BetaParams;
  /** How the figures were computed; 'quadrature' falls back to 'monte-carlo' when a posterior parameter is < 1. */
  readonly method: 'quadrature' | 'monte-carlo';
}

export interface BayesianProportionsOptions {
  /** Beta prior of both rates; default { alpha: 1, beta: 1 } (uniform). */
  readonly prior?: BetaParams;
  /** 'quadrature' (default, deterministic, ~1e-10) or 'monte-carlo' (seeded). */
  readonly method?: 'quadrature' | 'monte-carlo';
  /** Monte Carlo draws per arm; default 100,000. */
  readonly draws?: number;
  /** Monte Carlo seed; default 0. */
  readonly seed?: number;
}
const BAYESIAN_OPTIONS = keysOf<BayesianProportionsOptions>({ prior: true, method: true, draws: true, seed: true });
export const BETA_PARAMS_KEYS = keysOf<BetaParams>({ alpha: true, beta: true });
const PROPORTION_INPUT_KEYS = keysOf<ProportionInput>({ successesA: true, nA: true, successesB: true, nB: true });

const GL = gaussLegendre(16);
const PANELS = 24;

/**
 * Beta-Binomial model of two conversion rates. Default method: one-dimensional Gauss–Legendre quadrature over A's
 * posterior of exact conditional expressions (no sampling noise): P(B > A) = ∫ f_A(x) (1 − I_x(αB, βB)) dx and
 * E[(A − B)⁺] = ∫ f_A(x) [x I_x(αB, βB) − μB I_x(αB + 1, βB)] dx, integrated over A's mean ± 12 sd in 24 panels.
 * 'monte-carlo' draws seeded Beta variates instead (GrowthBook-style).
 */
export function bayesianProportions(input: ProportionInput, options: BayesianProportionsOptions = {}): BayesianProportionsResult {
  checkArity('bayesianProportions', arguments, ['input', 'options']);
  checkKeys('bayesianProportions', 'input', input, PROPORTION_INPUT_KEYS);
  checkKeys('bayesianProportions', 'options', options, BAYESIAN_OPTIONS);
  checkKeys('bayesianProportions', 'options.prior', options.prior, BETA_PARAMS_KEYS);
  const where = 'bayesianProportions';
  const { prior = { alpha: 1, beta: 1 }, method = 'quadrature', draws = 100_000, seed = 0 } = options;
  if (!(prior.alpha > 0 && prior.beta > 0 && Number.isFinite(prior.alpha) && Number.isFinite(prior.beta))) {
    throw new EvalError('INVALID_OPTION', messages.ab.invalidPrior(where, prior));
  }
  if (method !== 'quadrature' && method !== 'monte-carlo')
    throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'method', method, "'quadrature' or 'monte-carlo'"));
  const { successesA, nA, successesB, nB } = input;
  for (const [name, v] of [
    ['successesA', successesA],
    ['nA', nA],
    ['successesB', successesB],
    ['nB', nB],
  ] as const)
    checkCount(where, name, v);
  checkMinUsers(where, 'A', nA, 1);
  checkMinUsers(where, 'B', nB, 1);
  if (successesA > nA) throw new EvalError('INVALID_INPUT', messages.ab.successesExceedTrials(where, 'A', successesA, nA));
  if (successesB > nB) throw new EvalError('INVALID_INPUT', messages.ab.successesExceedTrials(where, 'B', successesB, nB));
  const posteriorA = { alpha: prior.alpha + successesA, beta: prior.beta + nA - successesA };
  const posteriorB = { alpha: prior.alpha + successesB, beta: prior.beta + nB - successesB };
  const smooth = Math.min(posteriorA.alpha, posteriorA.beta) >= 1;
  if (method === 'monte-carlo' || !smooth) {
    if (!(Number.isInteger(draws) && draws >= 1)) throw new EvalError('INVALID_OPTION', messages.invalidOption(where, 'draws', draws, 'an integer >= 1'));
    return { ...monteCarlo(posteriorA, posteriorB, draws, seed), posteriorA, posteriorB, method: 'monte-carlo' };
  }
  return { ...quadrature(posteriorA, posteriorB), posteriorA, posteriorB, method: 'quadrature' };
}

function quadrature(a: BetaParams, b: BetaParams): BayesianResult {
  const s = a.alpha + a.beta;
  const meanA = a.alpha / s;
  const sdA = Math.sqrt((a.alpha * a.beta) / (s * s * (s + 1)));
  const lo = Math.max(0, meanA - 12 * sdA);
  const hi = Math.min(1, meanA + 12 * sdA);
  const meanB = b.alpha / (b.alpha + b.beta);
  const width = (hi - lo) / PANELS;
  let chance = 0;
  let lossB = 0;
  for (let p = 0; p < PANELS; p++) {
    const mid = lo + (p + 0.5) * width;
    for (let k = 0; k < GL.nodes.length; k++) {
      const x = mid + 0.5 * width * GL.nodes[k]!;
      const y = 1 - x;
      if (!(x > 0 && y > 0)) continue;
      // Beta density: x^(α−1) (1−x)^(β−1) / B(α, β).
      const f = Math.exp(logBetaPowers(a.alpha, a.beta, x, y)) / (x * y);
      const w = 0.5 * width * GL.weights[k]! * f;
      const ib = incompleteBetaPair(b.alpha, b.beta, x, y);
      chance += w * ib.upper;
      const ib1 = incompleteBetaPair(b.alpha + 1, b.beta, x, y).lower;
      lossB += w * (x * ib.lower - meanB * ib1);
    }
  }
  lossB = Math.max(0, lossB);
  // E[(B − A)⁺] = E[B − A] + E[(A − B)⁺].
  const lossA = Math.max(0, meanB - meanA + lossB);
  return { chanceToBeatControl: Math.min(1, Math.max(0, chance)), expectedLossA: lossA, expectedLossB: lossB };
}

function monteCarlo(a: BetaParams, b: BetaParams, draws: number, seed: number): BayesianResult {
  const rng = toRng(seed, 0, 'bayesianProportions');
  let wins = 0;
  let lossA = 0;
  let lossB = 0;
  for (let i = 0; i < draws; i++) {
    const pa = betaVariate(rng, a.alpha, a.beta);
    const pb = betaVariate(rng, b.alpha, b.beta);
    if (pb > pa) {
      wins++;
      lossA += pb - pa;
    } else lossB += pa - pb;
  }
  return { chanceToBeatControl: wins / draws, expectedLossA: lossA / draws, expectedLossB: lossB / draws };
}

/**
 * Normal approximation with a flat prior, for means and ratios (GrowthBook's Gaussian model): the B − A
 * difference D ~ N(estimate, se²); P(D > 0) = Φ(estimate/se), E[D⁺] = se φ(z) + estimate Φ(z),
 * E[(−D)⁺] = se φ(z) − estimate Φ(−z).
 */
export function bayesianNormal(estimate: number, se: number): BayesianResult {
  checkArity('bayesianNormal', arguments, ['estimate', 'se']);
  if (!(se > 0)) {
    const win = estimate > 0 ? 1 : estimate < 0 ? 0 : 0.5;
    return { chanceToBeatControl: win, expectedLossA: Math.max(0, estimate), expectedLossB: Math.max(0, -estimate) };
  }
  const z = estimate / se;
  const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return {
    chanceToBeatControl: normalCdf(z),
    expectedLossA: se * phi + estimate * normalCdf(z),
    expectedLossB: se * phi - estimate * normalCdf(-z),
  };
}
