/**
 * The training arena and its kernels past 2 GiB (ml-25m's 20 M training rows put bin columns and
 * gradients there): allocations stay in bounds and aligned, and the histogram kernel reads and
 * writes arrays above 2^31 (addresses a JS number turns into a negative i32 on the way in) exactly
 * as it does below. Pages never written are not resident, so this costs a few MB.
 */
import { describe, expect, test } from 'vitest';
import { instantiateKernel, WasmArena } from '../../src/gbdt/parallel/wasm-arena';
import { rng } from './helpers';

type Kernel = {
  gather(grad: number, hess: number, idx: number, end: number, ordered: number): void;
  histRows1(idx: number, end: number, ordered: number, column: number, hist: number): void;
};

const ROWS = 1000;
const BINS = 7;

/** Gathers (grad, hess) for a shuffled row list and builds one feature's histogram, with every array from `arena`. */
function histogramIn(arena: WasmArena, k: Kernel): { ordered: Float32Array; hist: Float64Array } {
  const r = rng(3);
  const grad = arena.f32(ROWS)!;
  const hess = arena.f32(ROWS)!;
  const column = arena.u8(ROWS)!;
  const idx = arena.i32(ROWS)!;
  const ordered = arena.f32(2 * ROWS)!;
  const hist = arena.f64(2 * BINS)!;
  for (let i = 0; i < ROWS; i++) {
    grad[i] = r() - 0.5;
    hess[i] = r();
    column[i] = Math.floor(r() * BINS);
    idx[i] = (i * 7919) % ROWS;
  }
  k.gather(grad.byteOffset, hess.byteOffset, idx.byteOffset, idx.byteOffset + 4 * ROWS, ordered.byteOffset);
  k.histRows1(idx.byteOffset, idx.byteOffset + 4 * ROWS, ordered.byteOffset, column.byteOffset, hist.byteOffset);
  return { ordered: ordered.slice(), hist: hist.slice() };
}

describe('WasmArena past 2 GiB', () => {
  const arena = WasmArena.create();
  test.skipIf(arena === undefined)('allocations above 2^31 are in bounds and 16-aligned, and the kernel gives the same sums there', () => {
    const k = instantiateKernel(arena!.memory) as unknown as Kernel;
    const low = histogramIn(arena!, k);
    const filler = arena!.u8(2 ** 31 + 3)!;
    expect(filler.length).toBe(2 ** 31 + 3);
    const after = arena!.i32(5)!;
    expect(after.byteOffset).toBeGreaterThan(2 ** 31);
    expect(after.byteOffset % 16).toBe(0);
    const high = histogramIn(arena!, k);
    expect(high.ordered).toEqual(low.ordered);
    expect(high.hist).toEqual(low.hist);
    // and the sums are the rows' own: each bin's gradient total, added in list order
    const expected = new Float64Array(2 * BINS);
    const r = rng(3);
    const rows = Array.from({ length: ROWS }, () => ({ g: Math.fround(r() - 0.5), h: Math.fround(r()), bin: Math.floor(r() * BINS) }));
    for (let i = 0; i < ROWS; i++) {
      const row = rows[(i * 7919) % ROWS]!;
      expected[2 * row.bin]! += row.g;
      expected[2 * row.bin + 1]! += row.h;
    }
    expect(high.hist).toEqual(expected);
  });
});
