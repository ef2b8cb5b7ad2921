import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { unpackSharedViews, type Classifier, type FitProgress, type Matrix, type SerializedModel } from '@abt/models';
import { POLICIES, trainPolicy, type FitData, type Hyperparameters, type PolicySpec } from '../policies';

// The worker side of the fit pool (fit-pool.ts): a worker thread started from this bundle waits for
// fit jobs, runs each with the same code as the main thread would (trainPolicy), scores the matrices
// the job names with the fitted model and sends back the scores (and the model's JSON when asked).
// Matrices in SharedArrayBuffers reach the worker as views of the same memory, not copies (packed
// with packSharedViews: structured clone alone cuts a view over more than 4 GiB short).

/** workerData of a pool worker: tells this bundle, loaded as a worker, to serve fit jobs. */
export const POOL_TAG = 'abt-pipeline-fit-pool';

/** One policy fit. */
export type FitJob = {
  readonly policy: PolicySpec['key'];
  readonly params: Hyperparameters;
  readonly features: 'dense' | 'onehot';
  readonly data: FitData;
  /** Matrices to score with the fitted model (P(y = 1) per row), in this order. */
  readonly score: readonly Matrix[];
  /** Send the fitted model back (its JSON); otherwise only the scores travel. */
  readonly returnModel: boolean;
  /** Post a progress message per iteration (the train stage's bars and validation curves). */
  readonly progress: boolean;
};

export type FitRequest = { readonly id: number; readonly job: FitJob; readonly threads: number };

export type FitReply =
  | { readonly id: number; readonly type: 'progress'; readonly p: FitProgress }
  | { readonly id: number; readonly type: 'done'; readonly model?: SerializedModel; readonly scores: Float64Array[]; readonly seconds: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly stack?: string };

/** What a finished job gives: the model when asked for, the scores, the fit's seconds. */
export type FitResult<M> = { readonly model: M; readonly scores: Float64Array[]; readonly seconds: number };

/**
 * Runs `job` on this thread with `threads` for an auto thread count (undefined: the estimator's own);
 * `onProgress` gets each iteration and returns false to stop. The worker and the pool's one-thread
 * fallback both call this.
 */
export function runFitJob(job: FitJob, threads: number | undefined, onProgress?: (p: FitProgress) => boolean | void): FitResult<Classifier> {
  const policy = POLICIES.find((p) => p.key === job.policy)!;
  const trained = trainPolicy(policy, job.params, job.features, job.data, onProgress, threads);
  return { model: trained.model, scores: job.score.map((X) => trained.model.predictProba(X)), seconds: trained.seconds };
}

/**
 * True when this thread is a pool worker; it then serves fit jobs until the pool terminates it.
 * A job runs synchronously inside the message handler, so jobs run one at a time, in arrival order.
 */
export function runFitJobIfWorker(): boolean {
  if (isMainThread || parentPort === null || (workerData as { tag?: unknown } | null)?.tag !== POOL_TAG) return false;
  const port = parentPort;
  port.on('message', ({ id, job: packed, threads }: FitRequest) => {
    const job = unpackSharedViews(packed);
    const post = (r: FitReply, transfer: ArrayBuffer[] = []) => port.postMessage(r, transfer);
    try {
      const r = runFitJob(job, threads, job.progress ? (p) => post({ id, type: 'progress', p }) : undefined);
      const scores = r.scores;
      post(
        { id, type: 'done', scores, seconds: r.seconds, ...(job.returnModel ? { model: r.model.toJSON() } : {}) },
        scores.map((s) => s.buffer as ArrayBuffer),
      );
    } catch (e) {
      post({ id, type: 'error', message: e instanceof Error ? e.message : String(e), ...(e instanceof Error && e.stack ? { stack: e.stack } : {}) });
    }
  });
  return true;
}
