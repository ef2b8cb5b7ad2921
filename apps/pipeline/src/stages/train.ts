import path from 'node:path';
import { saveTables } from '@abt/data';
import { ORIGINAL_LOGLOSS_CLIP, averagePrecision, logLoss, rocAuc } from '@abt/eval';
import { Pipeline, isCsr, type Matrix } from '@abt/models';
import type { Stage, StageContext } from '../stage';
import { loadPrepared } from '../data-source';
import { buildFeatures, forgetFeatures } from '../features';
import { POLICIES, fitOutcome, type PolicySpec, type Trained } from '../policies';
import { fitInTurn, fitPolicies, type PolicyFit } from '../parallel/fit-policies';
import { stageRun, trackingUriOf } from '../tracking';
import { writePolicyBundle } from '../bundles';
import { datasetInput } from '../datasets';
import { preparedDatasets } from '../prepared-datasets';

const SCORES_DIR = 'scores';
export const bundleDir = (policy: PolicySpec) => path.join('models', policy.alias);

/** Validation metrics logged on each policy's run (ARCHITECTURE.md §2). */
function validMetrics(y: ArrayLike<number>, p: ArrayLike<number>) {
  return { valid_auc: rocAuc(y, p), valid_pr_auc: averagePrecision(y, p), valid_logloss: logLoss(y, p, { clip: ORIGINAL_LOGLOSS_CLIP }) };
}

/**
 * A dense train matrix from this many entries up (64 MB in float32; ml-25m's has 1.4 G) is fitted on
 * one policy at a time, each fit with every core: Policy B first, which reads the matrix only while
 * binning it, then Policy A, whose scaler standardizes it in place. Side by side, A's standardized
 * design (as large as the matrix) and B's training buffers would sit beside the matrix at once: on
 * ml-25m over 12 GB. Smaller matrices are fitted side by side (one thread each), as before.
 */
const IN_TURN_MIN_ENTRIES = 1 << 24;
const inTurn = (X: Matrix) => !isCsr(X) && X.rows * X.cols >= IN_TURN_MIN_ENTRIES;

/** Features fitted on train; Policy A and Policy B trained, scored on valid and test, logged and bundled. */
export const trainStage: Stage = {
  name: 'train',
  title: 'train: Policy A (logistic regression) and Policy B (GBDT)',
  needs: ['prepare'],
  inputs: (ctx) => ({
    features: ctx.options.features,
    evalHistory: ctx.options.evalHistory,
    seed: ctx.options.seed,
    params: ctx.plan.policyParams,
    tracking: trackingUriOf(ctx),
    experiment: ctx.options.experiment,
  }),
  async run(ctx) {
    const data = await loadPrepared(ctx);
    const fs = await buildFeatures(ctx, data);
    const scores: Record<string, { label: Uint8Array } & Record<string, Float64Array | Uint8Array>> = {
      valid: { label: data.valid.label },
      test: { label: data.test.label },
    };
    const summary: Record<string, unknown> = { features: { kind: ctx.options.features, count: fs.featureNames.length } };
    const lines: string[] = [];
    const histories = POLICIES.map(() => [] as number[]);
    const oneAtATime = inTurn(fs.train);
    // Policy A overwrites the train matrix: nothing may read it from the memo afterwards.
    if (oneAtATime) forgetFeatures(ctx);
    const fits: PolicyFit[] = POLICIES.map((policy, i) => ({
      policy,
      data: {
        X: fs.train,
        y: data.train.label,
        featureNames: fs.featureNames,
        valid: { X: fs.valid, y: data.valid.label },
        ...(oneAtATime && policy.key === 'A' ? { overwriteX: true } : {}),
      },
      progress: () => {
        const bar = ctx.report.bar(`${policy.key}: ${policy.key === 'A' ? 'iterations' : 'boosting rounds'}`, 1);
        let last = 0;
        let total = 1;
        return {
          onProgress: (p) => {
            bar.update(p.iteration, p.total);
            last = Math.max(last, p.iteration);
            total = p.total;
            // Every estimator reports its valid log loss under LightGBM's name; the shared-counter polls carry no metrics.
            const l = p.metrics?.binary_logloss;
            if (l !== undefined) histories[i]!.push(l);
          },
          done: (trained) => bar.done(trained ? fitOutcome(trained, last, total) : 'interrupted'),
        };
      },
    }));
    // Both policies are fitted inside Policy A's run (A in a worker thread beside B when possible), so a
    // Ctrl-C during either fit leaves an open run to mark FAILED.
    // Both runs start with the fits (they run at once), so each run's duration covers its fit.
    let trainedAll: Trained[] | undefined;
    const fitStart = Date.now();
    for (const [i, policy] of POLICIES.entries()) {
      const result = await stageRun(
        ctx,
        policy.runName,
        { 'abt.policy': policy.alias, 'abt.stage': 'train' },
        async (run) => {
          trainedAll ??= oneAtATime ? await fitInTurn(ctx, fits, ['B', 'A']) : await fitPolicies(ctx, fits);
          const trained = trainedAll[i]!;
          const history = histories[i]!;
          const validScores = trained.model.predictProba(fs.valid);
          const testScores = trained.model.predictProba(fs.test);
          scores.valid![policy.key] = validScores;
          scores.test![policy.key] = testScores;
          const metrics = validMetrics(data.valid.label, validScores);
          await run.logParams({
            ...flatParams(trained.model instanceof Pipeline ? trained.model.stepParams() : trained.model.getParams()),
            feature_set: ctx.options.features,
            eval_history: ctx.options.evalHistory,
            n_features: fs.featureNames.length,
            seed: ctx.options.seed,
          });
          await run.logMetrics({ ...metrics, train_seconds: trained.seconds });
          const ds = preparedDatasets(ctx);
          if (ds.train && ds.valid) await run.logInputs([datasetInput(ds.train, 'training'), datasetInput(ds.valid, 'validation')]);
          for (let i = 0; i < history.length; i++) await run.logMetric('valid_logloss_curve', history[i]!, { step: i + 1 });
          const dir = path.join(ctx.out, bundleDir(policy));
          await writePolicyBundle(dir, { model: trained.model, spec: fs.spec, requests: data.test, features: fs.test, runId: run.runId });
          await run.logArtifacts(dir, 'model');
          return { runId: run.runId, metrics, seconds: trained.seconds };
        },
        { startTime: fitStart },
      );
      summary[policy.key] = result;
      lines.push(
        `${policy.title}: valid AUC ${result.metrics.valid_auc.toFixed(4)}, PR-AUC ${result.metrics.valid_pr_auc.toFixed(4)}, log loss ${result.metrics.valid_logloss.toFixed(4)} (trained in ${result.seconds.toFixed(1)} s)`,
      );
      ctx.report.info(lines.at(-1)!);
    }
    await saveTables(path.join(ctx.out, SCORES_DIR), scores);
    return {
      outputs: [path.join(SCORES_DIR, 'tables.json'), ...POLICIES.map((p) => path.join(bundleDir(p), 'MLmodel'))],
      summary: { ...summary, lines },
    };
  },
};

/** Params as MLflow strings (nested values JSON-encoded, nulls dropped). */
function flatParams(params: object): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
  }
  return out;
}

export type TrainSummary = { A: { runId: string }; B: { runId: string } };
export const trainSummary = (ctx: StageContext) => ctx.state.get('train')!.summary as unknown as TrainSummary;
