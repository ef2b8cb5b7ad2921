// The one harness every `pnpm bench` script uses, so that each figure is measured, summarized and
// recorded the same way:
//   - each figure is the median of RUNS runs (default 3), printed with its min and max, abt and the
//     reference run alternately (`pair`) so a change in machine load falls on both sides;
//   - abt and the references use THREADS threads (default min(2, cores)): LightGBM's num_threads is
//     passed THREADS by the scripts, and `referenceEnv()` pins OpenMP and BLAS (scikit-learn, numpy,
//     scipy) through their environment variables, which threadpoolctl reports back (`referenceThreads`);
//   - the load average is printed at the start and at the end of every bench;
//   - every row prints its goal beside it, and is appended to the results file that `pnpm bench --json`
//     writes; `pnpm bench --compare previous.json` prints the change beside each row.
// Environment (set by scripts/bench.mjs; a script run directly uses the defaults): ABT_BENCH_RUNS,
// ABT_BENCH_THREADS, ABT_BENCH_FIGURES (NDJSON file the figures are appended to), ABT_BENCH_COMPARE
// (a previous results file), ABT_BENCH_THREAD_CHECK (the threadpoolctl line, measured once).
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { figureKey, formatFigure, makeFigure } from './stats.mjs';

export { summarize, formatNumber } from './stats.mjs';

function positiveInt(variable, fallback) {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${variable} must be a positive integer, got '${raw}'`);
  return n;
}

/** Runs per figure. */
export const RUNS = positiveInt('ABT_BENCH_RUNS', 3);
/** Threads for abt (num_threads) and for every reference (LightGBM num_threads, OpenMP, BLAS). */
export const THREADS = positiveInt('ABT_BENCH_THREADS', Math.min(2, os.availableParallelism()));

/** The environment for a reference process: OpenMP (LightGBM, scikit-learn) and BLAS pinned to `threads`. */
export function referenceEnv(extra = {}, threads = THREADS) {
  const n = String(threads);
  return {
    ...process.env,
    OMP_NUM_THREADS: n,
    OPENBLAS_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    BLIS_NUM_THREADS: n,
    VECLIB_MAXIMUM_THREADS: n,
    NUMEXPR_NUM_THREADS: n,
    ...extra,
  };
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const THREAD_CHECK_PY = `
import json, lightgbm, sklearn, numpy, scipy.linalg
from threadpoolctl import threadpool_info
print(json.dumps(sorted({(i['internal_api'], i['prefix'], i['num_threads']) for i in threadpool_info()})))
`;

/**
 * What threadpoolctl reports for the thread pools that lightgbm, scikit-learn, numpy and scipy load
 * under `referenceEnv()`, as one line; says so when a pool does not use THREADS threads.
 */
export function referenceThreads(python) {
  if (process.env.ABT_BENCH_THREAD_CHECK) return process.env.ABT_BENCH_THREAD_CHECK;
  if (!python || !existsSync(python)) return `references' thread pools not checked (no python at ${python})`;
  const r = spawnSync(python, ['-c', THREAD_CHECK_PY], { encoding: 'utf8', env: referenceEnv() });
  if (r.status !== 0) return `references' thread pools not checked (threadpoolctl failed: ${r.stderr.trim().split('\n').pop()})`;
  const pools = JSON.parse(r.stdout.trim().split('\n').pop());
  const off = pools.filter(([, , n]) => n !== THREADS);
  const list = pools.map(([api, prefix, n]) => `${prefix} (${api}) ${n}`).join(', ');
  return `threadpoolctl: ${list}${off.length ? ` — WARNING: not ${THREADS} threads` : ''}`;
}

let previous;
function previousFigure(key) {
  const file = process.env.ABT_BENCH_COMPARE;
  if (!file) return undefined;
  previous ??= new Map(JSON.parse(readFileSync(file, 'utf8')).figures.map((f) => [figureKey(f), f]));
  return previous.get(key);
}

const benches = new Map();

/**
 * The harness for one bench (`name` is what `pnpm bench <name>` takes). Prints the header once per
 * process (load average, cores, runs, threads) and the load average again when the process exits.
 * `python`: the venv's interpreter, when the bench has Python references (their thread pools are checked).
 */
export function createBench(name, { python } = {}) {
  const known = benches.get(name);
  if (known) return known;
  const threadLine = python ? `; ${referenceThreads(python)}` : '';
  console.log(
    `bench ${name}: load average at start ${loadAverage()} on ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}); ` +
      `each figure is the median [min–max] of ${RUNS} runs; ${THREADS} threads for abt and the references${threadLine}`,
  );
  process.once('exit', () => console.log(`bench ${name}: load average at end ${loadAverage()}`));

  const bench = {
    name,
    runs: RUNS,
    threads: THREADS,
    /** Calls `fn(i)` RUNS times (awaiting each), garbage-collecting first where --expose-gc allows; the results in order. */
    async repeat(fn, runs = RUNS) {
      const out = [];
      for (let i = 0; i < runs; i++) {
        globalThis.gc?.();
        out.push(await fn(i));
      }
      return out;
    },
    /** abt and its reference alternately, RUNS times each (abt first on even runs, the reference first on odd). */
    async pair(abtFn, refFn, runs = RUNS) {
      const abt = [];
      const ref = [];
      for (let i = 0; i < runs; i++) {
        const order =
          i % 2 === 0
            ? [
                [abtFn, abt],
                [refFn, ref],
              ]
            : [
                [refFn, ref],
                [abtFn, abt],
              ];
        for (const [fn, into] of order) {
          globalThis.gc?.();
          into.push(await fn(i));
        }
      }
      return { abt, ref };
    },
    /**
     * Records and prints one figure. `abt`: the run values; `ref`: `{ name, values }` or omitted;
     * `unit`: 's', 'MB', 'M rows/s', 'req/s' … (a unit ending in '/s' is better higher); `goal`: see
     * stats.mjs parseGoal; `detail`: free text kept in the results file.
     */
    figure(spec) {
      const f = makeFigure({ ...spec, bench: name });
      console.log(formatFigure(f, previousFigure(figureKey(f))));
      if (process.env.ABT_BENCH_FIGURES) appendFileSync(process.env.ABT_BENCH_FIGURES, `${JSON.stringify(f)}\n`);
      return f;
    },
  };
  benches.set(name, bench);
  return bench;
}
