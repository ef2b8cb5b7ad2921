import type { Worker } from 'node:worker_threads';
import { mainExecArgv, nodeBuiltins, startWorker, warnOnce } from '../../gbdt/parallel/node-builtins';
import { messages } from '../../messages';
import { packSharedViews } from '../../shared-views';
import { runItem, type RowMemory } from '../row-kernels';
import { CLOSED, CONTROL_LENGTH, C_DONE, C_DST, C_ERROR, C_GEN, C_ITEM, C_NEXT, C_READY, C_SRC, ITEM_STOP, takeChunks, type LinearWorkerData } from './control';
import { linearWorkerUrl } from './worker-url';

const START_TIMEOUT_MS = 10_000;
const WAIT_SLICE_MS = 1_000;

const MODEL = 'LogisticRegression';
const oneThread = (message: string) => warnOnce(message, 'ABT_LINEAR_ONE_THREAD');

/**
 * Worker threads that share a fit's row chunks with the main thread (the fit stays synchronous:
 * the main thread takes chunks too, then waits on the control block). Every buffer of `m` must be
 * over SharedArrayBuffers. A failed worker closes the pool; the main thread then redoes the job
 * alone, which is safe because every chunk writes only its own outputs from unchanged inputs.
 */
export class LinearPool {
  readonly #c: Int32Array;
  readonly #workers: Worker[];
  readonly #m: RowMemory;
  readonly #chunks: number;
  #job = 0;
  #open = true;

  private constructor(c: Int32Array, workers: Worker[], m: RowMemory, chunks: number) {
    this.#c = c;
    this.#workers = workers;
    this.#m = m;
    this.#chunks = chunks;
  }

  /**
   * Spawns `threads − 1` workers over `m`. Undefined where they cannot start — no worker threads, no
   * worker file, no shared memory, a refused start — and then one thread does it all at once, with
   * the same model, after one warning naming why. They start while the caller fills the shared
   * buffers; `ready()` waits for them.
   */
  static spawn(threads: number, m: RowMemory, chunks: number): LinearPool | undefined {
    const node = nodeBuiltins();
    const url = linearWorkerUrl();
    if (threads < 2 || !node || !url) return undefined;
    const c = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
    // X as a plain object of its own: packSharedViews descends only into plain objects; the kernel's
    // functions stay here, its memory goes (each worker instantiates the kernel on it)
    const { wasm, ...rest } = m;
    const base = { ...rest, X: { rows: m.X.rows, cols: m.X.cols, data: m.X.data }, control: c, chunks, ...(wasm ? { wasmMemory: wasm.memory } : {}) };
    const workers: Worker[] = [];
    const pool = new LinearPool(c, workers, m, chunks);
    // not the main script's own flags (code from stdin, -e, a REPL): a worker started from a file fails with them
    const execArgv = mainExecArgv();
    try {
      for (let k = 1; k < threads; k++) {
        const data: LinearWorkerData = { ...base, thread: k };
        const w = startWorker(node.workerThreads.Worker, url, { workerData: packSharedViews(data) }, execArgv);
        // Never keeps the process alive; a failure surfaces through the control block.
        w.unref();
        w.on('error', () => Atomics.store(c, C_ERROR, 1));
        workers.push(w);
      }
    } catch (e) {
      pool.close();
      return void oneThread(messages.oneThread.startFailed(MODEL, e instanceof Error ? e.message : String(e)));
    }
    return pool;
  }

  /**
   * Why `threads` threads cannot run here — no worker threads, no shared memory, no worker file —
   * after warning once; undefined when they can. The fit then runs on this thread, same model.
   */
  static unavailable(threads: number): string | undefined {
    const why = !nodeBuiltins()
      ? messages.oneThread.noWorkerThreads(MODEL, threads)
      : typeof SharedArrayBuffer !== 'function'
        ? messages.oneThread.noSharedMemory(MODEL)
        : !linearWorkerUrl()
          ? messages.oneThread.noWorkerFile(MODEL, 'linear-worker.js', 'ABT_LINEAR_WORKER')
          : undefined;
    if (why) oneThread(why);
    return why;
  }

  /** Waits until every worker has started; false (and the pool closed) when one failed or took too long. */
  ready(): boolean {
    const c = this.#c;
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (!this.#open) return false;
      const ready = Atomics.load(c, C_READY);
      const failed = Atomics.load(c, C_ERROR) === 1;
      if (ready >= this.#workers.length && !failed) return true;
      const left = deadline - Date.now();
      if (failed || left <= 0) {
        this.close();
        oneThread(failed ? messages.oneThread.workerFailed(MODEL) : messages.oneThread.notStarted(MODEL, START_TIMEOUT_MS / 1000));
        return false;
      }
      Atomics.wait(c, C_READY, ready, Math.min(left, WAIT_SLICE_MS));
    }
  }

  /** Threads working on each job (this one included). */
  get threads(): number {
    return this.#open ? this.#workers.length + 1 : 1;
  }

  /** Runs every chunk of one job (`item` from row-kernels) with the workers; false when the pool had to close. */
  run(item: number, src: number, dst: number): boolean {
    if (!this.#open) return false;
    const c = this.#c;
    this.#job = (this.#job + 1) & 0x7fff;
    // Closed first: a thread still in the previous job cannot claim a chunk of this one before its
    // fields are written; opening it publishes them.
    Atomics.store(c, C_NEXT, (this.#job << 16) | CLOSED);
    c[C_ITEM] = item;
    c[C_SRC] = src;
    c[C_DST] = dst;
    Atomics.store(c, C_DONE, 0);
    Atomics.store(c, C_NEXT, this.#job << 16);
    Atomics.add(c, C_GEN, 1);
    Atomics.notify(c, C_GEN);
    takeChunks(c, this.#job, this.#chunks, (k) => runItem(this.#m, item, k, src, dst));
    for (;;) {
      const done = Atomics.load(c, C_DONE);
      if (done >= this.#chunks) return true;
      if (Atomics.load(c, C_ERROR) === 1) break;
      Atomics.wait(c, C_DONE, done, WAIT_SLICE_MS);
    }
    this.close();
    oneThread(messages.oneThread.workerFailed(MODEL));
    return false;
  }

  /** Stops the workers (idempotent). */
  close(): void {
    if (!this.#open) return;
    this.#open = false;
    const c = this.#c;
    c[C_ITEM] = ITEM_STOP;
    Atomics.store(c, C_NEXT, (((this.#job + 1) & 0x7fff) << 16) | CLOSED);
    Atomics.add(c, C_GEN, 1);
    Atomics.notify(c, C_GEN);
    for (const w of this.#workers) void w.terminate();
  }
}
