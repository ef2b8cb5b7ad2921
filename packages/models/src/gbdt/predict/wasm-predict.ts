/**
 * Binned prediction on a static WebAssembly kernel (wasm/kernel-source.ts): the same input binning
 * and lock-step integer walk as binned-predict.ts, without the bounds checks and number
 * conversions of JS. Float32 dense input skips binning: its split columns are copied column-major
 * and a second kernel walks them against float32 thresholds (`x <= t` ⇔ `x <= t` rounded down to
 * float32, for every float32 x), so no value is searched for its bin. The kernels are fixed code;
 * a forest is only copied into their memory as data. Where WebAssembly is unavailable
 * `wasmPredictor` returns undefined and callers keep the pure-JS path, which gives the same bits.
 */
import type { BinnedForest } from './binned-forest';
import { BIN_ROWS, LANES, LEAF_THRESHOLD, RECORD_BYTES } from './wasm/kernel-layout';
import { FLOAT_KERNEL_BASE64, PREDICT_KERNEL_BASE64 } from './wasm/kernel-bytes';

export type WasmPredictor = {
  /** The block's bins, column-major (`bins[u * block + r]`), for `binCsr` to write into. */
  readonly bins: Uint16Array;
  /**
   * Readies the kernel to bin dense rows of `cols` columns of `bytesPerElement` (4 or 8); false
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

type WalkFn = (rows: number, from: number, to: number, table: number, out: number, valueOffset: number) => void;
type BinFn = (rows: number, rowBytes: number, input: number, table: number, tableEnd: number) => number;

/** The slice of the WebAssembly JS API used here (the package's lib settings do not declare it). */
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
  Instance: new (m: object, imports: object) => { readonly exports: Record<string, unknown> };
};
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE = 65536;
/** Input rows wider than this many times the split-feature count are binned in JS, which reads only those columns. */
const WIDE_INPUT = 4;
const MAX_BYTES = 2 ** 30;
const align16 = (n: number) => (n + 15) & ~15;

const predictors = new WeakMap<BinnedForest, WasmPredictor | null>();

/** Compiles base64 module bytes once per process; null where WebAssembly cannot run them. */
function lazyModule(base64: string): () => object | null {
  let mod: object | null | undefined;
  return () => {
    if (mod === undefined) {
      try {
        mod = wasm ? new wasm.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))) : null;
      } catch {
        mod = null;
      }
    }
    return mod;
  };
}
// two modules: each stays under the 4 KB that browsers compile synchronously on the main thread
const kernelModule = lazyModule(PREDICT_KERNEL_BASE64);
const floatKernelModule = lazyModule(FLOAT_KERNEL_BASE64);

/** The largest float32 not above t: for every float32 x, `x <= t` ⇔ `x <= roundDownF32(t)`. */
export function roundDownF32(t: number): number {
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
  const { block, nodes, value, roots, numTrees, used, thrStart, thrPow, thresholds } = bf;
  const U = used.length;
  const binCount = block * Math.max(1, U);
  const records = nodes.length / 3;
  // layout: bins or float32 columns of a block | out | tree tables | node records (bins, floats) |
  // leaf values | feature table | thresholds | input rows.
  // rows are walked in groups of LANES: the last group of a block may run past it (its bins or
  // floats are stale but harmless, its results are never copied out), so out has room for a whole group
  const outRows = Math.ceil(block / LANES) * LANES;
  const outAt = align16(4 * binCount);
  const tableAt = outAt + 8 * outRows;
  const floatTableAt = tableAt + 4 * numTrees;
  const nodesAt = align16(floatTableAt + 4 * numTrees);
  const floatNodesAt = nodesAt + RECORD_BYTES * records;
  const valuesAt = floatNodesAt + RECORD_BYTES * records;
  const featAt = valuesAt + 8 * records;
  const thrAt = featAt + 16 * U + 16; // + 16: the search addresses thresholds from thrAt - 8
  const inputAt = align16(thrAt + 8 * thresholds.length);
  if (inputAt > MAX_BYTES) return null;
  const memory = new wasm.Memory({ initial: Math.ceil((inputAt + PAGE) / PAGE) });
  const ex = new wasm.Instance(mod, { env: { memory } }).exports;
  const walkFn = ex['walk'] as WalkFn;
  const floatMod = floatKernelModule();
  const floatEx = floatMod ? new wasm.Instance(floatMod, { env: { memory } }).exports : undefined;
  const walkF32 = floatEx?.['walkF32'] as WalkFn | undefined;
  const gatherF32 = floatEx?.['gatherF32'] as BinFn | undefined;
  const binF32 = ex['binF32'] as BinFn;
  const binF64 = ex['binF64'] as BinFn;
  let buf = memory.buffer;
  const rec = new Int32Array(buf, nodesAt, 4 * records);
  const frec = new Int32Array(buf, floatNodesAt, 4 * records);
  const fthr = new Float32Array(buf, floatNodesAt, 4 * records);
  const vals = new Float64Array(buf, valuesAt, records);
  for (let i = 0; i < records; i++) {
    const packed = nodes[3 * i]!;
    const thr = packed & 0xffff;
    const leaf = thr === 0xffff;
    const u = (packed >>> 16) / block;
    // binned records hold u * block in the upper 16 bits; the kernel wants that column's byte offset
    rec[4 * i] = leaf ? 0 : 2 * u * block;
    rec[4 * i + 1] = leaf ? LEAF_THRESHOLD : thr;
    rec[4 * i + 2] = nodesAt + (RECORD_BYTES * nodes[3 * i + 1]!) / 3;
    rec[4 * i + 3] = nodesAt + (RECORD_BYTES * nodes[3 * i + 2]!) / 3;
    // float records: bit 0 of the column offset marks a leaf (a leaf's lanes load from offset 1, harmlessly)
    frec[4 * i] = leaf ? 1 : 4 * u * block;
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
  let bins = new Uint16Array(buf, 0, binCount);
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
      if (cols > WIDE_INPUT * Math.max(U, 8)) return false;
      denseFloats = elem === 4 && walkF32 !== undefined;
      const need = inputAt + block * cols * elem;
      if (need > buf.byteLength) {
        if (need > MAX_BYTES) return false;
        try {
          memory.grow(Math.ceil((need - buf.byteLength) / PAGE));
        } catch {
          return false;
        }
        buf = memory.buffer; // growing detaches the old views
        bins = new Uint16Array(buf, 0, binCount);
        outView = new Float64Array(buf, outAt, block);
      }
      if (columnsFor !== elem) {
        // a column's byte offset within a row depends on the element size
        const ft = new Int32Array(buf, featAt, 4 * U);
        for (let u = 0; u < U; u++) ft[4 * u] = elem * used[u]!;
        columnsFor = elem;
      }
      return true;
    },
    loadDense(data, cols, r0, r1) {
      const elem = data.BYTES_PER_ELEMENT;
      const count = r1 - r0;
      const rows = (count + BIN_ROWS - 1) & -BIN_ROWS;
      if (elem === 4) copyRows(new Float32Array(buf, inputAt, rows * cols), data as Float32Array, cols, r0, r1);
      else copyRows(new Float64Array(buf, inputAt, rows * cols), data as Float64Array, cols, r0, r1);
      const load = denseFloats ? gatherF32! : elem === 4 ? binF32 : binF64;
      const nan = load(rows, elem * cols, inputAt, featAt, featAt + 16 * U);
      return nan === 0;
    },
    walk(count, out, r0, from, to, dense) {
      outView.set(out.subarray(r0, r0 + count));
      const rows = (count + LANES - 1) & -LANES;
      if (dense && denseFloats) walkF32!(rows, from, to, floatTableAt, outAt, floatValueOffset);
      else walkFn(rows, from, to, tableAt, outAt, valueOffset);
      out.set(outView.subarray(0, count), r0);
    },
  };
}


/** Copies rows [r0, r1) to the start of `dst`, zeroing the rest (padding rows: no stale NaN). */
function copyRows<T extends Float32Array | Float64Array>(dst: T, src: T, cols: number, r0: number, r1: number): void {
  const n = (r1 - r0) * cols;
  dst.set(src.subarray(r0 * cols, r1 * cols));
  if (n < dst.length) dst.fill(0, n);
}
