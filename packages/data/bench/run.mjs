#!/usr/bin/env node
// `pnpm bench data [--quick]`: @abt/data against pandas (venv) and danfojs-node, same run, same files.
// Every measurement runs in its own child process (peak RSS per task). Figures are the median [min–max]
// of the harness's runs (scripts/bench/harness.mjs), goals beside them. Never fails on timing.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBench, referenceEnv, RUNS, summarize } from '../../../scripts/bench/harness.mjs';
import { generateSynthetic } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const quick = process.argv.includes('--quick');
const ml100k = process.env.ABT_ML100K ?? path.resolve(repo, '../shared/data/movielens/ml-100k.zip');
const python = process.env.ABT_PYTHON ?? path.join(repo, '.venv/bin/python');
const DANFO_CAP_MS = Number(process.env.ABT_DANFO_CAP_MS ?? 60_000);
const work = path.join(tmpdir(), 'abt-data-bench');

/** Runs a command with a time cap; resolves with its last JSON line, or {timedOut}. */
function run(cmd, args, capMs = 30 * 60_000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: referenceEnv() });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), capMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stage = [...err.matchAll(/^stage:(.*)$/gm)].at(-1)?.[1];
      if (signal === 'SIGKILL') return resolve({ timedOut: true, stage });
      const line = out.trim().split('\n').at(-1);
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ error: `exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
      }
    });
  });
}

/** `reps` fresh-process runs; the first failed or timed-out run ends the series and is returned alone. */
async function best(reps, once) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const r = await once();
    if (!r.ms) return [r];
    runs.push(r);
  }
  return runs;
}
const REPS = RUNS;
const abt = (file, reps = REPS) => best(reps, () => run(process.execPath, ['--expose-gc', path.join(here, 'child.mjs'), 'abt', file]));
const pandas = (file, reps = REPS) =>
  existsSync(python) ? best(reps, () => run(python, [path.join(here, 'reference.py'), file])) : Promise.resolve([{ error: 'no venv python' }]);

async function synthetic(name, opts) {
  const dir = path.join(work, name);
  const marker = path.join(dir, opts.format === 'ml-1m' ? 'ratings.dat' : 'ratings.csv');
  if (!existsSync(marker) || !existsSync(path.join(dir, opts.format === 'ml-1m' ? 'users.dat' : 'links.csv'))) {
    const t0 = performance.now();
    await generateSynthetic({ ...opts, outDir: dir });
    console.log(`  (generated ${name} in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return dir;
}

const h = createBench('data', { python });
const seconds = (runs, key = 'ms') => runs.map((r) => r[key] / 1000);
/** abt's runs (and the reference's) as figures: total time against `goal`, and load time / peak RSS where goals name them. */
function row(label, oursRuns, refRuns, refName, goal, { loadGoal, rssGoal } = {}) {
  const ref = refRuns?.[0];
  const note = ref?.timedOut
    ? `${refName} did not finish within the cap (stopped in ${ref.stage ?? 'startup'})`
    : ref?.error
      ? `${refName}: ${ref.error}`
      : undefined;
  const refSpec = refRuns && ref?.ms ? { ref: { name: refName, values: seconds(refRuns) } } : {};
  h.figure({ name: label, unit: 's', abt: seconds(oursRuns), ...refSpec, goal, ...(note ? { detail: note } : {}) });
  if (note) console.log(`  ${note}`);
  if (loadGoal) h.figure({ name: `${label}, load`, unit: 's', abt: seconds(oursRuns, 'loadMs'), goal: loadGoal });
  if (rssGoal) h.figure({ name: `${label}, peak RSS`, unit: 'MB', abt: oursRuns.map((r) => r.maxRssMB), goal: rssGoal });
  else console.log(`  peak RSS ${summarize(oursRuns.map((r) => r.maxRssMB)).median?.toFixed(0)} MB (median)`);
  if (oursRuns[0]?.error) console.log(`  abt error: ${oursRuns[0].error}`);
}

mkdirSync(work, { recursive: true });
console.log(
  `@abt/data bench — node ${process.version}${quick ? ' (--quick: 10M skipped)' : ''}; ${REPS} fresh processes per figure; synthetic files cached in ${work}`,
);

// 1. ml-100k zip → split tables
{
  const ours = await abt(ml100k);
  const ref = await pandas(ml100k);
  row('ml-100k zip → split', ours, ref, 'pandas', { abt: '< 0.5' });
}

// 2. 1M ratings, ml-1m format: load + split, peak RSS
const dir1m = await synthetic('ml-1m-1M', { users: 6040, movies: 3706, ratings: 1_000_000, seed: 1, format: 'ml-1m' });
{
  const ours = await abt(dir1m);
  row('1M ml-1m → split', ours, undefined, '', { abt: '< 2' }, { rssGoal: { abt: '< 300' } });
}

// 3. the same 1M as CSV: abt vs pandas vs danfojs-node (capped)
const csv1m = await synthetic('ml-latest-1M', { users: 6040, movies: 3706, ratings: 1_000_000, seed: 1, format: 'ml-latest' });
{
  const file = path.join(csv1m, 'ratings.csv');
  const ours = await abt(csv1m);
  row('1M csv → split vs pandas', ours, await pandas(file), 'pandas', 'none');
  const danfo = await best(REPS, () => run(process.execPath, [path.join(here, 'child.mjs'), 'danfo', file], DANFO_CAP_MS));
  row(`1M csv → split vs danfo (cap ${DANFO_CAP_MS / 1000} s)`, ours, danfo, 'danfojs-node', 'none');
}

// 4. 10M ratings CSV
if (!quick) {
  const dir10m = await synthetic('ml-latest-10M', { users: 70_000, movies: 10_000, ratings: 10_000_000, seed: 1, format: 'ml-latest' });
  const ours = await abt(dir10m);
  row('10M csv → split', ours, await pandas(path.join(dir10m, 'ratings.csv')), 'pandas', 'none', { loadGoal: { abt: '< 20' } });
}
