import { cuped } from '@abt/eval';
import type { ArmUsers } from './per-user';

/**
 * CUPED for the ratio metric Σconversions / Σshown: each user's delta-method influence value
 * `(c − R·s) / s̄` (R and s̄ of the user's arm) is regressed on the covariate, the way ratio metrics are
 * linearized for variance reduction (Deng et al. 2018, "Applying the Delta Method in Metric Analytics").
 * Returns the share of the lift estimate's variance that the adjustment removes.
 */
export function ratioCupedReduction(a: ArmUsers, b: ArmUsers): number {
  const linearize = (arm: ArmUsers) => {
    let c = 0;
    let s = 0;
    for (let i = 0; i < arm.users; i++) {
      c += arm.conversions[i]!;
      s += arm.shown[i]!;
    }
    const ratio = c / s;
    const meanShown = s / arm.users;
    return Float64Array.from(arm.conversions, (ci, i) => (ci - ratio * arm.shown[i]!) / meanShown);
  };
  return cuped(linearize(a), a.covariate, linearize(b), b.covariate).varianceReduction;
}
