/**
 * Logistic-regression worker (build entry `linear-worker`): waits on the shared control block and
 * takes row chunks of each job (margins, X·dir, trial losses, gradient partials), running the same
 * kernels as the main thread on the same shared memory.
 */
import { workerData } from 'node:worker_threads';
import { unpackSharedViews } from '../../shared-views';
import { runItem } from '../row-kernels';
import { C_DONE, C_DST, C_ERROR, C_GEN, C_ITEM, C_NEXT, C_READY, C_SRC, ITEM_STOP, takeChunks, type LinearWorkerData } from './control';

function serve(m: LinearWorkerData): void {
  const c = m.control;
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
    takeChunks(c, job, m.chunks, (k) => runItem(m, Atomics.load(c, C_ITEM), k, c[C_SRC]!, c[C_DST]!));
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
