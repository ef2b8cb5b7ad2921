import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Stage, StageContext } from '../stage';
import { loadPrepared } from '../data-source';
import { stageRun, trackingUriOf } from '../tracking';
import { publishCharts, writeResult } from '../charts';
import { loadRegisteredRouter, ROUTER_URI } from '../simulate/load-router';
import { replay, type SimulationSettings } from '../simulate';
import { buildReadout, type OnlineReadout } from '../simulate/readout';
import { checkpointSeries, jsonSafe, onlineMetrics } from '../simulate/tracking-metrics';
import { readoutLines } from '../simulate/readout-lines';
import { collectShownItems, writeReplayLogs, type ReplayLogFiles } from '../simulate/replay-logs';
import { startScoreWorker } from '../simulate/score-worker';
import { workerBundleUrl, workerCores } from '../parallel/worker-bundle';

/**
 * Issue 7, the online half: the test period replayed as traffic through the registered router
 * (`models:/movielens_ctr_router@router`), per-user outcomes per arm, and the A/B readout
 * (run `AB_Online_Sim`, charts, `<out>/results/online.json`).
 */
export const simulateStage: Stage = {
  name: 'simulate',
  title: 'simulate: replay the test period through the router (online A/B)',
  needs: ['prepare', 'router'],
  inputs: (ctx) => ({ settings: ctx.plan.simulation, alpha: ctx.options.alpha, tracking: trackingUriOf(ctx), experiment: ctx.options.experiment }),
  async run(ctx) {
    const settings = ctx.plan.simulation;
    const data = await loadPrepared(ctx);
    const { router, versions } = await loadRegisteredRouter(ctx);
    const { readout, logs } = await runReplay(ctx, settings, data, router, versions);
    const outputs = await stageRun(ctx, 'AB_Online_Sim', { 'abt.stage': 'simulate' }, async (run) => {
      await run.logParams(paramsOf(readout, ctx.options.alpha));
      await run.logMetrics(onlineMetrics(readout));
      for (const point of checkpointSeries(readout)) await run.logMetrics(point.metrics, { step: point.step, timestamp: point.timestamp });
      const json = jsonSafe(readout);
      await run.logJson(json, 'online.json');
      return [
        ...(await publishCharts(ctx.out, run, readout.section.charts ?? {})),
        await writeResult(ctx.out, 'online', json),
        ...[...logs.exposures, logs.events, logs.metrics].map((f) => path.relative(ctx.out, f)),
      ];
    });
    const lines = readoutLines(readout);
    for (const line of lines) ctx.report.info(line);
    return { outputs, summary: { metrics: onlineMetrics(readout), replay: readout.replay, verdict: readout.primary.verdict, lines } };
  },
};

async function runReplay(
  ctx: StageContext,
  settings: SimulationSettings,
  data: Awaited<ReturnType<typeof loadPrepared>>,
  router: Parameters<typeof replay>[0],
  versions: Readonly<Record<string, string>>,
): Promise<{ readout: OnlineReadout; logs: ReplayLogFiles }> {
  const bar = ctx.report.bar('replay: scoring', 1);
  let done = 0;
  const t0 = performance.now();
  const shown = collectShownItems();
  // a second thread scores every other batch (same bundle, same router versions); none under
  // ABT_PIPELINE_THREADS=1, on one core, or from untranspiled sources
  const url = workerCores() >= 2 ? workerBundleUrl() : undefined;
  const helper = url && (() => startScoreWorker(url, { trackingUri: trackingUriOf(ctx), out: ctx.out, routerUri: ROUTER_URI, versions }));
  try {
    const result = await replay(router, { test: data.test, history: [data.train, data.valid], catalog: data.movies.movieId }, settings, {
      signal: ctx.signal,
      preperiod: data.train,
      onShow: shown.listener,
      ...(helper ? { helper } : {}),
      onProgress: (d, total) => {
        bar.setTotal(total);
        bar.tick(d - done);
        done = d;
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const policies = router.describe().policies;
    const readout = buildReadout(result, { routerUri: ROUTER_URI, versions, policies, alpha: ctx.options.alpha, seconds });
    // The replay's exposures and outcomes as logs, for `pnpm run analyze` (which reproduces this readout from them).
    const logs = writeReplayLogs(path.join(ctx.out, 'online'), result, shown, { experiment: router.experiment, policies, train: data.train });
    return { readout, logs };
  } finally {
    bar.done();
  }
}

function paramsOf(r: OnlineReadout, alpha: number): Record<string, string | number> {
  const s = r.settings;
  return {
    mode: s.mode,
    K: s.k,
    N: s.negatives,
    seed: s.seed,
    threshold: s.threshold,
    session_seconds: s.sessionSeconds,
    checkpoint_every: String(s.checkpointEvery),
    alpha,
    router_uri: r.router.uri,
    arms: r.router.arms.join(','),
    weights: r.router.weights.join(','),
    router_version: r.router.versions[r.router.uri] ?? '',
    ...Object.fromEntries(
      r.router.policies.flatMap((p) => [
        [`model_uri_${p.arm}`, p.uri],
        [`model_version_${p.arm}`, p.modelVersion],
      ]),
    ),
  };
}
