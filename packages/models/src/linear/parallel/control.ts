/**
 * The control block shared by the main thread and the logistic-regression workers (an Int32Array
 * over a SharedArrayBuffer, driven with Atomics), and the loop that takes a job's row chunks.
 */
import type { RowMemory } from '../row-kernels';
import type { LinearMemory } from '../wasm-rows';

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

/** What each worker gets at start (posted with packSharedViews: its typed arrays are views of the same shared memory). */
export type LinearWorkerData = Omit<RowMemory, 'wasm'> & {
  readonly control: Int32Array;
  /** The WebAssembly memory X and the vectors live in, when the main thread passes over it with the kernel (the worker attaches its own). */
  readonly wasmMemory?: LinearMemory;
  /** This worker's thread number (1, 2, …; the main thread is 0). */
  readonly thread: number;
  /** Chunks of every job: all rows, always (so no job's bound can be read stale). */
  readonly chunks: number;
};

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
