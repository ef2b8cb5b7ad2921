/**
 * Logistic-regression worker (build entry `linear-worker`): waits on the shared control block and
 * takes row chunks of each job (margins, X·dir, trial losses, gradient partials), running the same
 * kernels as the main thread on the same shared memory.
 */
import { workerData } from 'node:worker_threads';
import { unpackSharedViews } from '../../shared-views';
import type { DenseMatrix } from '../../matrix';
import { runItem, type RowMemory } from '../row-kernels';
import { attachWasmRows } from '../wasm-rows';
import { C_DONE, C_DST, C_ERROR, C_GEN, C_ITEM, C_NEXT, C_READY, C_SRC, ITEM_STOP, takeChunks, type LinearWorkerData } from './control';

function serve(data: LinearWorkerData): void {
  // the main thread's kernel memory, with this thread's own instance (or the JS loops, same bits, where it cannot run here)
  const wasm = data.wasmMemory ? attachWasmRows(data.wasmMemory, data.X as DenseMatrix, data.thread) : undefined;
  const m: RowMemory = { ...data, ...(wasm ? { wasm } : {}) };
  const c = data.control;
  let gen = Atomics.load(c, C_GEN);
  Atomics.add(c, C_READY, 1);
  Atomics.notify(c, C_READY);
  for (;;) {
    Atomics.wait(c, C_GEN, gen);
    gen = Atomics.load(c, C_GEN);
    const item = Atomics.load(c, C_ITEM);
    if (item === ITEM_STOP) return;
    const job = Atomics.load(c, C_NEXT) >>> 16;
    // The job's fields are read after a chunk is claimed (takeChunks), when they are complete.
    takeChunks(c, job, data.chunks, (k) => runItem(m, Atomics.load(c, C_ITEM), k, c[C_SRC]!, c[C_DST]!));
  }
}

const data = unpackSharedViews(workerData as LinearWorkerData);
try {
  serve(data);
} catch (e) {
  const c = data.control;
  Atomics.store(c, C_ERROR, 1);
  Atomics.notify(c, C_DONE);
  throw e;
}
