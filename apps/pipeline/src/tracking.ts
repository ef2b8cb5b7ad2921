import path from 'node:path';
import { TrackingClient, resolveTrackingUri, type Experiment } from '@abt/tracking';
import { memo, type StageContext } from './stage';

export type Tracking = {
  readonly client: TrackingClient;
  readonly experiment: Experiment;
  readonly uri: string;
};

/** MLflow 3's UI opens an experiment in its GenAI view unless the experiment says it trains models. */
const EXPERIMENT_TAGS = { 'mlflow.experimentKind': 'custom_model_development' };

/** `--tracking-uri` > MLFLOW_TRACKING_URI > an SQLite DB in the output directory. */
export function trackingUriOf(ctx: Pick<StageContext, 'options' | 'out'>): string {
  return resolveTrackingUri(ctx.options.trackingUri, { env: { MLFLOW_TRACKING_URI: process.env.MLFLOW_TRACKING_URI || `sqlite:///${path.join(ctx.out, 'mlflow.db')}` } });
}

/** One client per invocation, on the experiment named by `--experiment`. */
export function openTracking(ctx: StageContext): Promise<Tracking> {
  return memo(ctx, 'tracking', async () => {
    const uri = trackingUriOf(ctx);
    const client = await TrackingClient.create(uri, { artifactRoot: path.join(ctx.out, 'mlruns') });
    const experiment = await client.getOrCreateExperiment(ctx.options.experiment, { tags: EXPERIMENT_TAGS });
    for (const [k, v] of Object.entries(EXPERIMENT_TAGS)) if (experiment.tags?.[k] === undefined) await client.setExperimentTag(experiment.experimentId, k, v);
    return { client, experiment, uri };
  });
}

/** The command that opens this run's results in the MLflow UI. */
export function mlflowUiCommand(uri: string): string {
  return uri.startsWith('sqlite:') ? `mlflow ui --backend-store-uri ${uri}` : `open ${uri} in a browser (MLflow server)`;
}
