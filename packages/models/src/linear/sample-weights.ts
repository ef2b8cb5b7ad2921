import { InvalidInputError } from '../errors';
import { messages } from '../messages';

const msg = messages.linear;

/**
 * sklearn's `sample_weight` as a fresh Float64Array (all 1 when absent). Weights must be finite and
 * ≥ 0: sklearn 1.9 also fits with negative weights, but they make the objective unbounded below,
 * so abt refuses them rather than return whatever a solver stops at.
 */
export function sampleWeights(w: ArrayLike<number> | undefined, y: Float64Array): Float64Array {
  const out = new Float64Array(y.length);
  if (w === undefined) return out.fill(1);
  if (typeof w !== 'object' || w === null || typeof w.length !== 'number')
    throw new InvalidInputError(msg.sampleWeight(`must be an array of numbers; got ${typeof w}`));
  if (w.length !== y.length) throw new InvalidInputError(msg.sampleWeight(`has ${w.length} weights but X has ${y.length} rows`));
  for (let i = 0; i < y.length; i++) {
    const v = w[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new InvalidInputError(msg.sampleWeight(`[${i}] is ${String(v)}; weights must be finite numbers ≥ 0`));
    out[i] = v;
  }
  return out;
}
