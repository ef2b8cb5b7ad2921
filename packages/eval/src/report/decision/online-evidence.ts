import type { AbReadout } from '../../ab/analyze-experiment';
import { checkArity } from '../../check-args';
import type { OnlineEvidence } from './types';

/**
 * The part of a readout the decision and the report read, without the per-look arrays: small enough to
 * travel inside the report's online section (and its JSON).
 */
export function onlineEvidence(r: AbReadout): OnlineEvidence {
  checkArity('onlineEvidence', arguments, ['readout']);
  return {
    metric: r.metric,
    kind: r.kind,
    alpha: r.alpha,
    usersA: r.usersA,
    usersB: r.usersB,
    rateA: r.rateA,
    rateB: r.rateB,
    liftRel: r.liftRel,
    liftRelCi: r.liftRelCi,
    pValue: r.pValue,
    winner: r.winner,
    srm: { mismatch: r.srm.mismatch, pValue: r.srm.pValue, expected: r.srm.expected },
    sequential: { rejected: r.sequential.rejected, pValue: r.sequential.pValue, looks: r.sequential.points.length },
    bayes: { chanceToBeatControl: r.bayes.chanceToBeatControl },
    mdeRel: r.mdeRel,
    requiredUsersPerArm: r.requiredUsersPerArm,
    plannedMdeRel: r.plannedMdeRel,
    ...(r.cuped
      ? { cuped: { liftRel: r.cuped.liftRel, liftRelCi: r.cuped.liftRelCi, pValue: r.cuped.pValue, varianceReduction: r.cuped.varianceReduction } }
      : {}),
  };
}
