import { PAGE, align16, compiledOnce, wasm } from '../wasm/wasm-api';
import type { DenseMatrix } from '../matrix';
import { denseMatVec, denseTransposeVec } from './dense-kernels';
import { LINEAR_KERNEL_BASE64 } from './wasm/linear-kernel-bytes';

const linearKernel = compiledOnce(LINEAR_KERNEL_BASE64);

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

/** Where the loss kernel keeps its running sum: the first bytes of the memory, which nothing else uses. */
const ACC = 0;

/**
 * A dense design (float64 or float32) and the solver's vectors in one WebAssembly memory, with the
 * two products over it: the kernel (tools/wasm-kernel/linear-kernel-source.ts) takes blocks of four
 * rows with f64x2 lanes, two to three times faster than the JS loops, and the rows left over go
 * through the JS loops, so every result has the bits dense-kernels.ts gives. Every vector passed in
 * must come from `f64` (or be a subarray of one).
 */
export type WasmRows = {
  readonly X: DenseMatrix;
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

/** Bytes of a memory holding a design of `n` entries of `entryBytes` and vectors of `lengths` (f64). */
const layoutBytes = (n: number, entryBytes: number, lengths: readonly number[]) =>
  lengths.reduce((s, len) => s + align16(8 * len), 16 + align16(entryBytes * n));

type Instance = { readonly memory: { readonly buffer: ArrayBuffer }; readonly kernel: Kernel; readonly bytes: number };

/** A memory of `bytes` with the kernel over it, or undefined where either cannot be had. */
function instantiate(bytes: number): Instance | undefined {
  const mod = linearKernel();
  if (!wasm || !mod || bytes > 2 ** 31) return undefined;
  try {
    const memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) });
    return { memory, kernel: new wasm.Instance(mod, { env: { memory } }).exports as unknown as Kernel, bytes };
  } catch {
    return undefined;
  }
}

/** Design buffers handed out by `wasmDesignBuffer`, with the memory they sit in. */
const adoptable = new WeakMap<Float32Array, Instance>();

/**
 * A float32 buffer for a rows × cols design inside a new WebAssembly memory laid out for
 * `wasmRows(X, lengths)`: a design written there is read in place, without wasmRows' copy (the
 * pipeline's scaler writes Policy A's standardized design straight into it). Undefined where the
 * kernel cannot run.
 */
export function wasmDesignBuffer(rows: number, cols: number, lengths: readonly number[]): Float32Array | undefined {
  const n = rows * cols;
  const inst = instantiate(layoutBytes(n, 4, lengths));
  if (!inst) return undefined;
  const data = new Float32Array(inst.memory.buffer, 16, n);
  adoptable.set(data, inst);
  return data;
}

/**
 * X in a WebAssembly memory (in its own float type) with room for vectors of `lengths`: a buffer from
 * `wasmDesignBuffer` with this layout is used in place, any other X is copied into a new memory.
 * Undefined where the kernel cannot run (no WebAssembly or no SIMD) or the memory cannot be had:
 * the caller then keeps the JS loops on X, with the same results.
 */
export function wasmRows(X: DenseMatrix, lengths: readonly number[]): WasmRows | undefined {
  const n = X.rows * X.cols;
  const f32 = X.data instanceof Float32Array;
  const bytes = layoutBytes(n, X.data.BYTES_PER_ELEMENT, lengths);
  const own = f32 ? adoptable.get(X.data as Float32Array) : undefined;
  const inPlace = own !== undefined && own.bytes === bytes && X.data.length === n;
  const inst = inPlace ? own : instantiate(bytes);
  if (!inst) return undefined;
  const { memory, kernel } = inst;
  let top = 16;
  const take = (length: number) => {
    const a = new Float64Array(memory.buffer, top, length);
    top += align16(8 * length);
    // a memory used in place may hold an earlier fit's vectors
    return inPlace ? a.fill(0) : a;
  };
  const data = f32 ? new Float32Array(memory.buffer, top, n) : take(n);
  if (f32) top += align16(4 * n);
  if (!inPlace) data.set(X.data.subarray(0, n));
  const design: DenseMatrix = { rows: X.rows, cols: X.cols, data };
  const cols = X.cols;
  const acc = new Float64Array(memory.buffer, ACC, 1);
  const matVec4 = f32 ? kernel.matVec432 : kernel.matVec4;
  const transposeVec4 = f32 ? kernel.transposeVec432 : kernel.transposeVec4;
  return {
    X: design,
    f64: take,
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
          ACC,
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
