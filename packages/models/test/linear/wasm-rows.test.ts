/**
 * The WebAssembly row passes of the linear solvers (src/linear/wasm-rows.ts) give the JS loops'
 * bits, and the committed kernel is what its source assembles to. After changing
 * tools/wasm-kernel/linear-kernel-source.ts, regenerate with `ABT_UPDATE_WASM=1 npx vitest run test/linear/wasm-rows.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { denseMatVec, denseTransposeVec } from '../../src/linear/dense-kernels';
import { LINEAR_KERNEL_BASE64, LINEAR_SHARED_KERNEL_BASE64 } from '../../src/linear/wasm/linear-kernel-bytes';
import { LINEAR_SHARED_MAX_PAGES, wasmDesignBuffer, wasmRows } from '../../src/linear/wasm-rows';
import { buildLinearKernel } from '../../tools/wasm-kernel/linear-kernel-source';
import { rng } from './helpers';

const bytesFile = fileURLToPath(new URL('../../src/linear/wasm/linear-kernel-bytes.ts', import.meta.url));

/** Values over many magnitudes and both signs, so that any other order of operations rounds differently. */
function values(n: number, r: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => (r() - 0.5) * 10 ** Math.floor(r() * 8 - 4));
}

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('linear WebAssembly kernel', () => {
  test.each([
    ['own', LINEAR_KERNEL_BASE64, undefined],
    ['shared', LINEAR_SHARED_KERNEL_BASE64, LINEAR_SHARED_MAX_PAGES],
  ] as const)('the committed bytes (%s memory) equal the assembled source', (_memory, committed, sharedMaxPages) => {
    const built = Buffer.from(buildLinearKernel(sharedMaxPages)).toString('base64');
    if (process.env.ABT_UPDATE_WASM === '1' && built !== committed) {
      writeFileSync(bytesFile, readFileSync(bytesFile, 'utf8').replace(`'${committed}'`, `'${built}'`));
      return;
    }
    expect(committed).toBe(built);
  });

  // every column count parity, row ranges that are and are not multiples of four, ranges not starting at 0, both float types
  test.each([
    [1, 1, 'float64'],
    [4, 2, 'float64'],
    [7, 3, 'float64'],
    [13, 8, 'float64'],
    [64, 69, 'float64'],
    [37, 5, 'float64'],
    [9, 0, 'float64'],
    [1, 1, 'float32'],
    [7, 3, 'float32'],
    [13, 8, 'float32'],
    [64, 69, 'float32'],
    [37, 5, 'float32'],
    [9, 0, 'float32'],
  ])('matVec and transposeVec on %i × %i rows of %s give the JS loops’ bits', (rows, cols, type) => {
    const r = rng(rows * 100 + cols);
    const X = { rows, cols, data: type === 'float32' ? Float32Array.from(values(rows * cols, r)) : values(rows * cols, r) };
    const w = wasmRows(X, [cols + 1, rows, rows, cols + 1]);
    expect(w).toBeDefined();
    const beta = w!.f64(cols + 1);
    beta.set(values(cols + 1, r));
    const res = w!.f64(rows);
    res.set(values(rows, r));
    const out = w!.f64(rows);
    const grad = w!.f64(cols + 1);
    for (const [from, to] of [
      [0, rows],
      [Math.min(1, rows), rows],
      [0, Math.max(0, rows - 2)],
    ] as const) {
      const expected = new Float64Array(rows);
      denseMatVec(from, to, cols, X.data, beta, 0.37, expected);
      out.fill(0);
      w!.matVec(from, to, beta, 0.37, out);
      expect(sameBits(out, expected)).toBe(true);
      const g = values(cols + 1, r);
      const expectedGrad = g.slice();
      denseTransposeVec(from, to, cols, X.data, res, expectedGrad);
      grad.set(g);
      w!.transposeVec(from, to, res, grad);
      expect(sameBits(grad, expectedGrad)).toBe(true);
    }
  });

  test.each([Float64Array, Float32Array])('copies the design in its own type (%o): the products read the copy, the caller’s X is untouched', (Type) => {
    const X = { rows: 2, cols: 2, data: Type.from([1, 2, 3, 4]) };
    const w = wasmRows(X, [])!;
    expect(w.X.data).not.toBe(X.data);
    expect(w.X.data).toBeInstanceOf(Type);
    expect(Array.from(w.X.data)).toEqual([1, 2, 3, 4]);
  });

  test('a design written into wasmDesignBuffer is read in place, with the same bits, and its vectors start at zero on every use', () => {
    const [rows, cols] = [13, 5];
    const r = rng(7);
    const lengths = [cols + 1, rows, rows];
    const buffer = wasmDesignBuffer(rows, cols, lengths, 1)!;
    buffer.set(Float32Array.from(values(rows * cols, r)));
    const X = { rows, cols, data: buffer };
    const copy = { rows, cols, data: buffer.slice() };
    for (let use = 0; use < 2; use++) {
      const w = wasmRows(X, lengths)!;
      expect(w.X.data.buffer).toBe(buffer.buffer);
      expect(w.X.data.byteOffset).toBe(buffer.byteOffset);
      const beta = w.f64(cols + 1);
      const out = w.f64(rows);
      expect(out.every((v) => v === 0)).toBe(true);
      beta.set(values(cols + 1, r));
      w.matVec(0, rows, beta, 0.5, out);
      const expected = new Float64Array(rows);
      denseMatVec(0, rows, cols, copy.data, beta, 0.5, expected);
      expect(sameBits(out, expected)).toBe(true);
      out.fill(1);
    }
    // another layout (or a copy of the buffer) is not used in place
    expect(wasmRows(X, [rows])!.X.data.buffer).not.toBe(buffer.buffer);
    expect(wasmRows(copy, lengths)!.X.data.buffer).not.toBe(copy.data.buffer);
  });
});
