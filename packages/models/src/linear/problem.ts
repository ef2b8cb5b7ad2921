import { InvalidInputError } from '../errors';
import type { Matrix } from '../matrix';
import { messages } from '../messages';
import type { FitPlan } from './fit-plan';
import type { LogisticProblem } from './objective';
import { classWeights, type LogisticRegressionParams } from './params';
import { sampleWeights } from './sample-weights';

const msg = messages.linear;

/**
 * The problem a fit solves: normalized row weights (sample weight × class weight / their sum, with
 * 'balanced' counted on weighted rows as sklearn's compute_class_weight) and the penalty strengths
 * on that scale (see LogisticProblem).
 */
export function buildProblem(
  X: Matrix,
  y: Float64Array,
  params: LogisticRegressionParams,
  plan: FitPlan,
  sampleWeight: ArrayLike<number> | undefined,
): LogisticProblem & { weightSum: number } {
  const sw = sampleWeights(sampleWeight, y);
  const sums: [number, number] = [0, 0];
  for (let i = 0; i < y.length; i++) sums[y[i]!]! += sw[i]!;
  if (params.class_weight === 'balanced') for (const c of [0, 1] as const) if (!(sums[c] > 0)) throw new InvalidInputError(msg.classWeightless(c));
  const [w0, w1] = classWeights(params.class_weight, sums);
  let weightSum = 0;
  for (let i = 0; i < y.length; i++) {
    sw[i] = sw[i]! * (y[i] === 1 ? w1 : w0);
    weightSum += sw[i]!;
  }
  if (!(weightSum > 0)) throw new InvalidInputError(msg.zeroWeights());
  for (let i = 0; i < y.length; i++) sw[i] = sw[i]! / weightSum;
  // C = Infinity (no penalty) makes both strengths 0.
  const scale = 1 / (plan.C * weightSum);
  return {
    X,
    y,
    sw,
    l1: plan.l1Ratio * scale,
    l2: (1 - plan.l1Ratio) * scale,
    fitIntercept: params.fit_intercept,
    interceptScale: plan.liblinear ? params.intercept_scaling : 1,
    penalizeIntercept: plan.liblinear,
    weightSum,
  };
}

/** log(p / (1 − p)) of the weighted positive rate: the optimal intercept when β = 0. */
export function baseLogOdds(prob: LogisticProblem): number {
  let pos = 0;
  for (let i = 0; i < prob.y.length; i++) if (prob.y[i] === 1) pos += prob.sw[i]!;
  // A class of weight 0 (class_weight {1: 0}) has no finite optimum without β: start from 0.
  return pos > 0 && pos < 1 ? Math.log(pos / (1 - pos)) : 0;
}
