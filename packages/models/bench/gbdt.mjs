// GBDT training benchmarks (`pnpm bench models`): abt's GBDT against the real LightGBM, measured in
// the same run with the same thread count, each fit in its own child process (peak RSS per
// implementation), BENCH_REPEATS runs per side (default 3; the sides alternate). Every figure is the
// median with [min–max]; ratios are abt's median / LightGBM's. Each case also says whether the two
// model texts are identical (the [num_threads: …] line aside): LightGBM runs with deterministic=true
// and force_col_wise=true, the settings under which its trees do not depend on its threads and abt
// writes its model text (GBDT_BENCH_LGB_DEFAULTS=1 times LightGBM with its defaults instead).
//   (a)  ml-100k, the original's one-hot CSR features, Policy B settings, 500 rounds
//   (a') ml-100k, abt's default dense features (@abt/features, 69 Float32 columns; built from the
//        sibling packages' dist/ — `pnpm bench` builds them), 500 rounds             goal <= 0.7x
//   (b)  synthetic 1,000,000 x 30 dense Float32, 100 rounds, 64 leaves + Policy B   goal <= 1.0x wall and CPU
//   (d)  the pipeline's Policy B fit: 800,000 x 66 dense Float64 + 200,000 valid rows, early
//        stopping 50 on valid log loss, up to 500 rounds (bench/gbdt-data.mjs)     goal <= 1.0x wall and CPU
//   (e)  400,000 x 30 Float32, 60 rounds, 64 leaves, bagging 0.8 + feature fraction 0.8, lr 0.1  goal <= 1.0x wall and CPU
// (c), prediction, is bench/gbdt-predict.mjs. Never fails on timing.
// Env: ABT_PYTHON (default <repo>/.venv/bin/python), ABT_ML100K, GBDT_BENCH_THREADS (default: the harness's threads),
// GBDT_BENCH_ROWS (case b, default 1e6), GBDT_BENCH_PB_ROWS (case d, default 800000; 0 skips it),
// GBDT_BENCH_CASES (e.g. "b,e"; default all), BENCH_REPEATS.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { policyB, POLICY_B_PARAMS, synth30 } from './gbdt-data.mjs';
import { bench, loadLine, ratioGoal, repeat, show, summarize } from './stats.mjs';
import { referenceEnv, THREADS as HARNESS_THREADS } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? path.join(repoRoot, '.venv/bin/python');
const zip = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
const THREADS = Number(process.env.GBDT_BENCH_THREADS ?? HARNESS_THREADS);
const ROWS = Number(process.env.GBDT_BENCH_ROWS ?? 1_000_000);
const PB_ROWS = Number(process.env.GBDT_BENCH_PB_ROWS ?? 800_000);
const CASES = new Set((process.env.GBDT_BENCH_CASES ?? "a,a',b,d,e").split(',').map((c) => c.trim()));
const COLS = 30;
const ORIGINAL = { learning_rate: 0.05, feature_fraction: 0.8, bagging_fraction: 0.8, bagging_freq: 1, min_data_in_leaf: 50 };
/** What both sides get besides each case's parameters. */
const COMMON = {
  objective: 'binary',
  verbose: -1,
  num_threads: THREADS,
  ...(process.env.GBDT_BENCH_LGB_DEFAULTS ? {} : { deterministic: true, force_col_wise: true }),
};

// Python side: fit on the case's data, time it, write the model text. Each script reads its
// inputs from argv: data dir, params JSON, model-text path.
const PY_HEAD = `
import sys, json, time, resource, numpy as np, scipy.sparse as sp, lightgbm as lgb
d, params, model_out = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
def fit(X, y, valid=None):
    t0, c0 = time.perf_counter(), cpu()
    train = lgb.Dataset(X, y)
    b = lgb.train(params, train, valid_sets=[lgb.Dataset(*valid, reference=train)] if valid else [])
    res = {'fit': time.perf_counter() - t0, 'fitCpu': cpu() - c0, 'trees': b.num_trees(), 'bestIteration': b.best_iteration}
    open(model_out, 'w').write(b.model_to_string())
    res['maxRssMB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res['version'] = lgb.__version__
    print(json.dumps(res))
`;
const PY = {
  ml: `${PY_HEAD}
h = json.load(open(d + '/header.json'))['splits']['train']
X = sp.csr_matrix((np.fromfile(d + '/train.data.f64'), np.fromfile(d + '/train.indices.i32', dtype='<i4'),
  np.fromfile(d + '/train.indptr.i32', dtype='<i4')), shape=(h['rows'], h['cols']))
fit(X, np.fromfile(d + '/train.y.f64'))
`,
  mldense: `${PY_HEAD}
h = json.load(open(d + '/mld.json'))
fit(np.fromfile(d + '/mld.X.f32', dtype='<f4').reshape(h['rows'], h['cols']), np.fromfile(d + '/mld.y.f64'))
`,
  synth: `${PY_HEAD}
h = json.load(open(d + '/synth.json'))
fit(np.fromfile(d + '/X.f32', dtype='<f4').reshape(h['rows'], h['cols']), np.fromfile(d + '/y.f32', dtype='<f4'))
`,
  pb: `${PY_HEAD}
h = json.load(open(d + '/pb.json'))
X = np.fromfile(d + '/pb.X.f64').reshape(h['rows'], h['cols'])
Xv = np.fromfile(d + '/pb.vX.f64').reshape(h['vrows'], h['cols'])
fit(X, np.fromfile(d + '/pb.y.f64'), (Xv, np.fromfile(d + '/pb.vy.f64')))
`,
};

const writeBin = (dir, name, a) => writeFileSync(path.join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Cases (b) and (e): `synth30` rows, Float32, in `dir`. */
function writeSynthetic(dir, rows) {
  const { X, y } = synth30(rows);
  writeBin(dir, 'X.f32', X.data);
  writeBin(dir, 'y.f32', y);
  writeFileSync(path.join(dir, 'synth.json'), JSON.stringify({ rows, cols: COLS }));
}

/** Case (d) data, written once for both sides. */
function writePolicyB(dir) {
  const t = policyB(PB_ROWS, 7);
  const v = policyB(Math.round(PB_ROWS / 4), 8);
  writeBin(dir, 'pb.X.f64', t.X.data);
  writeBin(dir, 'pb.y.f64', t.y);
  writeBin(dir, 'pb.vX.f64', v.X.data);
  writeBin(dir, 'pb.vy.f64', v.y);
  writeFileSync(path.join(dir, 'pb.json'), JSON.stringify({ rows: PB_ROWS, vrows: v.X.rows, cols: 66 }));
}

/** Case (a'): the pipeline's train matrix — ml-100k split 80/10/10 by time, abt's dense features fitted on train. */
async function writeMlDense(dir) {
  const dist = (pkg) => import(pathToFileURL(path.join(here, `../../${pkg}/dist/index.js`)).href);
  const { loadMovieLens, labelRatings, splitByTime } = await dist('data');
  const { fitFeatureSpec } = await dist('features');
  const ds = await loadMovieLens(zip);
  const { train } = splitByTime(labelRatings(ds.ratings));
  const spec = fitFeatureSpec({ train, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) }, { kind: 'dense' });
  const { X } = spec.transformTrain();
  // the dense feature matrix is Float32 (as the pipeline hands it to the models)
  writeBin(dir, 'mld.X.f32', X.data);
  writeBin(dir, 'mld.y.f64', Float64Array.from(train.label));
  writeFileSync(path.join(dir, 'mld.json'), JSON.stringify({ rows: X.rows, cols: X.cols }));
  return { rows: X.rows, cols: X.cols };
}

const cpuSeconds = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** The abt side of one fit (a child process): prints timings as JSON and writes the model text. */
async function child(task, dir, params, modelOut) {
  const { GBDT } = await import(pathToFileURL(path.join(here, '../dist/index.js')).href);
  const readBin = (f, T) => {
    const b = readFileSync(path.join(dir, f));
    return new T(b.buffer, b.byteOffset, b.byteLength / T.BYTES_PER_ELEMENT);
  };
  const json = (f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  let X;
  let y;
  let fitOptions = {};
  if (task === 'ml') {
    const h = json('header.json').splits.train;
    X = {
      rows: h.rows,
      cols: h.cols,
      indptr: readBin('train.indptr.i32', Int32Array),
      indices: readBin('train.indices.i32', Int32Array),
      data: readBin('train.data.f64', Float64Array),
    };
    y = readBin('train.y.f64', Float64Array);
  } else if (task === 'mldense') {
    const h = json('mld.json');
    X = { rows: h.rows, cols: h.cols, data: readBin('mld.X.f32', Float32Array) };
    y = readBin('mld.y.f64', Float64Array);
  } else if (task === 'synth') {
    const h = json('synth.json');
    X = { rows: h.rows, cols: h.cols, data: readBin('X.f32', Float32Array) };
    y = readBin('y.f32', Float32Array);
  } else {
    const h = json('pb.json');
    X = { rows: h.rows, cols: h.cols, data: readBin('pb.X.f64', Float64Array) };
    y = readBin('pb.y.f64', Float64Array);
    fitOptions = { valid: { X: { rows: h.vrows, cols: h.cols, data: readBin('pb.vX.f64', Float64Array) }, y: readBin('pb.vy.f64', Float64Array) } };
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const m = new GBDT(params).fit(X, y, fitOptions);
  const out = { fit: (performance.now() - t0) / 1000, fitCpu: cpuSeconds(c0), trees: m.numTrees, threads: m.numThreadsUsed, bestIteration: m.bestIteration };
  writeFileSync(modelOut, m.toLightGBMText());
  out.maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(out));
}

// OpenMP threads that spin while waiting collapse on an oversubscribed (shared) machine; passive
// waiting is LightGBM's best setting there and changes nothing on an idle one.
const pyEnv = referenceEnv({ OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' }, THREADS);
const runJson = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: pyEnv });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};

/** First differing line of the two model texts (`[num_threads: …]` aside), or undefined. */
function textDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i] && !(la[i]?.startsWith('[num_threads:') && lb[i]?.startsWith('[num_threads:')))
      return `line ${i + 1}: abt '${(la[i] ?? '').slice(0, 60)}' vs LightGBM '${(lb[i] ?? '').slice(0, 60)}'`;
  }
  return undefined;
}

/** Runs one case BENCH_REPEATS times per side and prints its figures. */
function compare(label, task, dir, params, goal) {
  const full = { ...COMMON, ...params };
  const runs = repeat((i) => {
    const aText = path.join(dir, `abt-${task}-${i}.txt`);
    const lText = path.join(dir, `lgb-${task}-${i}.txt`);
    const a = runJson(process.execPath, [fileURLToPath(import.meta.url), '--child', task, dir, JSON.stringify(full), aText]);
    const l = runJson(python, ['-c', PY[task], dir, JSON.stringify(full), lText]);
    return { a, l, same: textDifference(readFileSync(aText, 'utf8'), readFileSync(lText, 'utf8')) };
  });
  const s = (side, key) => summarize(runs.map((r) => r[side][key]));
  const [aw, lw, ac, lc] = [s('a', 'fit'), s('l', 'fit'), s('a', 'fitCpu'), s('l', 'fitCpu')];
  const diff = runs.find((r) => r.same)?.same;
  console.log(`${label}`);
  console.log(`    wall: abt ${show(aw)}, LightGBM ${runs[0].l.version} ${show(lw)}; ratio ${(aw.median / lw.median).toFixed(2)}x (${goal})`);
  console.log(`    CPU:  abt ${show(ac)}, LightGBM ${show(lc)}; ratio ${(ac.median / lc.median).toFixed(2)}x`);
  const lgb = { name: `LightGBM ${runs[0].l.version}` };
  const of = (side, key) => runs.map((r) => r[side][key]);
  bench().figure({ name: `${label}, wall`, unit: 's', abt: of('a', 'fit'), ref: { ...lgb, values: of('l', 'fit') }, goal: ratioGoal(goal) });
  bench().figure({
    name: `${label}, CPU`,
    unit: 's',
    abt: of('a', 'fitCpu'),
    ref: { ...lgb, values: of('l', 'fitCpu') },
    goal: goal.includes('CPU') ? ratioGoal(goal) : 'none',
  });
  bench().figure({ name: `${label}, peak RSS`, unit: 'MB', abt: of('a', 'maxRssMB'), ref: { ...lgb, values: of('l', 'maxRssMB') }, goal: 'none' });
  console.log(
    `    ${runs[0].a.trees} trees${runs[0].a.bestIteration ? ` (best iteration abt ${runs[0].a.bestIteration}, LightGBM ${runs[0].l.bestIteration})` : ''}, abt on ${runs[0].a.threads} threads; peak RSS abt ${show(s('a', 'maxRssMB'), 'MB', 0)}, LightGBM ${show(s('l', 'maxRssMB'), 'MB', 0)}; model texts ${diff ? `DIFFER (${diff})` : 'identical'}`,
  );
}

export async function run() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-bench-'));
  try {
    console.log(`${loadLine(os)}; ${THREADS} threads on both sides${process.env.GBDT_BENCH_LGB_DEFAULTS ? ' (LightGBM with its defaults)' : ''}`);
    const pb = { num_leaves: 64, ...ORIGINAL };
    if (CASES.has('a') || CASES.has("a'")) {
      const ml = path.join(work, 'ml100k');
      if (CASES.has('a')) {
        execFileSync(python, [path.join(here, '../test/interop/original_features.py'), zip, ml], { stdio: 'inherit' });
        compare('(a) ml-100k one-hot CSR (80,000 rows), Policy B settings, 500 rounds', 'ml', ml, { ...pb, num_iterations: 500 }, 'keep below 1.0x');
      }
      if (CASES.has("a'")) {
        const mld = await writeMlDense(work);
        compare(
          `(a') ml-100k, abt's dense features (${mld.rows} x ${mld.cols} Float32), Policy B settings, 500 rounds`,
          'mldense',
          work,
          { ...pb, num_iterations: 500 },
          'goal <= 0.7x',
        );
      }
    }
    if (CASES.has('b')) {
      writeSynthetic(work, ROWS);
      compare(
        `(b) synthetic ${ROWS} x ${COLS} Float32, 100 rounds, 64 leaves + Policy B settings`,
        'synth',
        work,
        { ...pb, num_iterations: 100 },
        'goal <= 1.0x wall and CPU',
      );
    }
    if (CASES.has('e')) {
      writeSynthetic(work, 400_000);
      compare(
        '(e) 400,000 x 30 Float32, 60 rounds, 64 leaves, bagging 0.8 + feature fraction 0.8, lr 0.1',
        'synth',
        work,
        { num_leaves: 64, num_iterations: 60, learning_rate: 0.1, bagging_fraction: 0.8, bagging_freq: 1, feature_fraction: 0.8 },
        'goal <= 1.0x wall and CPU, as steady as LightGBM',
      );
    }
    if (CASES.has('d') && PB_ROWS > 0) {
      rmSync(path.join(work, 'X.f32'), { force: true });
      writePolicyB(work);
      compare(
        `(d) Policy B fit, ${PB_ROWS} x 66 dense Float64 + ${Math.round(PB_ROWS / 4)} valid rows, early stopping 50`,
        'pb',
        work,
        POLICY_B_PARAMS,
        'goal <= 1.0x wall and CPU',
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], JSON.parse(process.argv[5]), process.argv[6]);
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
