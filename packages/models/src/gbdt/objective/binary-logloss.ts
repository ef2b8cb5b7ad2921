import type { Objective } from './objective';

const EPS = 1e-15;

/** LightGBM's `BinaryLogloss` with unit label weights (is_unbalance=false, scale_pos_weight=1). */
export function binaryLogloss(sigmoid = 1): Objective {
  return {
    name: 'binary',
    initScore(labels) {
      let pos = 0;
      for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) pos++;
      // matches LightGBM BinaryLogloss::BoostFromScore (pavg clamped to [eps, 1-eps])
      const pavg = Math.max(EPS, Math.min(1 - EPS, pos / labels.length));
      return Math.log(pavg / (1 - pavg)) / sigmoid;
    },
    gradients(scores, labels, grad, hess, from = 0, to = scores.length) {
      for (let i = from; i < to; i++) {
        const label = labels[i]! > 0 ? 1 : -1;
        const response = (-label * sigmoid) / (1 + Math.exp(label * sigmoid * scores[i]!));
        const abs = Math.abs(response);
        grad[i] = response;
        hess[i] = abs * (sigmoid - abs);
      }
    },
    transform: (raw) => 1 / (1 + Math.exp(-sigmoid * raw)),
    toString: () => `binary sigmoid:${sigmoid}`,
  };
}
