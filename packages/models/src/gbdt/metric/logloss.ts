import type { Metric } from './metric';

const EPS = 1e-15;

/** LightGBM `BinaryLoglossMetric`: mean -log p(label), with p clamped at 1e-15. */
export const binaryLoglossMetric: Metric = {
  name: 'binary_logloss',
  higherIsBetter: false,
  evaluate(raw, labels, transform) {
    let sum = 0;
    for (let i = 0; i < raw.length; i++) {
      const p = transform(raw[i]!);
      if (labels[i]! > 0) sum += p > EPS ? -Math.log(p) : -Math.log(EPS);
      else sum += 1 - p > EPS ? -Math.log(1 - p) : -Math.log(EPS);
    }
    return sum / raw.length;
  },
};
