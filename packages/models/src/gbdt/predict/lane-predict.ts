/**
 * Prediction on the lane kernel (tools/wasm-kernel/lane-kernel-source.ts, assembled into
 * wasm/lane-kernel-bytes.ts): every node of a tree is evaluated for 64 rows at once with 16-lane
 * byte compares (see the kernel source for why that finds each row's leaf), so a tree costs the
 * same per row whatever its depth and no branch depends on the data. Needs u8 bins and u8 leaf
 * indices: trees of at most 256 leaves and at most 255 distinct thresholds per split feature
 * (LightGBM's default max_bin of 255 gives at most 254). Other forests, or a runtime without
 * WebAssembly, keep the row-list kernel (wasm-predict.ts) or the JS walk; all give the same bits.
 * Rows are binned in the kernel from a copy of the block (dense rows as they are, or only the
 * split columns when rows are much wider; CSR rows from their stored entries, a column starting at
 * the bin of 0); a block holding a NaN in a split feature is handed back to the caller.
 */
import type { CsrMatrix } from '../../matrix';
import type { Forest } from '../forest';
import { visitLaneOrder } from '../lane-order';
import { align16, compiledOnce, PAGE, wasm } from '../../wasm/wasm-api';
import { FEATURE_ENTRY_BYTES, LANE_RECORD_BYTES, LANE_ROWS, TREES_PER_PASS } from './wasm/lane-layout';
import { LANE_KERNEL_BASE64 } from './wasm/lane-kernel-bytes';

export type LanePredictor = {
  /** Rows per block (a multiple of LANE_ROWS). */
  readonly block: number;
  /** Readies loading dense rows of `cols` columns of `bytesPerElement` (4 or 8); false when memory cannot grow. */
  prepareDense(cols: number, bytesPerElement: number): boolean;
  /** Bins dense rows [r0, r1) (at most one block); false when a split feature is NaN there. */
  loadDense(data: Float32Array | Float64Array, cols: number, r0: number, r1: number): boolean;
  /** Bins CSR rows [r0, r1) (at most one block); false when a split feature is NaN there or memory cannot grow. */
  loadCsr(X: CsrMatrix, r0: number, r1: number): boolean;
  /** Adds trees [from, to) to `out[r0 .. r0 + count)` for the rows last loaded. */
  walk(count: number, out: Float64Array, r0: number, from: number, to: number): void;
};

type WalkFn = (table: number, tableEnd: number, rowsEnd: number, bins: number, out: number, scratch: number) => void;
type BinFn = (rows: number, rowBytes: number, input: number, table: number, tableEnd: number, firstRow: number) => void;
type AnyNaNFn = (start: number, end: number) => number;
type BinCsrFn = (rows: number, indptr: number, indices: number, values: number, colMap: number, table: number, tableEnd: number) => number;

const MAX_BYTES = 2 ** 30;
/** Largest block, and the bins' budget: a block's bins stay within the core's L1 cache while every tree walks them. */
const MAX_BLOCK = 1024;
const BINS_BUDGET = 32 * 1024;
/** Dense rows wider than this many times the split-feature count are gathered to the split columns before the copy. */
const WIDE_INPUT = 4;
/** Input bytes binned per kernel call: the rows are read once per split feature, from L1. */
const BIN_CHUNK_BYTES = 16 * 1024;
const MAX_LEAVES = 256;
const MAX_THRESHOLDS = 255;

const predictors = new WeakMap<Forest, LanePredictor | null>();

const kernelModule = compiledOnce(LANE_KERNEL_BASE64);

/** The forest laid out for the lane kernel (built once per forest), or undefined when it does not fit u8 lanes or WebAssembly is missing. */
export function lanePredictor(f: Forest): LanePredictor | undefined {
  let p = predictors.get(f);
  if (p === undefined) {
    p = createLanePredictor(f);
    predictors.set(f, p);
  }
  return p ?? undefined;
}

function createLanePredictor(f: Forest): LanePredictor | null {
  const bf = f.binned;
  if (!bf || !wasm) return null;
  const { used, thrStart, thrPow, thresholds } = bf;
  const U = used.length;
  if (U === 0 || thrPow.some((p) => p > MAX_THRESHOLDS + 1)) return null;
  for (let t = 0; t < f.numTrees; t++) if (leavesOf(f, t) > MAX_LEAVES) return null;
  const mod = kernelModule();
  if (!mod) return null;
  const block = Math.max(LANE_ROWS, Math.min(MAX_BLOCK, Math.floor(BINS_BUDGET / U / LANE_ROWS) * LANE_ROWS));
  const nodes = f.feature.length;
  const leaves = f.leafValue.length;
  const search = Array.from(used, (_, u) => bucketSearch(thresholds.subarray(thrStart[u]!, thrStart[u]! + thrPow[u]!)));
  const thrCount = search.reduce((n, s) => n + s.thresholds.length, 0);
  const bucketBytes = search.reduce((n, s) => n + s.first.length, 0);
  // layout: bins | out | scratch | tail table | -0 | tree table | node records | leaf values | feature table | thresholds | bucket tables | input block
  const outAt = align16(block * U);
  const scratchAt = outAt + 8 * block;
  const tailAt = scratchAt + TREES_PER_PASS * LANE_ROWS;
  const negZeroAt = tailAt + 16 * TREES_PER_PASS;
  const tableAt = negZeroAt + 16;
  const recordsAt = tableAt + 16 * f.numTrees;
  const valuesAt = recordsAt + LANE_RECORD_BYTES * nodes;
  const featAt = valuesAt + 8 * leaves;
  const thrAt = featAt + FEATURE_ENTRY_BYTES * U;
  const bucketsAt = thrAt + 8 * thrCount;
  const inputAt = align16(bucketsAt + bucketBytes);
  if (inputAt > MAX_BYTES) return null;
  const memory = new wasm.Memory({ initial: Math.ceil((inputAt + PAGE) / PAGE) });
  const ex = new wasm.Instance(mod, { env: { memory } }).exports;
  const walkLanes = ex.walkLanes as WalkFn;
  const binF64 = ex.binLanesF64 as BinFn;
  const binF32 = ex.binLanesF32 as BinFn;
  const binCsr = ex.binLanesCsr as BinCsrFn;
  const anyNaNF32 = ex.anyNaNF32 as AnyNaNFn;
  const anyNaNF64 = ex.anyNaNF64 as AnyNaNFn;
  let buf = memory.buffer;
  const dv = new DataView(buf);
  layOutTrees(f, dv, tableAt, recordsAt, valuesAt, block);
  dv.setFloat64(negZeroAt, -0, true);
  let thr = thrAt;
  let bkt = bucketsAt;
  search.forEach((s, u) => {
    const e = featAt + FEATURE_ENTRY_BYTES * u;
    new Float64Array(buf, thr, s.thresholds.length).set(s.thresholds);
    new Uint8Array(buf, bkt, s.first.length).set(s.first);
    dv.setInt32(e + 4, thr - 8, true);
    dv.setInt32(e + 8, 4 * s.window, true);
    dv.setInt32(e + 12, u * block, true);
    dv.setFloat64(e + 16, s.lo, true);
    dv.setFloat64(e + 24, s.scale, true);
    dv.setInt32(e + 32, bkt, true);
    dv.setInt32(e + 36, s.first.length - 1, true);
    dv.setInt32(e + 40, bf.zeroBin[u]! ^ 0x80, true);
    thr += 8 * s.thresholds.length;
    bkt += s.first.length;
  });
  let outView = new Float64Array(buf, outAt, block);
  // how the input block is laid out: rows of `rowCols` columns of `elem` bytes; `narrow` = only the split columns
  let rowCols = -1;
  let elem = 0;
  let narrow = false;
  // columns of X the CSR column map at inputAt was written for (dense loads overwrite it: -1)
  let mappedCols = -1;
  const grow = (bytes: number): boolean => {
    const need = inputAt + bytes;
    if (need <= buf.byteLength) return true;
    if (need > MAX_BYTES) return false;
    try {
      memory.grow(Math.ceil((need - buf.byteLength) / PAGE));
    } catch {
      return false;
    }
    buf = memory.buffer; // growing detaches the old views
    outView = new Float64Array(buf, outAt, block);
    return true;
  };
  const setLayout = (cols: number, bytes: number, onlySplitColumns: boolean) => {
    if (rowCols === cols && elem === bytes && narrow === onlySplitColumns) return;
    const ft = new DataView(buf, featAt, FEATURE_ENTRY_BYTES * U);
    for (let u = 0; u < U; u++) ft.setInt32(FEATURE_ENTRY_BYTES * u, bytes * (onlySplitColumns ? u : used[u]!), true);
    rowCols = cols;
    elem = bytes;
    narrow = onlySplitColumns;
  };
  return {
    block,
    prepareDense(cols, bytes) {
      const wide = cols > WIDE_INPUT * Math.max(U, 8);
      if (!grow(block * (wide ? U : cols) * bytes)) return false;
      setLayout(cols, bytes, wide);
      return true;
    },
    loadDense(data, cols, r0, r1) {
      mappedCols = -1;
      const rows = r1 - r0;
      const padded = (rows + 7) & ~7;
      const width = narrow ? U : cols;
      // whole 16-byte vectors, zeroed past the rows: the NaN check reads no stale bytes
      const length = align16(padded * width * elem) / elem;
      const dst = elem === 4 ? new Float32Array(buf, inputAt, length) : new Float64Array(buf, inputAt, length);
      if (narrow) gatherColumns(dst, data, cols, used, r0, r1);
      else dst.set(data.subarray(r0 * cols, r1 * cols));
      dst.fill(0, rows * width);
      // a NaN anywhere in the block: look again at the split columns only (the others may hold NaN freely)
      if ((elem === 4 ? anyNaNF32 : anyNaNF64)(inputAt, inputAt + length * elem) !== 0 && (narrow || splitColumnHasNaN(data, cols, used, r0, r1))) return false;
      // a chunk of rows at a time, so the rows stay in L1 while every feature is binned
      const binRows = elem === 4 ? binF32 : binF64;
      const rowBytes = elem * width;
      const chunk = Math.max(8, Math.floor(BIN_CHUNK_BYTES / rowBytes) & ~7);
      for (let c = 0; c < padded; c += chunk)
        binRows(Math.min(chunk, padded - c), rowBytes, inputAt + c * rowBytes, featAt, featAt + FEATURE_ENTRY_BYTES * U, c);
      return true;
    },
    loadCsr(X, r0, r1) {
      const { indptr, indices, data } = X;
      const rows = r1 - r0;
      const k0 = indptr[r0]!;
      const nnz = indptr[r1]! - k0;
      // input area: column map (one i32 per column of X) | indptr | indices | values (f64)
      const indptrAt = inputAt + align16(4 * X.cols);
      const indicesAt = indptrAt + align16(4 * (rows + 1));
      const valuesAt = align16(indicesAt + 4 * nnz);
      if (!grow(valuesAt + 8 * nnz - inputAt)) return false;
      if (mappedCols !== X.cols) {
        const map = new Int32Array(buf, inputAt, X.cols).fill(0);
        used.forEach((c, u) => {
          if (c < X.cols) map[c] = featAt + FEATURE_ENTRY_BYTES * u;
        });
        mappedCols = X.cols;
      }
      const ptr = new Int32Array(buf, indptrAt, rows + 1);
      for (let r = 0; r <= rows; r++) ptr[r] = indptr[r0 + r]! - k0;
      new Int32Array(buf, indicesAt, nnz).set(indices.subarray(k0, k0 + nnz));
      new Float64Array(buf, valuesAt, nnz).set(data.subarray(k0, k0 + nnz));
      return binCsr(rows, indptrAt, indicesAt, valuesAt, inputAt, featAt, featAt + FEATURE_ENTRY_BYTES * U) === 0;
    },
    walk(count, out, r0, from, to) {
      outView.set(out.subarray(r0, r0 + count));
      const rowsEnd = (count + LANE_ROWS - 1) & -LANE_ROWS;
      // the kernel takes whole passes: the last few trees go through the tail table, padded with
      // one-leaf trees of value -0 (x + -0 is x for every x, so the sums keep their bits)
      const whole = to - ((to - from) % TREES_PER_PASS);
      walkLanes(tableAt + 16 * from, tableAt + 16 * whole, rowsEnd, 0, outAt, scratchAt);
      if (whole < to) {
        const tail = new Int32Array(buf, tailAt, 4 * TREES_PER_PASS);
        tail.set(new Int32Array(buf, tableAt + 16 * whole, 4 * (to - whole)));
        for (let j = to - whole; j < TREES_PER_PASS; j++) tail.set([recordsAt, recordsAt, negZeroAt, 0], 4 * j);
        walkLanes(tailAt, tailAt + 16 * TREES_PER_PASS, rowsEnd, 0, outAt, scratchAt);
      }
      out.set(outView.subarray(0, count), r0);
    },
  };
}

/** One feature's binning tables for the kernel (see binLanes in the kernel source). */
export type BucketSearch = { thresholds: Float64Array; first: Uint8Array; window: number; lo: number; scale: number };

/** Buckets per threshold: more buckets hold fewer thresholds each (a shorter search) but a bigger table. */
const BUCKETS_PER_THRESHOLD = 4;
const MAX_BUCKETS = 4096;

/**
 * The bucket table of one feature's sorted thresholds (`padded`: bf's thresholds, +Inf past the
 * last). `bucketOf` repeats the kernel's arithmetic exactly (f64 subtract and multiply, truncation
 * saturating like i32.trunc_sat_f64_s, then the clamp), so the table agrees with it bit for bit.
 */
export function bucketSearch(padded: Float64Array): BucketSearch {
  let count = 0;
  while (count < padded.length && padded[count]! !== Infinity) count++;
  let buckets = 16;
  while (buckets < BUCKETS_PER_THRESHOLD * count && buckets < MAX_BUCKETS) buckets *= 2;
  const lo = count > 0 ? padded[0]! : 0;
  let scale = count > 1 ? buckets / (padded[count - 1]! - lo) : 0;
  if (!Number.isFinite(scale)) scale = 0;
  const maxBucket = buckets - 1;
  const bucketOf = (t: number) => {
    const v = (t - lo) * scale;
    if (!(v > 0)) return 0; // NaN saturates to 0 as well
    return v >= maxBucket ? maxBucket : Math.trunc(v);
  };
  const inBucket = new Int32Array(buckets);
  for (let j = 0; j < count; j++) inBucket[bucketOf(padded[j]!)]!++;
  const first = new Uint8Array(buckets);
  let below = 0;
  let most = 0;
  for (let b = 0; b < buckets; b++) {
    first[b] = below;
    below += inBucket[b]!;
    if (inBucket[b]! > most) most = inBucket[b]!;
  }
  let window = 1;
  while (window < most + 1) window *= 2;
  const thresholds = new Float64Array(count + window - 1).fill(Infinity);
  thresholds.set(padded.subarray(0, count));
  return { thresholds, first, window, lo, scale };
}

/** Number of leaves of tree t (records between its root and the next tree's). */
function leavesOf(f: Forest, t: number): number {
  const root = f.roots[t]!;
  if (root < 0) return 1;
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c < 0) n++;
    else stack.push(f.kids[2 * c]!, f.kids[2 * c + 1]!);
  }
  return n;
}

/**
 * Writes each tree's node records in lane order (lane-order.ts), the tree table and the leaf values
 * by lane number (see the kernel source).
 */
function layOutTrees(f: Forest, dv: DataView, tableAt: number, recordsAt: number, valuesAt: number, block: number): void {
  const bf = f.binned!;
  const bytes = new Uint8Array(dv.buffer);
  let rec = recordsAt;
  let val = valuesAt;
  const recordOf = new Map<number, number>();
  for (let t = 0; t < f.numTrees; t++) {
    const first = rec;
    const firstValue = val;
    visitLaneOrder(
      f.roots[t]!,
      (c) => f.kids[2 * c]!,
      (c) => f.kids[2 * c + 1]!,
      {
        node(c, a) {
          const packed = bf.nodes[3 * c]!;
          recordOf.set(c, rec);
          bytes.fill(a, rec, rec + 16);
          bytes.fill((packed & 0xffff) ^ 0x80, rec + 16, rec + 32);
          dv.setInt32(rec + 48, ((packed >>> 16) / bf.block) * block, true);
          dv.setInt32(rec + 52, f.kids[2 * c]! < 0 ? 1 : 0, true); // a leaf on the left ends the node's left chain
          rec += LANE_RECORD_BYTES;
        },
        rightStart(c, m) {
          const at = recordOf.get(c)!;
          bytes.fill(m, at + 32, at + 48);
        },
        leaf(leaf) {
          dv.setFloat64(val, f.leafValue[leaf]!, true);
          val += 8;
        },
      },
    );
    dv.setInt32(tableAt + 16 * t, first, true);
    dv.setInt32(tableAt + 16 * t + 4, rec, true);
    dv.setInt32(tableAt + 16 * t + 8, firstValue, true);
  }
}

/** Copies the split columns of rows [r0, r1) to the start of `dst` (U per row). */
function gatherColumns(dst: Float32Array | Float64Array, src: Float32Array | Float64Array, cols: number, used: Int32Array, r0: number, r1: number): void {
  const U = used.length;
  let o = 0;
  for (let r = r0, base = r0 * cols; r < r1; r++, base += cols) for (let u = 0; u < U; u++) dst[o++] = src[base + used[u]!]!;
}

function splitColumnHasNaN(data: Float32Array | Float64Array, cols: number, used: Int32Array, r0: number, r1: number): boolean {
  for (let r = r0, base = r0 * cols; r < r1; r++, base += cols) {
    for (let u = 0; u < used.length; u++) {
      const v = data[base + used[u]!]!;
      if (v !== v) return true;
    }
  }
  return false;
}
