/**
 * Training worker (build entry `gbdt-worker`): waits on the shared control block and takes its
 * share of each job: histogram jobs (gradient gather chunks, then groups of dense features),
 * partition jobs (row chunks of a leaf) and gradient jobs (row chunks), all from a shared counter.
 * Runs the same kernels as the main thread, on the same shared memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  CLOSED_ITEM, C_BAG, C_BEGIN, C_CHUNKS, C_CMD, C_CNT, C_COUNT, C_FEATURE, C_GEN, C_LEAVES, C_NEXT, C_OOB, C_READY, C_SLOT, C_SRC, C_VALID,
  CMD_GRAD, CMD_PART, CMD_SCORE, CMD_SPLIT, CMD_STOP, type HistogramWorkerData, type SharedColumn,
} from './parallel/control';
import { scoreItem, scoreItems, type ScoreJob, type ScoreMemory } from './parallel/score-kernel';
import { splitGroups, splitItem, type SplitMemory } from './parallel/split-kernel';
import { takeJobItems, type BinColumn } from './parallel/histogram-kernel';
import { partitionItem, ROW_CHUNK, takeRowItems } from './parallel/row-kernels';
import { createObjective } from './objective';

const columnView = (c: SharedColumn): BinColumn | null =>
  c === null ? null : c.bytes === 1 ? new Uint8Array(c.buffer, c.byteOffset, c.length) : new Uint16Array(c.buffer, c.byteOffset, c.length);

function serve(d: HistogramWorkerData): void {
  const ctrl = new Int32Array(d.control);
  const cols = d.columns.map(columnView);
  const features = new Int32Array(d.features);
  const idx = new Int32Array(d.idx);
  const grad = new Float32Array(d.grad);
  const hess = new Float32Array(d.hess);
  const ordered = new Float32Array(d.ordered);
  const hists = new Float64Array(d.hists);
  const tmp = new Int32Array(d.tmp);
  const leftCounts = new Int32Array(d.leftCounts);
  const goLeft = new Uint8Array(d.goLeft);
  const scores = [new Float64Array(d.scores[0]), new Float64Array(d.scores[1])] as const;
  const score: ScoreMemory = {
    nodes: new Int32Array(d.nodes),
    leafValues: new Float64Array(d.leafValues),
    idx,
    begin: new Int32Array(d.partBegin),
    count: new Int32Array(d.partCount),
    oob: new Int32Array(d.oob),
    trainCols: cols,
    train: scores,
    validCols: d.validColumns.map(columnView),
    valid: d.validScores ? [new Float64Array(d.validScores[0]), new Float64Array(d.validScores[1])] : null,
  };
  const split: SplitMemory = {
    hists,
    slotLength: d.slotLength,
    binOffsets: d.binOffsets,
    mappers: d.mappers,
    config: d.splitConfig,
    features: new Int32Array(d.splitFeatures),
    leaves: new Float64Array(d.splitLeaves),
    out: new Float64Array(d.splitOut),
  };
  const labels = new Float64Array(d.labels);
  const objective = createObjective(d.objective);
  let gen = Atomics.load(ctrl, C_GEN);
  Atomics.add(ctrl, C_READY, 1);
  Atomics.notify(ctrl, C_READY);
  for (;;) {
    Atomics.wait(ctrl, C_GEN, gen);
    gen = Atomics.load(ctrl, C_GEN);
    if (Atomics.load(ctrl, C_CMD) === CMD_STOP) return;
    // the job number first, once the job is open (its parameters are all written before): what is
    // read next belongs to `job` as long as an item of it can still be claimed
    let next = Atomics.load(ctrl, C_NEXT);
    while ((next & 0xffff) === CLOSED_ITEM) {
      Atomics.wait(ctrl, C_NEXT, next, 1);
      next = Atomics.load(ctrl, C_NEXT);
    }
    const job = next >>> 16;
    const cmd = Atomics.load(ctrl, C_CMD);
    if (cmd === CMD_STOP) return;
    const begin = ctrl[C_BEGIN]!;
    const cnt = ctrl[C_CNT]!;
    const chunks = ctrl[C_CHUNKS]!;
    try {
      if (cmd === CMD_GRAD) {
        const src = scores[ctrl[C_SRC] === 1 ? 1 : 0];
        takeRowItems(ctrl, job, 0, chunks, (k) => objective.gradients(src, labels, grad, hess, k * ROW_CHUNK, Math.min(cnt, (k + 1) * ROW_CHUNK)));
      } else if (cmd === CMD_SPLIT) {
        const count = ctrl[C_COUNT]!;
        takeRowItems(ctrl, job, 0, cnt * splitGroups(count), (k) => splitItem(k, count, split));
      } else if (cmd === CMD_SCORE) {
        const j: ScoreJob = { numLeaves: ctrl[C_LEAVES]!, bagCnt: ctrl[C_BAG]!, oobCnt: ctrl[C_OOB]!, validCnt: ctrl[C_VALID]!, src: ctrl[C_SRC] === 1 ? 1 : 0, chunk: chunks };
        takeRowItems(ctrl, job, 0, scoreItems(j), (k) => scoreItem(k, j, score));
      } else if (cmd === CMD_PART) {
        const col = cols[ctrl[C_FEATURE]!];
        if (col) takeRowItems(ctrl, job, chunks, 2 * chunks, (k) => partitionItem(ctrl, k, chunks, col, goLeft, idx, tmp, begin, cnt, leftCounts));
      } else {
        const slot = ctrl[C_SLOT]!;
        const hist = hists.subarray(slot * d.slotLength, (slot + 1) * d.slotLength);
        takeJobItems(ctrl, job, chunks, ctrl[C_COUNT]!, cols, d.binOffsets, features, idx, begin, cnt, grad, hess, ordered, hist);
      }
    } catch {
      // reported through C_ERROR; the main thread redoes the job alone
    }
  }
}

if (parentPort) serve(workerData as HistogramWorkerData);
