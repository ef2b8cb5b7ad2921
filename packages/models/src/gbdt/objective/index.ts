import { binaryLogloss } from './binary-logloss';
import type { Objective } from './objective';

export type { GradientKernel, Objective } from './objective';

/** What builds an objective (plain data, so workers rebuild the same one). */
export type ObjectiveSpec = {
  readonly name: 'binary';
  readonly sigmoid: number;
  /** Gradient weight of labels 0 and 1 (LightGBM `label_weights_`, from is_unbalance / scale_pos_weight). */
  readonly labelWeights: readonly [number, number];
};

/** LightGBM `BinaryLogloss::Init`: label weights from the class counts when `is_unbalance`, then × `scale_pos_weight` for label 1. */
export function objectiveSpec(
  p: { readonly sigmoid: number; readonly is_unbalance: boolean; readonly scale_pos_weight: number },
  labels: ArrayLike<number>,
): ObjectiveSpec {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) pos++;
  const neg = labels.length - pos;
  let w0 = 1;
  let w1 = 1;
  if (p.is_unbalance && pos > 0 && neg > 0) {
    if (pos > neg) w0 = pos / neg;
    else w1 = neg / pos;
  }
  w1 *= p.scale_pos_weight;
  return { name: 'binary', sigmoid: p.sigmoid, labelWeights: [w0, w1] };
}

/** Factory by LightGBM objective name. */
export function createObjective(spec: ObjectiveSpec): Objective {
  switch (spec.name) {
    case 'binary':
      return binaryLogloss(spec.sigmoid, spec.labelWeights);
  }
}
