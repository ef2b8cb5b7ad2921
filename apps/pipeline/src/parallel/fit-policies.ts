import type { Classifier, FitOptions } from '@abt/models';
import type { StageContext } from '../stage';
import type { FitData, PolicySpec, Trained } from '../policies';
import { FitPool } from './fit-pool';

/** Progress display of one fit. */
type FitProgress = {
  readonly onProgress: NonNullable<FitOptions['onProgress']>;
  /** Ends the display: with the fitted model, or without one when the fit failed or was interrupted. */
  done(trained?: Trained): void;
};

export type PolicyFit = {
  readonly policy: PolicySpec;
  readonly data: FitData;
  /** Opens this fit's progress display; omitted = no progress reports (and no per-iteration messages). */
  readonly progress?: () => FitProgress;
};

/**
 * Fits every policy of `fits` side by side on the fit pool (one worker per fit, one thread each on
 * two cores), results in the same order. The models are the same as fitting them one after the
 * other. Ctrl-C stops the workers and throws PipelineError('interrupted').
 */
export async function fitPolicies(ctx: StageContext, fits: readonly PolicyFit[]): Promise<Trained[]> {
  const pool = new FitPool(ctx.signal);
  const shown = fits.map((f) => once(f.progress?.()));
  try {
    const pending = pool.submit(
      fits.map((f, i) => ({
        job: {
          policy: f.policy.key,
          params: ctx.plan.policyParams[f.policy.key],
          features: ctx.options.features,
          data: f.data,
          score: [],
          returnModel: true,
          progress: shown[i] !== undefined,
        },
        ...(shown[i] ? { onProgress: (p) => void shown[i]!.onProgress(p) } : {}),
      })),
      { last: true },
    );
    const trained = pending.map((p, i) =>
      p.then(
        (r): Trained => {
          const t = { model: r.model as Classifier, seconds: r.seconds };
          shown[i]?.done(t);
          return t;
        },
        (e: unknown) => {
          shown[i]?.done();
          throw e;
        },
      ),
    );
    return await Promise.all(trained);
  } finally {
    for (const s of shown) s?.done();
    await pool.close();
  }
}

/**
 * Fits every policy of `fits` one after the other in the order of `keys`, each with every core;
 * results in the order of `fits`. The same models as side by side.
 */
export async function fitInTurn(ctx: StageContext, fits: readonly PolicyFit[], keys: readonly PolicySpec['key'][]): Promise<Trained[]> {
  const trained: Trained[] = [];
  for (const key of keys) {
    const i = fits.findIndex((f) => f.policy.key === key);
    trained[i] = (await fitPolicies(ctx, [fits[i]!]))[0]!;
  }
  return trained;
}

/** `display` whose `done` acts once (a fit ends once, whether it finished, failed or was stopped). */
function once(display: FitProgress | undefined): FitProgress | undefined {
  if (display === undefined) return undefined;
  let ended = false;
  return {
    onProgress: (p) => display.onProgress(p),
    done(trained) {
      if (ended) return;
      ended = true;
      display.done(trained);
    },
  };
}
