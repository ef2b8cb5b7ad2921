import type { FitOptions } from '@abt/models';
import type { StageContext } from '../stage';
import { trainPolicy, type FitData, type PolicySpec, type Trained } from '../policies';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import { fitInWorker, fitWorkerUrl, type BackgroundFit } from './fit-worker';

/** Progress display of one fit, opened when its progress starts to be shown. */
export type FitProgress = {
  readonly onProgress: NonNullable<FitOptions['onProgress']>;
  done(): void;
};

export type PolicyFit = {
  readonly policy: PolicySpec;
  readonly data: FitData;
  /** Opens this fit's progress display; omitted = no progress reports (and no per-iteration work for them). */
  readonly progress?: () => FitProgress;
};

/**
 * Fits every policy of `fits`, results in the same order. With worker threads available the first fit
 * runs in a worker while the others run on the main thread (2 cores: Policy A's solver beside
 * Policy B's boosting); otherwise one after the other. The models are the same either way.
 * Ctrl-C: a main-thread fit stops at its next progress report, a worker fit is terminated; both throw
 * PipelineError('interrupted').
 */
export async function fitPolicies(ctx: StageContext, fits: readonly PolicyFit[]): Promise<Trained[]> {
  const { features } = ctx.options;
  const url = fits.length > 1 ? fitWorkerUrl() : undefined;
  const out: Trained[] = new Array(fits.length);
  let background: BackgroundFit | undefined;
  let first = 0;
  if (url !== undefined) {
    const f = fits[0]!;
    // Main is busy with the other fits meanwhile, so the worker's reports are drained afterwards:
    // its display opens at its first report, after the main-thread displays have closed.
    let shown: FitProgress | undefined;
    const onProgress = f.progress === undefined ? undefined : (p: Parameters<FitProgress['onProgress']>[0]) => {
      shown ??= f.progress!();
      shown.onProgress(p);
    };
    background = fitInWorker(url, f.policy, ctx.plan.policyParams[f.policy.key], features, f.data, onProgress);
    background.result.then(() => shown?.done(), () => shown?.done());
    first = 1;
  }
  const stop = () => background?.cancel();
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    for (let i = first; i < fits.length; i++) out[i] = fitHere(ctx, fits[i]!);
    if (background !== undefined) {
      if (ctx.signal.aborted) background.cancel();
      out[0] = await background.result;
    }
    return out;
  } catch (e) {
    background?.cancel();
    background?.result.catch(() => {});
    throw e;
  } finally {
    ctx.signal.removeEventListener('abort', stop);
  }
}

function fitHere(ctx: StageContext, f: PolicyFit): Trained {
  const shown = f.progress?.();
  const trained = trainPolicy(f.policy, ctx.plan.policyParams[f.policy.key], ctx.options.features, f.data, (p) => {
    shown?.onProgress(p);
    return !ctx.signal.aborted;
  });
  shown?.done();
  if (ctx.signal.aborted) throw new PipelineError('interrupted', messages.interruptedTraining(f.policy.title));
  return trained;
}
