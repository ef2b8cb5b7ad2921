import { Matrix as MlMatrix, solve } from 'ml-matrix';
import type { CsrMatrix, DenseMatrix } from '../../src/index';

/** mulberry32: a tiny seeded RNG so every test dataset is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A noisy logistic problem: dense X with about `density` non-zeros, labels drawn from a true model. */
export function makeProblem(rows: number, cols: number, seed: number, density = 1): { X: DenseMatrix; y: Float64Array } {
  const r = rng(seed);
  const data = new Float64Array(rows * cols);
  const beta = Array.from({ length: cols }, (_, j) => (j % 3 === 0 ? 0 : (r() - 0.5) * 3));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = 0.3;
    for (let j = 0; j < cols; j++) {
      if (r() < density) {
        const v = (r() - 0.5) * 2;
        data[i * cols + j] = v;
        z += v * beta[j]!;
      }
    }
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { rows, cols, data }, y };
}

export function toCsr(X: DenseMatrix): CsrMatrix {
  const indptr = new Int32Array(X.rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) {
      const v = X.data[i * X.cols + j]!;
      if (v !== 0) {
        indices.push(j);
        data.push(v);
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows: X.rows, cols: X.cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
}

/**
 * Independent reference for smooth penalties: Newton's method with an ml-matrix solve on
 * sklearn's objective C·Σ wᵢℓᵢ + ½·l2·|β|² (intercept unpenalized). Returns [β…, b].
 */
export function newtonReference(
  X: DenseMatrix,
  y: Float64Array,
  { C = 1, l2 = 1, fitIntercept = true, weights }: { C?: number; l2?: number; fitIntercept?: boolean; weights?: Float64Array } = {},
): Float64Array {
  const p = X.cols;
  const d = fitIntercept ? p + 1 : p;
  const theta = new Float64Array(d);
  for (let it = 0; it < 50; it++) {
    const g = new Float64Array(d);
    const H = MlMatrix.zeros(d, d);
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from({ length: d }, (_, j) => (j < p ? X.data[i * p + j]! : 1));
      let z = 0;
      for (let j = 0; j < d; j++) z += row[j]! * theta[j]!;
      const s = 1 / (1 + Math.exp(-z));
      const w = C * (weights?.[i] ?? 1);
      for (let j = 0; j < d; j++) {
        g[j]! += w * (s - y[i]!) * row[j]!;
        for (let k = 0; k < d; k++) H.set(j, k, H.get(j, k) + w * s * (1 - s) * row[j]! * row[k]!);
      }
    }
    for (let j = 0; j < p; j++) {
      g[j]! += l2 * theta[j]!;
      H.set(j, j, H.get(j, j) + l2);
    }
    const step = solve(H, MlMatrix.columnVector(Array.from(g)));
    let maxStep = 0;
    for (let j = 0; j < d; j++) {
      theta[j]! -= step.get(j, 0);
      maxStep = Math.max(maxStep, Math.abs(step.get(j, 0)));
    }
    if (maxStep < 1e-13) break;
  }
  return theta;
}

/** sklearn's objective C·Σ wᵢℓᵢ + (1−ρ)/2·|β|² + ρ·|β|₁ at (coef, intercept). */
export function sklearnObjective(
  X: DenseMatrix,
  y: Float64Array,
  coef: Float64Array,
  intercept: number,
  { C = 1, l1Ratio = 0, penalized = true }: { C?: number; l1Ratio?: number; penalized?: boolean },
): number {
  let loss = 0;
  for (let i = 0; i < X.rows; i++) {
    let z = intercept;
    for (let j = 0; j < X.cols; j++) z += X.data[i * X.cols + j]! * coef[j]!;
    loss += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y[i]! * z;
  }
  let l1 = 0;
  let sq = 0;
  for (const b of coef) {
    l1 += Math.abs(b);
    sq += b * b;
  }
  return C * loss + (penalized ? ((1 - l1Ratio) / 2) * sq + l1Ratio * l1 : 0);
}

/** Largest violation of the optimality (KKT) conditions of sklearn's elastic-net objective. */
export function kktViolation(
  X: DenseMatrix,
  y: Float64Array,
  coef: Float64Array,
  intercept: number,
  { C = 1, l1Ratio = 0 }: { C?: number; l1Ratio?: number },
): number {
  const g = new Float64Array(X.cols);
  let gb = 0;
  for (let i = 0; i < X.rows; i++) {
    let z = intercept;
    for (let j = 0; j < X.cols; j++) z += X.data[i * X.cols + j]! * coef[j]!;
    const r = C * (1 / (1 + Math.exp(-z)) - y[i]!);
    gb += r;
    for (let j = 0; j < X.cols; j++) g[j]! += r * X.data[i * X.cols + j]!;
  }
  let worst = Math.abs(gb);
  for (let j = 0; j < X.cols; j++) {
    const gj = g[j]! + (1 - l1Ratio) * coef[j]!;
    const v = coef[j] !== 0 ? Math.abs(gj + l1Ratio * Math.sign(coef[j]!)) : Math.max(0, Math.abs(gj) - l1Ratio);
    worst = Math.max(worst, v);
  }
  return worst;
}
