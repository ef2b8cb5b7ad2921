/**
 * The source of the WebAssembly kernel of the linear solvers' dense row passes, over float64 and
 * float32 designs (src/linear/wasm-rows.ts; `linear-kernel-bytes.ts` holds the assembled bytes, a
 * test checks they equal `buildLinearKernel()`). Every function takes blocks of four rows, as the JS
 * loops of dense-kernels.ts do, and keeps their order of operations: f64x2 lanes round each lane
 * exactly as a scalar f64 mul or add, no product is fused into an add, and a float32 entry is
 * widened to f64 exactly as JS reads a Float32Array, so every sum has the same bits.
 * Addresses are byte offsets into the imported memory; X is row-major.
 */
import { F64, I32, V128, assemble, emitter, op, type FuncDef } from './assembler';
import { lossRows } from './linear-loss-source';

/** Four local indices. */
type Quad = readonly [number, number, number, number];

/** How a design's entries are read: their width in bytes and the loads that give f64 (lanes). */
type Entry = {
  readonly suffix: '' | '32';
  /** log2 of the entry's bytes. */
  readonly shift: number;
  /** One entry at the address on the stack, as f64. */
  readonly load: () => number[];
  /** Two consecutive entries at the address on the stack, as f64x2. */
  readonly load2: () => number[];
};

const F64_ENTRY: Entry = { suffix: '', shift: 3, load: () => op.f64Load(0), load2: () => op.v128Load(0) };
const F32_ENTRY: Entry = {
  suffix: '32',
  shift: 2,
  load: () => [...op.f32Load(0), ...op.f64PromoteF32()],
  load2: () => [...op.v128Load64Zero(0), ...op.f64x2PromoteLowF32x4()],
};

/**
 * The row-block loop's head shared by both functions: leave at `to`, else point A0…A3 at rows
 * i … i + 3 of X (RB bytes apart). Opens the block and loop the caller closes.
 */
function openRowBlock(emit: (...xs: number[][]) => void, [DATA, I, TO, RB]: Quad, [A0, A1, A2, A3]: Quad): void {
  emit(op.block(), op.loop()); // row blocks
  emit(op.get(I), op.get(TO), op.i32GeU(), op.brIf(1));
  emit(op.get(DATA), op.get(I), op.get(RB), op.i32Mul(), op.i32Add(), op.set(A0));
  emit(op.get(A0), op.get(RB), op.i32Add(), op.set(A1));
  emit(op.get(A1), op.get(RB), op.i32Add(), op.set(A2));
  emit(op.get(A2), op.get(RB), op.i32Add(), op.set(A3));
}

/**
 * `matVec4(data, from, to, cols, beta, intercept, out)`: out[i] = intercept + Σⱼ X[i, j]·β[j] (j in
 * order) for rows from..to−1, `to − from` a multiple of 4. Rows i, i + 1 share one f64x2 sum, rows
 * i + 2, i + 3 another; each β[j] is splatted once for the four rows.
 */
function matVec4(e: Entry): FuncDef {
  const [DATA, I, TO, COLS, BETA, ICPT, OUT] = [0, 1, 2, 3, 4, 5, 6];
  const [A0, A1, A2, A3, B, BEND, RB] = [7, 8, 9, 10, 11, 12, 13];
  const [S01, S23, BJ] = [14, 15, 16];
  const { b, emit } = emitter();
  emit(op.get(COLS), op.i32Const(e.shift), op.i32Shl(), op.set(RB));
  openRowBlock(emit, [DATA, I, TO, RB], [A0, A1, A2, A3]);
  emit(op.get(ICPT), op.f64x2Splat(), op.tee(S01), op.set(S23));
  emit(op.get(BETA), op.tee(B), op.get(COLS), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(BEND));
  emit(op.block(), op.loop()); // j
  emit(op.get(B), op.get(BEND), op.i32GeU(), op.brIf(1));
  emit(op.get(B), op.f64Load(0), op.f64x2Splat(), op.set(BJ));
  emit(op.get(S01), op.get(A0), e.load(), op.f64x2Splat(), op.get(A1), e.load(), op.f64x2ReplaceLane(1));
  emit(op.get(BJ), op.f64x2Mul(), op.f64x2Add(), op.set(S01));
  emit(op.get(S23), op.get(A2), e.load(), op.f64x2Splat(), op.get(A3), e.load(), op.f64x2ReplaceLane(1));
  emit(op.get(BJ), op.f64x2Mul(), op.f64x2Add(), op.set(S23));
  for (const a of [A0, A1, A2, A3]) emit(op.get(a), op.i32Const(1 << e.shift), op.i32Add(), op.set(a));
  emit(op.get(B), op.i32Const(8), op.i32Add(), op.set(B));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(OUT), op.get(I), op.i32Const(3), op.i32Shl(), op.i32Add(), op.tee(A0), op.get(S01), op.v128Store(0));
  emit(op.get(A0), op.get(S23), op.v128Store(16));
  emit(op.get(I), op.i32Const(4), op.i32Add(), op.set(I));
  emit(op.br(0), op.end(), op.end());
  return {
    name: `matVec4${e.suffix}`,
    params: [I32, I32, I32, I32, I32, F64, I32],
    locals: [
      [7, I32],
      [3, V128],
    ],
    body: b,
  };
}

/**
 * `transposeVec4(data, from, to, cols, r, out)`: out[j] += X[i, j]·r[i] for rows from..to−1 in
 * order, `to − from` a multiple of 4: per block, out[j] is loaded once, gets the four rows' products
 * one after the other and is stored, two columns per f64x2 (the last column of an odd count alone).
 */
function transposeVec4(e: Entry): FuncDef {
  const [DATA, I, TO, COLS, R, OUT] = [0, 1, 2, 3, 4, 5];
  const [A0, A1, A2, A3, O, OEND, RB, RI] = [6, 7, 8, 9, 10, 11, 12, 13];
  const [R0, R1, R2, R3] = [14, 15, 16, 17];
  const { b, emit } = emitter();
  emit(op.get(COLS), op.i32Const(e.shift), op.i32Shl(), op.set(RB));
  emit(op.get(OUT), op.get(COLS), op.i32Const(-2), op.i32And(), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(OEND));
  openRowBlock(emit, [DATA, I, TO, RB], [A0, A1, A2, A3]);
  emit(op.get(R), op.get(I), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(RI));
  [R0, R1, R2, R3].forEach((rk, k) => emit(op.get(RI), op.f64Load(8 * k), op.f64x2Splat(), op.set(rk)));
  emit(op.get(OUT), op.set(O));
  emit(op.block(), op.loop()); // column pairs
  emit(op.get(O), op.get(OEND), op.i32GeU(), op.brIf(1));
  emit(op.get(O), op.get(O), op.v128Load(0));
  [A0, A1, A2, A3].forEach((a, k) => emit(op.get(a), e.load2(), op.get(R0 + k), op.f64x2Mul(), op.f64x2Add()));
  emit(op.v128Store(0));
  for (const a of [A0, A1, A2, A3]) emit(op.get(a), op.i32Const(2 << e.shift), op.i32Add(), op.set(a));
  emit(op.get(O), op.i32Const(16), op.i32Add(), op.set(O));
  emit(op.br(0), op.end(), op.end());
  // an odd last column: the same four adds on one f64
  emit(op.block(), op.get(COLS), op.i32Const(1), op.i32And(), op.i32Eqz(), op.brIf(0));
  emit(op.get(O), op.get(O), op.f64Load(0));
  [A0, A1, A2, A3].forEach((a, k) => emit(op.get(a), e.load(), op.get(R0 + k), op.f64x2ExtractLane(0), op.f64Mul(), op.f64Add()));
  emit(op.f64Store(0), op.end());
  emit(op.get(I), op.i32Const(4), op.i32Add(), op.set(I));
  emit(op.br(0), op.end(), op.end());
  return {
    name: `transposeVec4${e.suffix}`,
    params: [I32, I32, I32, I32, I32, I32],
    locals: [
      [8, I32],
      [4, V128],
    ],
    body: b,
  };
}

/** The kernel over a memory of its own (one thread), or, with `sharedMaxPages`, over a shared memory its threads all attach to. */
export function buildLinearKernel(sharedMaxPages?: number): Uint8Array {
  return assemble([...[F64_ENTRY, F32_ENTRY].flatMap((e) => [matVec4(e), transposeVec4(e)]), lossRows()], 1, sharedMaxPages);
}
