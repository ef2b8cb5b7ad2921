#!/usr/bin/env node
// Replay-simulation benchmark: the ml-100k test period replayed through the registered router by the
// built CLI (`dist/cli.js`). Setup (prepare → train → register → router) runs once, untimed; then the
// `simulate` stage runs `--repeat` times (default 3). Prints the replay time (request building, batched
// scoring through RouterModel.predictColumns for both arms, outcomes, aggregation) and the whole stage
// (registry load + replay + statistics + tracking + charts) against the 10 s goal. Never fails on timing.
// Figures through the shared harness (scripts/bench/harness.mjs): median [min–max] of the runs, goal beside.
// Usage: node bench/simulate.mjs [--data <ml-100k.zip>] [--repeat <the harness's runs>] [--keep] [--reuse <out dir with a registered router>] [--cli <cli.js>]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBench, RUNS } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const cli = path.resolve(arg('cli', path.join(here, '..', 'dist', 'cli.js')));
const reuse = arg('reuse', undefined);
const data = arg('data', process.env.ABT_ML100K ?? path.resolve(here, '../../../../shared/data/movielens/ml-100k.zip'));
const repeat = Number(arg('repeat', String(RUNS)));
const GOAL_SECONDS = 10;

if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (pnpm bench pipeline builds it)`);
if (!existsSync(data)) throw new Error(`MovieLens 100K not found at ${data}; pass --data or set ABT_ML100K`);

const h = createBench('simulate');
const out = reuse ? path.resolve(reuse) : mkdtempSync(path.join(tmpdir(), 'abt-bench-sim-'));
const run = (steps, extra = []) =>
  JSON.parse(
    execFileSync(process.execPath, [cli, '--data', data, '--out', out, '--steps', steps, '--json', ...extra], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, MLFLOW_TRACKING_URI: '', CI: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );

try {
  if (!reuse) {
    console.log(`setup: prepare, train, register, router on ${path.basename(data)} (not timed) …`);
    run('prepare,train,register,router');
  }
  const replay = [];
  const stage = [];
  let last;
  for (let r = 0; r < repeat; r++) {
    last = run('simulate', ['--force']);
    replay.push(last.stages.simulate.replay.seconds);
    stage.push(last.timings.find((t) => t.stage === 'simulate').seconds);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const s = last.stages.simulate;
  const rows = s.replay.rows;
  console.log(
    `replay of the ml-100k test period: ${s.replay.sessions} sessions, ${s.replay.users} users, ${rows.toLocaleString('en-US')} candidate rows scored`,
  );
  console.log(
    `  replay (requests + batched scoring + outcomes + aggregation): median ${median(replay).toFixed(2)} s of ${repeat} runs (${Math.round(rows / median(replay)).toLocaleString('en-US')} rows/s)`,
  );
  console.log(`  whole simulate stage (registry load, replay, statistics, tracking, charts): median ${median(stage).toFixed(2)} s`);
  h.figure({ name: 'replay of the ml-100k test period', unit: 's', abt: replay, goal: { abt: `< ${GOAL_SECONDS}` } });
  h.figure({ name: 'whole simulate stage on ml-100k', unit: 's', abt: stage, goal: 'none' });
  for (const line of s.lines) console.log(`  ${line}`);
} finally {
  if (!reuse && !process.argv.includes('--keep')) rmSync(out, { recursive: true, force: true });
  else console.log(`outputs kept in ${out}`);
}
