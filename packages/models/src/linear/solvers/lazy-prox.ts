// SAGA's just-in-time update: a coordinate untouched for k steps would have received k copies of
// β ← soft(β − a, τ) / (1 + μ) with the same a (its average gradient does not change until its
// row is sampled). The map is monotone, so the sequence is monotone and crosses the regimes
// positive → zero → negative (or back) at most once each; inside a regime it is affine, so k
// steps cost O(1) instead of the O(k) loop sklearn's sag_fast runs for l1 penalties.

/** One explicit step of the elastic-net proximal update. */
export function proxStep(beta: number, a: number, tau: number, mu: number): number {
  const v = beta - a;
  const s = v > tau ? v - tau : v < -tau ? v + tau : 0;
  return s / (1 + mu);
}

/** k steps of `proxStep` in closed form (k ≥ 0). */
export function proxSteps(beta: number, a: number, tau: number, mu: number, k: number): number {
  while (k > 0) {
    if (beta > a + tau) {
      beta = positiveRegime(beta, a + tau, mu, k);
      k -= stepsUsed;
    } else if (beta < a - tau) {
      // Mirror image: T(β; a) = −T(−β; −a).
      beta = -positiveRegime(-beta, -a + tau, mu, k);
      k -= stepsUsed;
    } else {
      beta = 0;
      k -= 1;
      if (Math.abs(a) <= tau) return 0; // 0 is the fixed point
    }
  }
  return beta;
}

// Second return value of positiveRegime, kept out of a tuple so the hot path allocates nothing.
let stepsUsed = 0;

/**
 * Steps of β ← (β − e)/(1 + μ) while the input stays > e. Returns β; sets `stepsUsed` (≥ 1).
 * The last one or two steps are taken explicitly so rounding can never carry β across
 * the regime boundary with the wrong formula.
 */
function positiveRegime(beta: number, e: number, mu: number, k: number): number {
  let t = k; // steps the closed form may take while the input stays above e
  if (e > 0) {
    if (mu > 0) {
      const fixed = -e / mu;
      const s = -Math.log((e - fixed) / (beta - fixed)) / Math.log1p(mu);
      t = Math.min(k, Math.max(1, Math.ceil(s)));
    } else {
      t = Math.min(k, Math.max(1, Math.ceil((beta - e) / e)));
    }
  }
  // e ≤ 0: the fixed point is ≥ e, so β never leaves the regime.
  const closed = Math.max(0, t - 2);
  if (closed > 0) beta = affinePower(beta, e, mu, closed);
  let used = closed;
  while (used < t && beta > e) {
    beta = (beta - e) / (1 + mu);
    used++;
  }
  stepsUsed = used; // ≥ 1: beta > e on entry, so the loop steps at least once
  return beta;
}

/**
 * t steps of β ← (β − e)/(1 + μ): β·q^t − e·(1 − q^t)/μ with q = 1/(1 + μ) (β − t·e when μ = 0).
 * expm1/log1p keep it accurate when μ is tiny (weak l2, as with C = 1 on 80k rows).
 */
function affinePower(beta: number, e: number, mu: number, t: number): number {
  if (mu === 0) return beta - t * e;
  const lq = -t * Math.log1p(mu);
  return beta * Math.exp(lq) - (e * -Math.expm1(lq)) / mu;
}
