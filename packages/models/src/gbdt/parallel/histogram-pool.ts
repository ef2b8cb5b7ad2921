/**
 * Worker threads that build histograms alongside the main thread: for a job every thread takes
 * items from a shared counter until none are left, first row chunks of the gradient gather, then
 * groups of the used dense features (the main thread then adds the sparse part). Bins, row indices, ordered
 * gradients and histograms live in SharedArrayBuffers; a job is started and awaited with Atomics,
 * so training stays synchronous. Leaf-wise growth and split finding stay on the main thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { C_BEGIN, C_CHUNKS, C_CMD, C_CNT, C_COUNT, C_DONE, C_GATHERED, C_ERROR, C_GEN, C_NEXT, C_READY, C_SLOT, CMD_RUN, CMD_STOP, CONTROL_LENGTH, type HistogramWorkerData } from './control';
import { FEATURE_GROUP, GATHER_CHUNK, waitGathered, type BinColumn } from './histogram-kernel';
import { histogramWorkerUrl } from './worker-url';

/** Threads actually wanted for `num_threads` (0 = LightGBM's "default": here min(2, cores)). */
export const resolveThreads = (numThreads: number): number => (numThreads > 0 ? numThreads : Math.min(2, availableParallelism()));

/** Workers start within this time or training continues on one thread. */
const START_TIMEOUT_MS = 30_000;
/** One histogram job takes well under a second; a worker silent this long is taken as dead. */
const JOB_TIMEOUT_MS = 120_000;

export type SharedTrainingMemory = {
  readonly dense: readonly (BinColumn | null)[];
  readonly binOffsets: Int32Array;
  readonly idx: Int32Array;
  readonly grad: Float32Array;
  readonly hess: Float32Array;
  readonly ordered: Float32Array;
  readonly hists: Float64Array;
  readonly slotLength: number;
};

export class HistogramPool {
  readonly threads: number;
  /** Used dense features of the current job, written by the main thread before it starts. */
  readonly features: Int32Array;
  readonly #ctrl: Int32Array;
  readonly #workers: Worker[];
  #job = 0;
  #groups = 0;
  #chunks = 0;

  private constructor(threads: number, ctrl: Int32Array, features: Int32Array, workers: Worker[]) {
    this.threads = threads;
    this.#ctrl = ctrl;
    this.features = features;
    this.#workers = workers;
  }

  /** Starts `threads - 1` workers over `mem`; undefined when there is no worker file or they do not start. */
  static start(threads: number, numFeatures: number, mem: SharedTrainingMemory): HistogramPool | undefined {
    const url = histogramWorkerUrl();
    if (threads < 2 || !url) return undefined;
    for (const b of [mem.idx.buffer, mem.grad.buffer, mem.hess.buffer, mem.ordered.buffer, mem.hists.buffer]) if (!(b instanceof SharedArrayBuffer)) return undefined;
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
    const features = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, numFeatures)));
    const columns: HistogramWorkerData['columns'] = mem.dense.map((c) => {
      if (c === null) return null;
      if (!(c.buffer instanceof SharedArrayBuffer)) throw new TypeError('histogram pool: bin columns must be shared');
      return { buffer: c.buffer, byteOffset: c.byteOffset, length: c.length, bytes: c.BYTES_PER_ELEMENT as 1 | 2 };
    });
    const workers: Worker[] = [];
    for (let id = 1; id < threads; id++) {
      const data: HistogramWorkerData = {
        id,
        control: ctrl.buffer as SharedArrayBuffer,
        columns,
        binOffsets: mem.binOffsets,
        features: features.buffer as SharedArrayBuffer,
        idx: mem.idx.buffer as SharedArrayBuffer,
        grad: mem.grad.buffer as SharedArrayBuffer,
        hess: mem.hess.buffer as SharedArrayBuffer,
        ordered: mem.ordered.buffer as SharedArrayBuffer,
        hists: mem.hists.buffer as SharedArrayBuffer,
        slotLength: mem.slotLength,
      };
      const w = new Worker(url, { workerData: data });
      // never keeps the process alive; errors surface through the control block instead
      w.unref();
      w.on('error', () => Atomics.store(ctrl, C_ERROR, 1));
      workers.push(w);
    }
    const pool = new HistogramPool(threads, ctrl, features, workers);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(ctrl, C_READY);
      if (ready >= threads - 1) return pool;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(ctrl, C_READY, ready, left) === 'timed-out') {
        pool.close();
        return undefined;
      }
    }
  }

  /** The shared control block (the main thread takes feature groups from it too). */
  get control(): Int32Array {
    return this.#ctrl;
  }

  /**
   * Starts a job: gather the gradients of rows idx[begin, begin+cnt) into `ordered`, then build the
   * `count` listed features into histogram `slot`. Returns the job number to take items with
   * (`takeJobItems`).
   */
  begin(begin: number, cnt: number, slot: number, count: number): number {
    const c = this.#ctrl;
    this.#job = (this.#job + 1) & 0x7fff;
    this.#groups = Math.ceil(count / FEATURE_GROUP);
    this.#chunks = Math.ceil(cnt / GATHER_CHUNK);
    c[C_CHUNKS] = this.#chunks;
    c[C_BEGIN] = begin;
    c[C_CNT] = cnt;
    c[C_SLOT] = slot;
    c[C_COUNT] = count;
    c[C_CMD] = CMD_RUN;
    Atomics.store(c, C_DONE, 0);
    Atomics.store(c, C_GATHERED, 0);
    // publishing the job number makes its groups claimable (and the fields above visible)
    Atomics.store(c, C_NEXT, this.#job << 16);
    Atomics.add(c, C_GEN, 1);
    Atomics.notify(c, C_GEN);
    return this.#job;
  }

  /** Waits until the job's gradient gather is complete (false: a thread stalled). */
  gathered(): boolean {
    return waitGathered(this.#ctrl, this.#chunks);
  }

  /**
   * Waits until every group of the job is built (the main thread has taken all it could, so this
   * only waits for groups a worker is still building); false when one of them failed.
   */
  finish(): boolean {
    const c = this.#ctrl;
    const deadline = Date.now() + JOB_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(c, C_DONE);
      if (done >= this.#groups) break;
      // a worker that died never reports (its 'error' event needs this blocked thread): give up
      if (Atomics.load(c, C_ERROR) !== 0 || Date.now() > deadline) return false;
      Atomics.wait(c, C_DONE, done, 1000);
    }
    return Atomics.load(c, C_ERROR) === 0;
  }

  /** False once closed (after training, or after a worker failed). */
  get open(): boolean {
    return this.#workers.length > 0;
  }

  close(): void {
    const c = this.#ctrl;
    Atomics.store(c, C_CMD, CMD_STOP);
    Atomics.add(c, C_GEN, 1);
    Atomics.notify(c, C_GEN);
    for (const w of this.#workers) void w.terminate().catch(() => undefined);
    this.#workers.length = 0;
  }
}
