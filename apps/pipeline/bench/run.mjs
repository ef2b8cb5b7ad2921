// `pnpm bench pipeline`: every stage on ml-100k through the built CLI, next to the original Python
// pipeline's code path (apps/pipeline/bench/original_pipeline.py in the venv) measured in the same run;
// then synthetic 1,000,000 ratings (skip with --quick). `--scale 25m` runs the 25M-rating case instead (scale.mjs). Prints wall time, peak RSS and ratios, each the
// median [min–max] of the harness's runs (scripts/bench/harness.mjs) with issue 18's goal beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBench, referenceEnv } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const cli = path.resolve(here, '../dist/cli.js');
const ml100k = process.env.ABT_ML100K ?? path.resolve(root, '../shared/data/movielens/ml-100k.zip');
const python = process.env.ABT_PYTHON ?? path.join(root, '.venv/bin/python');
const quick = process.argv.includes('--quick');
const h = createBench('pipeline', { python });
if (process.argv.some((a) => a === '--scale' || a.startsWith('--scale='))) {
  const { runScale } = await import('./scale.mjs');
  await runScale(h, { args: process.argv.slice(2), python, runPipeline });
  process.exit(0);
}

function runPipeline(label, args, { keep = false } = {}) {
  const out = mkdtempSync(path.join(process.env.ABT_BENCH_DIR ?? os.tmpdir(), 'abt-bench-pipeline-'));
  const rssFile = path.join(out, 'rss');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', path.join(here, 'rss-probe.mjs'), cli, ...args, '--out', out, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ABT_RSS_FILE: rssFile, MLFLOW_TRACKING_URI: '' },
    maxBuffer: 1 << 26,
  });
  const wall = (performance.now() - t0) / 1000;
  const usageText = existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : undefined;
  if (!keep) rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) {
    console.log(`${label}: FAILED (exit ${r.status})\n${r.stderr.slice(-2000)}`);
    return undefined;
  }
  const summary = JSON.parse(r.stdout);
  const usage = JSON.parse(usageText);
  const rssMb = usage.maxRSS / 1024;
  const stages = Object.fromEntries(summary.timings.map((t) => [t.stage, t.seconds]));
  const stageRss = Object.fromEntries(summary.timings.flatMap((t) => (t.peakRssMb === undefined ? [] : [[t.stage, t.peakRssMb]])));
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  // CPU > wall means the worker threads overlapped; wall ≫ CPU / 2 on 2 cores means other load.
  console.log(
    `${label}: ${wall.toFixed(1)} s wall, ${usage.cpuSeconds.toFixed(1)} s CPU (all threads), peak RSS ${rssMb.toFixed(0)} MB, load average after ${load} on ${os.availableParallelism()} cores`,
  );
  for (const t of summary.timings) {
    const cpu = t.cpuSeconds === undefined ? '' : `  CPU ${t.cpuSeconds.toFixed(2)} s`;
    const rss = t.peakRssMb === undefined ? '' : `  peak RSS ${String(t.peakRssMb).padStart(6)} MB`;
    console.log(`  ${t.stage.padEnd(9)} ${t.seconds.toFixed(2).padStart(8)} s wall${cpu}${rss}`);
  }
  return { wall, rssMb, cpu: usage.cpuSeconds, stages, stageRss, summary, out };
}

/** The original Python pipeline's code path on ml-100k (per-stage seconds and `total`), or undefined. */
function runOriginal() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'abt-bench-original-'));
  const r = spawnSync(python, [path.join(here, 'original_pipeline.py'), ml100k, work], { encoding: 'utf8', env: referenceEnv() });
  if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop());
  console.log(`original Python pipeline failed:\n${r.stderr.slice(-2000)}`);
  return undefined;
}

/** Run values of a stage (or stages summed) over the runs that succeeded. */
const stageRuns = (runs, stages) => runs.filter(Boolean).map((r) => stages.reduce((s, k) => s + (r.stages?.[k] ?? r[k] ?? 0), 0));

if (existsSync(python)) {
  const { abt, ref } = await h.pair(() => runPipeline('abt, all stages on ml-100k', ['--data', ml100k]), runOriginal);
  const original = { name: 'original Python pipeline (same stages, no charts)' };
  h.figure({
    name: 'ml-100k, all stages, wall',
    unit: 's',
    abt: abt.filter(Boolean).map((r) => r.wall),
    ref: { ...original, values: ref.filter(Boolean).map((r) => r.total) },
    goal: { ratio: '<= 0.15' },
    detail: 'abt also renders charts, the report, registers and simulates',
  });
  const pairs = [
    ['prepare', ['prepare']],
    ['train', ['train']],
    ['eval+curves+segments', ['eval', 'curves', 'segments']],
    ['cv', ['cv']],
  ];
  for (const [name, stages] of pairs)
    h.figure({ name: `ml-100k, ${name}, wall`, unit: 's', abt: stageRuns(abt, stages), ref: { ...original, values: stageRuns(ref, stages) }, goal: 'none' });
  h.figure({ name: 'ml-100k, all stages, peak RSS', unit: 'MB', abt: abt.filter(Boolean).map((r) => r.rssMb), goal: 'none' });
} else {
  const abt = await h.repeat(() => runPipeline('abt, all stages on ml-100k', ['--data', ml100k]));
  h.figure({
    name: 'ml-100k, all stages, wall',
    unit: 's',
    abt: abt.filter(Boolean).map((r) => r.wall),
    goal: { text: `≤ 0.15× the original Python pipeline (not run: no venv at ${python})` },
  });
}

if (!quick) {
  const syn = await h.repeat(() => runPipeline('abt, all stages on synthetic 1,000,000 ratings', ['--dataset', 'synthetic', '--synthetic-ratings', '1000000']));
  const ok = syn.filter(Boolean);
  h.figure({ name: 'synthetic 1M ratings, all stages, wall', unit: 's', abt: ok.map((r) => r.wall), goal: { abt: '<= 180' } });
  h.figure({ name: 'synthetic 1M ratings, all stages, peak RSS', unit: 'MB', abt: ok.map((r) => r.rssMb), goal: { abt: '<= 1536' } });
  for (const stage of Object.keys(ok[0]?.stages ?? {}))
    h.figure({ name: `synthetic 1M ratings, ${stage}, wall`, unit: 's', abt: stageRuns(ok, [stage]), goal: 'none' });
} else {
  console.log('synthetic 1M: skipped (--quick)');
}
