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
 * The l == a_n test is made once per left chain, not per node. In pre-order a node's left child
 * (when it is not a leaf) comes right after it, so the records split into chains (a node, its
 * left child, that one's left child, ... down to a node whose left child is a leaf) whose nodes
 * share a_n. A row on the chain's first node reaches each next one by going left, so it leaves
 * the chain at its first node with bin > thr, for that node's m_n, the largest m_n among such
 * nodes (m_n decreases down the chain), or stays at a_n: per node `acc = max(acc, (bin > thr) &
 * m_n)`, and at the chain's last node `l = max(l, acc & (l == a_n))`. Fewer vector operations
 * (a 64-leaf tree of LightGBM's has about 32 chains) and, above all, a dependency chain through l
 * of three operations per chain instead of per node.
 *
 * Memory layout (byte addresses; see lane-predict.ts):
 *   bins          u8 per (used feature u, row r) at bins + u * block + r, stored as bin ^ 0x80 so
 *                 a signed byte compare orders them as unsigned (x86 has no unsigned byte compare)
 *   node record   64 bytes: a_n splat (16 × u8), threshold-bin ^ 0x80 splat, m_n splat, then
 *                 the feature's column byte offset (u * block) and 1 when it ends its chain (i32s)
 *   tree table    16 bytes per tree: first record, end of its records, its leaf values (f64 by l)
 *   out           f64 per row of the block
 */
import { F64, I32, V128, assemble, emitter, op, type FuncDef } from './assembler';
import { FEATURE_ENTRY_BYTES, LANE_RECORD_BYTES, LANE_ROWS, TREES_PER_PASS } from '../../src/gbdt/predict/wasm/lane-layout';

const VECTORS = LANE_ROWS / 16;
/** Rows whose sums one step of the walk's accumulation loop updates (unrolled: the kernel stays under 4 KB). */
const ACCUMULATE_ROWS = 4;

/**
 * The end of a node step in a lane walk (the node loop's body, record at local P; the vectors of
 * leaf numbers from local L and of chain accumulators from ACC, VECTORS each): at the chain's last
 * node (flag at 52) l = max(l, acc & (l == a)) with a at 0, and acc = 0; then the next record, and
 * the loop's close.
 */
export function endOfNode(emit: (...xs: number[][]) => void, { P, A, L, ACC }: { P: number; A: number; L: number; ACC: number }): void {
  emit(op.block());
  emit(op.get(P), op.i32Load(52), op.i32Eqz(), op.brIf(0));
  emit(op.get(P), op.v128Load(0), op.set(A));
  for (let k = 0; k < VECTORS; k++) {
    emit(op.get(L + k), op.get(ACC + k), op.get(L + k), op.get(A), op.i8x16Eq(), op.v128And(), op.i8x16MaxU(), op.set(L + k));
    emit(op.i32Const(0), op.i8x16Splat(), op.set(ACC + k));
  }
  emit(op.end());
  emit(op.get(P), op.i32Const(LANE_RECORD_BYTES), op.i32Add(), op.set(P));
  emit(op.br(0), op.end(), op.end()); // nodes
}

/**
 * `walkLanes(table, tableEnd, rowsEnd, bins, out, scratch)`: adds the trees listed at
 * table .. tableEnd (a multiple of TREES_PER_PASS; the caller pads with one-leaf trees of value
 * -0, which leave every sum as it is) to out[0 .. rowsEnd) (rowsEnd a multiple of LANE_ROWS);
 * `scratch` holds TREES_PER_PASS * LANE_ROWS bytes. Trees are taken TREES_PER_PASS at a time: each
 * finds its leaves for a group of rows, then every row's leaf values are added to its out in table
 * order, the sum held in a register across the pass; so its sum has the float walk's bits.
 */
function walkLanes(): FuncDef {
  const [TABLE, TABLE_END, ROWS_END, BINS, OUT, SCRATCH] = [0, 1, 2, 3, 4, 5];
  const [T, J, RE, G, P, Q, K, O, BG] = [6, 7, 8, 9, 10, 11, 12, 13, 14];
  const VALS = 15; // leaf value addresses of the pass's trees: VALS .. VALS + TREES_PER_PASS - 1
  const L = VALS + TREES_PER_PASS; // leaf index vectors L .. L + VECTORS - 1
  const A = L + VECTORS;
  const TH = A + 1;
  const M = TH + 1;
  const ACC = M + 1; // per vector: the largest m_n so far in the chain with bin > thr (0: none)
  const { b, emit } = emitter();
  emit(op.get(TABLE), op.set(T));
  emit(op.block(), op.loop()); // passes
  emit(op.get(T), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  for (let j = 0; j < TREES_PER_PASS; j++) emit(op.get(T), op.i32Load(16 * j + 8), op.set(VALS + j));
  emit(op.i32Const(0), op.set(G));
  emit(op.block(), op.loop()); // groups of LANE_ROWS rows
  emit(op.get(G), op.get(ROWS_END), op.i32GeU(), op.brIf(1));
  emit(op.get(BINS), op.get(G), op.i32Add(), op.set(BG), op.i32Const(0), op.set(J));
  emit(op.block(), op.loop()); // the pass's trees: J counts 16 bytes per tree
  emit(op.get(J), op.i32Const(16 * TREES_PER_PASS), op.i32GeU(), op.brIf(1));
  for (let k = 0; k < VECTORS; k++) emit(op.i32Const(0), op.i8x16Splat(), op.tee(L + k), op.set(ACC + k));
  emit(op.get(T), op.get(J), op.i32Add(), op.tee(P), op.i32Load(4), op.set(RE), op.get(P), op.i32Load(0), op.set(P));
  emit(op.block(), op.loop()); // nodes, pre-order
  emit(op.get(P), op.get(RE), op.i32GeU(), op.brIf(1));
  emit(op.get(P), op.v128Load(16), op.set(TH), op.get(P), op.v128Load(32), op.set(M));
  emit(op.get(P), op.i32Load(48), op.get(BG), op.i32Add(), op.set(Q));
  // acc = max(acc, (bin > thr) & m)
  for (let k = 0; k < VECTORS; k++)
    emit(op.get(ACC + k), op.get(Q), op.v128Load(16 * k), op.get(TH), op.i8x16GtS(), op.get(M), op.v128And(), op.i8x16MaxU(), op.set(ACC + k));
  endOfNode(emit, { P, A, L, ACC });
  // the tree's leaf indices to scratch + LANE_ROWS * j (J = 16 j)
  emit(op.get(SCRATCH), op.get(J), op.i32Const(LANE_ROWS / 16), op.i32Mul(), op.i32Add(), op.set(Q));
  for (let k = 0; k < VECTORS; k++) emit(op.get(Q), op.get(L + k), op.v128Store(16 * k));
  emit(op.get(J), op.i32Const(16), op.i32Add(), op.set(J));
  emit(op.br(0), op.end(), op.end()); // the pass's trees
  // out[g + k] += value_j[l_jk] for the pass's trees j in order, 4 rows at a time
  emit(op.get(OUT), op.get(G), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(O));
  emit(op.get(SCRATCH), op.set(K));
  emit(op.block(), op.loop());
  emit(op.get(K), op.get(SCRATCH), op.i32Const(LANE_ROWS), op.i32Add(), op.i32GeU(), op.brIf(1));
  for (let k = 0; k < ACCUMULATE_ROWS; k++) {
    emit(op.get(O), op.get(O), op.f64Load(8 * k));
    for (let j = 0; j < TREES_PER_PASS; j++) {
      emit(op.get(VALS + j), op.get(K), op.i32Load8u(LANE_ROWS * j + k), op.i32Const(3), op.i32Shl(), op.i32Add(), op.f64Load(0), op.f64Add());
    }
    emit(op.f64Store(8 * k));
  }
  emit(op.get(K), op.i32Const(ACCUMULATE_ROWS), op.i32Add(), op.set(K), op.get(O), op.i32Const(8 * ACCUMULATE_ROWS), op.i32Add(), op.set(O));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(G), op.i32Const(LANE_ROWS), op.i32Add(), op.set(G));
  emit(op.br(0), op.end(), op.end()); // groups
  emit(op.get(T), op.i32Const(16 * TREES_PER_PASS), op.i32Add(), op.set(T));
  emit(op.br(0), op.end(), op.end()); // passes
  return {
    name: 'walkLanes',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [
      [L - T, I32],
      [ACC + VECTORS - L, V128],
    ],
    body: b,
  };
}

/**
 * `binLanesF64` / `binLanesF32(rows, rowBytes, input, table, tableEnd, firstRow)`: bins rows
 * [0, rows) (a multiple of 8) of the row-major block at `input` for every used feature into u8
 * bins of rows firstRow .. (stored ^ 0x80); a value's bin is how many of the feature's thresholds are below it (float32 values
 * widen to f64 exactly). A bucket table narrows the search: bucket(v) = clamp(trunc((v - lo) *
 * scale), 0, maxBucket) never decreases as v grows, so every threshold in a lower bucket is below
 * v and every one in a higher bucket is above it; the table holds, per bucket, how many
 * thresholds lie in lower buckets, and a branch-free binary search over the next `window - 1`
 * thresholds (the most any bucket holds; +Inf past the last) counts the rest. Eight rows side by side.
 * Feature table entries (FEATURE_ENTRY_BYTES): [column byte offset in a row, byte address of the
 * feature's thresholds minus 8, half the window in bytes (window * 4), the bins' column byte
 * address, lo (f64), scale (f64), bucket table address, maxBucket, the bin of 0 ^ 0x80]. Returns 1 when a value is
 * NaN (the caller then takes the float walk).
 */
function binLanes(name: string, elem: 4 | 8, SIDE = 8): FuncDef {
  const [ROWS_, ROW_BYTES, INPUT, TABLE_, TABLE_END, FIRST_ROW] = [0, 1, 2, 3, 4, 5];
  const [E, SRC, DST, DST_END, THR, P0, STEP, STRIDE, BKT, MAXB, I] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
  const BASE = I + 1; // SIDE i32: each row's search base address, then its offset within the window
  const ACC = BASE + SIDE;
  const LO = ACC + SIDE; // f64 locals after the i32 ones
  const SCALE = LO + 1;
  const V = SCALE + 1;
  const side = Array.from({ length: SIDE }, (_, k) => k);
  const { b, emit } = emitter();
  emit(op.get(TABLE_), op.set(E), op.get(ROW_BYTES), op.i32Const(SIDE), op.i32Mul(), op.set(STRIDE));
  emit(op.block(), op.loop()); // features
  emit(op.get(E), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  emit(op.get(INPUT), op.get(E), op.i32Load(0), op.i32Add(), op.set(SRC));
  emit(op.get(E), op.i32Load(4), op.set(THR), op.get(E), op.i32Load(8), op.set(P0), op.get(E), op.i32Load(12), op.get(FIRST_ROW), op.i32Add(), op.set(DST));
  emit(op.get(E), op.f64Load(16), op.set(LO), op.get(E), op.f64Load(24), op.set(SCALE));
  emit(op.get(E), op.i32Load(32), op.set(BKT), op.get(E), op.i32Load(36), op.set(MAXB));
  emit(op.get(DST), op.get(ROWS_), op.i32Add(), op.set(DST_END));
  emit(op.block(), op.loop()); // rows, SIDE at a time
  emit(op.get(DST), op.get(DST_END), op.i32GeU(), op.brIf(1));
  for (const k of side) {
    emit(op.get(SRC));
    for (let i = 0; i < k; i++) emit(op.get(ROW_BYTES), op.i32Add());
    emit(...(elem === 8 ? [op.f64Load(0)] : [op.f32Load(0), op.f64PromoteF32()]), op.set(V + k));
    // bucket = clamp(trunc((v - lo) * scale), 0, maxBucket); the search starts after the thresholds in lower buckets
    emit(op.get(V + k), op.get(LO), op.f64Sub(), op.get(SCALE), op.f64Mul(), op.i32TruncSatF64S(), op.set(I));
    emit(op.get(I), op.i32Const(0), op.get(I), op.i32Const(0), op.i32GtS(), op.select(), op.set(I));
    emit(op.get(I), op.get(MAXB), op.get(I), op.get(MAXB), op.i32LtS(), op.select(), op.set(I));
    emit(op.get(THR), op.get(BKT), op.get(I), op.i32Add(), op.i32Load8u(0), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(BASE + k));
    emit(op.i32Const(0), op.set(ACC + k));
  }
  emit(op.get(P0), op.set(STEP));
  emit(op.block(), op.loop()); // search steps (byte offsets: 8 per threshold)
  emit(op.get(STEP), op.i32Const(8), op.i32LtU(), op.brIf(1));
  for (const k of side) {
    // acc += thresholds[base + acc + step] < v ? step : 0
    emit(op.get(ACC + k), op.get(STEP), op.i32Const(0));
    emit(op.get(BASE + k), op.get(ACC + k), op.i32Add(), op.get(STEP), op.i32Add(), op.f64Load(0), op.get(V + k), op.f64Lt());
    emit(op.select(), op.i32Add(), op.set(ACC + k));
  }
  emit(op.get(STEP), op.i32Const(1), op.i32ShrU(), op.set(STEP));
  emit(op.br(0), op.end(), op.end()); // steps
  for (const k of side) {
    emit(op.get(DST), op.get(BASE + k), op.get(ACC + k), op.i32Add(), op.get(THR), op.i32Sub(), op.i32Const(3), op.i32ShrU());
    emit(op.i32Const(0x80), op.i32Xor(), op.i32Store8(k));
  }
  emit(op.get(DST), op.i32Const(SIDE), op.i32Add(), op.set(DST));
  emit(op.get(SRC), op.get(STRIDE), op.i32Add(), op.set(SRC));
  emit(op.br(0), op.end(), op.end()); // rows
  emit(op.get(E), op.i32Const(FEATURE_ENTRY_BYTES), op.i32Add(), op.set(E));
  emit(op.br(0), op.end(), op.end()); // features
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32],
    locals: [
      [LO - E, I32],
      [V + SIDE - LO, F64],
    ],
    body: b,
  };
}

/**
 * `binLanesCsr(rows, indptr, indices, values, colMap, table, tableEnd)`: bins CSR rows [0, rows)
 * (i32 indptr relative to the block, i32 column indices, f64 values) into the same u8 bins as
 * `binLanes*`: each used feature's column starts at the bin of 0 (absent entries are 0), then
 * every stored value of a split column is binned by the same bucket search, one at a time.
 * `colMap` holds, per column of X, the address of its feature table entry or 0 when no split
 * uses it. Returns 1 when a stored value of a split column is NaN.
 */
function binCsr(): FuncDef {
  const [ROWS_, INDPTR, INDICES, VALUES, COLMAP, TABLE_, TABLE_END] = [0, 1, 2, 3, 4, 5, 6];
  const [E, D, DE, R, K, KE, I, BASE, ACC, STEP, NAN] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const V = NAN + 1; // f64
  const Z = V + 1; // v128
  const { b, emit } = emitter();
  // every used feature's column starts at the bin of 0
  emit(op.get(TABLE_), op.set(E));
  emit(op.block(), op.loop());
  emit(op.get(E), op.get(TABLE_END), op.i32GeU(), op.brIf(1));
  emit(op.get(E), op.i32Load(40), op.i8x16Splat(), op.set(Z));
  emit(op.get(E), op.i32Load(12), op.tee(D), op.get(ROWS_), op.i32Add(), op.set(DE));
  emit(op.block(), op.loop());
  emit(op.get(D), op.get(DE), op.i32GeU(), op.brIf(1));
  emit(op.get(D), op.get(Z), op.v128Store(0), op.get(D), op.i32Const(16), op.i32Add(), op.set(D));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(E), op.i32Const(FEATURE_ENTRY_BYTES), op.i32Add(), op.set(E));
  emit(op.br(0), op.end(), op.end());
  // stored entries
  emit(op.i32Const(0), op.set(R));
  emit(op.block(), op.loop()); // rows
  emit(op.get(R), op.get(ROWS_), op.i32GeU(), op.brIf(1));
  emit(op.get(INDPTR), op.get(R), op.i32Const(2), op.i32Shl(), op.i32Add(), op.tee(K), op.i32Load(4), op.set(KE), op.get(K), op.i32Load(0), op.set(K));
  emit(op.block(), op.loop()); // the row's entries
  emit(op.get(K), op.get(KE), op.i32GeS(), op.brIf(1));
  emit(op.block());
  emit(
    op.get(COLMAP),
    op.get(INDICES),
    op.get(K),
    op.i32Const(2),
    op.i32Shl(),
    op.i32Add(),
    op.i32Load(0),
    op.i32Const(2),
    op.i32Shl(),
    op.i32Add(),
    op.i32Load(0),
  );
  emit(op.tee(E), op.i32Eqz(), op.brIf(0));
  emit(op.get(VALUES), op.get(K), op.i32Const(3), op.i32Shl(), op.i32Add(), op.f64Load(0), op.set(V));
  emit(op.get(NAN), op.get(V), op.get(V), op.f64Ne(), op.i32Or(), op.set(NAN));
  emit(op.get(V), op.get(E), op.f64Load(16), op.f64Sub(), op.get(E), op.f64Load(24), op.f64Mul(), op.i32TruncSatF64S(), op.set(I));
  emit(op.get(I), op.i32Const(0), op.get(I), op.i32Const(0), op.i32GtS(), op.select(), op.set(I));
  emit(op.get(I), op.get(E), op.i32Load(36), op.get(I), op.get(E), op.i32Load(36), op.i32LtS(), op.select(), op.set(I));
  emit(op.get(E), op.i32Load(4), op.get(E), op.i32Load(32), op.get(I), op.i32Add(), op.i32Load8u(0), op.i32Const(3), op.i32Shl(), op.i32Add(), op.set(BASE));
  emit(op.i32Const(0), op.set(ACC), op.get(E), op.i32Load(8), op.set(STEP));
  emit(op.block(), op.loop()); // search steps
  emit(op.get(STEP), op.i32Const(8), op.i32LtU(), op.brIf(1));
  emit(op.get(ACC), op.get(STEP), op.i32Const(0));
  emit(op.get(BASE), op.get(ACC), op.i32Add(), op.get(STEP), op.i32Add(), op.f64Load(0), op.get(V), op.f64Lt());
  emit(op.select(), op.i32Add(), op.set(ACC));
  emit(op.get(STEP), op.i32Const(1), op.i32ShrU(), op.set(STEP));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(E), op.i32Load(12), op.get(R), op.i32Add());
  emit(
    op.get(BASE),
    op.get(ACC),
    op.i32Add(),
    op.get(E),
    op.i32Load(4),
    op.i32Sub(),
    op.i32Const(3),
    op.i32ShrU(),
    op.i32Const(0x80),
    op.i32Xor(),
    op.i32Store8(0),
  );
  emit(op.end());
  emit(op.get(K), op.i32Const(1), op.i32Add(), op.set(K));
  emit(op.br(0), op.end(), op.end()); // entries
  emit(op.get(R), op.i32Const(1), op.i32Add(), op.set(R));
  emit(op.br(0), op.end(), op.end()); // rows
  emit(op.get(NAN));
  return {
    name: 'binLanesCsr',
    params: [I32, I32, I32, I32, I32, I32, I32],
    results: [I32],
    locals: [
      [V - E, I32],
      [1, F64],
      [1, V128],
    ],
    body: b,
  };
}

/**
 * `anyNaNF32` / `anyNaNF64(start, end)`: 1 when a value in [start, end) (16-byte aligned, a
 * multiple of 16 bytes) is NaN: one vector compare per 16 bytes instead of one per value.
 */
function anyNaN(name: string, elem: 4 | 8): FuncDef {
  const [START, END, ACC, X] = [0, 1, 2, 3];
  const { b, emit } = emitter();
  emit(op.i32Const(0), op.i8x16Splat(), op.set(ACC));
  emit(op.block(), op.loop());
  emit(op.get(START), op.get(END), op.i32GeU(), op.brIf(1));
  emit(op.get(START), op.v128Load(0), op.tee(X), op.get(X), elem === 4 ? op.f32x4Ne() : op.f64x2Ne(), op.get(ACC), op.v128Or(), op.set(ACC));
  emit(op.get(START), op.i32Const(16), op.i32Add(), op.set(START));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(ACC), op.v128AnyTrue());
  return { name, params: [I32, I32], results: [I32], locals: [[2, V128]], body: b };
}

export function buildLaneKernel(): Uint8Array {
  return assemble([walkLanes(), binLanes('binLanesF64', 8), binLanes('binLanesF32', 4), binCsr(), anyNaN('anyNaNF32', 4), anyNaN('anyNaNF64', 8)]);
}
