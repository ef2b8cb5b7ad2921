/**
 * The control block shared by the main thread and the logistic-regression workers (an Int32Array
 * over a SharedArrayBuffer, driven with Atomics), and the loop that takes a job's row chunks.
 */
import type { Matrix } from '../../matrix';

export const C_GEN = 0; // bumped by the main thread for each job; workers wait on it
export const C_ITEM = 1; // the job's kind (row-kernels ITEM_*), or ITEM_STOP
export const C_NEXT = 2; // job number << 16 | next chunk to take (compare-exchange); CLOSED while the job is set up
export const C_DONE = 3; // chunks finished in the current job (any thread)
export const C_READY = 4; // workers add 1 once started
export const C_ERROR = 5; // a worker sets 1 when it failed
export const C_SRC = 6; // margin slot read
export const C_DST = 7; // margin slot written
export const CONTROL_LENGTH = 8;

export const ITEM_STOP = 99;
/** Chunk part of C_NEXT while the main thread writes a job's parameters (no job has this many chunks). */
export const CLOSED = 0xffff;

/** What each worker gets at start; typed arrays are rebuilt over the same shared memory. */
export type LinearWorkerData = {
  readonly control: SharedArrayBuffer;
  /** X: dense rows as Float32 or Float64 over shared memory (CSR never runs on workers). */
  readonly X: { readonly rows: number; readonly cols: number; readonly buffer: SharedArrayBuffer; readonly byteOffset: number; readonly float32: boolean };
  readonly y: SharedArrayBuffer;
  readonly sw: SharedArrayBuffer;
  readonly z: readonly [SharedArrayBuffer, SharedArrayBuffer];
  readonly xDir: SharedArrayBuffer;
  readonly r: SharedArrayBuffer;
  readonly vec: SharedArrayBuffer;
  readonly lossParts: SharedArrayBuffer;
  readonly gradParts: SharedArrayBuffer;
  readonly scalars: SharedArrayBuffer;
  readonly chunkRows: number;
  /** Chunks of every job: all rows, always (so no job's bound can be read stale). */
  readonly chunks: number;
};

/** A dense matrix over a worker's view of shared memory. */
export function sharedDense(x: LinearWorkerData['X']): Matrix {
  const n = x.rows * x.cols;
  const data = x.float32 ? new Float32Array(x.buffer, x.byteOffset, n) : new Float64Array(x.buffer, x.byteOffset, n);
  return { rows: x.rows, cols: x.cols, data };
}

/**
 * Takes chunks of job `job` until none is left (or another job has started), running `run(k)` for
 * each and counting it in C_DONE. The same loop on every thread.
 */
export function takeChunks(c: Int32Array, job: number, chunks: number, run: (k: number) => void): void {
  for (;;) {
    const v = Atomics.load(c, C_NEXT);
    const k = v & 0xffff;
    if (v >>> 16 !== job || k >= chunks) return;
    if (Atomics.compareExchange(c, C_NEXT, v, v + 1) !== v) continue;
    run(k);
    Atomics.add(c, C_DONE, 1);
    Atomics.notify(c, C_DONE);
  }
}
