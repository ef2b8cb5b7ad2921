/**
 * Layout of the shared control block between the main thread and the training workers
 * (`TrainingMemory.control`, an Int32Array over a SharedArrayBuffer, driven with Atomics).
 */

export const C_GEN = 0; // bumped by the main thread for each job; workers wait on it
export const C_DONE = 1; // feature groups finished in the current job (any thread)
export const C_CMD = 2;
export const C_BEGIN = 3;
export const C_CNT = 4;
export const C_SLOT = 5; // histogram job: the slot it writes into
export const C_READY = 6; // workers add 1 once started
export const C_ERROR = 7; // a worker sets 1 when its part threw
export const C_NEXT = 8; // job number << 16 | next item to take (taken by compare-exchange); CLOSED_ITEM while the job is set up
export const C_COUNT = 9; // histogram and split jobs: number of listed features
export const C_CHUNKS = 10; // row chunks of the gradient gather that come before the feature groups
export const C_GATHERED = 11; // gather chunks (partition: phase-1 chunks) finished; later items wait for all of them
export const C_FEATURE = 12; // partition job: the feature whose dense column splits the leaf
export const C_LEAVES = 13; // score job: leaves of the packed tree
export const C_BAG = 14; // score job: in-bag rows (partition positions [0, C_BAG))
export const C_OOB = 15; // score job: out-of-bag rows listed in `oob`
export const C_VALID = 16; // score job: valid rows
export const C_SRC = 17; // score and gradient jobs: the score buffer (0 / 1) holding the current scores
export const C_SPIN = 18; // 1 while the main thread grows a tree (jobs follow each other closely): idle workers spin before sleeping

/** Item part of C_NEXT while the main thread writes a job's parameters (no job has this many items). */
export const CLOSED_ITEM = 0xffff;

export const CMD_HIST = 1; // histogram job
export const CMD_STOP = 2;
export const CMD_GRAD = 3; // gradients of rows [0, C_CNT)
export const CMD_PART = 4; // stable partition of idx[C_BEGIN, C_BEGIN + C_CNT) by `goLeft[bin of C_FEATURE]`
export const CMD_SCORE = 5; // add the packed tree's outputs: scores[1 - C_SRC] = scores[C_SRC] + output
export const CMD_SPLIT = 6; // best split per listed feature (C_COUNT of them) for C_CNT leaves

export const CONTROL_LENGTH = 19;

/**
 * Polls before sleeping. While a tree grows, jobs last tens of microseconds to milliseconds and
 * the gaps between them about as long, while a futex wake costs tens of µs on a VM (37 µs median
 * here): a worker that slept through every gap joined each job late (the main thread did ~85 % of
 * the partitions). So a waiting thread first polls this many times (~85 µs here, two loads a
 * poll). Measured on the Policy B fit: 60 % of the gaps are under 64 µs; most of the longer ones
 * are the main thread's own serial work, which a five times longer spin only turned into 3 % more
 * CPU time for the same wall time.
 */
const SPIN_LOADS = 10_000;

/**
 * `Atomics.wait(ctrl, index, value, timeoutMs)` after spinning up to `SPIN_LOADS` loads while
 * `ctrl[index] === value` (only while `ctrl[C_SPIN]` is set, when `whileTree`: between trees the
 * main thread works alone for milliseconds, and spinning then only burns CPU); returns at once when
 * the value changed during the spin.
 */
export function spinWait(ctrl: Int32Array, index: number, value: number, timeoutMs?: number, whileTree = false): void {
  for (let i = 0; i < SPIN_LOADS; i++) {
    if (Atomics.load(ctrl, index) !== value) return;
    if (whileTree && Atomics.load(ctrl, C_SPIN) === 0) break;
  }
  Atomics.wait(ctrl, index, value, timeoutMs);
}
