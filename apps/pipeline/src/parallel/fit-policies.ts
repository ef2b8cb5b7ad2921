import type { FitOptions } from '@abt/models';
import type { StageContext } from '../stage';
import { trainPolicy, type FitData, type PolicySpec, type Trained } from '../policies';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import { fitInWorker, fitWorkerUrl, type BackgroundFit } from './fit-worker';

/** Progress display of one fit: `onProgress` may be called again with an older iteration (it must not go back). */
export type FitProgress = {
  readonly onProgress: NonNullable<FitOptions['onProgress']>;
  /** Ends the display: with the fitted model, or without one when the fit failed or was interrupted. */
  done(trained?: Trained): void;
};

export type PolicyFit = {
  readonly policy: PolicySpec;
  readonly data: FitData;
  /** Opens this fit's progress display; omitted = no progress reports (and no per-iteration work for them). */
  readonly progress?: () => FitProgress;
};

const POLL_MS = 200;

/**
 * Fits every policy of `fits`, results in the same order. With worker threads available the first fit
 * runs in a worker while the others run on the main thread (2 cores: Policy A's solver beside
 * Policy B's boosting); otherwise one after the other. The models are the same either way.
 * The worker's bar moves from a shared counter the main thread reads at each of its own reports
 * (it cannot drain the worker's messages while it boosts) and on a timer when idle.
 * Ctrl-C: a main-thread fit stops at its next progress report, a worker fit is terminated; both throw
 * PipelineError('interrupted').
 */
export async function fitPolicies(ctx: StageContext, fits: readonly PolicyFit[]): Promise<Trained[]> {
  const { features } = ctx.options;
  const url = fits.length > 1 ? fitWorkerUrl() : undefined;
  const out: Trained[] = new Array(fits.length);
  let background: BackgroundFit | undefined;
  let shown: FitProgress | undefined;
  let first = 0;
  let poll = () => {};
  let timer: NodeJS.Timeout | undefined;
  if (url !== undefined) {
    const f = fits[0]!;
    shown = f.progress?.();
    background = fitInWorker(url, f.policy, ctx.plan.policyParams[f.policy.key], features, f.data, shown?.onProgress);
    const bg = background;
    poll = () => {
      const { iteration, total } = bg.position();
      if (total > 0) shown?.onProgress({ iteration, total });
    };
    if (shown) timer = setInterval(poll, POLL_MS).unref();
    first = 1;
  }
  const stop = () => background?.cancel();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    for (let i = first; i < fits.length; i++) out[i] = fitHere(ctx, fits[i]!, poll);
    if (background !== undefined) {
      if (ctx.signal.aborted) background.cancel();
      out[0] = await background.result;
      poll();
      shown?.done(out[0]);
    }
    return out;
  } catch (e) {
    background?.cancel();
    background?.result.catch(() => {});
    shown?.done();
    throw e;
  } finally {
    if (timer) clearInterval(timer);
    ctx.signal.removeEventListener('abort', stop);
  }
}

function fitHere(ctx: StageContext, f: PolicyFit, alsoPoll: () => void): Trained {
  const shown = f.progress?.();
  let trained: Trained | undefined;
  try {
    trained = trainPolicy(f.policy, ctx.plan.policyParams[f.policy.key], ctx.options.features, f.data, (p) => {
      shown?.onProgress(p);
      alsoPoll();
      return !ctx.signal.aborted;
    });
  } finally {
    shown?.done(ctx.signal.aborted ? undefined : trained);
  }
  if (ctx.signal.aborted) throw new PipelineError('interrupted', messages.interruptedTraining(f.policy.title));
  return trained;
}
