/**
 * The source of the WebAssembly lane-walk prediction kernel (fixed code: it reads a forest laid
 * out in memory by lane-predict.ts and is never derived from a model). `lane-kernel-bytes.ts`
 * holds the assembled bytes; a test checks they equal `buildLaneKernel()`.
 *
 * The walk evaluates every node of a tree for 64 rows at once, 16 per SIMD vector, instead of
 * following each row's path. Leaves are numbered in order (left subtree first) and nodes visited
 * in pre-order; a row's leaf index `l` starts at 0. A node n whose subtree's leaves start at a_n
 * and whose right subtree's start at m_n is on the row's path exactly when l == a_n at the time it
 * is visited (every ancestor has moved l to the first leaf of the side taken; a node beside the
 * path sees an l outside its subtree), and there the row goes right when bin > threshold bin:
 * `l = max(l, (bin > thr) & m_n & (l == a_n))`. After the last node l is the row's leaf. No
 * branch depends on the data; a 64-leaf tree costs 63 node steps per 64 rows, whatever its depth.
 *
 * Memory layout (byte addresses; see lane-predict.ts):
 *   bins          u8 per (used feature u, row r) at bins + u * block + r, stored as bin ^ 0x80 so
 *                 a signed byte compare orders them as unsigned (x86 has no unsigned byte compare)
 *   node record   64 bytes: a_n splat (16 × u8), threshold-bin ^ 0x80 splat, m_n splat, then
 *                 the feature's column byte offset (u * block)
 *   tree table    16 bytes per tree: first record, end of its records, its leaf values (f64 by l)
 *   out           f64 per row of the block
 */
import { F64, I32, V128, assemble, op, type FuncDef } from './assembler';
import { LANE_RECORD_BYTES, LANE_ROWS } from '../../src/gbdt/predict/wasm/lane-layout';

const VECTORS = LANE_ROWS / 16;

/**
 * `walkLanes(table, tableEnd, rowsEnd, bins, out, scratch)`: adds the trees listed at
 * table .. tableEnd to out[0 .. rowsEnd) (rowsEnd a multiple of LANE_ROWS); `scratch` holds
 * LANE_ROWS bytes. Each row's trees are added in table order, so its sum has the float walk's bits.
 */
function walkLanes(): FuncDef {
  const [TABLE, TABLE_END, ROWS_END, BINS, OUT, SCRATCH] = [0, 1, 2, 3, 4, 5];
  const [T, RS, RE, VALS, G, P, Q, K, O] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  const L = 15; // leaf index vectors L .. L + VECTORS - 1
  const A = L + VECTORS;
  const TH = A + 1;
  const M = TH + 1;
  const b: number[] = [];
  const emit = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  emit(op.get(TABLE), op.set(T));
  emit(op.block(), op.loop()); // trees
  emit(op.get(T), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  emit(op.get(T), op.i32Load(0), op.set(RS), op.get(T), op.i32Load(4), op.set(RE), op.get(T), op.i32Load(8), op.set(VALS));
  emit(op.i32Const(0), op.set(G));
  emit(op.block(), op.loop()); // groups of LANE_ROWS rows
  emit(op.get(G), op.get(ROWS_END), op.i32GeU(), op.brIf(1));
  for (let k = 0; k < VECTORS; k++) emit(op.i32Const(0), op.i8x16Splat(), op.set(L + k));
  emit(op.get(RS), op.set(P));
  emit(op.block(), op.loop()); // nodes, pre-order
  emit(op.get(P), op.get(RE), op.i32GeU(), op.brIf(1));
  emit(op.get(P), op.v128Load(0), op.set(A), op.get(P), op.v128Load(16), op.set(TH), op.get(P), op.v128Load(32), op.set(M));
  emit(op.get(BINS), op.get(P), op.i32Load(48), op.i32Add(), op.get(G), op.i32Add(), op.set(Q));
  for (let k = 0; k < VECTORS; k++) {
    // l = max(l, (bin > thr) & m & (l == a))
    emit(op.get(L + k), op.get(Q), op.v128Load(16 * k), op.get(TH), op.i8x16GtS(), op.get(M), op.v128And());
    emit(op.get(L + k), op.get(A), op.i8x16Eq(), op.v128And(), op.i8x16MaxU(), op.set(L + k));
  }
  emit(op.get(P), op.i32Const(LANE_RECORD_BYTES), op.i32Add(), op.set(P));
  emit(op.br(0), op.end(), op.end()); // nodes
  for (let k = 0; k < VECTORS; k++) emit(op.get(SCRATCH), op.get(L + k), op.v128Store(16 * k));
  // out[g + k] += value[l_k], 8 rows at a time
  emit(op.get(OUT), op.get(G), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(O));
  emit(op.get(SCRATCH), op.set(K));
  emit(op.block(), op.loop());
  emit(op.get(K), op.get(SCRATCH), op.i32Const(LANE_ROWS), op.i32Add(), op.i32GeU(), op.brIf(1));
  for (let k = 0; k < 8; k++) {
    emit(op.get(O), op.get(O), op.f64Load(8 * k), op.get(VALS), op.get(K), op.i32Load8u(k), op.i32Const(3), op.i32Shl(), op.i32Add(), op.f64Load(0));
    emit(op.f64Add(), op.f64Store(8 * k));
  }
  emit(op.get(K), op.i32Const(8), op.i32Add(), op.set(K), op.get(O), op.i32Const(64), op.i32Add(), op.set(O));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(G), op.i32Const(LANE_ROWS), op.i32Add(), op.set(G));
  emit(op.br(0), op.end(), op.end()); // groups
  emit(op.get(T), op.i32Const(16), op.i32Add(), op.set(T));
  emit(op.br(0), op.end(), op.end()); // trees
  return {
    name: 'walkLanes',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [
      [O + 1 - T, I32],
      [M + 1 - L, V128],
    ],
    body: b,
  };
}

/**
 * `binLanesF64` / `binLanesF32(rows, rowBytes, input, table, tableEnd)`: bins rows [0, rows) (a
 * multiple of 8) of the row-major block at `input` for every used feature into u8 bins (stored
 * ^ 0x80), by a branch-free binary search over the feature's thresholds (a value's bin is how
 * many thresholds are below it; float32 values widen to f64 exactly), 8 rows side by side.
 * Feature table entries (16 bytes): [column byte offset in a row, byte address of the feature's
 * thresholds minus 8, half the padded threshold count in bytes (count * 4), the bins' column
 * byte address]. Returns 1 when a value is NaN (the caller then takes the float walk).
 */
function binLanes(name: string, elem: 4 | 8): FuncDef {
  const [ROWS_, ROW_BYTES, INPUT, TABLE_, TABLE_END] = [0, 1, 2, 3, 4];
  const [E, SRC, DST, DST_END, S, P0, STEP, NAN, STRIDE, B] = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const V = B + 8; // f64 locals after the i32 ones
  const side = Array.from({ length: 8 }, (_, k) => k);
  const b: number[] = [];
  const emit = (...xs: number[][]) => xs.forEach((x) => b.push(...x));
  emit(op.get(TABLE_), op.set(E), op.get(ROW_BYTES), op.i32Const(8), op.i32Mul(), op.set(STRIDE));
  emit(op.block(), op.loop()); // features
  emit(op.get(E), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  emit(op.get(INPUT), op.get(E), op.i32Load(0), op.i32Add(), op.set(SRC));
  emit(op.get(E), op.i32Load(4), op.set(S), op.get(E), op.i32Load(8), op.set(P0), op.get(E), op.i32Load(12), op.set(DST));
  emit(op.get(DST), op.get(ROWS_), op.i32Add(), op.set(DST_END));
  emit(op.block(), op.loop()); // rows, 8 at a time
  emit(op.get(DST), op.get(DST_END), op.i32GeU(), op.brIf(1));
  for (const k of side) {
    emit(op.get(SRC));
    for (let i = 0; i < k; i++) emit(op.get(ROW_BYTES), op.i32Add());
    emit(...(elem === 8 ? [op.f64Load(0)] : [op.f32Load(0), op.f64PromoteF32()]), op.set(V + k));
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
  for (const k of side) emit(op.get(DST), op.get(B + k), op.i32Const(3), op.i32ShrU(), op.i32Const(0x80), op.i32Xor(), op.i32Store8(k));
  emit(op.get(DST), op.i32Const(8), op.i32Add(), op.set(DST));
  emit(op.get(SRC), op.get(STRIDE), op.i32Add(), op.set(SRC));
  emit(op.br(0), op.end(), op.end()); // rows
  emit(op.get(E), op.i32Const(16), op.i32Add(), op.set(E));
  emit(op.br(0), op.end(), op.end()); // features
  emit(op.get(NAN));
  return {
    name,
    params: [I32, I32, I32, I32, I32],
    results: [I32],
    locals: [
      [V - E, I32],
      [8, F64],
    ],
    body: b,
  };
}

export function buildLaneKernel(): Uint8Array {
  return assemble([walkLanes(), binLanes('binLanesF64', 8), binLanes('binLanesF32', 4)]);
}
