/**
 * Training worker (build entry `gbdt-worker`): waits on the shared control block and takes its
 * share of each job — histograms, partitions, gradients, score updates, split searches — from a
 * shared counter, running the same kernels as the main thread on the same `TrainingMemory`
 * (posted as `workerData`: its typed arrays are views of the main thread's shared memory).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { unpackSharedViews } from '../shared-views';
import { createObjective } from './objective';
import { gradientRange } from './parallel/gradients';
import {
  CLOSED_ITEM,
  C_BAG,
  C_BEGIN,
  C_CHUNKS,
  C_CMD,
  C_CNT,
  C_COUNT,
  C_FEATURE,
  C_GEN,
  C_LEAVES,
  C_NEXT,
  C_OOB,
  C_READY,
  C_SLOT,
  C_SRC,
  C_VALID,
  CMD_GRAD,
  CMD_PART,
  CMD_SCORE,
  CMD_SPLIT,
  CMD_STOP,
  spinWait,
} from './parallel/control';
import { takeHistogramItems } from './parallel/histogram-kernel';
import { partitionItem, takeRowItems } from './parallel/row-kernels';
import { takeScoreItems, type ScoreJob } from './parallel/score-kernel';
import { splitGroups, splitItem } from './parallel/split-kernel';
import { ROW_CHUNK } from './parallel/training-memory';
import type { WorkerData } from './parallel/training-workers';

function serve(mem: WorkerData): void {
  const ctrl = mem.control;
  const objective = createObjective(mem.objective);
  let gen = Atomics.load(ctrl, C_GEN);
  Atomics.add(ctrl, C_READY, 1);
  Atomics.notify(ctrl, C_READY);
  for (;;) {
    spinWait(ctrl, C_GEN, gen, undefined, true);
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
        const src = mem.scores[ctrl[C_SRC] === 1 ? 1 : 0];
        takeRowItems(ctrl, job, 0, chunks, (k) => gradientRange(mem, objective, src, k * ROW_CHUNK, Math.min(cnt, (k + 1) * ROW_CHUNK)));
      } else if (cmd === CMD_SPLIT) {
        const count = ctrl[C_COUNT]!;
        takeRowItems(ctrl, job, 0, cnt * splitGroups(count), (k) => splitItem(k, count, mem));
      } else if (cmd === CMD_SCORE) {
        const j: ScoreJob = {
          numLeaves: ctrl[C_LEAVES]!,
          bagCnt: ctrl[C_BAG]!,
          oobCnt: ctrl[C_OOB]!,
          validCnt: ctrl[C_VALID]!,
          src: ctrl[C_SRC] === 1 ? 1 : 0,
          chunk: chunks,
        };
        takeScoreItems(mem, job, j);
      } else if (cmd === CMD_PART) {
        const feature = ctrl[C_FEATURE]!;
        const col = mem.train.dense[feature];
        const column = mem.columnAddress[feature]!;
        if (col) takeRowItems(ctrl, job, chunks, 2 * chunks, (k) => partitionItem(mem, k, chunks, col, column, begin, cnt));
      } else {
        const slot = ctrl[C_SLOT]!;
        takeHistogramItems(mem, job, mem.hists.subarray(slot * mem.slotLength, (slot + 1) * mem.slotLength));
      }
    } catch {
      // reported through C_ERROR; the main thread redoes the job alone
    }
  }
}

if (parentPort) serve(unpackSharedViews(workerData as WorkerData));
