// `pnpm bench pipeline`: every stage on ml-100k through the built CLI, next to the original Python
// pipeline's code path (apps/pipeline/bench/original_pipeline.py in the venv) measured in the same run;
// then synthetic 1,000,000 ratings (skip with --quick). Prints wall time, peak RSS and ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const cli = path.resolve(here, '../dist/cli.js');
const ml100k = process.env.ABT_ML100K ?? path.resolve(root, '../shared/data/movielens/ml-100k.zip');
const python = process.env.ABT_PYTHON ?? path.join(root, '.venv/bin/python');
const quick = process.argv.includes('--quick');

function runPipeline(label, args) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'abt-bench-pipeline-'));
  const rssFile = path.join(out, 'rss');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', path.join(here, 'rss-probe.mjs'), cli, ...args, '--out', out, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ABT_RSS_FILE: rssFile, MLFLOW_TRACKING_URI: '' },
    maxBuffer: 1 << 26,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.log(`${label}: FAILED (exit ${r.status})\n${r.stderr.slice(-2000)}`);
    return undefined;
  }
  const summary = JSON.parse(r.stdout);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  const rssMb = usage.maxRSS / 1024;
  const stages = Object.fromEntries(summary.timings.map((t) => [t.stage, t.seconds]));
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  // CPU > wall means the worker threads overlapped; wall ≫ CPU / 2 on 2 cores means other load.
  console.log(`${label}: ${wall.toFixed(1)} s wall, ${usage.cpuSeconds.toFixed(1)} s CPU (all threads), peak RSS ${rssMb.toFixed(0)} MB, load average after ${load} on ${os.availableParallelism()} cores`);
  for (const t of summary.timings) {
    const cpu = t.cpuSeconds === undefined ? '' : `  CPU ${t.cpuSeconds.toFixed(2)} s`;
    console.log(`  ${t.stage.padEnd(9)} ${t.seconds.toFixed(2).padStart(8)} s wall${cpu}`);
  }
  return { wall, rssMb, stages };
}

console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`);
const abt = runPipeline('abt, all stages on ml-100k', ['--data', ml100k]);
if (abt) console.log(`  goal: < 60 s wall → ${abt.wall < 60 ? 'met' : 'NOT met'}`);

if (existsSync(python)) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'abt-bench-original-'));
  const r = spawnSync(python, [path.join(here, 'original_pipeline.py'), ml100k, work], { encoding: 'utf8' });
  if (r.status === 0) {
    const py = JSON.parse(r.stdout.trim().split('\n').pop());
    console.log(`original Python pipeline (same stages, no charts): ${py.total.toFixed(1)} s`);
    const pairs = [['prepare', ['prepare']], ['train', ['train']], ['eval+curves+segments', ['eval', 'curves', 'segments']], ['cv', ['cv']]];
    for (const [name, stages] of pairs) {
      const a = stages.reduce((s, k) => s + (abt?.stages[k] ?? 0), 0);
      const p = stages.reduce((s, k) => s + (py[k] ?? 0), 0);
      console.log(`  ${name.padEnd(22)} abt ${a.toFixed(2)} s vs original ${p.toFixed(2)} s → ratio ${(a / p).toFixed(2)}`);
    }
    if (abt) console.log(`  all stages             abt ${abt.wall.toFixed(1)} s vs original ${py.total.toFixed(1)} s → ratio ${(abt.wall / py.total).toFixed(2)} (abt also renders charts, the report, registers and simulates)`);
  } else {
    console.log(`original Python pipeline failed:\n${r.stderr.slice(-2000)}`);
  }
} else {
  console.log(`original Python pipeline: skipped (no venv at ${python}; run scripts/venv.sh)`);
}

if (!quick) {
  const syn = runPipeline('abt, all stages on synthetic 1,000,000 ratings', ['--dataset', 'synthetic', '--synthetic-ratings', '1000000']);
  if (syn) console.log(`  goals: < 600 s → ${syn.wall < 600 ? 'met' : 'NOT met'}; peak RSS < 3 GB → ${syn.rssMb < 3072 ? 'met' : 'NOT met'}`);
} else {
  console.log('synthetic 1M: skipped (--quick)');
}
