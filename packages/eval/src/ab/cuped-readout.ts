import { normalQuantile, normalSf } from '../stats/normal';
import { cuped } from './cuped';
import { liftFromEstimates } from './lift';
import { meanTestFromMoments } from './mean-test';
import { meanVariance } from './moments';
import type { AbInterval, ArmInput } from './types';

/** CUPED-adjusted figures of one metric, reported beside the unadjusted primary test. */
export interface CupedReadout {
  readonly theta: number;
  readonly correlation: number;
  readonly varianceReduction: number;
  /** Adjusted B − A and its CI. */
  readonly liftAbs: number;
  readonly liftAbsCi: AbInterval;
  /** Adjusted relative lift (delta method on the adjusted arm estimates). */
  readonly liftRel: number;
  readonly liftRelCi: AbInterval;
  readonly pValue: number;
}

/**
 * Ratio metrics are linearized first: each user's delta-method influence value (y − R·x) / x̄ (R and x̄ of the
 * user's arm) has mean 0 and Var/n = Var(R̂), so CUPED on it adjusts R̂ by the mean of the adjustment
 * (Deng et al. 2018, "Applying the Delta Method in Metric Analytics", §4). Means and proportions are adjusted
 * directly and tested with Welch; ratios with a z test.
 */
export function cupedReadout(a: ArmInput, b: ArmInput, alpha: number): CupedReadout {
  const ratio = a.denominators !== undefined && b.denominators !== undefined;
  const base = ratio
    ? [linearize(a.values, a.denominators!), linearize(b.values, b.denominators!)]
    : [
        { values: a.values, estimate: 0 },
        { values: b.values, estimate: 0 },
      ];
  const c = cuped(base[0]!.values, a.covariate!, base[1]!.values, b.covariate!);
  const ma = meanVariance(c.adjustedA);
  const mb = meanVariance(c.adjustedB);
  const nA = c.adjustedA.length;
  const nB = c.adjustedB.length;
  const common = { theta: c.theta, correlation: c.correlation, varianceReduction: c.varianceReduction };
  if (!ratio) {
    const t = meanTestFromMoments({ n: nA, ...ma }, { n: nB, ...mb }, { alpha });
    return { ...common, liftAbs: t.liftAbs, liftAbsCi: t.liftAbsCi, liftRel: t.liftRel, liftRelCi: t.liftRelCi, pValue: t.pValue };
  }
  const estA = base[0]!.estimate + ma.mean;
  const estB = base[1]!.estimate + mb.mean;
  const vA = ma.variance / nA;
  const vB = mb.variance / nB;
  const se = Math.sqrt(vA + vB);
  const z = se > 0 ? (estB - estA) / se : 0;
  const lift = liftFromEstimates(estA, vA, estB, vB, normalQuantile(1 - alpha / 2));
  return { ...common, ...lift, pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

function linearize(y: ArrayLike<number>, x: ArrayLike<number>): { values: Float64Array; estimate: number } {
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < y.length; i++) {
    sy += y[i]!;
    sx += x[i]!;
  }
  const r = sy / sx;
  const meanX = sx / x.length;
  const values = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) values[i] = (y[i]! - r * x[i]!) / meanX;
  return { values, estimate: r };
}
