import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadModel, type Classifier, type FitOptions, type SerializedModel } from '@abt/models';
import { POLICIES, trainPolicy, type FitData, type Hyperparameters, type PolicySpec, type Trained } from '../policies';
import { PipelineError } from '../errors';
import { messages } from '../messages';

// One policy fit in a worker thread, so that on 2 cores Policy A's solver runs while Policy B boosts on
// the main thread. The worker runs the same code on a structured-clone copy of the same matrices and
// sends the fitted model back as its JSON: the model is identical to an in-thread fit.

const JOB_TAG = 'abt-pipeline-fit';

type Job = {
  readonly tag: typeof JOB_TAG;
  readonly policy: PolicySpec['key'];
  readonly params: Hyperparameters;
  readonly features: 'dense' | 'onehot';
  readonly data: FitData;
  readonly progress: boolean;
  /** [iteration, total] written by the worker at every report, read by the busy main thread. */
  readonly counter: SharedArrayBuffer;
};

type Reply =
  | { readonly type: 'progress'; readonly p: Parameters<NonNullable<FitOptions['onProgress']>>[0] }
  | { readonly type: 'done'; readonly model: SerializedModel; readonly seconds: number }
  | { readonly type: 'error'; readonly message: string };

/**
 * The file a fit worker starts from: this bundle itself (dist/cli.js), which calls `runFitJob` when
 * loaded as a worker. Undefined when running untranspiled sources (tests), or when
 * ABT_PIPELINE_THREADS=1: fits then run one after the other on the main thread, with the same result.
 */
export function fitWorkerUrl(): URL | undefined {
  if (process.env['ABT_PIPELINE_THREADS'] === '1') return undefined;
  const here = import.meta.url;
  return here.startsWith('file:') && /\.m?js$/.test(here) ? new URL(here) : undefined;
}

/** A fit running in a worker: `result` settles once; `cancel` stops the worker (Ctrl-C). */
export type BackgroundFit = {
  readonly result: Promise<Trained>;
  /** The worker's latest [iteration, total], readable while the main thread is busy (it cannot drain messages). */
  position(): { iteration: number; total: number };
  cancel(): void;
};

/** Starts `policy` fitting in a worker from `url`; progress reports arrive on the main thread's event loop. */
export function fitInWorker(
  url: URL,
  policy: PolicySpec,
  params: Hyperparameters,
  features: 'dense' | 'onehot',
  data: FitData,
  onProgress?: FitOptions['onProgress'],
): BackgroundFit {
  const counter = new SharedArrayBuffer(8);
  const position = new Int32Array(counter);
  const job: Job = { tag: JOB_TAG, policy: policy.key, params, features, data, progress: onProgress !== undefined, counter };
  const worker = new Worker(url, { workerData: job });
  let cancelled = false;
  const result = new Promise<Trained>((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: Reply) => {
      if (m.type === 'progress') onProgress?.(m.p);
      else if (m.type === 'done') settle(() => resolve({ model: loadModel(m.model) as Classifier, seconds: m.seconds }));
      else settle(() => reject(new PipelineError('other', messages.workerFailed(policy.title, m.message))));
    });
    worker.on('error', (e) => settle(() => reject(new PipelineError('other', messages.workerFailed(policy.title, e.message), { cause: e }))));
    worker.on('exit', (code) => {
      const why = cancelled ? messages.interruptedTraining(policy.title) : messages.workerExited(policy.title, code);
      settle(() => reject(new PipelineError(cancelled ? 'interrupted' : 'other', why)));
    });
  });
  return {
    result,
    position: () => ({ iteration: Atomics.load(position, 0), total: Atomics.load(position, 1) }),
    cancel() {
      cancelled = true;
      void worker.terminate();
    },
  };
}

/** True when this thread is a fit worker; then runs its job and reports back. */
export function runFitJobIfWorker(): boolean {
  if (isMainThread || parentPort === null || (workerData as Job | null)?.tag !== JOB_TAG) return false;
  const job = workerData as Job;
  const port = parentPort;
  const post = (r: Reply) => port.postMessage(r);
  try {
    const policy = POLICIES.find((p) => p.key === job.policy)!;
    const position = new Int32Array(job.counter);
    const onProgress = (p: Parameters<NonNullable<FitOptions['onProgress']>>[0]) => {
      Atomics.store(position, 1, p.total);
      Atomics.store(position, 0, p.iteration);
      if (job.progress) post({ type: 'progress', p });
    };
    const trained = trainPolicy(policy, job.params, job.features, job.data, onProgress);
    post({ type: 'done', model: trained.model.toJSON(), seconds: trained.seconds });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  return true;
}
