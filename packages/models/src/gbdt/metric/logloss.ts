import { lossRows } from './logloss-kernel';
import type { Metric } from './metric';

const EPS = 1e-15;

/** One row's loss as LightGBM `BinaryLoglossMetric::LossOnPoint` (p clamped at 1e-15). */
function rowLoss(raw: Float64Array, labels: ArrayLike<number>, transform: (r: number) => number, i: number): number {
  const p = transform(raw[i]!);
  if (labels[i]! > 0) return p > EPS ? -Math.log(p) : -Math.log(EPS);
  return 1 - p > EPS ? -Math.log(1 - p) : -Math.log(EPS);
}

/** LightGBM `BinaryLoglossMetric`: mean -log p(label), with p clamped at 1e-15. */
export const binaryLoglossMetric: Metric = {
  name: 'binary_logloss',
  higherIsBetter: false,
  evaluate(raw, labels, transform) {
    let sum = 0;
    for (let i = 0; i < raw.length; i++) sum += rowLoss(raw, labels, transform, i);
    return sum / raw.length;
  },
  bind(labels, transform, sigmoid) {
    // the rows' losses on the kernel (the same doubles), summed here in row order
    const k = lossRows(labels);
    if (!k) return (raw) => binaryLoglossMetric.evaluate(raw, labels, transform);
    return (raw) => {
      const losses = k.losses(raw, sigmoid, -Math.log(EPS), (i) => rowLoss(raw, labels, transform, i));
      let sum = 0;
      for (let i = 0; i < raw.length; i++) sum += losses[i]!;
      return sum / raw.length;
    };
  },
};
