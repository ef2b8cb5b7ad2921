/**
 * Binned prediction on a static WebAssembly kernel (tools/wasm-kernel/kernel-source.ts, assembled into wasm/kernel-bytes.ts), without the bounds
 * checks and number conversions of JS. Float64 rows are binned with the model's thresholds as in
 * binned-predict.ts; Float32 rows skip binning: their split columns are copied column-major and
 * compared with float32 thresholds (for every float32 x, `x <= t` ⇔ `x <= t` rounded down to
 * float32). Either block is then walked by partitioning row lists down each tree. The kernel is
 * fixed code; a forest is only copied into its memory as data. Where WebAssembly is unavailable
 * `wasmPredictor` returns undefined and callers keep the pure-JS path, which gives the same bits.
 */
import type { BinnedForest } from './binned-forest';
import { align16, compiledOnce, PAGE, wasm } from '../../wasm/wasm-api';
import { BIN_ROWS, LEAF_COLUMN, RECORD_BYTES, STACK_ENTRY_BYTES } from './wasm/kernel-layout';
import { PREDICT_KERNEL_BASE64 } from './wasm/kernel-bytes';

export type WasmPredictor = {
  /** The block's bins, column-major (`bins[u * block + r]`), for `binCsr` to write into. */
  readonly bins: Uint16Array;
  /**
   * Readies the kernel to load dense rows of `cols` columns of `bytesPerElement` (4 or 8); false
   * when the JS binning should be used instead (rows much wider than the model's split features,
   * whose copy into the kernel would cost more than it saves, or memory that cannot grow).
   */
  prepareDense(cols: number, bytesPerElement: number): boolean;
  /**
   * Loads dense rows [r0, r1) (at most one block; after `prepareDense`): Float32 rows as floats,
   * Float64 rows binned into `bins`; false when a split feature is NaN there.
   */
  loadDense(data: Float32Array | Float64Array, cols: number, r0: number, r1: number): boolean;
  /** Adds trees [from, to) to `out[r0 .. r0 + count)` for the rows last loaded: by `loadDense` when `dense`, else written into `bins`. */
  walk(count: number, out: Float64Array, r0: number, from: number, to: number, dense: boolean): void;
};

type WalkFn = (
  rows: number,
  from: number,
  to: number,
  table: number,
  out: number,
  valueOffset: number,
  lists: number,
  listBytes: number,
  stack: number,
) => void;
type LoadFn = (rows: number, rowBytes: number, input: number, table: number, tableEnd: number) => number;

/** Input rows wider than this many times the split-feature count are binned in JS, which reads only those columns. */
const WIDE_INPUT = 4;
const MAX_BYTES = 2 ** 30;

const predictors = new WeakMap<BinnedForest, WasmPredictor | null>();

const kernelModule = compiledOnce(PREDICT_KERNEL_BASE64);

/** The largest float32 not above t: for every float32 x, `x <= t` ⇔ `x <= roundDownF32(t)`. */
function roundDownF32(t: number): number {
  const f = Math.fround(t);
  if (f <= t) return f;
  // f is the float32 just above t: step one float32 down (f != 0 here, since 0 <= t would hold)
  const bits = new Float32Array([f]);
  const u = new Uint32Array(bits.buffer);
  u[0] = f > 0 ? u[0]! - 1 : u[0]! + 1;
  return bits[0]!;
}

/** The forest laid out in a kernel instance's memory (built once per forest), or undefined without WebAssembly. */
export function wasmPredictor(bf: BinnedForest): WasmPredictor | undefined {
  let p = predictors.get(bf);
  if (p === undefined) {
    p = createPredictor(bf);
    predictors.set(bf, p);
  }
  return p ?? undefined;
}

function createPredictor(bf: BinnedForest): WasmPredictor | null {
  const mod = kernelModule();
  if (!mod || !wasm) return null;
  const { block, nodes, value, roots, numTrees, used, thrStart, thrPow, thresholds, depth } = bf;
  const U = used.length;
  const cellCount = block * Math.max(1, U);
  const records = nodes.length / 3;
  // layout: block (u16 bins or float32 values) | out | tree tables (bins, floats) | node records
  // (bins, floats) | leaf values | feature table | thresholds | row lists | stack | input rows
  const outAt = align16(4 * cellCount);
  const tableAt = outAt + 8 * block;
  const floatTableAt = tableAt + 4 * numTrees;
  const nodesAt = align16(floatTableAt + 4 * numTrees);
  const floatNodesAt = nodesAt + RECORD_BYTES * records;
  const valuesAt = floatNodesAt + RECORD_BYTES * records;
  const featAt = valuesAt + 8 * records;
  const thrAt = featAt + 16 * U + 16; // + 16: the search addresses thresholds from thrAt - 8
  const listsAt = align16(thrAt + 8 * thresholds.length);
  const listBytes = 4 * block;
  const stackAt = listsAt + 3 * listBytes;
  const inputAt = align16(stackAt + STACK_ENTRY_BYTES * (maxOf(depth) + 2));
  if (inputAt > MAX_BYTES) return null;
  const memory = new wasm.Memory({ initial: Math.ceil((inputAt + PAGE) / PAGE) });
  const ex = new wasm.Instance(mod, { env: { memory } }).exports;
  const binF64 = ex.binF64 as LoadFn;
  const gatherF32 = ex.gatherF32 as LoadFn;
  const walkBins = ex.walkRowsBins as WalkFn;
  const walkF32 = ex.walkRowsF32 as WalkFn;
  let buf = memory.buffer;
  const rec = new Int32Array(buf, nodesAt, 4 * records);
  const frec = new Int32Array(buf, floatNodesAt, 4 * records);
  const fthr = new Float32Array(buf, floatNodesAt, 4 * records);
  const vals = new Float64Array(buf, valuesAt, records);
  for (let i = 0; i < records; i++) {
    const packed = nodes[3 * i]!;
    const thr = packed & 0xffff;
    const leaf = thr === 0xffff;
    const u = (packed >>> 16) / block; // binned records hold u * block in the upper 16 bits
    rec[4 * i] = leaf ? LEAF_COLUMN : 2 * u * block;
    rec[4 * i + 1] = thr;
    rec[4 * i + 2] = nodesAt + (RECORD_BYTES * nodes[3 * i + 1]!) / 3;
    rec[4 * i + 3] = nodesAt + (RECORD_BYTES * nodes[3 * i + 2]!) / 3;
    frec[4 * i] = leaf ? LEAF_COLUMN : 4 * u * block;
    fthr[4 * i + 1] = leaf ? 0 : roundDownF32(thresholds[thrStart[u]! + thr]!);
    frec[4 * i + 2] = floatNodesAt + (RECORD_BYTES * nodes[3 * i + 1]!) / 3;
    frec[4 * i + 3] = floatNodesAt + (RECORD_BYTES * nodes[3 * i + 2]!) / 3;
    vals[i] = value[3 * i]!;
  }
  const table = new Int32Array(buf, tableAt, numTrees);
  const floatTable = new Int32Array(buf, floatTableAt, numTrees);
  for (let t = 0; t < numTrees; t++) {
    table[t] = nodesAt + (RECORD_BYTES * roots[t]!) / 3;
    floatTable[t] = floatNodesAt + (RECORD_BYTES * roots[t]!) / 3;
  }
  new Float64Array(buf, thrAt, thresholds.length).set(thresholds);
  const feat = new Int32Array(buf, featAt, 4 * U);
  for (let u = 0; u < U; u++) {
    feat[4 * u + 1] = thrAt + 8 * (thrStart[u]! - 1);
    feat[4 * u + 2] = 4 * thrPow[u]!;
    feat[4 * u + 3] = 2 * u * block;
  }
  let columnsFor = 0;
  let bins = new Uint16Array(buf, 0, cellCount);
  let outView = new Float64Array(buf, outAt, block);
  // record address a ↦ its value at valuesAt + 8 * (a - nodesAt) / 16 = (a >>> 1) + valueOffset
  const valueOffset = valuesAt - nodesAt / 2;
  const floatValueOffset = valuesAt - floatNodesAt / 2;
  let denseFloats = false;
  return {
    get bins() {
      return bins;
    },
    prepareDense(cols, elem) {
      denseFloats = false;
      if (cols > WIDE_INPUT * Math.max(U, 8)) return false;
      const need = inputAt + block * cols * elem;
      if (need > buf.byteLength) {
        if (need > MAX_BYTES) return false;
        try {
          memory.grow(Math.ceil((need - buf.byteLength) / PAGE));
        } catch {
          return false;
        }
        buf = memory.buffer; // growing detaches the old views
        bins = new Uint16Array(buf, 0, cellCount);
        outView = new Float64Array(buf, outAt, block);
      }
      if (columnsFor !== elem) {
        // a column's byte offset within a row depends on the element size
        const ft = new Int32Array(buf, featAt, 4 * U);
        for (let u = 0; u < U; u++) ft[4 * u] = elem * used[u]!;
        columnsFor = elem;
      }
      denseFloats = elem === 4;
      return true;
    },
    loadDense(data, cols, r0, r1) {
      const elem = data.BYTES_PER_ELEMENT;
      const rows = (r1 - r0 + BIN_ROWS - 1) & -BIN_ROWS;
      if (elem === 4) copyRows(new Float32Array(buf, inputAt, rows * cols), data as Float32Array, cols, r0, r1);
      else copyRows(new Float64Array(buf, inputAt, rows * cols), data as Float64Array, cols, r0, r1);
      const nan = (denseFloats ? gatherF32 : binF64)(rows, elem * cols, inputAt, featAt, featAt + 16 * U);
      return nan === 0;
    },
    walk(count, out, r0, from, to, dense) {
      outView.set(out.subarray(r0, r0 + count));
      const floats = dense && denseFloats;
      (floats ? walkF32 : walkBins)(
        count,
        from,
        to,
        floats ? floatTableAt : tableAt,
        outAt,
        floats ? floatValueOffset : valueOffset,
        listsAt,
        listBytes,
        stackAt,
      );
      out.set(outView.subarray(0, count), r0);
    },
  };
}

/** Largest entry (0 when empty), without spreading a long array into arguments. */
function maxOf(a: Int32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! > m) m = a[i]!;
  return m;
}

/** Copies rows [r0, r1) to the start of `dst`, zeroing the rest (padding rows: no stale NaN). */
function copyRows<T extends Float32Array | Float64Array>(dst: T, src: T, cols: number, r0: number, r1: number): void {
  const n = (r1 - r0) * cols;
  dst.set(src.subarray(r0 * cols, r1 * cols));
  if (n < dst.length) dst.fill(0, n);
}
