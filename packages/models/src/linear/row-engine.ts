import { nodeBuiltins } from '../gbdt/parallel/node-builtins';
import { shareableBuffer } from '../gbdt/parallel/shared-buffer';
import { isCsr, type DenseMatrix, type Matrix } from '../matrix';
import { sharedDesign, streamingDesign, streamsAsFloat32 } from './design';
import { wasmDesignBuffer, wasmRows } from './wasm-rows';
import type { LogisticProblem } from './objective';
import { LinearPool } from './parallel/linear-pool';
import { chunkCount, ITEM_DIRECTION, ITEM_GRADIENT, ITEM_LOSS, ITEM_MARGINS, ITEM_TRIAL, runItem, type RowMemory } from './row-kernels';

/**
 * Dense designs from this many entries up are cut into row chunks of CHUNK_ROWS, shared with worker
 * threads: the chunking (and so every sum) is the same for any thread count, so the model is too.
 * Smaller designs, and CSR, are one chunk on this thread, summed exactly as a plain loop.
 */
export const PARALLEL_MIN_ENTRIES = 1 << 22;
export const CHUNK_ROWS = 8192;

const chunkCountOf = (rows: number, chunkRows: number) => Math.max(1, Math.ceil(rows / chunkRows));

/** How the engine runs on a rows × cols design: its row chunks, and whether workers share them. */
function enginePlan(rows: number, cols: number, csr: boolean, threads: number) {
  const large = !csr && rows * cols >= PARALLEL_MIN_ENTRIES;
  // Small problems run on one thread by design (workers would cost more than they save).
  const parallel = large && threads > 1 && LinearPool.unavailable(threads) === undefined;
  const chunkRows = large ? CHUNK_ROWS : Math.max(1, rows);
  return { parallel, chunkRows, chunks: chunkCountOf(rows, chunkRows) };
}

/** The vectors the engine keeps in WebAssembly memory beside X (shared with its workers): y, sw, z (two), xDir, r, vec, gradParts. */
const wasmVectors = (rows: number, cols: number, chunks: number) => [rows, rows, rows, rows, rows, rows, cols + 1, chunks * (cols + 1)];

/**
 * A float32 buffer for a dense rows × cols design the engine will read at `threads`: the kernel's
 * WebAssembly memory (shared when workers read it). A design written there (Pipeline.fit's scaler
 * writes Policy A's) is read in place; anywhere else the engine copies it. Plain shared memory
 * where the kernel cannot run (the JS loops read it in place too).
 */
export function float32DesignBuffer(rows: number, cols: number, threads: number): Float32Array {
  const plan = enginePlan(rows, cols, false, threads);
  const buffer = wasmDesignBuffer(rows, cols, wasmVectors(rows, cols, plan.chunks), plan.parallel ? threads : 1);
  return buffer ?? new Float32Array(shareableBuffer(4 * rows * cols));
}

/** Threads for `num_threads = 0`: min(2, cores), as the GBDT. */
export function defaultThreads(): number {
  const os = nodeBuiltins()?.os;
  const cores = os ? (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) : 1;
  return Math.max(1, Math.min(2, cores));
}

/**
 * The row passes of the full-batch solvers (row-kernels.ts), on this thread or shared with workers:
 * margins of a point into a slot, X·dir, the loss of a slot or of a trial step, the gradient.
 */
export class RowEngine {
  readonly #m: RowMemory;
  readonly #chunks: number;
  readonly #pool: LinearPool | undefined;

  constructor(prob: LogisticProblem, threads: number) {
    const { parallel, chunkRows, chunks } = enginePlan(prob.X.rows, prob.X.cols, isCsr(prob.X), threads);
    const n = prob.X.rows;
    const p = prob.X.cols;
    // A dense design and the vectors the passes touch in WebAssembly memory (shared with the workers);
    // where the kernel cannot run, the JS loops on X (in shared memory for workers).
    const wasm = isCsr(prob.X)
      ? undefined
      : wasmRows(prob.X, wasmVectors(n, p, chunks), { threads: parallel ? threads : 1, float32: streamsAsFloat32(prob.X) });
    const shared = parallel && !wasm ? sharedDesign(prob.X as DenseMatrix) : null;
    const X: Matrix = wasm?.X ?? shared?.X ?? streamingDesign(prob.X);
    const host = (len: number) => (parallel ? new Float64Array(shareableBuffer(8 * len)) : new Float64Array(len));
    // The vectors the products read or write, in the order reserved above.
    const f64 = (len: number) => wasm?.f64(len) ?? host(len);
    // y and sw are copied where the passes read them: shared memory for workers, WebAssembly memory for the kernel
    const copied = parallel || wasm !== undefined;
    this.#m = {
      X,
      y: copied ? f64(n) : prob.y,
      sw: copied ? f64(n) : prob.sw,
      z: [f64(n), f64(n)],
      xDir: f64(n),
      r: f64(n),
      vec: f64(p + 1),
      lossParts: host(chunks),
      gradParts: f64(chunks * (p + 1)),
      scalars: host(3),
      chunkRows,
      ...(wasm ? { wasm } : {}),
    };
    this.#m.scalars[1] = prob.interceptScale;
    this.#m.scalars[2] = prob.fitIntercept ? 1 : 0;
    this.#chunks = chunkCount(this.#m);
    // Workers start while this thread copies X (and y, sw) into shared memory.
    const pool = parallel ? LinearPool.spawn(threads, this.#m, this.#chunks) : undefined;
    shared?.fill();
    if (copied) {
      this.#m.y.set(prob.y);
      this.#m.sw.set(prob.sw);
    }
    this.#pool = pool?.ready() ? pool : undefined;
  }

  /** The design the passes read: X copied into WebAssembly memory (in float32 for large dense X), else X or its float32 copy. */
  get X(): Matrix {
    return this.#m.X;
  }

  /** Threads that took part in the passes (1 when no worker started). */
  get threads(): number {
    return this.#pool?.threads ?? 1;
  }

  /** Margins in slot 0 or 1. */
  z(slot: number): Float64Array {
    return this.#m.z[slot]!;
  }

  /** Per-row gradient factors of the last evaluated slot. */
  get r(): Float64Array {
    return this.#m.r;
  }

  /** z[slot] = X·θ_β + s·θ_b. */
  margins(theta: Float64Array, slot: number): void {
    const p = this.#m.X.cols;
    if (theta.subarray(0, p).every((v) => v === 0)) {
      // The usual start (β = 0): every margin is the intercept term, exactly what a pass would sum
      // (finite X times 0 adds ±0), without reading X.
      this.#m.z[slot]!.fill(this.#m.scalars[2] === 1 ? this.#m.scalars[1]! * theta[p]! : 0);
      return;
    }
    this.#m.vec.set(theta);
    this.#run(ITEM_MARGINS, 0, slot);
  }

  /** The direction's margins X·dir_β + s·dir_b (read by `trial`). */
  direction(dir: Float64Array): void {
    this.#m.vec.set(dir);
    this.#run(ITEM_DIRECTION, 0, 0);
  }

  /** Σ swᵢ·ℓᵢ at z[slot]; stores r. */
  loss(slot: number): number {
    this.#run(ITEM_LOSS, slot, slot);
    return this.#lossSum();
  }

  /** z[dst] = z[src] + step·X·dir and its Σ swᵢ·ℓᵢ; stores r. */
  trial(src: number, dst: number, step: number): number {
    this.#m.scalars[0] = step;
    this.#run(ITEM_TRIAL, src, dst);
    return this.#lossSum();
  }

  /** raw[j] = Σᵢ X[i, j]·rᵢ, raw[cols] = Σᵢ rᵢ, from the last evaluated slot (chunks added in order). */
  gradient(raw: Float64Array): void {
    this.#run(ITEM_GRADIENT, 0, 0);
    const d = this.#m.X.cols + 1;
    const parts = this.#m.gradParts;
    raw.fill(0, 0, d);
    for (let k = 0; k < this.#chunks; k++) for (let j = 0; j < d; j++) raw[j]! += parts[k * d + j]!;
  }

  /** Stops the workers. */
  close(): void {
    this.#pool?.close();
  }

  #lossSum(): number {
    let s = 0;
    for (let k = 0; k < this.#chunks; k++) s += this.#m.lossParts[k]!;
    return s;
  }

  #run(item: number, src: number, dst: number): void {
    if (this.#pool?.run(item, src, dst)) return;
    for (let k = 0; k < this.#chunks; k++) runItem(this.#m, item, k, src, dst);
  }
}
