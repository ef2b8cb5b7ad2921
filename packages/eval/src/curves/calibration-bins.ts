import { linspace, percentiles, searchSortedLeft } from '../stats/describe';

export type BinStrategy = 'uniform' | 'quantile';

export interface CalibrationBins {
  /** Bin edges (n_bins + 1 values), as scikit-learn computes them. */
  readonly edges: Float64Array;
  readonly count: Float64Array;
  readonly sumProb: Float64Array;
  readonly sumTrue: Float64Array;
}

/**
 * scikit-learn's `calibration_curve` binning: uniform edges `linspace(0, 1, n+1)` or quantile edges
 * `percentile(p, linspace(0, 1, n+1) * 100)`, bin id = `searchsorted(edges[1:-1], p, 'left')`.
 * Inputs are already validated.
 */
export function calibrationBins(labels: ArrayLike<number>, probs: ArrayLike<number>, nBins: number, strategy: BinStrategy): CalibrationBins {
  const q = linspace(0, 1, nBins + 1);
  const edges =
    strategy === 'uniform'
      ? q
      : Float64Array.from(
          percentiles(
            probs,
            Array.from(q, (v) => v * 100),
          ),
        );
  const inner = edges.subarray(1, nBins);
  const count = new Float64Array(nBins);
  const sumProb = new Float64Array(nBins);
  const sumTrue = new Float64Array(nBins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    const b = searchSortedLeft(inner, p);
    count[b]!++;
    sumProb[b]! += p;
    sumTrue[b]! += labels[i]!;
  }
  return { edges, count, sumProb, sumTrue };
}
