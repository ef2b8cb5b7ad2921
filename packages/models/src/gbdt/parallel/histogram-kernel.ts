/**
 * The histogram kernel (gradient gather + dense features), shared by the main thread and the
 * training workers. Each feature owns its own histogram slots and adds the leaf's rows in order,
 * so a feature's bins get the same sums whichever thread builds it, in whatever grouping.
 */

import type { BinColumn } from '../dataset/bin-rows';
import { C_BEGIN, C_CHUNKS, C_CNT, C_COUNT, C_DONE, C_ERROR, C_GATHERED, C_NEXT, spinWait } from './control';
import { chunkRows, type TrainingMemory } from './training-memory';
import { instantiateKernel } from './wasm-arena';
import type { GradientKernel } from '../objective';

/** Features per unit of work handed out between threads (one `addDense4` pass). */
export const FEATURE_GROUP = 4;

/**
 * How a histogram job over `count` features is cut into items: groups of 8 (one `addDense8` pass,
 * ~10-15 % less work per feature) while more than 16 features are left, then groups of 4, then the
 * 1-3 left over. Small items last let the threads finish a job together: with equal groups of 8, a
 * thread that took the last one kept the other waiting up to a seventh of the job. A function of
 * the count only, so every thread cuts the job the same way.
 */
export function featureGroups(count: number): { eights: number; items: number } {
  const eights = count > 16 ? Math.ceil((count - 16) / 8) : 0;
  // groups of 4 over the rest, the last one holding what is left
  return { eights, items: eights + Math.ceil((count - 8 * eights) / 4) };
}

/** Features [from, to) of item `k` of a histogram job over `count` features (see `featureGroups`). */
function groupRange(count: number, k: number, eights: number): [number, number] {
  if (k < eights) return [8 * k, 8 * k + 8];
  const from = 8 * eights + 4 * (k - eights);
  return [from, Math.min(from + 4, count)];
}

/** Most rows per gather chunk (row-kernels.ts `chunkCount` cuts a leaf's gather into equal chunks). */
export const GATHER_CHUNK = 32_768;

/** Job-wide waits longer than this mean a thread died; the job is then reported failed. */
const STALL_MS = 120_000;

/**
 * Works on histogram job `job` (into histogram `hist`) until nothing is left to claim: first the
 * row chunks of the gradient gather (`ordered[2i], ordered[2i+1]` = grad, hess of row
 * `idx[begin + i]`), then groups of the listed dense features (`histFeatures`), which wait until
 * the whole gather is done. The job's rows and counts are in the control block. An item is
 * claimed by a compare-exchange on `job << 16 | item`, so a thread that wakes late can never claim
 * an item of a finished job with stale parameters, and a descheduled thread simply takes fewer.
 * Any split of the items gives the same sums.
 */
export function takeHistogramItems(mem: TrainingMemory, job: number, hist: Float64Array): void {
  const ctrl = mem.control;
  const begin = ctrl[C_BEGIN]!;
  const cnt = ctrl[C_CNT]!;
  const chunks = ctrl[C_CHUNKS]!;
  const count = ctrl[C_COUNT]!;
  const { eights, items: groups } = featureGroups(count);
  const items = chunks + groups;
  for (;;) {
    const cur = Atomics.load(ctrl, C_NEXT);
    if (cur >>> 16 !== job) return;
    const k = cur & 0xffff;
    if (k >= items) return;
    if (Atomics.compareExchange(ctrl, C_NEXT, cur, cur + 1) !== cur) continue;
    const counter = k < chunks ? C_GATHERED : C_DONE;
    try {
      if (k < chunks) {
        const size = chunkRows(cnt, chunks);
        gatherGradients(mem, begin, k * size, Math.min((k + 1) * size, cnt));
      } else if (waitGathered(ctrl, chunks)) {
        const [from, to] = groupRange(count, k - chunks, eights);
        addDenseFeatures(mem, mem.histFeatures, from, to, begin, cnt, hist);
      } else {
        Atomics.store(ctrl, C_ERROR, 1);
      }
    } catch (e) {
      Atomics.store(ctrl, C_ERROR, 1);
      throw e;
    } finally {
      Atomics.add(ctrl, counter, 1);
      Atomics.notify(ctrl, counter);
    }
  }
}

/** Waits until all `chunks` gather chunks are done; false when that stalls (a thread died). */
export function waitGathered(ctrl: Int32Array, chunks: number): boolean {
  const deadline = Date.now() + STALL_MS;
  for (;;) {
    const g = Atomics.load(ctrl, C_GATHERED);
    if (g >= chunks) return true;
    if (Date.now() > deadline) return false;
    spinWait(ctrl, C_GATHERED, g, 1000);
  }
}

/** The WebAssembly histogram kernel's functions (tools/wasm-kernel/histogram-kernel-source.ts), the gradients' among them. */
type HistogramKernel = GradientKernel & {
  histRows8(idx: number, end: number, ordered: number, ...columnsThenBins: number[]): void;
  histRows4(idx: number, end: number, ordered: number, ...columnsThenBins: number[]): void;
  histRows1(idx: number, end: number, ordered: number, column: number, bins: number): void;
  gather(grad: number, hess: number, idx: number, end: number, ordered: number): void;
  scoreLanes(records: number, recordsEnd: number, rows: number, firstRow: number, src: number, dst: number, values: number): void;
};

/** This thread's kernel instance per training memory (null: the memory has no arena, or it failed to instantiate). */
const kernels = new WeakMap<object, HistogramKernel | null>();

/** This thread's training kernel on `mem.wasm`, or null without one. */
export function kernelOf(mem: TrainingMemory): HistogramKernel | null {
  const w = mem.wasm;
  if (!w) return null;
  let k = kernels.get(w);
  if (k === undefined) {
    k = (instantiateKernel(w) as HistogramKernel | undefined) ?? null;
    kernels.set(w, k);
  }
  return k;
}

/** ordered[2i], ordered[2i+1] = grad, hess of row idx[begin + i] for i in [from, to). */
export function gatherGradients(mem: TrainingMemory, begin: number, from: number, to: number): void {
  const { grad, hess, idx, ordered } = mem;
  const k = kernelOf(mem);
  if (k) {
    if (to > from)
      k.gather(grad.byteOffset, hess.byteOffset, idx.byteOffset + 4 * (begin + from), idx.byteOffset + 4 * (begin + to), ordered.byteOffset + 8 * from);
    return;
  }
  for (let i = from; i < to; i++) {
    const r = idx[begin + i]!;
    ordered[2 * i] = grad[r]!;
    ordered[2 * i + 1] = hess[r]!;
  }
}

/**
 * Writes the histograms of rows `idx[begin, begin+cnt)` for the dense features `features[from, to)` into `hist`
 * (interleaved grad, hess per global bin slot; a view of `mem.hists`). `mem.ordered` holds the
 * rows' (grad, hess) pairs in leaf order. Features go eight or four at a time so one pass over the
 * rows feeds that many histograms; u8 columns in the WebAssembly arena go through its kernel (the
 * same adds in the same order, two lanes at a time).
 */
export function addDenseFeatures(mem: TrainingMemory, features: Int32Array, from: number, to: number, begin: number, cnt: number, hist: Float64Array): void {
  const cols = mem.train.dense;
  const { binOffsets, idx, ordered } = mem;
  // each feature's bins are zeroed by the thread that builds them, not the whole slot up front on
  // the main thread (a serial pass over every feature's bins, used or not, while the workers wait)
  for (let q = from; q < to; q++) zeroFeature(hist, binOffsets, features[q]!);
  const k = kernelOf(mem);
  let j = from;
  if (k) {
    const addr = mem.columnAddress;
    const idxAt = idx.byteOffset + 4 * begin;
    const end = idxAt + 4 * cnt;
    const ord = ordered.byteOffset;
    const h = (f: number) => hist.byteOffset + 16 * binOffsets[f]!;
    // kernel features first, in groups of 8 / 4 / 1; the others (u16 columns) after, in JS
    const mine: number[] = [];
    const rest: number[] = [];
    for (let q = from; q < to; q++) (addr[features[q]!]! >= 0 ? mine : rest).push(features[q]!);
    let q = 0;
    for (; q + 8 <= mine.length; q += 8) {
      const f = mine.slice(q, q + 8);
      k.histRows8(
        idxAt,
        end,
        ord,
        addr[f[0]!]!,
        addr[f[1]!]!,
        addr[f[2]!]!,
        addr[f[3]!]!,
        addr[f[4]!]!,
        addr[f[5]!]!,
        addr[f[6]!]!,
        addr[f[7]!]!,
        h(f[0]!),
        h(f[1]!),
        h(f[2]!),
        h(f[3]!),
        h(f[4]!),
        h(f[5]!),
        h(f[6]!),
        h(f[7]!),
      );
    }
    for (; q + 4 <= mine.length; q += 4) {
      const f = mine.slice(q, q + 4);
      k.histRows4(idxAt, end, ord, addr[f[0]!]!, addr[f[1]!]!, addr[f[2]!]!, addr[f[3]!]!, h(f[0]!), h(f[1]!), h(f[2]!), h(f[3]!));
    }
    for (; q < mine.length; q++) k.histRows1(idxAt, end, ord, addr[mine[q]!]!, h(mine[q]!));
    for (const f of rest) addDense1(cols[f]!, 2 * binOffsets[f]!, idx, begin, cnt, ordered, hist);
    return;
  }
  for (; j + 8 <= to; j += 8) {
    const o = (q: number) => 2 * binOffsets[features[j + q]!]!;
    const c = (q: number) => cols[features[j + q]!]!;
    addDense8(c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7), o(0), o(1), o(2), o(3), o(4), o(5), o(6), o(7), idx, begin, cnt, ordered, hist);
  }
  for (; j + 4 <= to; j += 4) {
    const f0 = features[j]!;
    const f1 = features[j + 1]!;
    const f2 = features[j + 2]!;
    const f3 = features[j + 3]!;
    addDense4(
      cols[f0]!,
      cols[f1]!,
      cols[f2]!,
      cols[f3]!,
      2 * binOffsets[f0]!,
      2 * binOffsets[f1]!,
      2 * binOffsets[f2]!,
      2 * binOffsets[f3]!,
      idx,
      begin,
      cnt,
      ordered,
      hist,
    );
  }
  for (; j < to; j++) {
    const f = features[j]!;
    addDense1(cols[f]!, 2 * binOffsets[f]!, idx, begin, cnt, ordered, hist);
  }
}

/** Zeroes feature f's (grad, hess) bin slots in `hist`. */
function zeroFeature(hist: Float64Array, binOffsets: Int32Array, f: number): void {
  hist.fill(0, 2 * binOffsets[f]!, 2 * binOffsets[f + 1]!);
}

function addDense1(col: BinColumn, o: number, idx: Int32Array, begin: number, cnt: number, ordered: Float32Array, hist: Float64Array): void {
  for (let i = 0; i < cnt; i++) {
    const s = o + 2 * col[idx[begin + i]!]!;
    hist[s]! += ordered[2 * i]!;
    hist[s + 1]! += ordered[2 * i + 1]!;
  }
}

function addDense4(
  c0: BinColumn,
  c1: BinColumn,
  c2: BinColumn,
  c3: BinColumn,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  idx: Int32Array,
  begin: number,
  cnt: number,
  ordered: Float32Array,
  hist: Float64Array,
): void {
  for (let i = 0; i < cnt; i++) {
    const r = idx[begin + i]!;
    const g = ordered[2 * i]!;
    const h = ordered[2 * i + 1]!;
    let s = o0 + 2 * c0[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o1 + 2 * c1[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o2 + 2 * c2[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o3 + 2 * c3[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
  }
}

function addDense8(
  c0: BinColumn,
  c1: BinColumn,
  c2: BinColumn,
  c3: BinColumn,
  c4: BinColumn,
  c5: BinColumn,
  c6: BinColumn,
  c7: BinColumn,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  o4: number,
  o5: number,
  o6: number,
  o7: number,
  idx: Int32Array,
  begin: number,
  cnt: number,
  ordered: Float32Array,
  hist: Float64Array,
): void {
  for (let i = 0; i < cnt; i++) {
    const r = idx[begin + i]!;
    const g = ordered[2 * i]!;
    const h = ordered[2 * i + 1]!;
    let s = o0 + 2 * c0[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o1 + 2 * c1[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o2 + 2 * c2[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o3 + 2 * c3[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o4 + 2 * c4[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o5 + 2 * c5[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o6 + 2 * c6[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
    s = o7 + 2 * c7[r]!;
    hist[s]! += g;
    hist[s + 1]! += h;
  }
}
