import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MODEL_URI, DEMO_EXPERIMENT, DEMO_RUN_NAME, resolveDataPath, resolveDemoTrackingUri } from './defaults';
import { armReports, type ArmReport } from './demo/arm-report';
import { demoChartSpecs, writeCharts } from './demo/charts';
import { renderDemoPage } from './demo/html-page';
import { logDemoRun } from './demo/log-run';
import { armTable, assignmentTable, sampleShares } from './demo/report-text';
import { sampleRows } from './demo/sample-rows';
import { loadTestRows } from './demo/test-rows';
import { RouterDemoError } from './errors';
import type { CliIO } from './io';
import { messages } from './messages';
import { asModelError, openRegistry, registryRouter } from './open-registry';

export type DemoCommandOptions = {
  /** Rows shown in the assignment table. Default 20. */
  n?: number;
  /** Seed of the row sample. Default 42. */
  seed?: number;
  /** MovieLens zip or directory. Default ABT_ML100K, else `<repo>/../shared/data/movielens/ml-100k.zip`. */
  data?: string;
  /** Default: MLFLOW_TRACKING_URI, else `sqlite:///<repo>/abt-out/mlflow.db`. */
  trackingUri?: string;
  /** Default `models:/movielens_ctr_router@router`. */
  modelUri?: string;
  /** Charts (PNG + SVG), demo.html, summary.json and assignments.csv go here. Default `./abt-out/router-demo`. */
  out?: string;
  /** Skip the `Router_Demo` run (default false: it is logged). */
  noLog?: boolean;
};

export type DemoResult = {
  readonly trackingUri: string;
  readonly routerVersion: string;
  readonly routedRows: number;
  readonly arms: readonly ArmReport[];
  readonly files: readonly string[];
  readonly runId?: string;
};

/**
 * Loads the router by alias, routes every test row (metrics) and shows N seeded ones (table), then
 * writes charts and a summary to `out` and logs a `Router_Demo` run.
 */
export async function runDemo(options: DemoCommandOptions, io: CliIO): Promise<DemoResult> {
  const { n = 20, seed = 42, modelUri = DEFAULT_MODEL_URI, out = path.resolve('abt-out', 'router-demo') } = options;
  if (!Number.isInteger(n) || n < 0) throw new RouterDemoError('INVALID_OPTION', messages.invalidOption('--n', n, 'an integer ≥ 0'));
  if (!Number.isInteger(seed)) throw new RouterDemoError('INVALID_OPTION', messages.invalidOption('--seed', seed, 'an integer'));
  const tracking = resolveDemoTrackingUri(options.trackingUri, io.env);
  const dataPath = resolveDataPath(options.data, io.env);
  io.out(messages.trackingUri(tracking.uri, tracking.source));
  const reg = await openRegistry(tracking.uri, modelUri);
  try {
    const { reloader } = registryRouter(reg, modelUri);
    await reloader.start().catch((e: unknown) => {
      throw asModelError(e, modelUri);
    });
    reloader.stop();
    const router = reloader.current();
    const description = router.describe();
    const routerVersion = reloader.status().versions[modelUri] ?? '?';
    io.out(
      `router: ${modelUri} → v${routerVersion}, experiment ${description.experiment.key} (hash ${String(description.experiment.hashVersion)}, seed ${description.experiment.seed})`,
    );

    const test = await loadTestRows(dataPath);
    io.out(`data: ${dataPath} — ${test.length.toLocaleString('en-US')} test rows (rating ≥ 4 = positive, last 10 % by time)`);
    const predictions = router.predictColumns({ userId: test.userId, movieId: test.movieId, timestamp: test.timestamp });
    const shown = sampleRows(test.length, n, seed);
    const reports = armReports(description, predictions, test.label, test.userId);

    io.out('');
    io.out(`assignments: ${shown.length} test rows sampled with seed ${seed} (${sampleShares(description, shown, predictions)})`);
    for (const line of assignmentTable(shown, test, predictions)) io.out(line);
    io.out('');
    io.out(`per arm, over all ${predictions.length.toLocaleString('en-US')} routed test rows:`);
    for (const line of armTable(reports)) io.out(line);
    for (const r of reports)
      if (r.count === 0) io.err(messages.emptyArm(r.arm));
      else if (!r.curves) io.err(messages.singleClassArm(r.arm));

    await mkdir(out, { recursive: true });
    const { files: charts, svgs } = await writeCharts(out, demoChartSpecs(reports));
    const pageFile = path.join(out, 'demo.html');
    await writeFile(pageFile, renderDemoPage({ modelUri, routerVersion, description, data: dataPath, seed, reports, shown, test, predictions, svgs }));
    const summaryFile = path.join(out, 'summary.json');
    await writeFile(summaryFile, `${JSON.stringify(summaryJson(modelUri, routerVersion, dataPath, seed, predictions.length, reports), null, 2)}\n`);
    const csvFile = path.join(out, 'assignments.csv');
    await writeFile(csvFile, assignmentsCsv(shown, test, predictions));
    const files = [...charts, summaryFile, csvFile, pageFile];
    io.out('');
    io.out(messages.wroteOutputs(out, charts.length));

    let runId: string | undefined;
    if (!options.noLog) {
      const logged = await logDemoRun({
        client: reg.client,
        modelUri,
        routerVersion,
        description,
        reports,
        params: { n, seed, data: dataPath, routed_rows: predictions.length },
        artifacts: files,
      });
      runId = logged.runId;
      io.out(messages.loggedRun(DEMO_RUN_NAME, logged.runId, DEMO_EXPERIMENT));
    }
    return { trackingUri: tracking.uri, routerVersion, routedRows: predictions.length, arms: reports, files, ...(runId ? { runId } : {}) };
  } finally {
    await reg.close();
  }
}

function summaryJson(modelUri: string, routerVersion: string, data: string, seed: number, routed: number, reports: readonly ArmReport[]) {
  return {
    router: { uri: modelUri, version: routerVersion },
    data,
    seed,
    routedRows: routed,
    arms: reports.map(({ curves: _curves, ...r }) => r),
  };
}

function assignmentsCsv(
  rows: Int32Array,
  test: { userId: Int32Array; movieId: Int32Array; timestamp: Float64Array; label: Uint8Array },
  p: { assigned: string[]; modelVersion: string[]; score: Float64Array },
): string {
  const lines = ['userId,movieId,timestamp,label,arm,model_version,score'];
  for (const i of rows) lines.push([test.userId[i], test.movieId[i], test.timestamp[i], test.label[i], p.assigned[i], p.modelVersion[i], p.score[i]].join(','));
  return `${lines.join('\n')}\n`;
}
