/**
 * Logistic-regression worker (build entry `linear-worker`): waits on the shared control block and
 * takes row chunks of each job (margins, X·dir, trial losses, gradient partials), running the same
 * kernels as the main thread on the same shared memory.
 */
import { workerData } from 'node:worker_threads';
import { runItem, type RowMemory } from '../row-kernels';
import { C_DONE, C_DST, C_ERROR, C_GEN, C_ITEM, C_NEXT, C_READY, C_SRC, ITEM_STOP, sharedDense, takeChunks, type LinearWorkerData } from './control';

function serve(d: LinearWorkerData): void {
  const c = new Int32Array(d.control);
  const m: RowMemory = {
    X: sharedDense(d.X),
    y: new Float64Array(d.y),
    sw: new Float64Array(d.sw),
    z: [new Float64Array(d.z[0]), new Float64Array(d.z[1])],
    xDir: new Float64Array(d.xDir),
    r: new Float64Array(d.r),
    vec: new Float64Array(d.vec),
    lossParts: new Float64Array(d.lossParts),
    gradParts: new Float64Array(d.gradParts),
    scalars: new Float64Array(d.scalars),
    chunkRows: d.chunkRows,
  };
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
    takeChunks(c, job, d.chunks, (k) => runItem(m, Atomics.load(c, C_ITEM), k, c[C_SRC]!, c[C_DST]!));
  }
}

try {
  serve(workerData as LinearWorkerData);
} catch (e) {
  const c = new Int32Array((workerData as LinearWorkerData).control);
  Atomics.store(c, C_ERROR, 1);
  Atomics.notify(c, C_DONE);
  throw e;
}
