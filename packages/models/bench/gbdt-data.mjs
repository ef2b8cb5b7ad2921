// Deterministic synthetic data for the GBDT benchmarks (bench/gbdt.mjs, gbdt-predict.mjs, gbdt-profile.mjs).

export function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Case (b): 30 dense Float32 features, a nonlinear logit with interactions and noise. */
export function synth30(rows, seed = 20240611) {
  const COLS = 30;
  const rnd = lcg(seed);
  const X = new Float32Array(rows * COLS);
  const y = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * COLS;
    for (let j = 0; j < COLS; j++) X[o + j] = j % 3 === 0 ? Math.floor(rnd() * 20) : rnd() * 2 - 1;
    const z = 1.5 * X[o + 1] - X[o + 2] * X[o + 4] + 0.1 * (X[o] - 10) + Math.sin(3 * X[o + 5]) + (X[o + 7] > 0.3 ? 0.8 : -0.4) + 0.05 * X[o + 9];
    y[i] = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { rows, cols: COLS, data: X }, y };
}

/**
 * Case (d), shaped like the pipeline's Policy B matrices: 66 Float64 features, a third small
 * integers (counts, ids), some 0/1 columns, the rest continuous with 2 % NaN in some; a weak
 * signal, so early stopping comes late as in the pipeline.
 */
export function policyB(rows, seed) {
  const COLS = 66;
  const rnd = lcg(seed);
  const X = new Float64Array(rows * COLS);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * COLS;
    for (let j = 0; j < COLS; j++) {
      const k = j % 6;
      X[o + j] = k === 0 ? Math.floor(rnd() * 30) : k === 1 ? +(rnd() < 0.1) : k === 2 && rnd() < 0.02 ? NaN : rnd() * 4 - 2;
    }
    const z =
      0.04 * (X[o] - 15) +
      0.8 * X[o + 1] +
      0.5 * X[o + 3] * X[o + 4] +
      Math.sin(2 * X[o + 9]) +
      0.3 * X[o + 13] -
      0.2 * X[o + 19] +
      (X[o + 25] > 0.5 ? 0.4 : -0.2) -
      1;
    y[i] = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X: { rows, cols: COLS, data: X }, y };
}

/** Policy B's parameters (apps/pipeline POLICY_B), with a fixed seed. */
export const POLICY_B_PARAMS = {
  num_leaves: 64,
  learning_rate: 0.05,
  feature_fraction: 0.8,
  bagging_fraction: 0.8,
  bagging_freq: 1,
  min_data_in_leaf: 50,
  num_iterations: 500,
  early_stopping_round: 50,
  metric: 'binary_logloss',
  seed: 42,
};
