import { glibcExp, glibcLog } from '../math/glibc-math';
import { K_EPSILON } from '../tree-learner/split';
import { g6 } from '../lightgbm-text/format-number';
import type { GradientKernel, Objective } from './objective';

/** 2^-51: two to four units in the last place of a double, relative. */
const ULPS = 2 ** -51;
/** Relative margin a float32 rounding must survive (the fast and the glibc results differ by a few units). */
const MARGIN = 2 ** -48;

const stableFloat = (x: number, margin: number) => {
  const f = Math.fround(x);
  return Math.fround(x * (1 + margin)) === f && Math.fround(x * (1 - margin)) === f;
};

/**
 * Row i's gradient and hessian, float for float LightGBM's: LightGBM calls glibc's `exp`, which
 * differs from `Math.exp` in the last bit now and then. A gradient is taken from `Math.exp` when
 * that cannot matter: 1 + e is the same double for any e within a few units (then every later
 * operation is LightGBM's), or the float32 results are the same for any error those units can
 * cause. Otherwise (about one row in a million) it is recomputed with `glibcExp`. The training
 * kernel (tools/wasm-kernel/gradient-kernel-source.ts) does the same operations and checks and
 * leaves the rows that fail them to this function.
 */
function gradientRow(
  scores: Float64Array,
  labels: ArrayLike<number>,
  grad: Float32Array,
  hess: Float32Array,
  i: number,
  sigmoid: number,
  w0: number,
  w1: number,
): void {
  const label = labels[i]! > 0 ? 1 : -1;
  const w = label > 0 ? w1 : w0;
  const z = label * sigmoid * scores[i]!;
  let e = Math.exp(z);
  let d = 1 + e;
  let response = (-label * sigmoid) / d;
  let abs = Math.abs(response);
  let h = abs * (sigmoid - abs) * w;
  if (1 + e * (1 + ULPS) !== d || 1 + e * (1 - ULPS) !== d) {
    const amplify = sigmoid - abs > 0 ? 1 + abs / (sigmoid - abs) : Infinity;
    if (!(stableFloat(response * w, MARGIN) && amplify < 2 ** 20 && stableFloat(h, MARGIN * amplify))) {
      e = glibcExp(z);
      d = 1 + e;
      response = (-label * sigmoid) / d;
      abs = Math.abs(response);
      h = abs * (sigmoid - abs) * w;
    }
  }
  grad[i] = response * w;
  hess[i] = h;
}

/** LightGBM's `BinaryLogloss` (label weights from is_unbalance / scale_pos_weight); gradients by `gradientRow`. */
export function binaryLogloss(sigmoid = 1, labelWeights: readonly [number, number] = [1, 1]): Objective {
  const [w0, w1] = labelWeights;
  // the kernel takes finite settings only (then no row's results are NaN; other settings stay in JS)
  const kernel = Number.isFinite(sigmoid) && Number.isFinite(w0) && Number.isFinite(w1);
  return {
    name: 'binary',
    initScore(labels) {
      let pos = 0;
      for (let i = 0; i < labels.length; i++) if (labels[i]! > 0) pos++;
      // LightGBM BinaryLogloss::BoostFromScore: pavg clamped to [kEpsilon, 1 - kEpsilon], std::log
      const pavg = Math.max(K_EPSILON, Math.min(1 - K_EPSILON, pos / labels.length));
      return glibcLog(pavg / (1 - pavg)) / sigmoid;
    },
    gradients(scores, labels, grad, hess, from = 0, to = scores.length) {
      for (let i = from; i < to; i++) gradientRow(scores, labels, grad, hess, i, sigmoid, w0, w1);
    },
    ...(kernel && {
      kernelGradients(k: GradientKernel, scores: Float64Array, labels: Float64Array, grad: Float32Array, hess: Float32Array, from: number, to: number) {
        const [s, l, g, h] = [scores.byteOffset, labels.byteOffset, grad.byteOffset, hess.byteOffset];
        // the kernel stops at a row it leaves to gradientRow (or at the last rows, short of a step)
        for (let i = from; i < to; i++) {
          i = k.binaryGradients(s, l, g, h, i, to, sigmoid, w0, w1);
          if (i < to) gradientRow(scores, labels, grad, hess, i, sigmoid, w0, w1);
        }
      },
    }),
    transform: (raw) => 1 / (1 + Math.exp(-sigmoid * raw)),
    toString: () => `binary sigmoid:${g6(sigmoid)}`,
  };
}
