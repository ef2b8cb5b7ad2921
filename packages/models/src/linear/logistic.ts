// Numerically stable pieces of the binary log loss, on the margin z = x·β + b.

/** σ(z) = 1 / (1 + e^−z) without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) − y·z, the log loss of label y ∈ {0, 1} at margin z. */
export function logLossAt(z: number, y: number): number {
  const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  return softplus - y * z;
}
