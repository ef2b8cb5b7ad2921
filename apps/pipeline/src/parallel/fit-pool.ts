import { Worker } from 'node:worker_threads';
import { isCsr, loadModel, packSharedViews, type Classifier, type FitProgress, type Matrix } from '@abt/models';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import { POLICIES } from '../policies';
import { workerBundleUrl, workerCores } from './worker-bundle';
import { POOL_TAG, runFitJob, type FitJob, type FitReply, type FitRequest, type FitResult } from './fit-worker';

/**
 * Threads for the fit about to start, given the threads the running fits use (`busy`) and the fits
 * still queued behind it: one while others wait (they will take the other cores), and the cores no
 * running fit uses when it is the last fit of the last batch (`final`), so that the end of a stage
 * does not leave cores idle. Never more threads than cores in total, never fewer than one.
 */
export function threadsForNext({ cores, busy, queued, final }: { cores: number; busy: number; queued: number; final: boolean }): number {
  return final && queued === 0 ? Math.max(1, cores - busy) : 1;
}

/** A fit handed to the pool: `progress` is called per iteration when the job asked for progress. */
export type PoolFit = { readonly job: FitJob; readonly onProgress?: (p: FitProgress) => void };

type Queued = PoolFit & {
  readonly id: number;
  readonly resolve: (r: FitResult<Classifier | undefined>) => void;
  readonly reject: (e: unknown) => void;
};

type Slot = { readonly worker: Worker; running?: Queued; threads: number };

/**
 * Policy fits on worker threads, one fit per worker, as many workers as cores: the train stage's
 * two policies side by side, the CV folds' fits as workers free up. Each fit gets one thread while
 * other fits are waiting, so the workers never ask for more threads than there are cores (Policy A's
 * row passes and the GBDT's histograms would otherwise each start a second thread on a busy core);
 * a fit that starts after the last batch was submitted, with nothing left queued, also gets the
 * cores no running fit uses. Models are the same for any thread count (trainPolicy), so only the
 * speed depends on this. Jobs start in submission order, except that a free worker skips ahead to
 * a fit of a policy no worker is fitting now (nextFit).
 *
 * Without worker threads (workerBundleUrl() undefined) the pool runs each fit on the main thread when it
 * is submitted, at the estimator's own thread count, stopping at the next iteration on Ctrl-C.
 */
export class FitPool {
  readonly size: number;
  readonly #url: URL | undefined;
  readonly #signal: AbortSignal;
  readonly #slots: Slot[] = [];
  readonly #queue: Queued[] = [];
  #nextId = 0;
  #sealed = false;
  readonly #stopping: Promise<number>[] = [];
  #failed: PipelineError | undefined;
  readonly #onAbort = () => this.#fail(new PipelineError('interrupted', messages.interruptedTraining('the policy fits')));

  constructor(signal: AbortSignal, size = workerCores(), url = workerBundleUrl()) {
    this.#url = url;
    this.size = url === undefined ? 1 : size;
    this.#signal = signal;
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /**
   * Queues `fits` (started in this order, but see nextFit) and returns one promise per fit: the model when the job
   * asked for it, the scores of `job.score`, the fit's seconds. `last` says no more fits will come,
   * so the final fits may take the cores that would otherwise idle.
   */
  submit(fits: readonly PoolFit[], { last = false }: { last?: boolean } = {}): Promise<FitResult<Classifier | undefined>>[] {
    const results = fits.map(
      (fit) => new Promise<FitResult<Classifier | undefined>>((resolve, reject) => this.#queue.push({ ...fit, id: this.#nextId++, resolve, reject })),
    );
    for (const r of results) r.catch(() => {});
    if (last) this.#sealed = true;
    if (this.#failed) this.#fail(this.#failed);
    else if (this.#url === undefined) this.#runHere();
    else this.#pump();
    return results;
  }

  /** Stops every worker; fits still queued or running are rejected. */
  async close(): Promise<void> {
    this.#signal.removeEventListener('abort', this.#onAbort);
    this.#fail(new PipelineError('other', messages.fitPoolClosed()));
    await Promise.all(this.#stopping);
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.running === undefined);
      if (!slot && this.#slots.length < this.size) slot = this.#spawn();
      if (!slot) return;
      const fit = this.#queue.splice(nextFit(this.#queue, this.#slots), 1)[0]!;
      const busy = this.#slots.reduce((n, s) => n + (s.running ? s.threads : 0), 0);
      slot.threads = threadsForNext({ cores: this.size, busy, queued: this.#queue.length, final: this.#sealed });
      slot.running = fit;
      slot.worker.postMessage({ id: fit.id, job: packSharedViews(fit.job), threads: slot.threads } satisfies FitRequest);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#url!, { workerData: { tag: POOL_TAG } });
    const slot: Slot = { worker, threads: 0 };
    this.#slots.push(slot);
    worker.on('message', (m: FitReply) => {
      const fit = slot.running;
      if (fit === undefined || m.id !== fit.id) return;
      if (m.type === 'progress') {
        fit.onProgress?.(m.p);
        return;
      }
      slot.running = undefined;
      if (m.type === 'done')
        fit.resolve({ model: m.model === undefined ? undefined : (loadModel(m.model) as Classifier), scores: m.scores, seconds: m.seconds });
      else
        fit.reject(
          // the worker's stack as the cause, for --verbose
          new PipelineError('other', messages.workerFailed(titleOf(fit), m.message), {
            cause: Object.assign(new Error(m.message), m.stack ? { stack: m.stack } : {}),
          }),
        );
      if (fitBytes(fit.job) >= RECYCLE_BYTES) this.#retire(slot);
      this.#pump();
    });
    const died = (why: PipelineError) => {
      this.#slots.splice(this.#slots.indexOf(slot), 1);
      const fit = slot.running;
      slot.running = undefined;
      if (fit) fit.reject(why);
      // A dead worker leaves its fit failed; the stage fails with it, so the rest is not started.
      this.#fail(why);
    };
    worker.on('error', (e) =>
      died(new PipelineError('other', messages.workerFailed(slot.running ? titleOf(slot.running) : 'a policy fit', e.message), { cause: e })),
    );
    worker.on('exit', (code) => {
      if (this.#slots.includes(slot)) died(new PipelineError('other', messages.workerExited(slot.running ? titleOf(slot.running) : 'a policy fit', code)));
    });
    return slot;
  }

  /** Stops a worker that is done with its fit; the next fit starts on a fresh one. */
  #retire(slot: Slot): void {
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    this.#stopping.push(slot.worker.terminate());
  }

  /** The one-thread fallback: every queued fit, now, on this thread. */
  #runHere(): void {
    while (this.#queue.length > 0) {
      const fit = this.#queue.shift()!;
      let stopped = false;
      try {
        const r = runFitJob(fit.job, undefined, (p) => {
          if (fit.job.progress) fit.onProgress?.(p);
          stopped = this.#signal.aborted;
          return !stopped;
        });
        if (stopped || this.#signal.aborted) throw new PipelineError('interrupted', messages.interruptedTraining(titleOf(fit)));
        fit.resolve({ ...r, model: fit.job.returnModel ? r.model : undefined });
      } catch (e) {
        fit.reject(e);
      }
    }
  }

  /** Rejects every fit queued or running with `why` and stops the workers; later submissions fail the same way. */
  #fail(why: PipelineError): void {
    this.#failed ??= why;
    for (const fit of this.#queue.splice(0)) fit.reject(this.#failed);
    for (const slot of this.#slots.splice(0)) {
      slot.running?.reject(this.#failed);
      slot.running = undefined;
      this.#stopping.push(slot.worker.terminate());
    }
  }
}

/**
 * A worker whose fit read this many bytes of matrices is replaced by a fresh one. An idle worker does
 * not collect its garbage, so its heap would keep the fold's shared matrices (and the fit's own
 * buffers) alive after the main thread let them go: on 1M ratings a few hundred MB of peak RSS in
 * cv. Starting a worker costs a fraction of a second, so small fits (ml-100k) keep theirs.
 */
const RECYCLE_BYTES = 32 * 2 ** 20;

function fitBytes(job: FitJob): number {
  const bytes = (m: Matrix) => (isCsr(m) ? m.data.byteLength + m.indices.byteLength + m.indptr.byteLength : m.data.byteLength);
  return bytes(job.data.X) + (job.data.valid ? bytes(job.data.valid.X) : 0) + job.score.reduce((n, m) => n + bytes(m), 0);
}

/**
 * Which queued fit a free worker takes: the first whose policy no worker is fitting now, else the first.
 * Two Policy A fits at once would each hold a Float64 standardized copy of their fold's matrix (on 1M
 * ratings 350 MB each), so the CV folds pair A with B where the queue allows. Models do not depend on
 * the order.
 */
export function nextFit(
  queue: readonly { readonly job: { readonly policy: string } }[],
  running: readonly { readonly running?: { readonly job: { readonly policy: string } } }[],
): number {
  const busy = new Set(running.flatMap((s) => (s.running ? [s.running.job.policy] : [])));
  const i = queue.findIndex((f) => !busy.has(f.job.policy));
  return i < 0 ? 0 : i;
}

const titleOf = (fit: Queued) => POLICIES.find((p) => p.key === fit.job.policy)!.title;
