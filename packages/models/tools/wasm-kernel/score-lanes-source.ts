/**
 * `scoreLanes`, part of the training kernel (histogram-kernel-source.ts assembles it with the
 * histogram functions over the same shared memory): adds a new tree's outputs to the valid rows'
 * scores with the lane walk of prediction (lane-kernel-source.ts explains it: every node of the
 * tree for 64 rows at once, 16 per vector, with no branch on the data), over the valid rows' own
 * u8 bin columns.
 *
 * Two differences from prediction's walk. The bins are the training bins, stored as they are (the
 * JS walk reads the same columns), so each loaded vector is turned into signed order (^ 0x80) before
 * the compare. And a node sends its missing-value bin to its default side: where the threshold
 * compare would send it the other way, the record names that bin and the compare's answer is
 * flipped for it; elsewhere it names a bin the feature does not have (so features with 256 bins
 * take the JS walk).
 *
 * Node record (LANE_RECORD_BYTES = 64, written by valid-lanes.ts): a_n splat (16 × u8), threshold
 * bin ^ 0x80 splat, m_n splat, the feature's valid bin column address (i32, at 48), 1 when the node
 * ends its left chain (at 52), the flipped bin ^ 0x80 (at 56).
 */
import { I32, V128, emitter, op, type FuncDef } from './assembler';
import { LANE_ROWS } from '../../src/gbdt/predict/wasm/lane-layout';
import { endOfNode } from './lane-kernel-source';

const VECTORS = LANE_ROWS / 16;

/**
 * `scoreLanes(records, recordsEnd, rows, firstRow, src, dst, values)`: for the `rows` rows (a
 * multiple of LANE_ROWS) from row `firstRow` on, dst[i] = src[i] + values[leaf of the row], i
 * counting from the addresses `src` and `dst` (f64). `values` holds the leaf values in lane order.
 * A group's leaves wait in the last 64 bytes of its own dst range: row k's byte (at 448 + k) is
 * read before dst[k] is written, and dst[0 .. k) ends at byte 8k, at or before 448 + k.
 */
export function scoreLanes(): FuncDef {
  const [REC, REC_END, ROWS, ROW0, SRC, DST, VALS] = [0, 1, 2, 3, 4, 5, 6];
  const [G, BG, P, Q, O, S, K] = [7, 8, 9, 10, 11, 12, 13];
  const [X80, TH, M, A, FS, B] = [14, 15, 16, 17, 18, 19];
  const L = 20; // leaf index vectors L .. L + VECTORS - 1
  const ACC = L + VECTORS; // per vector: the largest m_n so far in the chain where the row goes right
  const { b, emit } = emitter();
  const bins = (k: number) => [op.get(Q), op.v128Load(16 * k), op.get(X80), op.v128Xor()];
  emit(op.i32Const(0x80), op.i8x16Splat(), op.set(X80));
  emit(op.block(), op.loop()); // groups of LANE_ROWS rows
  emit(op.get(G), op.get(ROWS), op.i32GeU(), op.brIf(1));
  emit(op.get(ROW0), op.get(G), op.i32Add(), op.set(BG));
  for (let k = 0; k < VECTORS; k++) emit(op.i32Const(0), op.i8x16Splat(), op.tee(L + k), op.set(ACC + k));
  emit(op.get(REC), op.set(P));
  emit(op.block(), op.loop()); // nodes, pre-order
  emit(op.get(P), op.get(REC_END), op.i32GeU(), op.brIf(1));
  emit(op.get(P), op.v128Load(16), op.set(TH), op.get(P), op.v128Load(32), op.set(M));
  emit(op.get(P), op.i32Load(48), op.get(BG), op.i32Add(), op.set(Q));
  emit(op.get(P), op.i32Load(56), op.i8x16Splat(), op.set(FS));
  // acc = max(acc, ((bin > thr) ^ (bin == flipped)) & m)
  for (let k = 0; k < VECTORS; k++)
    emit(
      op.get(ACC + k),
      ...bins(k),
      op.tee(B),
      op.get(TH),
      op.i8x16GtS(),
      op.get(B),
      op.get(FS),
      op.i8x16Eq(),
      op.v128Xor(),
      op.get(M),
      op.v128And(),
      op.i8x16MaxU(),
      op.set(ACC + k),
    );
  endOfNode(emit, { P, A, L, ACC });
  // the group's leaves to the end of its dst range, then dst = src + value row by row
  emit(op.get(G), op.i32Const(3), op.i32Shl(), op.tee(O), op.get(SRC), op.i32Add(), op.set(S));
  emit(
    op.get(O),
    op.get(DST),
    op.i32Add(),
    op.tee(O),
    op.i32Const(8 * LANE_ROWS - LANE_ROWS),
    op.i32Add(),
    op.tee(K),
    op.i32Const(LANE_ROWS),
    op.i32Add(),
    op.set(Q),
  );
  for (let k = 0; k < VECTORS; k++) emit(op.get(K), op.get(L + k), op.v128Store(16 * k));
  emit(op.block(), op.loop());
  emit(op.get(K), op.get(Q), op.i32GeU(), op.brIf(1));
  emit(
    op.get(O),
    op.get(S),
    op.f64Load(0),
    op.get(VALS),
    op.get(K),
    op.i32Load8u(0),
    op.i32Const(3),
    op.i32Shl(),
    op.i32Add(),
    op.f64Load(0),
    op.f64Add(),
    op.f64Store(0),
  );
  emit(op.get(O), op.i32Const(8), op.i32Add(), op.set(O), op.get(S), op.i32Const(8), op.i32Add(), op.set(S));
  emit(op.get(K), op.i32Const(1), op.i32Add(), op.set(K));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(G), op.i32Const(LANE_ROWS), op.i32Add(), op.set(G));
  emit(op.br(0), op.end(), op.end()); // groups
  return {
    name: 'scoreLanes',
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [
      [X80 - G, I32],
      [ACC + VECTORS - X80, V128],
    ],
    body: b,
  };
}
