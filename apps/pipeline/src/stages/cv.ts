import {
  aucMetric,
  crossValidate,
  cvTrackingMetrics,
  evaluationCharts,
  groupKFold,
  kFold,
  logLossMetric,
  prAucMetric,
  timeSeriesSplit,
  type CrossValidateResult,
  type Fold,
} from '@abt/eval';
import { takeRows, type LabeledRatings } from '@abt/data';
import { fitFeatureSpec } from '@abt/features';
import type { Matrix } from '@abt/models';
import type { Stage, StageContext } from '../stage';
import { loadPrepared, type Prepared } from '../data-source';
import { stageRun, trackingUriOf } from '../tracking';
import { POLICIES, type FitData } from '../policies';
import { FitPool } from '../parallel/fit-pool';
import { publishCharts, writeResult } from '../charts';
import { logFolded } from '../metric-layout';
import { shareForWorkers, sharedOutput } from '../parallel/shared-matrix';
import { cvSubsample } from '../cv-sample';

const CV_METRICS = [aucMetric, prAucMetric, logLossMetric];

/**
 * Held-out K-fold CV of both policies on the train split: every fold refits the FeatureSpec on its
 * K − 1 training folds (no leakage) and scores the held-out fold (the original scored in-sample).
 */
export const cvStage: Stage = {
  name: 'cv',
  title: 'cv: held-out cross-validation of both policies',
  needs: ['prepare'],
  inputs: (ctx) => ({
    k: ctx.options.cvFolds,
    strategy: ctx.options.cvStrategy,
    sample: ctx.options.cvSample ?? null,
    features: ctx.options.features,
    seed: ctx.options.seed,
    params: ctx.plan.policyParams,
    tracking: trackingUriOf(ctx),
  }),
  async run(ctx) {
    const prepared = await loadPrepared(ctx);
    // --cv-sample: the folds, refits and fits run on a seeded subsample of train (see cv-sample.ts).
    const data = cvSubsample(prepared, ctx.options.cvSample, ctx.options.seed);
    const folds = makeFolds(ctx, data.train);
    const foldScores = await scoreFolds(ctx, data, folds);
    const results: { name: string; cv: CrossValidateResult }[] = [];
    for (const policy of POLICIES) {
      const cv = await crossValidate({ folds, labels: data.train.label, metrics: CV_METRICS, fitPredict: (_tr, _te, f) => foldScores[f]![policy.key] });
      results.push({ name: policy.alias, cv });
    }
    const runName = `CV_${ctx.options.cvFolds}fold`;
    const outputs = await stageRun(ctx, runName, { 'abt.stage': 'cv' }, async (run) => {
      await run.logParams({
        k: ctx.options.cvFolds,
        strategy: ctx.options.cvStrategy,
        rows: data.train.length,
        train_rows: prepared.train.length,
        seed: ctx.options.seed,
      });
      // Means and stds keep the seed's keys; the per-fold values are the steps of one key per metric.
      for (const [i, policy] of POLICIES.entries()) await logFolded(run, cvTrackingMetrics(results[i]!.cv, policy.cvPrefix));
      await run.logJson(results, 'cv.json');
      const charts = evaluationCharts({ cv: [results[0]!, results[1]!] });
      return [...(await publishCharts(ctx.out, run, charts)), await writeResult(ctx.out, 'cv', results)];
    });
    const f = (r: CrossValidateResult) => `${r.mean.auc!.toFixed(4)} ± ${r.std.auc!.toFixed(4)}`;
    const on = data === prepared ? '' : `, on a random ${data.train.length} of ${prepared.train.length} train rows`;
    return {
      outputs,
      summary: {
        runName,
        rows: data.train.length,
        lines: [`${runName} (${ctx.options.cvStrategy}, held-out${on}): AUC A ${f(results[0]!.cv)}, B ${f(results[1]!.cv)}`],
      },
    };
  },
};

function makeFolds(ctx: StageContext, train: LabeledRatings): Fold[] {
  const k = ctx.options.cvFolds;
  const seed = ctx.options.seed;
  switch (ctx.options.cvStrategy) {
    case 'group':
      return groupKFold(train.userId, { k, seed, labels: train.label });
    case 'time':
      return timeSeriesSplit(train.timestamp, { k });
    default:
      return kFold(train.label, { k, seed, stratified: true });
  }
}

/** One fold's matrices: features refitted on its training folds, in shared memory when fit workers read them. */
type FoldMatrices = { readonly train: FitData; readonly valid: Matrix; readonly test: Matrix };

function foldMatrices(ctx: StageContext, data: Prepared, fold: Fold): FoldMatrices {
  const fitRows = takeRows(data.train, Int32Array.from(fold.trainIdx));
  const heldOut = takeRows(data.train, Int32Array.from(fold.testIdx));
  const spec = fitFeatureSpec({ train: fitRows, movies: data.movies, ...(data.users ? { users: data.users } : {}) }, { kind: ctx.options.features });
  // Dense matrices are built straight into shared memory when fit workers read them; CSR is shared afterwards.
  const { X, featureNames } = spec.transformTrain(sharedOutput(spec, fitRows.length));
  const train = { X: shareForWorkers(X), y: fitRows.label, featureNames };
  const test = shareForWorkers(spec.transform(heldOut, sharedOutput(spec, heldOut.length)).X);
  const valid = shareForWorkers(spec.transform(data.valid, sharedOutput(spec, data.valid.length)).X);
  return { train, valid, test };
}

/**
 * Per fold: refit features on the training folds, train both policies, score the held-out fold. The
 * fits run on the fit pool, a fold's two policies and the next fold's side by side, while this thread
 * builds the features of the fold after; at most as many folds as the pool has workers hold
 * matrices at once (memory). Folds alternate which policy they queue first, so that on two workers
 * neither worker gets every fit of the slower policy.
 */
async function scoreFolds(ctx: StageContext, data: Prepared, folds: Fold[]): Promise<Record<'A' | 'B', Float64Array>[]> {
  // Per fold: the feature refit, then each policy's fit and held-out scores.
  const bar = ctx.report.bar('cv folds × steps', folds.length * (1 + POLICIES.length));
  const pool = new FitPool(ctx.signal);
  const out: Record<'A' | 'B', Float64Array>[] = new Array(folds.length);
  const all: Promise<void>[] = [];
  const live = new Set<Promise<void>>();
  try {
    for (const [f, fold] of folds.entries()) {
      while (live.size >= pool.size) await Promise.race(live);
      const m = foldMatrices(ctx, data, fold);
      bar.tick();
      const order = f % 2 === 0 ? POLICIES : [...POLICIES].reverse();
      // Only early stopping (B) reads the valid set: A without it skips a valid log loss per iteration.
      const pending = pool.submit(
        order.map((policy) => ({
          job: {
            policy: policy.key,
            params: ctx.plan.policyParams[policy.key],
            features: ctx.options.features,
            data: { ...m.train, ...(policy.key === 'B' ? { valid: { X: m.valid, y: data.valid.label } } : {}) },
            score: [m.test],
            returnModel: false,
            progress: false,
          },
        })),
        { last: f === folds.length - 1 },
      );
      const scores = {} as Record<'A' | 'B', Float64Array>;
      const done = Promise.all(
        pending.map((p, i) =>
          p.then((r) => {
            scores[order[i]!.key] = r.scores[0]!;
            bar.tick();
          }),
        ),
      ).then(() => {
        out[f] = scores;
      });
      done.catch(() => {}).finally(() => live.delete(done));
      live.add(done);
      all.push(done);
    }
    await Promise.all(all);
  } finally {
    bar.done();
    await pool.close();
  }
  return out;
}
