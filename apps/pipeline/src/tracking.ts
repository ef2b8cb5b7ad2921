import path from 'node:path';
import { TrackingClient, resolveTrackingUri, type ActiveRun, type Experiment, type RunStatus } from '@abt/tracking';
import { memo, type StageContext } from './stage';
import { messages } from './messages';
import { datasetInput } from './datasets';
import { preparedDatasets } from './prepared-datasets';

export type Tracking = {
  readonly client: TrackingClient;
  readonly experiment: Experiment;
  readonly uri: string;
  /** This invocation's parent run: every stage run is nested under it (`mlflow.parentRunId`). */
  readonly parent: ActiveRun;
};

/** MLflow 3's UI opens an experiment in its GenAI view unless the experiment says it trains models. */
const EXPERIMENT_TAGS = { 'mlflow.experimentKind': 'custom_model_development' };

/** `--tracking-uri` > MLFLOW_TRACKING_URI > an SQLite DB in the output directory. */
export function trackingUriOf(ctx: Pick<StageContext, 'options' | 'out'>): string {
  return resolveTrackingUri(ctx.options.trackingUri, {
    env: { MLFLOW_TRACKING_URI: process.env.MLFLOW_TRACKING_URI || `sqlite:///${path.join(ctx.out, 'mlflow.db')}` },
  });
}

/** Tags on every run of this invocation: which output directory and invocation it belongs to. */
function invocationTags(ctx: StageContext): Record<string, string> {
  return { 'abt.out': ctx.out, 'abt.invocation': ctx.invocation.id, 'abt.host': ctx.invocation.host, 'abt.pid': String(ctx.invocation.pid) };
}

/**
 * One client per invocation, on the experiment named by `--experiment`. Opening it closes runs that an
 * earlier invocation on this `--out` (and host) left RUNNING — we hold the lock, so their process is
 * gone — and starts this invocation's parent run.
 */
export function openTracking(ctx: StageContext): Promise<Tracking> {
  return memo(ctx, 'tracking', async () => {
    const uri = trackingUriOf(ctx);
    const client = await TrackingClient.create(uri, { artifactRoot: path.join(ctx.out, 'mlruns') });
    const experiment = await client.getOrCreateExperiment(ctx.options.experiment, { tags: EXPERIMENT_TAGS });
    for (const [k, v] of Object.entries(EXPERIMENT_TAGS)) if (experiment.tags?.[k] === undefined) await client.setExperimentTag(experiment.experimentId, k, v);
    await closeStaleRuns(ctx, client, experiment.experimentId);
    const parent = await client.startRun({
      experimentId: experiment.experimentId,
      runName: `abt-pipeline ${new Date(ctx.invocation.startedAt).toISOString().slice(0, 19).replace('T', ' ')}`,
      startTime: ctx.invocation.startedAt,
      tags: { ...invocationTags(ctx), 'abt.stage': 'pipeline', 'abt.steps': ctx.options.steps.join(',') },
    });
    await parent.logParams(pipelineParams(ctx));
    // The invocation's row (the one the runs table shows folded) names its training data too.
    const train = preparedDatasets(ctx).train;
    if (train) await parent.logInputs([datasetInput(train, 'training')]);
    return { client, experiment, uri, parent };
  });
}

/** The options as the parent run's params (paths and output switches left out). */
function pipelineParams(ctx: StageContext): Record<string, string> {
  const skip = new Set(['out', 'dataDir', 'force', 'json', 'quiet', 'verbose', 'trackingUri', 'experiment']);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.options)) {
    if (skip.has(k) || v === undefined) continue;
    out[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

async function closeStaleRuns(ctx: StageContext, client: TrackingClient, experimentId: string): Promise<void> {
  const running = await client.searchAllRuns({ experimentIds: [experimentId], filter: "attributes.status = 'RUNNING'" });
  const stale = running.filter(
    (r) => r.data.tags['abt.out'] === ctx.out && r.data.tags['abt.host'] === ctx.invocation.host && r.data.tags['abt.invocation'] !== ctx.invocation.id,
  );
  if (stale.length === 0) return;
  for (const r of stale) {
    await client.setTag(r.info.runId, 'abt.closed_by', ctx.invocation.id);
    await client.endRun(r.info.runId, 'KILLED');
  }
  ctx.report.warn(messages.staleRuns(stale.map((r) => r.info.runName ?? r.info.runId)));
}

/**
 * Runs `fn` inside a stage run nested under the invocation's parent. The run starts when the stage
 * started (not when its results are logged), so its duration in the MLflow UI covers the work. It ends
 * FINISHED, or FAILED when `fn` throws — Ctrl-C included: the CLI turns it into an abort that ends the
 * stage with an error, so the run is not closed under `fn` (as `withRun`'s own SIGINT handler would).
 */
export async function stageRun<T>(
  ctx: StageContext,
  runName: string,
  tags: Record<string, string>,
  fn: (run: ActiveRun, tracking: Tracking) => Promise<T> | T,
  options: { startTime?: number } = {},
): Promise<T> {
  const tracking = await openTracking(ctx);
  const run = await tracking.client.startRun({
    experimentId: tracking.experiment.experimentId,
    runName,
    parentRunId: tracking.parent.runId,
    startTime: options.startTime ?? ctx.progress.current?.startedAt ?? Date.now(),
    tags: { ...invocationTags(ctx), ...tags },
  });
  try {
    const result = await fn(run, tracking);
    await run.end('FINISHED');
    return result;
  } catch (e) {
    await run.end('FAILED').catch(() => {});
    throw e;
  }
}

/** Ends the parent run (if this invocation opened one) with the invocation's outcome. */
export async function closeTracking(ctx: StageContext, status: RunStatus): Promise<void> {
  if (!ctx.memo.has('tracking')) return;
  const { parent } = await openTracking(ctx);
  await parent.end(status);
}

/** The MLflow UI on this store, opened on the runs table (MLflow 3 otherwise lands on its GenAI view). */
export function mlflowUiLines(uri: string, experimentId: string): string[] {
  const runs = `#/experiments/${experimentId}/runs?workflowType=machine_learning`;
  if (uri.startsWith('sqlite:')) {
    return [`MLflow UI: mlflow ui --backend-store-uri ${uri}`, `  then open http://127.0.0.1:5000/${runs}`];
  }
  return [`MLflow UI: ${uri.replace(/\/+$/, '')}/${runs}`];
}
