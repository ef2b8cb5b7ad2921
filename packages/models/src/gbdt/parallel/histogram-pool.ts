/**
 * Worker threads that train alongside the main thread. A job is one of: a histogram (row chunks
 * of the gradient gather, then groups of the used dense features; the main thread then adds the
 * sparse part), the stable partition of a big leaf, the gradients, adding a new tree to the
 * scores, or the split search of one or two leaves. For a job every thread takes items from a
 * shared counter until none are left. Bins, rows, gradients, scores and histograms live in
 * SharedArrayBuffers; a job is started and awaited with Atomics, so training stays synchronous.
 * Leaf-wise growth stays on the main thread.
 */
import type { Worker } from 'node:worker_threads';
import {
  C_BAG, C_BEGIN, C_CHUNKS, C_CMD, C_CNT, C_COUNT, C_DONE, C_FEATURE, C_GATHERED, C_ERROR, C_GEN, C_LEAVES, C_NEXT, C_OOB, C_READY,
  C_SLOT, C_SRC, C_VALID, CLOSED_ITEM, CMD_GRAD, CMD_PART, CMD_RUN, CMD_SCORE, CMD_SPLIT, CMD_STOP, CONTROL_LENGTH, type HistogramWorkerData, type SharedColumn,
} from './control';
import { scoreItem, scoreItems, type ScoreJob, type ScoreMemory } from './score-kernel';
import { splitGroups, splitItem, type SplitMemory } from './split-kernel';
import { featureGroup, GATHER_CHUNK, waitGathered, type BinColumn } from './histogram-kernel';
import { leftTotal, partitionChunk, partitionItem, placeChunk, ROW_CHUNK, takeRowItems } from './row-kernels';
import { histogramWorkerUrl } from './worker-url';
import { nodeBuiltins } from './node-builtins';
import { isShared } from './shared-buffer';
import type { ObjectiveSpec } from '../objective';

/** Threads actually wanted for `num_threads` (0 = LightGBM's "default": here min(2, cores)). */
export const resolveThreads = (numThreads: number): number => (numThreads > 0 ? numThreads : Math.min(2, nodeBuiltins()?.os.availableParallelism() ?? 1));

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
  /** Partition scratch, one entry per row. */
  readonly tmp: Int32Array;
  /** Labels (Float64) for gradient jobs. */
  readonly labels: Float64Array;
  /** Score buffers, packed tree, leaf ranges, out-of-bag rows, valid bins (all shared). */
  readonly score: ScoreMemory;
  /** Split search: its `hists` must be `hists` above; features, leaves and out shared. */
  readonly split: SplitMemory;
  readonly objective: ObjectiveSpec;
};

/** The main thread's own view of the row-job memory. */
type RowMemory = {
  readonly dense: readonly (BinColumn | null)[];
  readonly idx: Int32Array;
  readonly tmp: Int32Array;
  readonly leftCounts: Int32Array;
  readonly goLeft: Uint8Array;
};

export class HistogramPool {
  readonly threads: number;
  /** Used dense features of the current job, written by the main thread before it starts. */
  readonly features: Int32Array;
  /** Partition jobs: bin → 1 when it goes left, written by the main thread before a job. */
  readonly goLeft: Uint8Array;
  readonly #ctrl: Int32Array;
  readonly #workers: Worker[];
  readonly #mem: RowMemory;
  readonly #score: ScoreMemory;
  readonly #split: SplitMemory;
  #job = 0;
  #groups = 0;
  #chunks = 0;

  private constructor(threads: number, ctrl: Int32Array, features: Int32Array, workers: Worker[], mem: RowMemory, score: ScoreMemory, split: SplitMemory) {
    this.#score = score;
    this.#split = split;
    this.threads = threads;
    this.#ctrl = ctrl;
    this.features = features;
    this.#workers = workers;
    this.#mem = mem;
    this.goLeft = mem.goLeft;
  }

  /** Starts `threads - 1` workers over `mem`; undefined when there is no worker file or they do not start. */
  static start(threads: number, numFeatures: number, mem: SharedTrainingMemory): HistogramPool | undefined {
    const url = histogramWorkerUrl();
    const Worker = nodeBuiltins()?.workerThreads.Worker;
    if (threads < 2 || !url || !Worker) return undefined;
    const sc = mem.score;
    const sp = mem.split;
    const buffers = [
      mem.idx, mem.grad, mem.hess, mem.ordered, mem.hists, mem.tmp, mem.labels, sc.nodes, sc.leafValues, sc.begin, sc.count, sc.oob,
      ...sc.train, ...(sc.valid ?? []), sp.features, sp.leaves, sp.out,
    ];
    if (!buffers.every(isShared)) return undefined;
    const sab = (a: { buffer: ArrayBufferLike }) => a.buffer as SharedArrayBuffer;
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
    const features = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, numFeatures)));
    const leftCounts = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, Math.ceil(mem.idx.length / ROW_CHUNK))));
    // dense columns are Uint8 or Uint16: at most 65536 bins
    const goLeft = new Uint8Array(new SharedArrayBuffer(65_536));
    const shareColumns = (cols: readonly (BinColumn | null)[]): SharedColumn[] =>
      cols.map((c) => {
        if (c === null) return null;
        if (!(c.buffer instanceof SharedArrayBuffer)) throw new TypeError('histogram pool: bin columns must be shared');
        return { buffer: c.buffer, byteOffset: c.byteOffset, length: c.length, bytes: c.BYTES_PER_ELEMENT as 1 | 2 };
      });
    const columns = shareColumns(mem.dense);
    const validColumns = sc.valid ? shareColumns(sc.validCols) : [];
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
        tmp: mem.tmp.buffer as SharedArrayBuffer,
        leftCounts: leftCounts.buffer as SharedArrayBuffer,
        goLeft: goLeft.buffer as SharedArrayBuffer,
        scores: [sab(sc.train[0]), sab(sc.train[1])],
        labels: sab(mem.labels),
        objective: mem.objective,
        nodes: sab(sc.nodes),
        leafValues: sab(sc.leafValues),
        partBegin: sab(sc.begin),
        partCount: sab(sc.count),
        oob: sab(sc.oob),
        validColumns,
        validScores: sc.valid ? [sab(sc.valid[0]), sab(sc.valid[1])] : null,
        mappers: sp.mappers,
        splitConfig: sp.config,
        splitFeatures: sab(sp.features),
        splitLeaves: sab(sp.leaves),
        splitOut: sab(sp.out),
      };
      const w = new Worker(url, { workerData: data });
      // never keeps the process alive; errors surface through the control block instead
      w.unref();
      w.on('error', () => Atomics.store(ctrl, C_ERROR, 1));
      workers.push(w);
    }
    const pool = new HistogramPool(threads, ctrl, features, workers, { dense: mem.dense, idx: mem.idx, tmp: mem.tmp, leftCounts, goLeft }, sc, sp);
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
    this.#chunks = Math.ceil(cnt / GATHER_CHUNK);
    return this.#start(CMD_RUN, begin, cnt, this.#chunks, Math.ceil(count / featureGroup(count)), [[C_SLOT, slot], [C_COUNT, count]]);
  }

  /**
   * Publishes a job; `groups` = items that count in C_DONE (finish() waits for them), `fields` =
   * further [control field, value] parameters. The job is first announced closed (item CLOSED_ITEM,
   * nothing claimable) and opened only once every parameter is written: a thread that saw the
   * previous job cannot claim anything of this one with half-written parameters, and a thread
   * that sees it open reads all of its parameters.
   */
  #start(cmd: number, begin: number, cnt: number, chunks: number, groups: number, fields: readonly (readonly [number, number])[] = []): number {
    const c = this.#ctrl;
    this.#job = (this.#job + 1) & 0x7fff;
    Atomics.store(c, C_NEXT, (this.#job << 16) | CLOSED_ITEM);
    this.#groups = groups;
    for (const [field, value] of fields) c[field] = value;
    c[C_CHUNKS] = chunks;
    c[C_BEGIN] = begin;
    c[C_CNT] = cnt;
    c[C_CMD] = cmd;
    Atomics.store(c, C_DONE, 0);
    Atomics.store(c, C_GATHERED, 0);
    // opening the job makes its items claimable (and the fields above visible)
    Atomics.store(c, C_NEXT, this.#job << 16);
    Atomics.add(c, C_GEN, 1);
    Atomics.notify(c, C_GEN);
    return this.#job;
  }

  /**
   * Gradients of rows [0, n) with the workers (`grad(from, to)` is the main thread's share).
   * False when a thread failed: the pool is closed and the caller computes them alone.
   */
  gradients(n: number, src: 0 | 1, grad: (from: number, to: number) => void): boolean {
    const chunks = Math.ceil(n / ROW_CHUNK);
    const job = this.#start(CMD_GRAD, 0, n, chunks, chunks, [[C_SRC, src]]);
    takeRowItems(this.#ctrl, job, 0, chunks, (k) => grad(k * ROW_CHUNK, Math.min(n, (k + 1) * ROW_CHUNK)));
    if (this.finish()) return true;
    this.close();
    return false;
  }

  /**
   * Adds the tree packed in `score.nodes` / `score.leafValues` to the scores (buffer `j.src` →
   * the other one) with the workers. Every item writes its rows from the source buffer, so after
   * a failed thread this one simply redoes them all (the pool is then closed).
   */
  scoreTree(j: ScoreJob): void {
    const items = scoreItems(j);
    const fields = [[C_LEAVES, j.numLeaves], [C_BAG, j.bagCnt], [C_OOB, j.oobCnt], [C_VALID, j.validCnt], [C_SRC, j.src]] as const;
    const job = this.#start(CMD_SCORE, 0, 0, j.chunk, items, fields);
    takeRowItems(this.#ctrl, job, 0, items, (k) => scoreItem(k, j, this.#score));
    if (this.finish()) return;
    this.close();
    for (let k = 0; k < items; k++) scoreItem(k, j, this.#score);
  }

  /**
   * Split search for `leaves` leaves (described in `split.leaves`) over the `count` features listed
   * in `split.features`, with the workers; each feature's best lands in `split.out`. Items only
   * write their own results, so after a failed thread this one redoes them all (pool closed).
   */
  findSplits(leaves: number, count: number): void {
    const items = leaves * splitGroups(count);
    const job = this.#start(CMD_SPLIT, 0, leaves, 0, items, [[C_COUNT, count]]);
    takeRowItems(this.#ctrl, job, 0, items, (k) => splitItem(k, count, this.#split));
    if (this.finish()) return;
    this.close();
    for (let k = 0; k < items; k++) splitItem(k, count, this.#split);
  }

  /**
   * Stable partition of idx[begin, begin+cnt) by `goLeft[col[row]]` (set `goLeft` first) with the
   * workers; returns the left count. A failed thread closes the pool and this thread redoes the
   * lost part (idx is only written once every chunk's phase 1 is done, and phase 2 can be rerun).
   */
  partition(feature: number, begin: number, cnt: number): number {
    const { dense, idx, tmp, leftCounts, goLeft } = this.#mem;
    const col = dense[feature]!;
    const chunks = Math.ceil(cnt / ROW_CHUNK);
    const job = this.#start(CMD_PART, begin, cnt, chunks, chunks, [[C_FEATURE, feature]]);
    const c = this.#ctrl;
    takeRowItems(c, job, chunks, 2 * chunks, (k) => partitionItem(c, k, chunks, col, goLeft, idx, tmp, begin, cnt, leftCounts));
    if (!this.finish()) {
      const phase1Done = Atomics.load(c, C_GATHERED) >= chunks;
      this.close();
      if (!phase1Done) for (let k = 0; k < chunks; k++) partitionChunk(col, goLeft, idx, tmp, begin, cnt, k, leftCounts);
      for (let k = 0; k < chunks; k++) placeChunk(idx, tmp, begin, cnt, k, chunks, leftCounts);
    }
    return leftTotal(leftCounts, chunks);
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
