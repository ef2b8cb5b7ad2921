/**
 * The valid rows' score update on the lane walk (tools/wasm-kernel/score-lanes-source.ts): each
 * tree is laid out once as node records in the training arena, and every valid chunk walks it
 * 64 rows at a time on whichever thread takes the chunk, with the same scores as the JS walk.
 * It needs the kernel's arena to hold the valid rows' u8 bin columns and scores, trees of at most
 * 256 leaves (u8 lane numbers) and split features of at most 255 bins (a node names one bin the
 * feature lacks); otherwise the valid rows take the JS walk.
 */
import type { BinMapper } from '../dataset/bin-mapper';
import { missingBin } from '../dataset/bin-mapper';
import type { BinRows } from '../dataset/bin-rows';
import { visitLaneOrder } from '../lane-order';
import { LANE_RECORD_BYTES } from '../predict/wasm/lane-layout';
import { DEFAULT_LEFT_MASK, type TreeArrays } from '../tree';
import type { WasmArena } from './wasm-arena';

/** Where the records and leaf values of the tree being added go, and each feature's valid bin column address (-1: none). */
export type ValidLanes = { readonly records: Uint8Array; readonly values: Float64Array; readonly columns: Float64Array };

const MAX_LANE_LEAVES = 256;
const MAX_LANE_BINS = 255;

/**
 * The lane walk's buffers for the valid rows `valid`, in `arena`; null when the walk cannot take
 * them: sparse features, a usable feature's column outside the arena or of 256 bins, or trees of
 * more than 256 leaves.
 */
export function allocateValidLanes(valid: BinRows, mappers: readonly BinMapper[], numLeaves: number, arena: WasmArena): ValidLanes | null {
  if (numLeaves > MAX_LANE_LEAVES || valid.rowSlots.length > 0) return null;
  const columns = new Float64Array(mappers.length).fill(-1);
  for (let f = 0; f < mappers.length; f++) {
    const col = valid.dense[f];
    if (!col) continue;
    if (!(col instanceof Uint8Array) || !arena.holds(col) || mappers[f]!.numBin > MAX_LANE_BINS) return null;
    columns[f] = col.byteOffset;
  }
  const records = arena.u8(LANE_RECORD_BYTES * Math.max(1, numLeaves - 1));
  const values = arena.f64(numLeaves);
  return records && values ? { records, values, columns } : null;
}

/** Writes `tree`'s node records (in bin space: `thresholdBin` per node) and leaf values in lane order into `lanes`. */
export function layOutValidLanes(tree: TreeArrays, thresholdBin: Int32Array, mappers: readonly BinMapper[], lanes: ValidLanes): void {
  const { records, values, columns } = lanes;
  const dv = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const recordOf = new Int32Array(Math.max(1, tree.numLeaves - 1));
  let rec = 0;
  visitLaneOrder(
    tree.numLeaves > 1 ? 0 : ~0,
    (c) => tree.leftChild[c]!,
    (c) => tree.rightChild[c]!,
    {
      node(c, a) {
        const f = tree.splitFeature[c]!;
        const m = mappers[f]!;
        const thr = thresholdBin[c]!;
        const miss = missingBin(m);
        const goesRight = miss > thr;
        const defaultRight = (tree.decisionType[c]! & DEFAULT_LEFT_MASK) === 0;
        // the bin whose compare answer is flipped: the missing bin when the compare sends it off its default side, else one the feature lacks
        const flipped = miss >= 0 && goesRight !== defaultRight ? miss : m.numBin;
        recordOf[c] = rec;
        records.fill(a, rec, rec + 16);
        records.fill(thr ^ 0x80, rec + 16, rec + 32);
        dv.setInt32(rec + 48, columns[f]!, true);
        dv.setInt32(rec + 52, tree.leftChild[c]! < 0 ? 1 : 0, true);
        dv.setInt32(rec + 56, flipped ^ 0x80, true);
        rec += LANE_RECORD_BYTES;
      },
      rightStart(c, m) {
        records.fill(m, recordOf[c]! + 32, recordOf[c]! + 48);
      },
      leaf(leaf, l) {
        values[l] = tree.leafValue[leaf]!;
      },
    },
  );
}
