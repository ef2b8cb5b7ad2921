/**
 * The source of the WebAssembly histogram kernel used by GBDT training (fixed code over a shared
 * memory that every training thread instantiates it on; `histogram-kernel-bytes.ts` holds the
 * assembled bytes, a test checks they equal `buildHistogramKernel()`). The module also carries the
 * binary log-loss gradients (gradient-kernel-source.ts), which work on the same memory.
 *
 * A histogram bin is 16 bytes, (sum of gradients, sum of hessians) as two f64; a row's gathered
 * (gradient, hessian) is two f32 at 8 bytes per row. `histRows8` / `histRows4` / `histRows1` add the
 * rows listed at `idx[..end)` (i32 row numbers, byte addresses) into 8, 4 or 1 features' bins: per
 * row the pair is widened to f64 (exact) and added to the row's bin of each feature with one f64x2
 * add, which rounds each lane exactly as two scalar adds. Rows are added in list order, so every
 * bin gets the same sums, in the same order, as LightGBM's col-wise `ConstructHistogram`.
 */
import { I32, V128, assemble, emitter, op, type FuncDef } from './assembler';
import { binaryGradients } from './gradient-kernel-source';
import { scoreLanes } from './score-lanes-source';

/** Most pages (64 KiB each) the training memory may grow to: 4 GiB, wasm32's limit. */
export const HISTOGRAM_MEMORY_MAX_PAGES = 65_536;

/**
 * `histRowsN(idx, end, ordered, c0 .. cN-1, h0 .. hN-1)`: for each i32 row r at idx, idx + 4, ..
 * end (exclusive), with (g, h) the f32 pair at `ordered + 8 · i`, adds (g, h) to the 16-byte bin at
 * `h_q + 16 · u8[c_q + r]` for each feature q (c_q its u8 bin column, h_q its first bin).
 */
function histRows(n: number): FuncDef {
  const IDX = 0;
  const END = 1;
  const ORD = 2;
  const C = 3;
  const H = 3 + n;
  const R = 3 + 2 * n;
  const A = R + 1;
  const GH = A + 1;
  const { b, emit } = emitter();
  emit(op.block(), op.loop());
  emit(op.get(IDX), op.get(END), op.i32GeU(), op.brIf(1));
  emit(op.get(IDX), op.i32Load(0), op.set(R));
  emit(op.get(ORD), op.v128Load64Zero(0), op.f64x2PromoteLowF32x4(), op.set(GH));
  for (let q = 0; q < n; q++) {
    emit(op.get(H + q), op.get(C + q), op.get(R), op.i32Add(), op.i32Load8u(0), op.i32Const(4), op.i32Shl(), op.i32Add(), op.tee(A));
    emit(op.get(A), op.v128Load(0), op.get(GH), op.f64x2Add(), op.v128Store(0));
  }
  emit(op.get(IDX), op.i32Const(4), op.i32Add(), op.set(IDX));
  emit(op.get(ORD), op.i32Const(8), op.i32Add(), op.set(ORD));
  emit(op.br(0), op.end(), op.end());
  return {
    name: `histRows${n}`,
    params: Array(3 + 2 * n).fill(I32),
    locals: [
      [2, I32],
      [1, V128],
    ],
    body: b,
  };
}

/**
 * `gather(grad, hess, idx, end, ordered)`: for each i32 row r at idx .. end (exclusive), writes
 * f32 grad[r], hess[r] as the pair at `ordered + 8 · i`.
 */
function gather(): FuncDef {
  const [GRAD, HESS, IDX, END, ORD, R] = [0, 1, 2, 3, 4, 5];
  const { b, emit } = emitter();
  emit(op.block(), op.loop());
  emit(op.get(IDX), op.get(END), op.i32GeU(), op.brIf(1));
  emit(op.get(IDX), op.i32Load(0), op.i32Const(2), op.i32Shl(), op.set(R));
  emit(op.get(ORD), op.get(GRAD), op.get(R), op.i32Add(), op.f32Load(0), op.f32Store(0));
  emit(op.get(ORD), op.get(HESS), op.get(R), op.i32Add(), op.f32Load(0), op.f32Store(4));
  emit(op.get(IDX), op.i32Const(4), op.i32Add(), op.set(IDX));
  emit(op.get(ORD), op.i32Const(8), op.i32Add(), op.set(ORD));
  emit(op.br(0), op.end(), op.end());
  return { name: 'gather', params: [I32, I32, I32, I32, I32], locals: [[1, I32]], body: b };
}

export function buildHistogramKernel(): Uint8Array {
  return assemble([histRows(8), histRows(4), histRows(1), gather(), binaryGradients(), scoreLanes()], 1, HISTOGRAM_MEMORY_MAX_PAGES);
}
