import type { LiftEstimate } from './types';

/**
 * Absolute and relative lift of B over A from two independent estimates and their variances. The relative
 * CI uses the delta method on mB / mA: Var ≈ vB / mA² + mB² vA / mA⁴ (what GrowthBook and Optimizely report).
 */
export function liftFromEstimates(meanA: number, varMeanA: number, meanB: number, varMeanB: number, critical: number): LiftEstimate {
  const liftAbs = meanB - meanA;
  const seAbs = Math.sqrt(varMeanA + varMeanB);
  const liftRel = meanA === 0 ? NaN : meanB / meanA - 1;
  const seRel = meanA === 0 ? NaN : Math.sqrt(varMeanB / (meanA * meanA) + (meanB * meanB * varMeanA) / meanA ** 4);
  return {
    liftAbs,
    liftAbsCi: [liftAbs - critical * seAbs, liftAbs + critical * seAbs],
    liftRel,
    liftRelCi: [liftRel - critical * seRel, liftRel + critical * seRel],
  };
}
