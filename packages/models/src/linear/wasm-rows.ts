import { PAGE, align16, compiledOnce, wasm } from '../wasm/wasm-api';
import type { DenseMatrix } from '../matrix';
import { denseMatVec, denseTransposeVec } from './dense-kernels';
import { LINEAR_KERNEL_BASE64, LINEAR_SHARED_KERNEL_BASE64 } from './wasm/linear-kernel-bytes';

const linearKernel = compiledOnce(LINEAR_KERNEL_BASE64);
/** The same functions over a shared memory (row passes on several threads); null where shared memory is missing. */
const sharedLinearKernel = compiledOnce(LINEAR_SHARED_KERNEL_BASE64);
/** 4 GiB, wasm32's limit: the shared kernel's declared maximum (a shared memory must declare one). */
export const LINEAR_SHARED_MAX_PAGES = 65_536;

type MatVec = (data: number, from: number, to: number, cols: number, beta: number, intercept: number, out: number) => void;
type TransposeVec = (data: number, from: number, to: number, cols: number, r: number, out: number) => void;
/** The float64 design's functions, and the float32 design's (suffix 32). */
type Kernel = {
  matVec4: MatVec;
  transposeVec4: TransposeVec;
  matVec432: MatVec;
  transposeVec432: TransposeVec;
  lossRows(z: number, dir: number, out: number, y: number, sw: number, r: number, acc: number, from: number, to: number, step: number, trial: number): number;
};

/** The memory a design lives in: shared (its buffer a SharedArrayBuffer) when several threads pass over it. */
export type LinearMemory = { readonly buffer: ArrayBuffer };

/**
 * A dense design (float64 or float32) and the solver's vectors in one WebAssembly memory, with the
 * row passes over it: the kernel (tools/wasm-kernel/linear-kernel-source.ts) takes blocks of four
 * rows with f64x2 lanes, two to three times faster than the JS loops, and the rows left over go
 * through the JS loops, so every result has the bits dense-kernels.ts and row-kernels.ts give.
 * Every vector passed in must come from `f64` (or be a subarray of one).
 */
export type WasmRows = {
  readonly X: DenseMatrix;
  /** The memory, for worker threads to attach to (`attachWasmRows`). */
  readonly memory: LinearMemory;
  /** The next of the vectors reserved at creation, zeroed. */
  f64(length: number): Float64Array;
  /** out[i] = X[i]·β + intercept for rows [from, to). */
  matVec(from: number, to: number, beta: Float64Array, intercept: number, out: Float64Array): void;
  /** out[j] += Σᵢ X[i, j]·r[i] over rows [from, to), row by row. */
  transposeVec(from: number, to: number, r: Float64Array, out: Float64Array): void;
  /**
   * Σ swᵢ·ℓᵢ over rows [from, to) at zᵢ = z[i] (or, given a `step`, z[i] + step·dir[i], stored in
   * out), storing rᵢ: the terms added in row order, a row the kernel cannot take (|zᵢ| ≥ 707 or NaN,
   * or the last few) by `row(i)`, which returns its term and stores its rᵢ (and zᵢ).
   */
  loss(
    z: Float64Array,
    dir: Float64Array,
    out: Float64Array,
    y: Float64Array,
    sw: Float64Array,
    r: Float64Array,
    from: number,
    to: number,
    step: number | undefined,
    row: (i: number) => number,
  ): number;
};

/** What a thread runs the passes with (a worker has no `f64`: the main thread lays the memory out). */
export type WasmPasses = Omit<WasmRows, 'f64'>;

/** Bytes before the design: each thread's running loss sum (8 bytes a thread, read by the loss kernel), 16-aligned. */
const headerBytes = (threads: number) => align16(8 * threads);

/** Bytes of a memory holding a design of `n` entries of `entryBytes` and vectors of `lengths` (f64), for `threads`. */
const layoutBytes = (n: number, entryBytes: number, lengths: readonly number[], threads: number) =>
  lengths.reduce((s, len) => s + align16(8 * len), headerBytes(threads) + align16(entryBytes * n));

type Instance = { readonly memory: LinearMemory; readonly kernel: Kernel; readonly bytes: number; readonly threads: number };

const kernelOn = (mod: object, memory: LinearMemory) => new wasm!.Instance(mod, { env: { memory } }).exports as unknown as Kernel;

/** A memory of `bytes` (shared for more than one thread) with the kernel over it, or undefined where either cannot be had. */
function instantiate(bytes: number, threads: number): Instance | undefined {
  const mod = threads > 1 ? sharedLinearKernel() : linearKernel();
  if (!wasm || !mod || bytes > 2 ** 31) return undefined;
  try {
    const initial = Math.ceil(bytes / PAGE);
    const memory = threads > 1 ? new wasm.Memory({ initial, maximum: LINEAR_SHARED_MAX_PAGES, shared: true }) : new wasm.Memory({ initial });
    return { memory, kernel: kernelOn(mod, memory), bytes, threads };
  } catch {
    return undefined;
  }
}

/** Design buffers handed out by `wasmDesignBuffer`, with the memory they sit in. */
const adoptable = new WeakMap<Float32Array, Instance>();

/**
 * A float32 buffer for a rows × cols design inside a new WebAssembly memory laid out for
 * `wasmRows(X, lengths, { threads })`: a design written there is read in place, without wasmRows'
 * copy (the pipeline's scaler writes Policy A's standardized design straight into it). Undefined
 * where the kernel cannot run.
 */
export function wasmDesignBuffer(rows: number, cols: number, lengths: readonly number[], threads: number): Float32Array | undefined {
  const n = rows * cols;
  const inst = instantiate(layoutBytes(n, 4, lengths, threads), threads);
  if (!inst) return undefined;
  const data = new Float32Array(inst.memory.buffer, headerBytes(threads), n);
  adoptable.set(data, inst);
  return data;
}

/**
 * X in a WebAssembly memory with room for vectors of `lengths`, shared when `threads` > 1, in
 * float32 when `float32` or X is (the solver's streaming of large designs, design.ts), else in
 * float64: a buffer from `wasmDesignBuffer` with this layout is used in place, any other X is
 * copied into a new memory. Undefined where the kernel cannot run (no WebAssembly, SIMD or, for
 * threads, shared memory) or the memory cannot be had: the caller then keeps the JS loops, with
 * the same results.
 */
export function wasmRows(
  X: DenseMatrix,
  lengths: readonly number[],
  { threads = 1, float32 = false }: { threads?: number; float32?: boolean } = {},
): WasmRows | undefined {
  const n = X.rows * X.cols;
  const f32 = float32 || X.data instanceof Float32Array;
  const bytes = layoutBytes(n, f32 ? 4 : 8, lengths, threads);
  const own = X.data instanceof Float32Array ? adoptable.get(X.data) : undefined;
  const inPlace = own !== undefined && own.bytes === bytes && own.threads === threads && X.data.length === n;
  const inst = inPlace ? own : instantiate(bytes, threads);
  if (!inst) return undefined;
  let top = headerBytes(threads);
  const data = f32 ? new Float32Array(inst.memory.buffer, top, n) : new Float64Array(inst.memory.buffer, top, n);
  top += align16(data.byteLength);
  if (!inPlace) data.set(X.data.subarray(0, n));
  const take = (length: number) => {
    const a = new Float64Array(inst.memory.buffer, top, length);
    top += align16(8 * length);
    // a memory used in place may hold an earlier fit's vectors
    return inPlace ? a.fill(0) : a;
  };
  return { ...passesOver(inst.kernel, { rows: X.rows, cols: X.cols, data }, 0), memory: inst.memory, f64: take };
}

/**
 * The row passes of `wasmRows` for worker thread `thread` (1, 2, …), over the shared memory and the
 * design view the main thread made (the worker's own kernel instance, its own running-sum slot).
 * Undefined where the kernel cannot run in this thread (the worker then keeps the JS loops).
 */
export function attachWasmRows(memory: LinearMemory, X: DenseMatrix, thread: number): WasmPasses | undefined {
  const mod = sharedLinearKernel();
  if (!wasm || !mod) return undefined;
  try {
    return { ...passesOver(kernelOn(mod, memory), X, thread), memory };
  } catch {
    return undefined;
  }
}

/** The passes over design X (a view of the kernel's memory); thread `thread` keeps its loss sum at byte 8·thread. */
function passesOver(kernel: Kernel, X: DenseMatrix, thread: number): Omit<WasmRows, 'f64' | 'memory'> {
  const { data, cols } = X;
  const f32 = data instanceof Float32Array;
  const accAt = 8 * thread;
  const acc = new Float64Array(data.buffer, accAt, 1);
  const matVec4 = f32 ? kernel.matVec432 : kernel.matVec4;
  const transposeVec4 = f32 ? kernel.transposeVec432 : kernel.transposeVec4;
  return {
    X,
    matVec(from, to, beta, intercept, out) {
      const end = from + ((to - from) & ~3);
      matVec4(data.byteOffset, from, end, cols, beta.byteOffset, intercept, out.byteOffset);
      if (end < to) denseMatVec(end, to, cols, data, beta, intercept, out);
    },
    transposeVec(from, to, r, out) {
      const end = from + ((to - from) & ~3);
      transposeVec4(data.byteOffset, from, end, cols, r.byteOffset, out.byteOffset);
      if (end < to) denseTransposeVec(end, to, cols, data, r, out);
    },
    loss(z, dir, out, y, sw, r, from, to, step, row) {
      acc[0] = 0;
      for (let i = from; ; i++) {
        i = kernel.lossRows(
          z.byteOffset,
          dir.byteOffset,
          out.byteOffset,
          y.byteOffset,
          sw.byteOffset,
          r.byteOffset,
          accAt,
          i,
          to,
          step ?? 0,
          step === undefined ? 0 : 1,
        );
        if (i >= to) return acc[0]!;
        acc[0]! += row(i);
      }
    },
  };
}
