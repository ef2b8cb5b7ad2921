#!/usr/bin/env node
// `pnpm bench [name ...] [--runs N] [--threads N] [--json [file]] [--compare previous.json] [bench options]`:
// builds, then runs each named benchmark (packages/<name>/bench/run.mjs or apps/<name>/bench/run.mjs;
// all of them when none is named). Benchmarks print ratios against reference implementations measured
// in the same run, through the shared harness (scripts/bench/harness.mjs): median [min–max] of --runs
// runs (default 3), references pinned to --threads threads (default min(2, cores)), the goal beside each
// row, the load average at the start and end. They never fail on timing.
//   --json [file]        write every figure to one file (default bench-out/bench-<time>.json)
//   --compare file       print the change of each figure against an earlier --json file
// Any other option (with its value) goes to every benchmark run, e.g. `pnpm bench pipeline --quick`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareResults, formatComparison } from './bench/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const all = ['packages', 'apps'].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((name) => existsSync(path.join(root, dir, name, 'bench', 'run.mjs')))
    .map((name) => ({ name, file: path.join(root, dir, name, 'bench', 'run.mjs') })),
);
// Benchmarks that span packages, by the name the issues use.
const ALIASES = {
  simulate: ['apps/pipeline/bench/simulate.mjs', 'packages/eval/bench/ab.mjs'],
  analyze: ['packages/eval/bench/analysis.mjs'],
};
for (const [name, files] of Object.entries(ALIASES)) {
  for (const f of files) all.push({ name, file: path.join(root, f) });
}
const names = [...new Set(all.map((b) => b.name))];

function usage(message) {
  if (message) console.error(message);
  console.error(
    `usage: pnpm bench [name ...] [--runs N] [--threads N] [--json [file]] [--compare previous.json] [bench options]\nbenchmarks: ${names.join(', ')}`,
  );
  process.exit(2);
}

/** Bench names, harness options, and the rest (each option with its value) for the bench scripts. */
function parseArgs(argv) {
  const out = { wanted: [], passThrough: [], runs: undefined, threads: undefined, json: undefined, compare: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const next = () => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('-')) usage(`${flag} needs a value`);
      i++;
      return v;
    };
    if (flag === '--help' || flag === '-h') usage();
    else if (flag === '--runs' || flag === '--threads') {
      const v = next();
      if (!/^[1-9]\d*$/.test(v)) usage(`${flag} must be a positive integer, got '${v}'`);
      out[flag.slice(2)] = v;
    } else if (flag === '--compare') out.compare = path.resolve(next());
    else if (flag === '--json') {
      // the file is optional: a following word that is not a bench name or an option is the file
      const v = inline ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') && !names.includes(argv[i + 1]) ? argv[++i] : undefined);
      out.json = path.resolve(v ?? path.join(root, 'bench-out', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
    } else if (a.startsWith('-')) {
      out.passThrough.push(a);
      // an option's value travels with it (`--duration 30`, `--scale 25m`)
      if (inline === undefined && argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') && !names.includes(argv[i + 1])) out.passThrough.push(argv[++i]);
    } else if (names.includes(a)) out.wanted.push(a);
    else usage(`unknown benchmark: ${a}`);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
let previous;
if (args.compare) {
  try {
    previous = JSON.parse(readFileSync(args.compare, 'utf8'));
    if (!Array.isArray(previous.figures)) throw new Error('no "figures" array');
  } catch (e) {
    usage(`--compare ${args.compare}: not a results file written by pnpm bench --json (${e.message})`);
  }
}

execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'abt-bench-'));
const figuresFile = path.join(tmp, 'figures.ndjson');
const env = { ...process.env, ABT_BENCH_FIGURES: figuresFile };
if (args.runs) env.ABT_BENCH_RUNS = args.runs;
if (args.threads) env.ABT_BENCH_THREADS = args.threads;
if (args.compare) env.ABT_BENCH_COMPARE = args.compare;
// threadpoolctl's view of the references' thread pools, measured once for every bench
const python = process.env.ABT_PYTHON ?? path.join(root, '.venv/bin/python');
if (existsSync(python)) {
  const check = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { referenceThreads } from ${JSON.stringify(path.join(root, 'scripts/bench/harness.mjs'))}; console.log(referenceThreads(${JSON.stringify(python)}));`,
    ],
    { env, encoding: 'utf8' },
  );
  if (check.status === 0) env.ABT_BENCH_THREAD_CHECK = check.stdout.trim();
}

const loadStart = os.loadavg();
console.log(`pnpm bench: load average at start ${loadStart.map((l) => l.toFixed(2)).join(' ')} on ${os.availableParallelism()} cores`);
const startedAt = new Date().toISOString();
const failed = [];
const selected = all.filter((b) => args.wanted.length === 0 || args.wanted.includes(b.name));
for (const bench of selected) {
  console.log(`\n=== bench ${bench.name} (${path.relative(root, bench.file)}) ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', bench.file, ...args.passThrough], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) failed.push(path.relative(root, bench.file));
}
const loadEnd = os.loadavg();
console.log(`\npnpm bench: load average at end ${loadEnd.map((l) => l.toFixed(2)).join(' ')}`);

const figures = existsSync(figuresFile)
  ? readFileSync(figuresFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
rmSync(tmp, { recursive: true, force: true });
const results = {
  format: 'abt-bench/1',
  startedAt,
  finishedAt: new Date().toISOString(),
  commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || null,
  node: process.version,
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? null,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  runs: Number(env.ABT_BENCH_RUNS ?? 3),
  threads: Number(env.ABT_BENCH_THREADS ?? Math.min(2, os.availableParallelism())),
  referenceThreads: env.ABT_BENCH_THREAD_CHECK ?? null,
  loadAverage: { start: loadStart, end: loadEnd },
  benches: [...new Set(selected.map((b) => b.name))],
  arguments: args.passThrough,
  failed,
  figures,
};
if (args.json) {
  mkdirSync(path.dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`${figures.length} figures written to ${path.relative(process.cwd(), args.json) || args.json}`);
}
if (previous) for (const line of formatComparison(compareResults(previous, results), path.relative(process.cwd(), args.compare))) console.log(line);
if (failed.length) console.error(`failed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
