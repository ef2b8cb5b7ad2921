import path from 'node:path';
import type { RouterDescription } from '@abt/router';
import type { TrackingClient } from '@abt/tracking';
import { DEMO_EXPERIMENT, DEMO_RUN_NAME } from '../defaults';
import type { ArmReport } from './arm-report';

/** MLflow metric keys allow letters, digits, `_ - . /` and spaces; arm names are user data. */
export const metricKey = (prefix: string, arm: string): string => `${prefix}_${arm.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

/** The metrics of a `Router_Demo` run: routed rows, and per arm rows, share, mean score, positive rate, ROC/PR AUC. */
export function demoMetrics(reports: readonly ArmReport[]): Record<string, number> {
  const m: Record<string, number> = { routed_rows: reports.reduce((n, r) => n + r.count, 0) };
  for (const r of reports) {
    m[metricKey('rows', r.arm)] = r.count;
    m[metricKey('share', r.arm)] = r.share;
    m[metricKey('users', r.arm)] = r.users;
    m[metricKey('user_share', r.arm)] = r.userShare;
    if (r.meanScore !== null) m[metricKey('mean_score', r.arm)] = r.meanScore;
    if (r.positiveRate !== null) m[metricKey('positive_rate', r.arm)] = r.positiveRate;
    if (r.auc !== null) m[metricKey('auc', r.arm)] = r.auc;
    if (r.prAuc !== null) m[metricKey('pr_auc', r.arm)] = r.prAuc;
    if (r.logLoss !== null) m[metricKey('logloss', r.arm)] = r.logLoss;
  }
  return m;
}

export type DemoRunInput = {
  readonly client: TrackingClient;
  readonly modelUri: string;
  readonly routerVersion: string;
  readonly description: RouterDescription;
  readonly reports: readonly ArmReport[];
  readonly params: Readonly<Record<string, string | number>>;
  /** Files to attach: chart PNG/SVG, summary JSON, assignment CSV (logged under `router_demo/`). */
  readonly artifacts: readonly string[];
};

/** Logs the `Router_Demo` run in `abtest_movielens`: what was routed, with which router, and how each arm did. */
export async function logDemoRun(input: DemoRunInput): Promise<{ runId: string; experimentId: string }> {
  const { client, description: d } = input;
  const experiment = await client.getOrCreateExperiment(DEMO_EXPERIMENT);
  const run = await client.startRun({ experimentId: experiment.experimentId, runName: DEMO_RUN_NAME, tags: { 'abt.router_uri': input.modelUri } });
  try {
    await run.logParams({
      router_uri: input.modelUri,
      router_version: input.routerVersion,
      experiment_key: d.experiment.key,
      hash_version: String(d.experiment.hashVersion),
      arms: d.experiment.arms.join(','),
      weights: d.experiment.weights.join(','),
      ...Object.fromEntries(d.policies.map((p) => [metricKey('model', p.arm), `${p.uri} v${p.modelVersion}`])),
      ...input.params,
    });
    await run.logMetrics(demoMetrics(input.reports));
    for (const file of input.artifacts)
      await run.logArtifact(file, path.extname(file) === '.png' || path.extname(file) === '.svg' ? 'router_demo/charts' : 'router_demo');
    await run.end('FINISHED');
  } catch (e) {
    await run.end('FAILED').catch(() => {});
    throw e;
  }
  return { runId: run.runId, experimentId: experiment.experimentId };
}
