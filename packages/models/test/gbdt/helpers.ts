import type { CsrMatrix, DenseMatrix } from '../../src/index';

/** Seeded LCG in [0, 1) — tests never use Math.random. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** y = Bernoulli(sigmoid(3·(2·x0 + x1 − 2·x2²))), with optional NaNs in x1. */
export function synthetic(n: number, seed: number, nanRate = 0): { X: DenseMatrix; y: Float64Array } {
  const r = rng(seed);
  const cols = 5;
  const data = new Float64Array(n * cols);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) data[i * cols + j] = r() * 2 - 1;
    if (r() < nanRate) data[i * cols + 1] = NaN;
    const x1 = data[i * cols + 1]!;
    const z = 2 * data[i * cols]! + (Number.isNaN(x1) ? 1.5 : x1) - 2 * data[i * cols + 2]! ** 2;
    y[i] = r() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
  }
  return { X: { rows: n, cols, data }, y };
}

/** CSR copy of a dense matrix (zeros dropped). */
export function toCsr(X: DenseMatrix): CsrMatrix {
  const indptr = new Int32Array(X.rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j]!;
      if (v !== 0) {
        idx.push(j);
        val.push(v);
      }
    }
    indptr[i + 1] = idx.length;
  }
  return { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(idx), data: Float64Array.from(val) };
}

/** Rank AUC with ties as one half (local: models must not import @abt/eval). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    let tp = 0;
    while (j < n && scores[order[j]!] === scores[order[i]!]) tp += labels[order[j++]!]!;
    rankSum += tp * ((i + 1 + j) / 2);
    pos += tp;
    i = j;
  }
  const neg = n - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= y[i] ? Math.log(p[i]!) : Math.log(1 - p[i]!);
  return s / p.length;
}
