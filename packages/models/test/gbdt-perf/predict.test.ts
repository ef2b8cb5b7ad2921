import { describe, expect, test } from 'vitest';
import { GBDT, type DenseMatrix } from '../../src/index';
import { rng, synthetic, toCsr } from '../gbdt/helpers';
import { referenceRaw } from './reference-walk';

/** Index of the first element where a and b differ (bitwise, NaN-safe), or -1. */
function firstDiff(a: Float64Array, b: Float64Array): number {
  const ua = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const ub = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (ua[i] !== ub[i]) return i;
  return a.length === b.length ? -1 : a.length;
}

/** Rows whose values sit exactly on the model's thresholds, where `<=` vs `<` would differ. */
function onThresholds(text: string, cols: number, rows: number, seed: number): DenseMatrix {
  const thr = [...text.matchAll(/^threshold=(.*)$/gm)].flatMap((m) => m[1]!.trim().split(' ').map(Number));
  const r = rng(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = r() < 0.5 ? thr[Math.floor(r() * thr.length)]! : r() * 2 - 1;
  return { rows, cols, data };
}

describe('GBDT prediction (binned blocks)', () => {
  const train = synthetic(4000, 5, 0.1);
  const m = new GBDT({ num_leaves: 31, num_iterations: 40, learning_rate: 0.1, seed: 3 }).fit(train.X, train.y);
  const text = m.toLightGBMText();

  test('equals an independent tree walk bit for bit, on thresholds, NaN blocks and all', () => {
    // 1000 rows: blocks of 256 with and without NaN rows, and a ragged last block
    const X = onThresholds(text, 5, 1000, 9);
    for (let i = 300; i < 1000; i += 97) X.data[i * 5 + 1] = NaN;
    expect(firstDiff(m.predictRaw(X), referenceRaw(text, X))).toBe(-1);
    const clean = onThresholds(text, 5, 777, 10);
    expect(firstDiff(m.predictRaw(clean), referenceRaw(text, clean))).toBe(-1);
  });

  test('Float32 input, CSR input and the loaded text model give the same bits as Float64 dense', () => {
    const X = synthetic(1500, 6, 0.05).X;
    const f32: DenseMatrix = { rows: X.rows, cols: X.cols, data: Float32Array.from(X.data) };
    const f32as64: DenseMatrix = { rows: X.rows, cols: X.cols, data: Float64Array.from(f32.data) };
    const dense = m.predictRaw(X);
    expect(firstDiff(m.predictRaw(f32), m.predictRaw(f32as64))).toBe(-1);
    expect(firstDiff(m.predictRaw(toCsr(X)), dense)).toBe(-1);
    expect(firstDiff(GBDT.fromLightGBMText(text).predictRaw(X), dense)).toBe(-1);
    expect(firstDiff(m.predictRaw(X), referenceRaw(text, X))).toBe(-1);
  });

  test('hundreds of split features (smaller blocks) on CSR input match the reference', () => {
    const rows = 3000;
    const cols = 700;
    const r = rng(21);
    const data = new Float64Array(rows * cols);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let z = 0;
      for (let k = 0; k < 12; k++) {
        const j = Math.floor(r() * cols);
        data[i * cols + j] = r() < 0.1 ? NaN : r() * 4 - 2;
        z += (j % 7) - 3 + (Number.isNaN(data[i * cols + j]!) ? 1 : data[i * cols + j]!);
      }
      y[i] = r() < 1 / (1 + Math.exp(-z / 3)) ? 1 : 0;
    }
    const X: DenseMatrix = { rows, cols, data };
    const wide = new GBDT({ num_leaves: 31, num_iterations: 40, min_data_in_leaf: 2, min_sum_hessian_in_leaf: 0, learning_rate: 0.2, seed: 1 }).fit(
      toCsr(X),
      y,
    );
    const used = new Set([...wide.toLightGBMText().matchAll(/^split_feature=(.*)$/gm)].flatMap((m) => m[1]!.trim().split(' ')));
    expect(used.size).toBeGreaterThan(256);
    const wideText = wide.toLightGBMText();
    expect(firstDiff(wide.predictRaw(toCsr(X)), referenceRaw(wideText, X))).toBe(-1);
    expect(firstDiff(wide.predictRaw(X), referenceRaw(wideText, X))).toBe(-1);
  });

  test('a zero-as-missing model (float walk only) still matches the reference', () => {
    // LightGBM writes missing type Zero (decision_type bits 2-3 = 1) for zero_as_missing models
    const zeroText = text.replace(
      /^decision_type=(.*)$/gm,
      (_, d: string) =>
        `decision_type=${d
          .trim()
          .split(' ')
          .map((x) => String((Number(x) & ~12) | 4))
          .join(' ')}`,
    );
    const z = GBDT.fromLightGBMText(zeroText);
    const X = synthetic(600, 7).X;
    for (let i = 0; i < 600; i += 7) X.data[i * 5] = 0;
    expect(firstDiff(z.predictRaw(X), referenceRaw(zeroText, X))).toBe(-1);
  });
});
