/**
 * Worker threads that train alongside the main thread, over `TrainingMemory`. A job is one of: a
 * histogram (row chunks of the gradient gather, then groups of the used dense features; the main
 * thread then adds the sparse part), the stable partition of a big leaf, the gradients, adding a
 * new tree to the scores, or the split search of one or two leaves. For a job every thread —
 * the main one included — takes items from a shared counter until none are left; a job is started
 * and awaited with Atomics, so training stays synchronous. Leaf-wise growth stays on the main thread.
 */
import type { Worker } from 'node:worker_threads';
import {
  C_BAG,
  C_BEGIN,
  C_CHUNKS,
  C_CMD,
  C_CNT,
  C_COUNT,
  C_DONE,
  C_ERROR,
  C_FEATURE,
  C_GATHERED,
  C_GEN,
  C_LEAVES,
  C_NEXT,
  C_OOB,
  C_READY,
  C_SLOT,
  C_SPIN,
  C_SRC,
  C_VALID,
  CLOSED_ITEM,
  CMD_GRAD,
  CMD_HIST,
  CMD_PART,
  CMD_SCORE,
  CMD_SPLIT,
  CMD_STOP,
  spinWait,
} from './control';
import { featureGroups, GATHER_CHUNK, takeHistogramItems, waitGathered } from './histogram-kernel';
import { messages } from '../../messages';
import { packSharedViews } from '../../shared-views';
import { mainExecArgv, nodeBuiltins, startWorker, warnOnce } from './node-builtins';
import { leftTotal, partitionChunk, partitionItem, placeChunk, takeRowItems } from './row-kernels';
import { scoreItem, scoreItems, scorePhase1, takeScoreItems, type ScoreJob } from './score-kernel';
import { isShared } from './shared-buffer';
import { splitGroups, splitItem } from './split-kernel';
import { chunkCount, chunkRows, ROW_CHUNK, type TrainingMemory } from './training-memory';
import { histogramWorkerUrl } from './worker-url';

/** Threads actually wanted for `num_threads` (<= 0 = LightGBM's "default": here min(2, cores)). */
export const resolveThreads = (numThreads: number): number => (numThreads > 0 ? numThreads : Math.min(2, nodeBuiltins()?.os.availableParallelism() ?? 1));

/** Workers start within this time or training continues on one thread. */
const START_TIMEOUT_MS = 30_000;
/** One job takes well under a second; a worker silent this long is taken as dead. */
const JOB_TIMEOUT_MS = 120_000;

/** What a worker gets at start: the shared memory itself (typed arrays over shared memory stay shared) and its id. */
export type WorkerData = TrainingMemory & { readonly id: number };

export class TrainingWorkers {
  readonly threads: number;
  readonly #mem: TrainingMemory;
  readonly #workers: Worker[];
  #job = 0;
  #groups = 0;
  #chunks = 0;

  private constructor(threads: number, mem: TrainingMemory, workers: Worker[]) {
    this.threads = threads;
    this.#mem = mem;
    this.#workers = workers;
  }

  /**
   * Starts `threads - 1` workers over `mem`. Undefined when they cannot run — no worker file, no
   * worker threads, no shared memory, or they do not start — and then training goes on on this
   * thread at once, with the same model, after one warning naming why.
   */
  static start(threads: number, mem: TrainingMemory): TrainingWorkers | undefined {
    if (threads < 2) return undefined;
    const node = nodeBuiltins();
    const url = histogramWorkerUrl();
    if (!node) return void warnOnce(messages.oneThread.noWorkerThreads('GBDT', threads));
    if (!url) return void warnOnce(messages.oneThread.noWorkerFile('GBDT', 'gbdt-worker.js', 'ABT_GBDT_WORKER'));
    if (!isShared(mem.control) || !isShared(mem.idx) || !isShared(mem.hists)) return void warnOnce(messages.oneThread.noSharedMemory('GBDT'));
    const { Worker } = node.workerThreads;
    // not the main script's own flags (code from stdin, -e, a REPL): a worker started from a file fails with them
    const execArgv = mainExecArgv();
    const ctrl = mem.control;
    const workers: Worker[] = [];
    for (let id = 1; id < threads; id++) {
      const data: WorkerData = { ...mem, id };
      const w = startWorker(Worker, url, { workerData: packSharedViews(data) }, execArgv);
      // never keeps the process alive; errors surface through the control block
      w.unref();
      w.on('error', () => Atomics.store(ctrl, C_ERROR, 1));
      workers.push(w);
    }
    const pool = new TrainingWorkers(threads, mem, workers);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const ready = Atomics.load(ctrl, C_READY);
      if (ready >= threads - 1) return pool;
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(ctrl, C_READY, ready, left) === 'timed-out') {
        pool.close();
        warnOnce(messages.oneThread.notStarted('GBDT', START_TIMEOUT_MS / 1000));
        return undefined;
      }
    }
  }

  /**
   * Histogram job: gather the gradients of rows idx[begin, begin+cnt) into `ordered`, then build
   * the `count` features listed in `histFeatures` into histogram slot `slot`; this thread takes its
   * share. False when a thread failed (the caller rebuilds alone).
   */
  histogram(begin: number, cnt: number, slot: number, count: number, hist: Float64Array): boolean {
    this.#chunks = chunkCount(cnt, this.threads, GATHER_CHUNK);
    const job = this.#start(CMD_HIST, begin, cnt, this.#chunks, featureGroups(count).items, [
      [C_SLOT, slot],
      [C_COUNT, count],
    ]);
    takeHistogramItems(this.#mem, job, hist);
    return waitGathered(this.#mem.control, this.#chunks);
  }

  /**
   * Publishes a job; `groups` = items that count in C_DONE (finish() waits for them), `fields` =
   * further [control field, value] parameters. The job is first announced closed (item CLOSED_ITEM,
   * nothing claimable) and opened only once every parameter is written: a thread that saw the
   * previous job cannot claim anything of this one with half-written parameters, and a thread
   * that sees it open reads all of its parameters.
   */
  #start(cmd: number, begin: number, cnt: number, chunks: number, groups: number, fields: readonly (readonly [number, number])[] = []): number {
    const c = this.#mem.control;
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
   * Gradients of rows [0, n) with the workers (`grad(from, to)` is this thread's share); this
   * thread first runs `meanwhile` (exactly once, whatever happens) while they start.
   * False when a thread failed: the pool is closed and the caller computes them alone.
   */
  gradients(n: number, src: 0 | 1, grad: (from: number, to: number) => void, meanwhile: () => void = () => {}): boolean {
    const chunks = Math.ceil(n / ROW_CHUNK);
    const job = this.#start(CMD_GRAD, 0, n, chunks, chunks, [[C_SRC, src]]);
    meanwhile();
    takeRowItems(this.#mem.control, job, 0, chunks, (k) => grad(k * ROW_CHUNK, Math.min(n, (k + 1) * ROW_CHUNK)));
    if (this.finish()) return true;
    this.fail();
    return false;
  }

  /**
   * Adds the tree packed in `nodes` / `leafValues` to the scores (buffer `j.src` → the other one)
   * with the workers. Every item can be rerun (phase 1 writes each row's leaf, phase 2 each row's
   * score from the source buffer), so after a failed thread this one simply redoes them all in
   * order (the pool is then closed).
   */
  scoreTree(j: ScoreJob): void {
    const items = scoreItems(j);
    const fields = [
      [C_LEAVES, j.numLeaves],
      [C_BAG, j.bagCnt],
      [C_OOB, j.oobCnt],
      [C_VALID, j.validCnt],
      [C_SRC, j.src],
    ] as const;
    const job = this.#start(CMD_SCORE, 0, 0, j.chunk, items - scorePhase1(j), fields);
    takeScoreItems(this.#mem, job, j);
    if (this.finish()) return;
    this.fail();
    for (let k = 0; k < items; k++) scoreItem(k, j, this.#mem);
  }

  /**
   * Split search for `leaves` leaves (described in `splitLeaves`) over the `count` features listed
   * in `splitFeatures`, with the workers; each feature's best lands in `splitOut`. Items only write
   * their own results, so after a failed thread this one redoes them all (pool closed).
   */
  findSplits(leaves: number, count: number): void {
    const items = leaves * splitGroups(count);
    const job = this.#start(CMD_SPLIT, 0, leaves, 0, items, [[C_COUNT, count]]);
    takeRowItems(this.#mem.control, job, 0, items, (k) => splitItem(k, count, this.#mem));
    if (this.finish()) return;
    this.fail();
    for (let k = 0; k < items; k++) splitItem(k, count, this.#mem);
  }

  /**
   * Stable partition of idx[begin, begin+cnt) by `goLeft[bin]` of the dense column of `feature`
   * (set `goLeft` first) with the workers; returns the left count. A failed thread closes the pool
   * and this thread redoes the lost part (idx is only written once every chunk's phase 1 is done,
   * and phase 2 can be rerun).
   */
  partition(feature: number, begin: number, cnt: number): number {
    const mem = this.#mem;
    const { idx, tmp, leftCounts } = mem;
    const col = mem.train.dense[feature]!;
    const chunks = chunkCount(cnt, this.threads, ROW_CHUNK);
    const job = this.#start(CMD_PART, begin, cnt, chunks, chunks, [[C_FEATURE, feature]]);
    const c = mem.control;
    const column = mem.columnAddress[feature]!;
    takeRowItems(c, job, chunks, 2 * chunks, (k) => partitionItem(mem, k, chunks, col, column, begin, cnt));
    if (!this.finish()) {
      const phase1Done = Atomics.load(c, C_GATHERED) >= chunks;
      this.fail();
      if (!phase1Done) for (let k = 0; k < chunks; k++) partitionChunk(mem, col, column, begin, cnt, k, chunkRows(cnt, chunks));
      for (let k = 0; k < chunks; k++) placeChunk(idx, tmp, begin, cnt, k, chunks, leftCounts);
    }
    return leftTotal(leftCounts, chunks);
  }

  /**
   * Waits until every group of the job is done (this thread has taken all it could, so this only
   * waits for items a worker is still on); false when one of them failed.
   */
  finish(): boolean {
    const c = this.#mem.control;
    const deadline = Date.now() + JOB_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(c, C_DONE);
      if (done >= this.#groups) break;
      // a worker that died never reports (its 'error' event needs this blocked thread): give up
      if (Atomics.load(c, C_ERROR) !== 0 || Date.now() > deadline) return false;
      spinWait(c, C_DONE, done, 1000);
    }
    return Atomics.load(c, C_ERROR) === 0;
  }

  /** Set while a tree grows: idle workers then spin briefly for the next job instead of sleeping at once. */
  set growing(on: boolean) {
    Atomics.store(this.#mem.control, C_SPIN, on ? 1 : 0);
  }

  /** False once closed (after training, or after a worker failed). */
  get open(): boolean {
    return this.#workers.length > 0;
  }

  /** A worker failed mid-fit: stops the pool and says once that training goes on on this thread (same model). */
  fail(): void {
    this.close();
    warnOnce(messages.oneThread.workerFailed('GBDT'));
  }

  close(): void {
    const c = this.#mem.control;
    Atomics.store(c, C_CMD, CMD_STOP);
    Atomics.add(c, C_GEN, 1);
    Atomics.notify(c, C_GEN);
    for (const w of this.#workers) void w.terminate().catch(() => undefined);
    this.#workers.length = 0;
  }
}
