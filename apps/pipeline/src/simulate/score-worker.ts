import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createRegistryStore } from '@abt/registry';
import { TrackingClient } from '@abt/tracking';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import { loadRouterThrough } from './load-router';
import type { ReplayRows } from './requests';
import { scoreRows, type RoutedScores } from './score-rows';

// The replay's second scorer: a worker thread started from this bundle loads the same router (the
// registry versions the main thread resolved) and scores every other batch while the main thread
// scores the one after it and replays outcomes. Scores depend only on the router and the rows, so
// the replay is the same with or without it.

/** workerData of a scoring worker: tells this bundle, loaded as a worker, to score replay batches. */
const SCORE_TAG = 'abt-pipeline-score-worker';

/** Where the worker loads the router from, pinned to the versions the main thread loaded. */
export type ScoreWorkerSource = {
  readonly trackingUri: string;
  readonly out: string;
  readonly routerUri: string;
  readonly versions: Readonly<Record<string, string>>;
};

type ScoreRequest = { readonly id: number; readonly rows: ReplayRows };
type ScoreReply =
  | { readonly id: number; readonly type: 'scores'; readonly scores: RoutedScores }
  | { readonly id: number; readonly type: 'error'; readonly message: string; readonly stack?: string };

/** Scores batches elsewhere; `replay` interleaves it with its own scoring. */
export type BatchScorer = {
  score(rows: ReplayRows): Promise<RoutedScores>;
  close(): Promise<void>;
};

/** True when this thread is a scoring worker; it then scores batches until the replay terminates it. */
export function scoreBatchesIfWorker(): boolean {
  if (isMainThread || parentPort === null || (workerData as { tag?: unknown } | null)?.tag !== SCORE_TAG) return false;
  const port = parentPort;
  const source = workerData as ScoreWorkerSource;
  const router = (async () => {
    const client = await TrackingClient.create(source.trackingUri, { artifactRoot: path.join(source.out, 'mlruns') });
    const registry = await createRegistryStore(undefined, { trackingUri: source.trackingUri, trackingStore: client.store });
    return (await loadRouterThrough({ registry, tracking: client.store, out: source.out }, source.routerUri, source.versions)).router;
  })();
  port.on('message', async ({ id, rows }: ScoreRequest) => {
    try {
      const s = scoreRows(await router, rows);
      port.postMessage({ id, type: 'scores', scores: s } satisfies ScoreReply, [s.score.buffer, s.armIndex.buffer, s.inExperiment.buffer] as ArrayBuffer[]);
    } catch (e) {
      port.postMessage({
        id,
        type: 'error',
        message: e instanceof Error ? e.message : String(e),
        ...(e instanceof Error && e.stack ? { stack: e.stack } : {}),
      } satisfies ScoreReply);
    }
  });
  return true;
}

/** Starts a scoring worker from the bundle at `url`. It loads its router while the main thread starts scoring. */
export function startScoreWorker(url: URL, source: ScoreWorkerSource): BatchScorer {
  const worker = new Worker(url, { workerData: { ...source, tag: SCORE_TAG } });
  const pending = new Map<number, { resolve: (s: RoutedScores) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let failure: PipelineError | undefined;
  const fail = (e: PipelineError) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on('message', (m: ScoreReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.type === 'scores') p.resolve(m.scores);
    else
      p.reject(
        new PipelineError('other', messages.scoreWorkerFailed(m.message), { cause: Object.assign(new Error(m.message), m.stack ? { stack: m.stack } : {}) }),
      );
  });
  worker.on('error', (e) => fail(new PipelineError('other', messages.scoreWorkerFailed(e.message), { cause: e })));
  worker.on('exit', (code) => fail(new PipelineError('other', messages.scoreWorkerExited(code))));
  return {
    score(rows) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, rows } satisfies ScoreRequest);
      });
    },
    async close() {
      failure ??= new PipelineError('other', messages.scoreWorkerExited(0));
      await worker.terminate();
    },
  };
}
