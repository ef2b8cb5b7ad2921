/**
 * Tree walks for prediction, one copy per input array type: V8 keeps each copy monomorphic, which
 * is several times faster than one walk shared by Float32Array and Float64Array callers.
 * Decisions follow LightGBM `Tree::NumericalDecision` (see forest.ts).
 */
import { K_ZERO } from './dataset/bin-mapper';
import type { Forest } from './forest';

export const F_DEFAULT_LEFT = 1;
export const F_NAN_LEFT = 2;
export const F_ZERO_MISSING = 4;

/** Global leaf reached from `root` by the row at `x[base + feature]`. */
export function leafF64(f: Forest, root: number, x: Float64Array, base: number): number {
  const { feature, threshold, left, right, flags } = f;
  let n = root;
  while (n >= 0) {
    const v = x[base + feature[n]!]!;
    const fl = flags[n]!;
    if (fl & F_ZERO_MISSING && v >= -K_ZERO && v <= K_ZERO) n = fl & F_DEFAULT_LEFT ? left[n]! : right[n]!;
    else if (v <= threshold[n]!) n = left[n]!;
    else if (v !== v) n = fl & F_NAN_LEFT ? left[n]! : right[n]!;
    else n = right[n]!;
  }
  return ~n;
}

/** Same as `leafF64` for Float32Array rows (values widen to double exactly, as in LightGBM). */
export function leafF32(f: Forest, root: number, x: Float32Array, base: number): number {
  const { feature, threshold, left, right, flags } = f;
  let n = root;
  while (n >= 0) {
    const v = x[base + feature[n]!]!;
    const fl = flags[n]!;
    if (fl & F_ZERO_MISSING && v >= -K_ZERO && v <= K_ZERO) n = fl & F_DEFAULT_LEFT ? left[n]! : right[n]!;
    else if (v <= threshold[n]!) n = left[n]!;
    else if (v !== v) n = fl & F_NAN_LEFT ? left[n]! : right[n]!;
    else n = right[n]!;
  }
  return ~n;
}
