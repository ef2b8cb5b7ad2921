/**
 * Weights + coverage → bucket ranges, and bucket → arm, as GrowthBook's `getBucketRanges` and
 * `chooseVariation`. The arithmetic order is GrowthBook's, so range bounds are the same doubles.
 */

/** Flat `[start0, end0, start1, end1, …]`; arm i owns `[start_i, end_i)`. */
export type BucketRanges = Float64Array;

/**
 * GrowthBook's `getBucketRanges` for validated input: arm i starts at the cumulative weight of
 * the arms before it and covers `coverage * weight_i` of the unit interval.
 */
export function getBucketRanges(weights: readonly number[], coverage: number): BucketRanges {
  const ranges = new Float64Array(weights.length * 2);
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    const start = cumulative;
    cumulative += w;
    ranges[2 * i] = start;
    ranges[2 * i + 1] = start + coverage * w;
  }
  return ranges;
}

/** GrowthBook's `chooseVariation`: the first arm whose range holds `n`, or -1 (outside coverage). */
export function chooseArm(n: number, ranges: BucketRanges): number {
  for (let i = 0, k = 0; k < ranges.length; i++, k += 2) {
    if (n >= (ranges[k] as number) && n < (ranges[k + 1] as number)) return i;
  }
  return -1;
}
