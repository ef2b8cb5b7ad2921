import { readFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EvalError, renderOnlineReport } from '@abt/eval';
import {
  analysisCheckpointSeries,
  analysisSection,
  analysisSummaryLines,
  analysisTrackingMetrics,
  analyzeStatsFile,
  compileAnalysis,
  createDuckDbEngine,
  createPostgresEngine,
  DIALECTS,
  parseMetricsFile,
  parseSource,
  runAnalysis,
  AnalysisSourceError,
  MetricsFileError,
  SqlEngineError,
  type AnalysisReadout,
  type MetricsSpec,
  type SqlEngine,
} from '@abt/eval/sql';
import { resolveTrackingUri, TrackingClient, withRun } from '@abt/tracking';
import { publishCharts, typedArraysAsArrays } from '../charts';
import { PipelineError } from '../errors';
import { messages } from '../messages';
import type { Reporter } from '../progress';
import type { AnalyzeOptions } from './options';

/** What an analyze invocation produced (for the CLI and tests). */
export type AnalyzeResult =
  | { readonly kind: 'sql'; readonly sql: string }
  | {
      readonly kind: 'readout';
      readonly readout: AnalysisReadout;
      readonly json: AnalysisJson;
      readonly lines: readonly string[];
      readonly outputs: readonly string[];
      readonly runId: string;
    };

/** `<out>/analysis.json`: everything the readout says, as plain JSON. */
type AnalysisJson = {
  readonly format: 'abt-analysis-readout';
  readonly formatVersion: 1;
  readonly metricsFile: string;
  readonly engine: string;
  readonly asOf: string | null;
  readonly sources: { readonly exposures: readonly string[]; readonly events: readonly string[]; readonly fromStats: readonly string[] | null };
  readonly querySeconds: number | null;
  readonly readout: unknown;
  readonly trackingMetrics: Readonly<Record<string, number>>;
};

/** Library errors → the CLI's exit kinds: a bad metrics file is a usage error, sources and databases are data errors. */
function asPipelineError(e: unknown): unknown {
  if (MetricsFileError.isInstance(e)) return new PipelineError('usage', e.message, { cause: e });
  if (AnalysisSourceError.isInstance(e) || SqlEngineError.isInstance(e)) return new PipelineError('data', e.message, { cause: e });
  if (EvalError.isInstance(e)) return new PipelineError('data', e.message, { cause: e });
  return e;
}

async function readSpec(file: string): Promise<MetricsSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new PipelineError(
      'usage',
      messages.analyze.metricsUnreadable(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message),
      { cause: e },
    );
  }
  return parseMetricsFile(text, { file });
}

async function openEngine(o: AnalyzeOptions): Promise<SqlEngine> {
  if (o.engine === 'postgres' && !o.fromStats) return createPostgresEngine({ connection: o.connection! });
  return createDuckDbEngine({ ...(o.threads ? { threads: o.threads } : {}), ...(o.memoryLimit ? { memoryLimit: o.memoryLimit } : {}) });
}

/** Runs one `abt-analyze` invocation: compile (and print) the SQL, or run it / read the Spark result, then write and log the readout. */
export async function runAnalyze(o: AnalyzeOptions, io: { reporter: Reporter; signal?: AbortSignal }): Promise<AnalyzeResult> {
  try {
    const spec = await readSpec(o.metrics);
    const sources = o.fromStats ? undefined : { exposures: parseSource('exposures', o.exposures), events: parseSource('events', o.events) };
    if (sources && (o.showSql || o.engine === 'spark')) {
      const asOfEnd = o.asOf ? Date.parse(`${o.asOf}T00:00:00Z`) / 1000 + 86_400 : undefined;
      return { kind: 'sql', sql: compileAnalysis(spec, sources, DIALECTS[o.engine], asOfEnd !== undefined ? { asOfEnd } : {}).sql };
    }
    const engine = await openEngine(o);
    let readout: AnalysisReadout;
    let querySeconds: number | null = null;
    try {
      if (o.fromStats) {
        readout = (await analyzeStatsFile(spec, o.fromStats, engine)).readout;
      } else {
        const bar = io.reporter.bar(`query (${engine.name})`, 100);
        let shown = 0;
        try {
          const run = await runAnalysis(spec, sources!, engine, {
            ...(o.asOf ? { asOf: o.asOf } : {}),
            ...(io.signal ? { signal: io.signal } : {}),
            onProgress: (fraction, seconds) => {
              const target = fraction === null ? Math.min(99, Math.round(seconds)) : Math.round(fraction * 100);
              if (target > shown) bar.tick(target - shown, { note: `${seconds.toFixed(0)} s` });
              shown = Math.max(shown, target);
            },
          });
          readout = run.readout;
          querySeconds = run.querySeconds;
        } finally {
          bar.done();
        }
      }
    } finally {
      await engine.close();
    }
    return await publish(o, spec, readout, querySeconds);
  } catch (e) {
    throw asPipelineError(e);
  }
}

async function publish(o: AnalyzeOptions, spec: MetricsSpec, readout: AnalysisReadout, querySeconds: number | null): Promise<AnalyzeResult> {
  await mkdir(o.out, { recursive: true });
  const trackingMetrics = analysisTrackingMetrics(readout);
  const json: AnalysisJson = {
    format: 'abt-analysis-readout',
    formatVersion: 1,
    metricsFile: o.metrics,
    engine: o.fromStats ? 'spark (statistics table)' : o.engine,
    asOf: o.asOf ?? null,
    sources: { exposures: o.exposures, events: o.events, fromStats: o.fromStats ?? null },
    querySeconds,
    readout: JSON.parse(JSON.stringify(readout, typedArraysAsArrays)) as unknown,
    trackingMetrics,
  };
  const section = analysisSection(readout);
  const jsonFile = path.join(o.out, 'analysis.json');
  await writeFile(jsonFile, JSON.stringify(json, null, 2));
  const html = path.join(o.out, 'report.html');
  await writeFile(
    html,
    renderOnlineReport(section, {
      title: `A/B readout: ${spec.experiment.key ?? path.basename(spec.file)}`,
      subtitle: `${readout.arms.join(' vs ')} · ${json.engine}${o.asOf ? ` · as of ${o.asOf}` : ''} · metrics ${path.basename(spec.file)}`,
    }),
  );
  const uri = resolveTrackingUri(o.trackingUri, {
    env: { MLFLOW_TRACKING_URI: process.env.MLFLOW_TRACKING_URI || `sqlite:///${path.join(o.out, 'mlflow.db')}` },
  });
  const client = await TrackingClient.create(uri, { artifactRoot: path.join(o.out, 'mlruns') });
  const experiment = await client.getOrCreateExperiment(o.experiment, { tags: { 'mlflow.experimentKind': 'custom_model_development' } });
  let runId = '';
  const charts = await withRun(client, { experimentId: experiment.experimentId, runName: o.runName, tags: { 'abt.stage': 'analyze' } }, async (run) => {
    runId = run.runId;
    await run.logParams({
      metrics_file: path.basename(spec.file),
      engine: json.engine,
      as_of: o.asOf ?? '',
      experiment_key: spec.experiment.key ?? '',
      arms: readout.arms.join(','),
      weights: readout.weights.join(','),
      primary: spec.primary,
      alpha: spec.analysis.alpha,
      exposures: (o.exposures.join(' ') || '-').slice(0, 500),
      events: (o.events.join(' ') || '-').slice(0, 500),
    });
    await run.logMetrics(trackingMetrics);
    for (const p of analysisCheckpointSeries(readout)) await run.logMetrics(p.metrics, { step: p.step, timestamp: p.timestamp });
    await run.logArtifact(jsonFile);
    await run.logArtifact(html);
    return publishCharts(o.out, run, section.charts ?? {});
  });
  const lines = [...analysisSummaryLines(readout, spec), messages.analyze.written(jsonFile, html, charts.length, o.runName, runId, uri)];
  return { kind: 'readout', readout, json, lines, outputs: [jsonFile, html, ...charts.map((c) => path.join(o.out, c))], runId };
}
