import { isCsr, type CsrMatrix, type DenseMatrix, type Matrix } from '../matrix';

/** Per-column statistics over the non-NaN entries (CSR: implicit zeros count as values). */
export type ColumnStats = {
  readonly mean: Float64Array;
  /** Population variance (ddof = 0). */
  readonly variance: Float64Array;
  /** Non-NaN values per column. */
  readonly count: Float64Array;
};

/**
 * Mean and population variance per column with float64 accumulators whatever X's dtype, using
 * the corrected two-pass formula Σ(x−m)² − (Σ(x−m))²/n of sklearn's `_incremental_mean_and_var`
 * (first call) and `csr_mean_variance_axis0`, so the numbers agree to the last bits, not just 1e-12.
 */
export function columnStats(X: Matrix): ColumnStats {
  return isCsr(X) ? csrStats(X) : denseStats(X);
}

function denseStats({ rows, cols, data }: DenseMatrix): ColumnStats {
  const sum = new Float64Array(cols);
  const count = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const v = data[k]!;
      if (v === v) {
        sum[j] = sum[j]! + v;
        count[j] = count[j]! + 1;
      }
    }
  }
  const mean = divide(sum, count);
  const dev = new Float64Array(cols);
  const sq = new Float64Array(cols);
  for (let i = 0, k = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, k++) {
      const v = data[k]!;
      if (v === v) {
        const d = v - mean[j]!;
        dev[j] = dev[j]! + d;
        sq[j] = sq[j]! + d * d;
      }
    }
  }
  return { mean, variance: corrected(sq, dev, count), count };
}

function csrStats({ rows, cols, indptr, indices, data }: CsrMatrix): ColumnStats {
  const sum = new Float64Array(cols);
  const stored = new Float64Array(cols);
  const nan = new Float64Array(cols);
  const nnz = indptr[rows]!;
  for (let k = 0; k < nnz; k++) {
    const j = indices[k]!;
    const v = data[k]!;
    if (v === v) {
      sum[j] = sum[j]! + v;
      stored[j] = stored[j]! + 1;
    } else nan[j] = nan[j]! + 1;
  }
  const count = new Float64Array(cols);
  for (let j = 0; j < cols; j++) count[j] = rows - nan[j]!;
  const mean = divide(sum, count);
  const dev = new Float64Array(cols);
  const sq = new Float64Array(cols);
  for (let k = 0; k < nnz; k++) {
    const j = indices[k]!;
    const v = data[k]!;
    if (v === v) {
      const d = v - mean[j]!;
      dev[j] = dev[j]! + d;
      sq[j] = sq[j]! + d * d;
    }
  }
  // The implicit zeros: (count − stored) values of 0, each deviating by −mean.
  for (let j = 0; j < cols; j++) {
    const zeros = count[j]! - stored[j]!;
    const m = mean[j]!;
    dev[j] = dev[j]! - zeros * m;
    sq[j] = sq[j]! + zeros * m * m;
  }
  return { mean, variance: corrected(sq, dev, count), count };
}

/** sum / count per column; an all-NaN column gives NaN, as numpy's 0/0 does in sklearn. */
function divide(sum: Float64Array, count: Float64Array): Float64Array {
  const out = new Float64Array(sum.length);
  for (let j = 0; j < sum.length; j++) out[j] = sum[j]! / count[j]!;
  return out;
}

function corrected(sq: Float64Array, dev: Float64Array, count: Float64Array): Float64Array {
  const out = new Float64Array(sq.length);
  for (let j = 0; j < sq.length; j++) {
    const n = count[j]!;
    out[j] = (sq[j]! - (dev[j]! * dev[j]!) / n) / n;
  }
  return out;
}

/**
 * sklearn's `_is_constant_feature` + `_handle_zeros_in_scale`: a column whose variance is within the
 * two-pass algorithm's rounding bound (n·ε·var + (n·mean·ε)²) is constant and gets scale 1, so it is
 * centered but never divided by a rounding error.
 */
export function scaleFromStats({ mean, variance, count }: ColumnStats): Float64Array {
  const eps = Number.EPSILON;
  const scale = new Float64Array(variance.length);
  for (let j = 0; j < scale.length; j++) {
    const v = variance[j]!;
    const n = count[j]!;
    const bound = n * eps * v + (n * mean[j]! * eps) ** 2;
    scale[j] = v <= bound ? 1 : Math.sqrt(v);
  }
  return scale;
}
