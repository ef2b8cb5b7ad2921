import { PAGE, align16, compiledOnce, wasm } from '../wasm/wasm-api';
import type { DenseMatrix } from '../matrix';
import { denseMatVec, denseTransposeVec } from './dense-kernels';
import { LINEAR_KERNEL_BASE64 } from './wasm/linear-kernel-bytes';

const linearKernel = compiledOnce(LINEAR_KERNEL_BASE64);

type Kernel = {
  matVec4(data: number, from: number, to: number, cols: number, beta: number, intercept: number, out: number): void;
  transposeVec4(data: number, from: number, to: number, cols: number, r: number, out: number): void;
};

/**
 * A float64 dense design and the solver's vectors in one WebAssembly memory, with the two products
 * over it: the kernel (tools/wasm-kernel/linear-kernel-source.ts) takes blocks of four rows with
 * f64x2 lanes, about three times faster than the JS loops, and the rows left over go through the
 * JS loops, so every result has the bits dense-kernels.ts gives. Every vector passed in must come
 * from `f64` (or be a subarray of one).
 */
export type WasmRows = {
  readonly X: DenseMatrix;
  /** The next of the vectors reserved at creation, zeroed. */
  f64(length: number): Float64Array;
  /** out[i] = X[i]·β + intercept for rows [from, to). */
  matVec(from: number, to: number, beta: Float64Array, intercept: number, out: Float64Array): void;
  /** out[j] += Σᵢ X[i, j]·r[i] over rows [from, to), row by row. */
  transposeVec(from: number, to: number, r: Float64Array, out: Float64Array): void;
};

/**
 * X (float64) copied into a new WebAssembly memory with room for vectors of `lengths`, or undefined
 * where the kernel cannot run (no WebAssembly or no SIMD) or the memory cannot be had: the caller
 * then keeps the JS loops on X, with the same results.
 */
export function wasmRows(X: DenseMatrix, lengths: readonly number[]): WasmRows | undefined {
  const mod = linearKernel();
  if (!wasm || !mod || !(X.data instanceof Float64Array)) return undefined;
  const n = X.rows * X.cols;
  const bytes = lengths.reduce((s, len) => s + align16(8 * len), 16 + align16(8 * n));
  if (bytes > 2 ** 31) return undefined;
  let memory: { readonly buffer: ArrayBuffer };
  let kernel: Kernel;
  try {
    memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) });
    kernel = new wasm.Instance(mod, { env: { memory } }).exports as unknown as Kernel;
  } catch {
    return undefined;
  }
  let top = 16;
  const take = (length: number) => {
    const a = new Float64Array(memory.buffer, top, length);
    top += align16(8 * length);
    return a;
  };
  const data = take(n);
  data.set(X.data.subarray(0, n));
  const design: DenseMatrix = { rows: X.rows, cols: X.cols, data };
  const cols = X.cols;
  return {
    X: design,
    f64: take,
    matVec(from, to, beta, intercept, out) {
      const end = from + ((to - from) & ~3);
      kernel.matVec4(data.byteOffset, from, end, cols, beta.byteOffset, intercept, out.byteOffset);
      if (end < to) denseMatVec(end, to, cols, data, beta, intercept, out);
    },
    transposeVec(from, to, r, out) {
      const end = from + ((to - from) & ~3);
      kernel.transposeVec4(data.byteOffset, from, end, cols, r.byteOffset, out.byteOffset);
      if (end < to) denseTransposeVec(end, to, cols, data, r, out);
    },
  };
}
