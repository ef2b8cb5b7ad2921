/**
 * The source of the WebAssembly prediction kernel (tree walk and input binning) (fixed code: it reads a forest laid out in memory
 * by wasm-predict.ts and is never derived from a model). `kernel-bytes.ts` holds the assembled
 * bytes; a test checks they equal `buildPredictKernel()`.
 *
 * Memory layout (byte addresses; see wasm-predict.ts):
 *   0 ..          bins of one block, u16, column-major: bin of (feature u, row r) at 2 * (u * block + r)
 *   node record   16 bytes: [column byte offset, threshold bin, left record, right record] (i32 each);
 *                 a leaf has threshold -1 (every bin exceeds it, signed: bit 16 marks leaves) and
 *                 itself as both children, so a lane that reached its leaf stays there
 *   tree table    4 bytes per tree: its root record
 *   leaf value    f64 at (record >>> 1) + valueOffset
 *   out           f64 per row of the block
 *
 * `walk(rows, from, to, treeTable, out, valueOffset)` adds trees [from, to) to out[0 .. rows)
 * (rows a multiple of LANES), each row's trees in tree order, so the sums match the float walk
 * bit for bit. LANES rows walk a tree in lock step: their loads are independent, which hides the
 * load latency of each lane's chain, and a step has no data-dependent branch; the walk stops once
 * every lane sits on a leaf (checked every STEPS_PER_CHECK steps; a lane on its leaf stays there).
 */
import { F64, I32, assemble, op, type FuncDef } from './assembler';
import { BIN_ROWS, LANES, LEAF_BIT } from './kernel-layout';

/** Steps between the all-leaves checks (measured best of 1-6 with 16 lanes on the benchmark model). */
const STEPS_PER_CHECK = 3;

// parameters
const ROWS = 0;
const FROM = 1;
const TO = 2;
const TABLE = 3;
const OUT = 4;
const VOFF = 5;
// locals
const T = 6;
const T_END = 7;
const ROOT = 8;
const R_OFF = 9;
const R_END = 10;
const O_PTR = 11;
const A = 12; // A + k: lane k's record

/**
 * `float`: the lanes compare raw float32 values (a column-major f32 block at 0, 4 bytes per row) with
 * float32 thresholds instead of u16 bins with bin thresholds; a leaf is marked by bit 0 of its column
 * offset (node offsets are multiples of 4) instead of LEAF_BIT in its threshold.
 */
function walk(name: string, float: boolean): FuncDef {
  const lanes = Array.from({ length: LANES }, (_, k) => k);
  const b: number[] = [];
  const emit = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  // t = table + 4 * from; tEnd = table + 4 * to; rEnd = 2 * rows
  emit(op.get(TABLE), op.get(FROM), op.i32Const(2), op.i32Shl(), op.i32Add(), op.set(T));
  emit(op.get(TABLE), op.get(TO), op.i32Const(2), op.i32Shl(), op.i32Add(), op.set(T_END));
  emit(op.get(ROWS), op.i32Const(float ? 2 : 1), op.i32Shl(), op.set(R_END));
  emit(op.block(), op.loop()); // trees
  emit(op.get(T), op.get(T_END), op.i32GeU(), op.brIf(1));
  emit(op.get(T), op.i32Load(0), op.set(ROOT));
  emit(op.i32Const(0), op.set(R_OFF), op.get(OUT), op.set(O_PTR));
  emit(op.block(), op.loop()); // row groups
  emit(op.get(R_OFF), op.get(R_END), op.i32GeU(), op.brIf(1));
  for (const k of lanes) emit(op.get(ROOT), op.set(A + k));
  emit(op.block(), op.loop()); // steps
  // every lane on a leaf (only a leaf's threshold, -1, has bit 16 set): this group is done.
  // No step counter: each lane reaches its leaf within the tree's depth, and fewer live values
  // keep the lanes in registers. Thresholds are loaded again below for the same reason.
  const mark = float ? 0 : 4;
  emit(op.get(A), op.i32Load(mark));
  for (const k of lanes.slice(1)) emit(op.get(A + k), op.i32Load(mark), op.i32And());
  emit(op.i32Const(float ? 1 : LEAF_BIT), op.i32And(), op.brIf(1));
  // STEPS_PER_CHECK steps between checks: a lane on its leaf stays there, so extra steps are harmless
  for (let rep = 0; rep < STEPS_PER_CHECK; rep++) {
    for (const k of lanes) {
      // a = load(a + 8 + 4 * (bin > thr)): the right child when the row's bin exceeds the node's.
      // (Measured: a depth-first layout with `select` between right and a + 16 was not faster.)
      emit(op.get(A + k));
      emit(op.get(A + k), op.i32Load(0), op.get(R_OFF), op.i32Add(), float ? op.f32Load(4 * k) : op.i32Load16u(2 * k));
      emit(op.get(A + k), float ? op.f32Load(4) : op.i32Load(4), float ? op.f32Gt() : op.i32GtS(), op.i32Const(2), op.i32Shl(), op.i32Add());
      emit(op.i32Load(8), op.set(A + k));
    }
  }
  emit(op.br(0), op.end(), op.end()); // steps
  for (const k of lanes) {
    emit(op.get(O_PTR), op.get(O_PTR), op.f64Load(8 * k));
    emit(op.get(A + k), op.i32Const(1), op.i32ShrU(), op.get(VOFF), op.i32Add(), op.f64Load(0));
    emit(op.f64Add(), op.f64Store(8 * k));
  }
  emit(op.get(R_OFF), op.i32Const((float ? 4 : 2) * LANES), op.i32Add(), op.set(R_OFF));
  emit(op.get(O_PTR), op.i32Const(8 * LANES), op.i32Add(), op.set(O_PTR));
  emit(op.br(0), op.end(), op.end()); // row groups
  emit(op.get(T), op.i32Const(4), op.i32Add(), op.set(T));
  emit(op.br(0), op.end(), op.end()); // trees
  return { name, params: [I32, I32, I32, I32, I32, I32], locals: [[A + LANES - T, I32]], body: b };
}

/**
 * `binF32`/`binF64(rows, rowBytes, input, table, tableEnd)`: bins rows [0, rows) (a multiple of BIN_ROWS)
 * of the row-major block at `input` for every used feature, by the branch-free binary search of
 * binned-predict.ts (a value's bin is how many of the feature's thresholds are below it), BIN_ROWS
 * rows side by side. Feature table entries (16 bytes): [column byte offset in a row, byte address of the
 * feature's thresholds minus 8, half the padded threshold count in bytes (count * 4), the bins'
 * column byte offset]. Returns 1 when a value is NaN (the caller then takes the float walk).
 */
function bin(name: string, f32: boolean): FuncDef {
  const [ROWS_, ROW_BYTES, INPUT, TABLE_, TABLE_END] = [0, 1, 2, 3, 4];
  const [E, SRC, DST, DST_END, S, P0, STEP, NAN, STRIDE, B] = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const V = B + BIN_ROWS; // f64 locals after the i32 ones
  const side = Array.from({ length: BIN_ROWS }, (_, k) => k);
  const b: number[] = [];
  const emit = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  const load = f32 ? () => [...op.f32Load(0), ...op.f64PromoteF32()] : () => op.f64Load(0);
  emit(op.get(TABLE_), op.set(E), op.get(ROW_BYTES), op.i32Const(BIN_ROWS), op.i32Mul(), op.set(STRIDE));
  emit(op.block(), op.loop()); // features
  emit(op.get(E), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  emit(op.get(INPUT), op.get(E), op.i32Load(0), op.i32Add(), op.set(SRC));
  emit(op.get(E), op.i32Load(4), op.set(S), op.get(E), op.i32Load(8), op.set(P0), op.get(E), op.i32Load(12), op.set(DST));
  emit(op.get(DST), op.get(ROWS_), op.i32Const(1), op.i32Shl(), op.i32Add(), op.set(DST_END));
  emit(op.block(), op.loop()); // rows, BIN_ROWS at a time
  emit(op.get(DST), op.get(DST_END), op.i32GeU(), op.brIf(1));
  for (const k of side) {
    emit(op.get(SRC));
    for (let i = 0; i < k; i++) emit(op.get(ROW_BYTES), op.i32Add());
    emit(load(), op.set(V + k));
    // NaN is the only value unequal to itself
    emit(op.get(NAN), op.get(V + k), op.get(V + k), op.f64Ne(), op.i32Or(), op.set(NAN));
    emit(op.i32Const(0), op.set(B + k));
  }
  emit(op.get(P0), op.set(STEP));
  emit(op.block(), op.loop()); // search steps (byte offsets: 8 per threshold)
  emit(op.get(STEP), op.i32Const(8), op.i32LtU(), op.brIf(1));
  for (const k of side) {
    // b += thresholds[s + b + step] < v ? step : 0
    emit(op.get(B + k), op.get(STEP), op.i32Const(0));
    emit(op.get(S), op.get(B + k), op.i32Add(), op.get(STEP), op.i32Add(), op.f64Load(0), op.get(V + k), op.f64Lt());
    emit(op.select(), op.i32Add(), op.set(B + k));
  }
  emit(op.get(STEP), op.i32Const(1), op.i32ShrU(), op.set(STEP));
  emit(op.br(0), op.end(), op.end()); // steps
  for (const k of side) emit(op.get(DST), op.get(B + k), op.i32Const(3), op.i32ShrU(), op.i32Store16(2 * k));
  emit(op.get(DST), op.i32Const(2 * BIN_ROWS), op.i32Add(), op.set(DST));
  emit(op.get(SRC), op.get(STRIDE), op.i32Add(), op.set(SRC));
  emit(op.br(0), op.end(), op.end()); // rows
  emit(op.get(E), op.i32Const(16), op.i32Add(), op.set(E));
  emit(op.br(0), op.end(), op.end()); // features
  emit(op.get(NAN));
  return { name, params: [I32, I32, I32, I32, I32], results: [I32], locals: [[V - E, I32], [BIN_ROWS, F64]], body: b };
}

/**
 * `gatherF32(rows, rowBytes, input, table, tableEnd)`: copies the split columns of rows [0, rows) (a
 * multiple of 4) of the row-major float32 block at `input` column-major to 0 (feature u's column at
 * twice its bins' offset: 4 bytes per row), as raw bits. Same feature table as `binF32`. Returns 1
 * when a value is NaN (the caller then takes the float walk).
 */
function gather(): FuncDef {
  const [ROWS_, ROW_BYTES, INPUT, TABLE_, TABLE_END] = [0, 1, 2, 3, 4];
  const [E, SRC, DST, DST_END, NAN, V] = [5, 6, 7, 8, 9, 10];
  const b: number[] = [];
  const emit = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  emit(op.get(TABLE_), op.set(E));
  emit(op.block(), op.loop()); // features
  emit(op.get(E), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  emit(op.get(INPUT), op.get(E), op.i32Load(0), op.i32Add(), op.set(SRC));
  emit(op.get(E), op.i32Load(12), op.i32Const(1), op.i32Shl(), op.set(DST));
  emit(op.get(DST), op.get(ROWS_), op.i32Const(2), op.i32Shl(), op.i32Add(), op.set(DST_END));
  emit(op.block(), op.loop()); // rows, 4 at a time
  emit(op.get(DST), op.get(DST_END), op.i32GeU(), op.brIf(1));
  for (let k = 0; k < 4; k++) {
    emit(op.get(SRC), op.i32Load(0), op.set(V));
    // NaN: exponent all ones and a nonzero mantissa
    emit(op.get(NAN), op.get(V), op.i32Const(0x7fffffff), op.i32And(), op.i32Const(0x7f800000), op.i32GtU(), op.i32Or(), op.set(NAN));
    emit(op.get(DST), op.get(V), op.i32Store(4 * k));
    emit(op.get(SRC), op.get(ROW_BYTES), op.i32Add(), op.set(SRC));
  }
  emit(op.get(DST), op.i32Const(16), op.i32Add(), op.set(DST));
  emit(op.br(0), op.end(), op.end()); // rows
  emit(op.get(E), op.i32Const(16), op.i32Add(), op.set(E));
  emit(op.br(0), op.end(), op.end()); // features
  emit(op.get(NAN));
  return { name: 'gatherF32', params: [I32, I32, I32, I32, I32], results: [I32], locals: [[V + 1 - E, I32]], body: b };
}

export function buildPredictKernel(): Uint8Array {
  return assemble([walk('walk', false), bin('binF32', true), bin('binF64', false)]);
}

export function buildFloatKernel(): Uint8Array {
  return assemble([walk('walkF32', true), gather()]);
}
