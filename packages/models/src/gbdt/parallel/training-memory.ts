/**
 * Every buffer the training threads share, described once. The main thread allocates them (in
 * SharedArrayBuffers where the runtime has them, `shareableBuffer`) and posts this very object to
 * each worker: typed arrays over shared memory arrive as views of the same memory, so the worker
 * reads and writes what the main thread does. Without shared memory no worker starts and the same
 * object serves the main thread alone.
 */
import type { BinMapper } from '../dataset/bin-mapper';
import type { BinRows } from '../dataset/bin-rows';
import type { ObjectiveSpec } from '../objective';
import type { SplitConfig } from '../tree-learner/split';
import { CONTROL_LENGTH } from './control';
import { shareableBuffer } from './shared-buffer';
import { allocateValidLanes, type ValidLanes } from './valid-lanes';
import type { SharedWasmMemory, WasmArena } from './wasm-arena';

/** Float64 entries per stored split (split-kernel.ts): the split, then whether the feature is splittable at all. */
export const SPLIT_FIELDS = 13;
/**
 * Float64 entries per leaf in a split job's leaf block: histogram slot, sum of gradients, of
 * hessians, rows, then for the larger child the slots of its smaller sibling and of its parent
 * (its histogram is made parent − smaller, feature by feature, before the search; else -1, -1).
 */
export const LEAF_FIELDS = 6;
/**
 * Int32 entries per node in a packed tree (score-kernel.ts): feature, threshold bin, missing
 * values' bin (-1: none), missing goes left, left, right, zero's bin, the feature's u8 bin column's
 * address in the arena (-1: none; the row kernel walks the tree when every node has one).
 */
export const NODE_STRIDE = 8;
/** Rows per partition / gradient / score chunk: the unit of row work handed out between threads. */
export const ROW_CHUNK = 16_384;

/** Fewest rows in a chunk of a leaf's gather or partition: below this a hand-off costs more than the rows. */
export const MIN_CHUNK_ROWS = 4096;

/**
 * How many chunks a job over a leaf's `cnt` rows is cut into on `threads` threads: about four per
 * thread, of MIN_CHUNK_ROWS to `maxRows` rows. Equal chunks keep the threads together: with fixed
 * ones a leaf of 40,000 rows was cut into 32,768 + 7,232, and the thread with the small one waited
 * for the other at the barrier. Any cut gives the same gather and the same partition.
 */
export function chunkCount(cnt: number, threads: number, maxRows: number): number {
  const rows = Math.min(maxRows, Math.max(MIN_CHUNK_ROWS, Math.ceil(cnt / (4 * threads))));
  return Math.max(1, Math.ceil(cnt / rows));
}

/** Rows per chunk when `cnt` rows are cut into `chunks` (every thread derives it from the job's fields). */
export const chunkRows = (cnt: number, chunks: number): number => Math.ceil(cnt / chunks);

export type TrainingMemory = {
  /** The job control block (control.ts): Int32 fields driven with Atomics. */
  readonly control: Int32Array;

  // the data, read only
  /** Training rows in bins; `mappers` are copied to each worker, the columns shared. */
  readonly train: BinRows;
  /** Valid rows in the training bins, when there is valid data. */
  readonly valid: BinRows | null;
  /** Feature f's histogram bins are global slots [binOffsets[f], binOffsets[f+1]). */
  readonly binOffsets: Int32Array;
  readonly mappers: readonly BinMapper[];
  /** Training labels (Float64) and what builds the objective, for gradient jobs. */
  readonly labels: Float64Array;
  readonly objective: ObjectiveSpec;

  // each round
  /** Gradients and hessians per training row (LightGBM's float `score_t`). */
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  /** Raw training scores in two buffers: a score job writes `scores[1 - src] = scores[src] + output` (control C_SRC). */
  readonly scores: readonly [Float64Array, Float64Array];
  /** The same for the valid rows. */
  readonly validScores: readonly [Float64Array, Float64Array] | null;
  /** The valid rows' lane walk (valid-lanes.ts; the scores above are then in the arena too), or null: they take the JS walk. */
  readonly validLanes: ValidLanes | null;
  /** Out-of-bag rows of the current tree, ascending. */
  readonly oob: Int32Array;

  // growing a tree
  /** The partition (LightGBM `DataPartition`): in-bag rows, each leaf a range [begin, begin + count) of `idx`. */
  readonly idx: Int32Array;
  readonly begin: Int32Array;
  readonly count: Int32Array;
  /** Partition scratch: one Int32 per row, left rows per chunk, and bin → goes left for the split being applied. */
  readonly tmp: Int32Array;
  readonly leftCounts: Int32Array;
  readonly goLeft: Uint8Array;
  /** A leaf's (grad, hess) pairs gathered in its row order, two floats per row. */
  readonly ordered: Float32Array;
  /** Every leaf's histogram: slot s holds (grad, hess) per global bin at [s · slotLength, (s + 1) · slotLength). */
  readonly hists: Float64Array;
  readonly slotLength: number;
  /** The dense features a histogram job builds (control C_COUNT of them). */
  readonly histFeatures: Int32Array;
  /** Split jobs: settings, the features searched (ascending), the leaves' block, and one stored split per (leaf, feature). */
  readonly splitConfig: SplitConfig;
  readonly splitFeatures: Int32Array;
  readonly splitLeaves: Float64Array;
  readonly splitOut: Float64Array;
  /** Score jobs: the new tree in bin space (NODE_STRIDE Int32 per node) and its leaf values. */
  readonly nodes: Int32Array;
  readonly leafValues: Float64Array;

  /**
   * The WebAssembly memory that holds `idx`, `grad`, `hess`, `ordered` and `hists` (wasm-arena.ts),
   * or null when they are plain shared buffers (then histograms are built by the JS kernels).
   */
  readonly wasm: SharedWasmMemory | null;
  /** True when `labels` and both `scores` buffers are in `wasm` too: then the gradient kernel reads them there. */
  readonly scoresInWasm: boolean;
  /** True when `idx`, `tmp`, `goLeft`, `oob` and `nodes` are in `wasm`: then the row kernel partitions rows and walks trees over u8 columns there. */
  readonly rowsInWasm: boolean;
  /** Per feature: its dense u8 bin column's address in `wasm`, or -1 (no such column there). Float64: addresses reach 4 GiB. */
  readonly columnAddress: Float64Array;
};

const i32 = (n: number) => new Int32Array(shareableBuffer(4 * Math.max(1, n)));
const f32 = (n: number) => new Float32Array(shareableBuffer(4 * Math.max(1, n)));
const f64 = (n: number) => new Float64Array(shareableBuffer(8 * Math.max(1, n)));

export type MemorySizes = {
  readonly train: BinRows;
  readonly valid: BinRows | null;
  readonly binOffsets: Int32Array;
  readonly mappers: readonly BinMapper[];
  readonly labels: ArrayLike<number>;
  readonly objective: ObjectiveSpec;
  readonly splitConfig: SplitConfig;
  readonly numLeaves: number;
};

/** The buffers the histogram kernel works on, in the arena; undefined when one does not fit. */
function kernelBuffers(arena: WasmArena, n: number, histLength: number) {
  const idx = arena.i32(n);
  const grad = arena.f32(n);
  const hess = arena.f32(n);
  const ordered = arena.f32(2 * n);
  const hists = arena.f64(histLength);
  return idx && grad && hess && ordered && hists ? { idx, grad, hess, ordered, hists } : undefined;
}

/** What the row kernel reads and writes besides `idx` and the columns, in the arena; undefined when it does not fit. */
function rowScratch(arena: WasmArena, n: number, numLeaves: number) {
  const tmp = arena.i32(n);
  // dense bin columns are Uint8 or Uint16: at most 65536 bins
  const goLeft = arena.u8(65_536);
  const oob = arena.i32(n);
  const nodes = arena.i32(NODE_STRIDE * Math.max(1, numLeaves - 1));
  return tmp && goLeft && oob && nodes ? { tmp, goLeft, oob, nodes } : undefined;
}

/** Two score buffers of `n` rows in the arena; undefined when they do not fit. */
function scorePair(arena: WasmArena | undefined, n: number): readonly [Float64Array, Float64Array] | undefined {
  const a = arena?.f64(n);
  const b = arena?.f64(n);
  return a && b ? [a, b] : undefined;
}

/** The gradient kernel's inputs in the arena; undefined when they do not fit (gradients are then computed in JS). */
function gradientInputs(arena: WasmArena, n: number) {
  const labels = arena.f64(n);
  const scores = scorePair(arena, n);
  return labels && scores ? { labels, scores } : undefined;
}

/**
 * Allocates every shared buffer for training on `s.train` with trees of up to `s.numLeaves` leaves;
 * the buffers the histogram kernel reads and writes go into `arena` when it is given and has room.
 */
export function allocateTrainingMemory(s: MemorySizes, arena?: WasmArena): TrainingMemory {
  const n = s.train.rows;
  const features = s.mappers.length;
  const slotLength = 2 * s.binOffsets[features]!;
  // a slot per leaf and a spare: the larger child's histogram is written beside its parent's
  const inArena = arena && kernelBuffers(arena, n, slotLength * (s.numLeaves + 1));
  const kernel = inArena ? arena : undefined;
  const columnAddress = new Float64Array(features).fill(-1);
  if (kernel) {
    s.train.dense.forEach((col, f) => {
      if (col instanceof Uint8Array && kernel.holds(col)) columnAddress[f] = col.byteOffset;
    });
  }
  const inputs = kernel && gradientInputs(kernel, n);
  const scratch = kernel && rowScratch(kernel, n, s.numLeaves);
  // the valid rows' lane walk reads and writes their scores in the arena
  const lanes = kernel && s.valid ? allocateValidLanes(s.valid, s.mappers, s.numLeaves, kernel) : null;
  const laneScores = lanes && s.valid ? scorePair(kernel, s.valid.rows) : undefined;
  const labels = inputs?.labels ?? f64(n);
  for (let i = 0; i < n; i++) labels[i] = s.labels[i]!;
  return {
    control: new Int32Array(shareableBuffer(4 * CONTROL_LENGTH)),
    // only the shared views (a BinnedDataset also carries main-thread-only arrays)
    train: { rows: s.train.rows, dense: s.train.dense, rowPtr: s.train.rowPtr, rowSlots: s.train.rowSlots },
    valid: s.valid,
    binOffsets: s.binOffsets,
    mappers: s.mappers,
    labels,
    objective: s.objective,
    grad: inArena?.grad ?? f32(n),
    hess: inArena?.hess ?? f32(n),
    scores: inputs?.scores ?? [f64(n), f64(n)],
    validScores: laneScores ?? (s.valid ? [f64(s.valid.rows), f64(s.valid.rows)] : null),
    validLanes: laneScores ? lanes : null,
    oob: scratch?.oob ?? i32(n),
    idx: inArena?.idx ?? i32(n),
    begin: i32(s.numLeaves),
    count: i32(s.numLeaves),
    tmp: scratch?.tmp ?? i32(n),
    leftCounts: i32(Math.ceil(n / MIN_CHUNK_ROWS)),
    goLeft: scratch?.goLeft ?? new Uint8Array(shareableBuffer(65_536)),
    rowsInWasm: scratch !== undefined,
    ordered: inArena?.ordered ?? f32(2 * n),
    hists: inArena?.hists ?? f64(slotLength * (s.numLeaves + 1)),
    slotLength,
    histFeatures: i32(features),
    splitConfig: s.splitConfig,
    splitFeatures: i32(features),
    splitLeaves: f64(2 * LEAF_FIELDS),
    splitOut: f64(2 * SPLIT_FIELDS * features),
    nodes: scratch?.nodes ?? i32(NODE_STRIDE * Math.max(1, s.numLeaves - 1)),
    leafValues: f64(s.numLeaves),
    wasm: kernel ? kernel.memory : null,
    scoresInWasm: inputs !== undefined,
    columnAddress,
  };
}
