/**
 * Histogram worker (build entry `gbdt-worker`): waits on the shared control block, builds its
 * share of each job (gradient gather chunks, then groups of dense features, taken from a shared counter), and reports back. Runs the same kernel as
 * the main thread, on the same shared bins, gradients and histogram memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { C_BEGIN, C_CHUNKS, C_CMD, C_CNT, C_COUNT, C_GEN, C_NEXT, C_READY, C_SLOT, CMD_STOP, type HistogramWorkerData } from './parallel/control';
import { takeJobItems, type BinColumn } from './parallel/histogram-kernel';

function serve(d: HistogramWorkerData): void {
  const ctrl = new Int32Array(d.control);
  const cols: (BinColumn | null)[] = d.columns.map((c) =>
    c === null ? null : c.bytes === 1 ? new Uint8Array(c.buffer, c.byteOffset, c.length) : new Uint16Array(c.buffer, c.byteOffset, c.length),
  );
  const features = new Int32Array(d.features);
  const idx = new Int32Array(d.idx);
  const grad = new Float32Array(d.grad);
  const hess = new Float32Array(d.hess);
  const ordered = new Float32Array(d.ordered);
  const hists = new Float64Array(d.hists);
  let gen = Atomics.load(ctrl, C_GEN);
  Atomics.add(ctrl, C_READY, 1);
  Atomics.notify(ctrl, C_READY);
  for (;;) {
    Atomics.wait(ctrl, C_GEN, gen);
    gen = Atomics.load(ctrl, C_GEN);
    if (Atomics.load(ctrl, C_CMD) === CMD_STOP) return;
    const job = Atomics.load(ctrl, C_NEXT) >>> 16;
    // parameters read here belong to `job` as long as a group of it can still be claimed
    const slot = ctrl[C_SLOT]!;
    const hist = hists.subarray(slot * d.slotLength, (slot + 1) * d.slotLength);
    try {
      takeJobItems(ctrl, job, ctrl[C_CHUNKS]!, ctrl[C_COUNT]!, cols, d.binOffsets, features, idx, ctrl[C_BEGIN]!, ctrl[C_CNT]!, grad, hess, ordered, hist);
    } catch {
      // reported through C_ERROR; the main thread rebuilds the histogram alone
    }
  }
}

if (parentPort) serve(workerData as HistogramWorkerData);
