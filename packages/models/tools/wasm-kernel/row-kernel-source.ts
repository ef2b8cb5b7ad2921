/**
 * The source of the WebAssembly row kernel of GBDT training (fixed code over the training arena,
 * like histogram-kernel-source.ts, in a module of its own so each stays under 4 KB;
 * `row-kernel-bytes.ts` holds the assembled bytes, a test checks they equal `buildRowKernel()`).
 */
import { I32, assemble, emitter, op, type FuncDef } from './assembler';
import { HISTOGRAM_MEMORY_MAX_PAGES } from './histogram-kernel-source';
import { NODE_STRIDE } from '../../src/gbdt/parallel/training-memory';

/**
 * `partitionRows(idx, end, column, goLeft, left, right, rightStep) → i32`: for each i32 row at
 * idx .. end (exclusive), in order, with bin = u8[column + row]: writes the row at `left` and at
 * `right`, then advances `left` by 4 when u8[goLeft + bin] is 1, else `right` by `rightStep`
 * (±4). Returns how many went left. Branch-free: a leaf's rows go either way at random. The
 * caller's layouts: a chunk's left rows forward and right rows backward in one scratch range
 * (`rightStep` −4), or the left rows in place over the leaf's own rows (`left` never passes the
 * row being read) and the right ones forward in scratch (+4).
 */
function partitionRows(): FuncDef {
  const [IDX, END, COL, GO, LEFT, RIGHT, STEP] = [0, 1, 2, 3, 4, 5, 6];
  const [ROW, SIDE, FIRST] = [7, 8, 9];
  const { b, emit } = emitter();
  emit(op.get(LEFT), op.set(FIRST));
  emit(op.block(), op.loop());
  emit(op.get(IDX), op.get(END), op.i32GeU(), op.brIf(1));
  emit(op.get(IDX), op.i32Load(0), op.set(ROW));
  emit(op.get(GO), op.get(COL), op.get(ROW), op.i32Add(), op.i32Load8u(0), op.i32Add(), op.i32Load8u(0), op.set(SIDE));
  emit(op.get(LEFT), op.get(ROW), op.i32Store(0), op.get(RIGHT), op.get(ROW), op.i32Store(0));
  emit(op.get(LEFT), op.get(SIDE), op.i32Const(2), op.i32Shl(), op.i32Add(), op.set(LEFT));
  emit(op.get(RIGHT), op.i32Const(0), op.get(STEP), op.get(SIDE), op.select(), op.i32Add(), op.set(RIGHT));
  emit(op.get(IDX), op.i32Const(4), op.i32Add(), op.set(IDX));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(LEFT), op.get(FIRST), op.i32Sub(), op.i32Const(2), op.i32ShrU());
  return { name: 'partitionRows', params: [I32, I32, I32, I32, I32, I32, I32], results: [I32], locals: [[3, I32]], body: b };
}

/** Rows walked side by side: their loads overlap instead of each row's path waiting on its last node. */
const WALK_ROWS = 4;

/**
 * `walkLeaves(rows, end, nodes, leafOf) → i32`: for the i32 rows at rows .. end, WALK_ROWS at a
 * time, writes each row's leaf of the packed tree at `nodes` (NODE_STRIDE i32 per node: threshold
 * bin at 4, missing bin at 8 (-1: none), 1 when missing goes left at 12, the children at 16 and 20
 * (a leaf l as ~l), the u8 bin column's address at 28) to i32 `leafOf + 4 · row`. A bin above the
 * threshold goes right, the missing bin to its default side, picked by arithmetic as the JS walk
 * does. A row on a leaf keeps it while the others walk on (it re-reads the root, and drops the
 * result). Returns the address of the first row it did not walk (fewer than WALK_ROWS were left).
 */
function walkLeaves(): FuncDef {
  const [ROWS, END, NODES, LEAF] = [0, 1, 2, 3];
  const R = 4; // rows R .. R + WALK_ROWS - 1
  const N = R + WALK_ROWS; // their nodes (negative: on leaf ~N)
  const [O, B] = [N + WALK_ROWS, N + WALK_ROWS + 1];
  const { b, emit } = emitter();
  emit(op.block(), op.loop());
  emit(op.get(ROWS), op.i32Const(4 * WALK_ROWS), op.i32Add(), op.get(END), op.i32GtU(), op.brIf(1));
  for (let k = 0; k < WALK_ROWS; k++) emit(op.get(ROWS), op.i32Load(4 * k), op.set(R + k), op.i32Const(0), op.set(N + k));
  emit(op.block(), op.loop());
  for (let k = 0; k < WALK_ROWS; k++) {
    // O = the node's record (the root's for a row on its leaf)
    emit(op.get(NODES), op.get(N + k), op.get(N + k), op.i32Const(31), op.i32ShrS(), op.i32Const(-1), op.i32Xor(), op.i32And());
    emit(op.i32Const(4 * NODE_STRIDE), op.i32Mul(), op.i32Add(), op.set(O));
    emit(op.get(O), op.i32Load(28), op.get(R + k), op.i32Add(), op.i32Load8u(0), op.set(B));
    // N = on a leaf ? N : the child, right = bin is the missing bin ? 1 − missing goes left : (threshold − bin) >>> 31
    emit(
      op.get(N + k),
      op.get(O),
      op.i32Const(1),
      op.get(O),
      op.i32Load(12),
      op.i32Sub(),
      op.get(O),
      op.i32Load(4),
      op.get(B),
      op.i32Sub(),
      op.i32Const(31),
      op.i32ShrU(),
    );
    emit(op.get(B), op.get(O), op.i32Load(8), op.i32Eq(), op.select(), op.i32Const(2), op.i32Shl(), op.i32Add(), op.i32Load(16));
    emit(op.get(N + k), op.i32Const(0), op.i32LtS(), op.select(), op.set(N + k));
  }
  // until every row is on a leaf
  emit(op.get(N));
  for (let k = 1; k < WALK_ROWS; k++) emit(op.get(N + k), op.i32And());
  emit(op.i32Const(0), op.i32GeS(), op.brIf(0), op.end(), op.end());
  for (let k = 0; k < WALK_ROWS; k++)
    emit(op.get(LEAF), op.get(R + k), op.i32Const(2), op.i32Shl(), op.i32Add(), op.get(N + k), op.i32Const(-1), op.i32Xor(), op.i32Store(0));
  emit(op.get(ROWS), op.i32Const(4 * WALK_ROWS), op.i32Add(), op.set(ROWS));
  emit(op.br(0), op.end(), op.end());
  emit(op.get(ROWS));
  return { name: 'walkLeaves', params: [I32, I32, I32, I32], results: [I32], locals: [[2 * WALK_ROWS + 2, I32]], body: b };
}

export function buildRowKernel(): Uint8Array {
  return assemble([partitionRows(), walkLeaves()], 1, HISTOGRAM_MEMORY_MAX_PAGES);
}
