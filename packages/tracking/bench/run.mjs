// Benchmark for @abt/tracking (run with `pnpm bench tracking`): imports the built dist/ and
// prints ratios against Python MLflow doing the same work in the same run.
// Goals: embedded 10,000 metric points via the batch API < 1 s; 1,000 runs searched by a
// metric filter < 100 ms. REST: the same against a local `mlflow server`, beside MlflowClient.
// Figures are the median [min–max] of the runs on each side (scripts/bench/harness.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RestStore, SqliteStore, TrackingClient } from '../dist/index.js';
import { createBench, referenceEnv, RUNS } from '../../../scripts/bench/harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? join(repo, '.venv/bin/python');
const POINTS = 10_000;
const RUNS_SEEDED = 1_000;
const REST_RUNS = Number(process.env.ABT_BENCH_REST_RUNS ?? RUNS_SEEDED);
const FILTER = 'metrics.score > 0.5';
const REPEATS = Math.max(7, RUNS);
const work = mkdtempSync(join(tmpdir(), 'abt-bench-tracking-'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function py(args) {
  if (!existsSync(python)) return null;
  const out = execFileSync(python, [join(here, 'mlflow_bench.py'), JSON.stringify(args)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: referenceEnv({ MLFLOW_TRACKING_URI: '' }),
  });
  return JSON.parse(out.trim().split('\n').pop());
}

function points(now) {
  return Array.from({ length: POINTS }, (_, i) => ({ key: `m${i % 10}`, value: i, timestamp: now + i, step: Math.floor(i / 10) }));
}

async function timeLog(client) {
  const exp = await client.getOrCreateExperiment('bench_log');
  const run = await client.startRun({ experimentId: exp.experimentId });
  const batch = points(Date.now());
  const t0 = performance.now();
  await client.logBatch(run.runId, { metrics: batch });
  const seconds = (performance.now() - t0) / 1000;
  await run.end();
  return seconds;
}

async function seedRuns(client, n) {
  const exp = await client.getOrCreateExperiment('bench_search');
  for (let i = 0; i < n; i++) {
    const run = await client.startRun({ experimentId: exp.experimentId, runName: `run_${i}` });
    // A deterministic spread of scores: half the runs match the filter.
    await client.logBatch(run.runId, {
      metrics: [{ key: 'score', value: ((i * 7919) % n) / n, timestamp: 1, step: 0 }],
      params: [{ key: 'i', value: String(i) }],
    });
  }
  return exp.experimentId;
}

async function timeSearch(client, expId) {
  const times = [];
  let count = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const page = await client.searchRuns({ experimentIds: [expId], filter: FILTER, maxResults: 1000 });
    times.push((performance.now() - t0) / 1000);
    count = page.items.length;
  }
  return { seconds: median(times), count, times };
}

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const mlflow = join(dirname(python), 'mlflow');
  const child = spawn(
    mlflow,
    [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--backend-store-uri',
      `sqlite:///${join(work, 'server.db')}`,
      '--serve-artifacts',
      '--artifacts-destination',
      join(work, 'server-art'),
      '--workers',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error(`mlflow server did not start:\n${log.slice(-3000)}`);
}

const h = createBench('tracking', { python });
/** abt's run times against MLflow's (seconds), with the goal in seconds (or none). */
function row(name, abt, ref, goal) {
  h.figure({ name, unit: 's', abt, ...(ref?.length ? { ref: { name: 'Python MLflow', values: ref } } : {}), goal: goal ? { abt: `< ${goal}` } : 'none' });
}

try {
  // Embedded: abt's SqliteStore vs Python MLflow's SqlAlchemyStore on its own SQLite file.
  const client = new TrackingClient(new SqliteStore(`sqlite:///${join(work, 'abt.db')}`, { artifactRoot: join(work, 'mlruns') }));
  // abt and MLflow alternate, RUNS times each: the machine is shared and noisy.
  const logAbt = [];
  const logPy = [];
  for (let r = 0; r < RUNS; r++) {
    logAbt.push(await timeLog(client));
    const p = py({ mode: 'log', uri: `sqlite:///${join(work, 'py.db')}`, points: POINTS, run_name: `log10k_${r}` });
    if (p) logPy.push(p.seconds);
  }
  row(`embedded: log ${POINTS} metric points (batch API)`, logAbt, logPy, 1);
  const expId = await seedRuns(client, RUNS_SEEDED);
  const sAbt = await timeSearch(client, expId);
  // Python searches the very same database abt wrote (it is MLflow's schema).
  const sPy = py({ mode: 'search', uri: `sqlite:///${join(work, 'abt.db')}`, experiment_id: expId, filter: FILTER, repeats: REPEATS });
  if (sPy && sPy.count !== sAbt.count) throw new Error(`search disagreement: abt ${sAbt.count} runs, mlflow ${sPy.count}`);
  row(`embedded: search ${RUNS_SEEDED} runs by '${FILTER}' (${sAbt.count} hits)`, sAbt.times, sPy?.times, 0.1);
  await client.close();

  if (existsSync(python) && process.env.ABT_BENCH_SKIP_REST !== '1') {
    const server = await startServer();
    try {
      const rest = new TrackingClient(new RestStore(server.url));
      const rLog = [];
      const rLogPy = [];
      for (let r = 0; r < RUNS; r++) {
        rLog.push(await timeLog(rest));
        rLogPy.push(py({ mode: 'log', uri: server.url, points: POINTS, run_name: `log10k_py_${r}` }).seconds);
      }
      row(`rest: log ${POINTS} metric points (10 log-batch calls)`, rLog, rLogPy);
      const rExp = await seedRuns(rest, REST_RUNS);
      const rs = await timeSearch(rest, rExp);
      const rsPy = py({ mode: 'search', uri: server.url, experiment_id: rExp, filter: FILTER, repeats: REPEATS });
      if (rsPy && rsPy.count !== rs.count) throw new Error(`REST search disagreement: abt ${rs.count}, mlflow ${rsPy.count}`);
      row(`rest: search ${REST_RUNS} runs by '${FILTER}' (${rs.count} hits)`, rs.times, rsPy?.times);
    } finally {
      server.child.kill('SIGTERM');
    }
  } else {
    console.log('rest: skipped (no venv python or ABT_BENCH_SKIP_REST=1)');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
