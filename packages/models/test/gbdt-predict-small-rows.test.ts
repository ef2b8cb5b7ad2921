/**
 * The few-rows path of GBDT.predictRaw (one served request: a direct float walk per row) against the
 * batch paths on the same rows (the WebAssembly kernel on a large matrix, the binned JS walk on a
 * medium one): the same bits for rows made of split thresholds, their neighbours, NaN, zeros and
 * ±kZeroThreshold, in Float64 and Float32, with NaN-missing and zero-as-missing models.
 */
import { describe, expect, it } from 'vitest';
import { GBDT, type DenseMatrix } from '../src/index';
import { SMALL_ROWS } from '../src/gbdt/predict/small-rows';
import { rng, synthetic } from './gbdt/helpers';

const K_ZERO = 1e-35;

function nextAfter(x: number, dir: 1 | -1, f32: boolean): number {
  if (f32) {
    const a = new Float32Array([x]);
    const u = new Int32Array(a.buffer);
    if (a[0] === 0) return dir * 1.401298464324817e-45;
    u[0]! += a[0]! > 0 === dir > 0 ? 1 : -1;
    return a[0]!;
  }
  const a = new Float64Array([x]);
  const u = new BigInt64Array(a.buffer);
  if (x === 0) return dir * Number.MIN_VALUE;
  u[0]! += x > 0 === dir > 0 ? 1n : -1n;
  return a[0]!;
}

/** Every split threshold of the model, from its LightGBM text. */
function thresholdsOf(model: GBDT): number[] {
  return [...model.toLightGBMText().matchAll(/^threshold=(.*)$/gm)].flatMap((m) => m[1]!.split(' ').map(Number));
}

/** Rows whose values sit on the model's decision edges (and a few ordinary values). */
function edgeRows(model: GBDT, rows: number, cols: number, f32: boolean, seed: number): Float64Array {
  const r = rng(seed);
  const thr = thresholdsOf(model);
  expect(thr.length).toBeGreaterThan(10);
  const pick = (): number => {
    const k = r();
    const t = f32 ? Math.fround(thr[Math.floor(r() * thr.length)]!) : thr[Math.floor(r() * thr.length)]!;
    if (k < 0.25) return t;
    if (k < 0.4) return nextAfter(t, 1, f32);
    if (k < 0.55) return nextAfter(t, -1, f32);
    if (k < 0.65) return Number.NaN;
    if (k < 0.72) return r() < 0.5 ? 0 : -0;
    if (k < 0.8) return [K_ZERO, -K_ZERO, nextAfter(K_ZERO, 1, false), nextAfter(-K_ZERO, -1, false)][Math.floor(r() * 4)]!;
    return r() * 2 - 1;
  };
  return Float64Array.from({ length: rows * cols }, pick);
}

const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length), (b) => b.toString(16));

describe('GBDT.predictRaw on a few rows (direct walk) gives the batch paths’ bits', () => {
  const { X, y } = synthetic(3000, 11, 0.15);
  const models = {
    'NaN as missing': new GBDT({ num_iterations: 60, num_leaves: 31, min_data_in_leaf: 5, seed: 3 }).fit(X, y),
    'zero as missing': new GBDT({ num_iterations: 60, num_leaves: 31, min_data_in_leaf: 5, zero_as_missing: true, seed: 3 }).fit(X, y),
  };
  for (const [name, model] of Object.entries(models)) {
    for (const f32 of [false, true]) {
      it(`${name}, ${f32 ? 'Float32' : 'Float64'} rows`, () => {
        const cols = X.cols;
        const big = 4096; // 4096 rows × 60 trees: the WebAssembly kernel where available
        const medium = SMALL_ROWS + 8; // past the small path, below the kernel's size: the binned JS walk
        const values = edgeRows(model, big, cols, f32, f32 ? 7 : 5);
        const make = (rows: number, from = 0): DenseMatrix => ({
          rows,
          cols,
          data: f32 ? Float32Array.from(values.subarray(from * cols, (from + rows) * cols)) : values.slice(from * cols, (from + rows) * cols),
        });
        const batch = model.predictRaw(make(big));
        let compared = 0;
        for (let from = 0; from + SMALL_ROWS <= 1024; from += SMALL_ROWS) {
          for (const rows of [1, 2, 7, SMALL_ROWS]) {
            expect(bits(model.predictRaw(make(rows, from))), `rows ${from}..${from + rows}`).toEqual(bits(batch.subarray(from, from + rows)));
            compared += rows;
          }
          expect(bits(model.predictRaw(make(medium, from)))).toEqual(bits(batch.subarray(from, from + medium)));
        }
        expect(compared).toBeGreaterThan(1000);
        // The rows do reach both sides of edges: scores vary and NaN rows are among them.
        expect(new Set(bits(batch)).size).toBeGreaterThan(500);
      });
    }
  }
});
