// GBDT benchmarks (`pnpm bench models`): abt's GBDT against the real LightGBM, measured in the same
// run, each side in its own child process so peak RSS is per implementation.
//   (a) ml-100k, the original's one-hot CSR features, 500 rounds (no early stopping)
//   (a') ml-100k, abt's default dense features (@abt/features, 69 columns; built from the sibling
//       packages' dist/ — `pnpm bench` builds them), 500 rounds
//   (b) synthetic 1,000,000 rows x 30 dense features, 100 rounds, num_leaves=64 + the original's params;
//       LightGBM with num_threads=2, abt with its default num_threads (min(2, cores))
//   (c) prediction throughput: 100 trees x 64 leaves on 1,000,000 dense rows, one core
//   (d) the pipeline's Policy B fit: 800,000 x 66 dense Float64 + 200,000 valid rows, early stopping 50
//       on valid log loss, up to 500 rounds (bench/gbdt-data.mjs); both sides with 2 threads
// Prints wall and CPU times, ratios (abt / LightGBM) and peak RSS. Never fails on timing.
// Env: ABT_PYTHON (default <repo>/.venv/bin/python), ABT_ML100K, GBDT_BENCH_ROWS (default 1e6),
// GBDT_BENCH_PB_ROWS (case d, default 800000; 0 skips it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { policyB, POLICY_B_PARAMS, synth30 } from './gbdt-data.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? path.join(repoRoot, '.venv/bin/python');
const zip = process.env.ABT_ML100K ?? path.resolve(repoRoot, '../shared/data/movielens/ml-100k.zip');
const ROWS = Number(process.env.GBDT_BENCH_ROWS ?? 1_000_000);
const COLS = 30;
const PB_ROWS = Number(process.env.GBDT_BENCH_PB_ROWS ?? 800_000);
const ORIGINAL = { learning_rate: 0.05, feature_fraction: 0.8, bagging_fraction: 0.8, bagging_freq: 1, min_data_in_leaf: 50 };

/** Case (b)'s data (bench/gbdt-data.mjs), written for both child processes. */
function writeSynthetic(dir, rows) {
  const { X: { data: X }, y } = synth30(rows);
  writeFileSync(path.join(dir, 'X.f32'), new Uint8Array(X.buffer));
  writeFileSync(path.join(dir, 'y.f32'), new Uint8Array(y.buffer));
}

const PY_SYNTH = `
import sys, json, time, resource, numpy as np, lightgbm as lgb
d, rows, cols, params = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
X = np.fromfile(d + '/X.f32', dtype='<f4').reshape(rows, cols); y = np.fromfile(d + '/y.f32', dtype='<f4')
rounds = params.pop('num_iterations')
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
t0, c0 = time.perf_counter(), cpu()
b = lgb.train({**params, 'objective': 'binary', 'verbose': -1}, lgb.Dataset(X, y), rounds)
fit, fitCpu = time.perf_counter() - t0, cpu() - c0
t0, c0 = time.perf_counter(), cpu(); p = b.predict(X, num_threads=1); pred, predCpu = time.perf_counter() - t0, cpu() - c0
ll = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
print(json.dumps({'fit': fit, 'fitCpu': fitCpu, 'predict': pred, 'predictCpu': predCpu, 'trees': b.num_trees(), 'trainLogloss': ll,
  'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'version': lgb.__version__}))
`;

const PY_ML = `
import sys, json, time, resource, numpy as np, scipy.sparse as sp, lightgbm as lgb
d, params = sys.argv[1], json.loads(sys.argv[2])
h = json.load(open(d + '/header.json'))['splits']['train']
X = sp.csr_matrix((np.fromfile(d + '/train.data.f64'), np.fromfile(d + '/train.indices.i32', dtype='<i4'),
  np.fromfile(d + '/train.indptr.i32', dtype='<i4')), shape=(h['rows'], h['cols']))
y = np.fromfile(d + '/train.y.f64')
rounds = params.pop('num_iterations')
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
t0, c0 = time.perf_counter(), cpu()
b = lgb.train({**params, 'objective': 'binary', 'verbose': -1}, lgb.Dataset(X, y), rounds)
print(json.dumps({'fit': time.perf_counter() - t0, 'fitCpu': cpu() - c0, 'trees': b.num_trees(),
  'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

const PY_DENSE = `
import sys, json, time, resource, numpy as np, lightgbm as lgb
d, params = sys.argv[1], json.loads(sys.argv[2])
h = json.load(open(d + '/mld.json'))
X = np.fromfile(d + '/mld.X.f32', dtype='<f4').reshape(h['rows'], h['cols']); y = np.fromfile(d + '/mld.y.f64')
rounds = params.pop('num_iterations')
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
t0, c0 = time.perf_counter(), cpu()
b = lgb.train({**params, 'objective': 'binary', 'verbose': -1}, lgb.Dataset(X, y), rounds)
fit, fitCpu = time.perf_counter() - t0, cpu() - c0
p = b.predict(X)
ll = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
print(json.dumps({'fit': fit, 'fitCpu': fitCpu, 'trees': b.num_trees(), 'trainLogloss': ll,
  'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

/** Case (a'): the pipeline's train matrix — ml-100k split 80/10/10 by time, abt's dense features fitted on train. */
async function writeMlDense(dir) {
  const dist = (pkg) => import(pathToFileURL(path.join(here, `../../${pkg}/dist/index.js`)).href);
  const { loadMovieLens, labelRatings, splitByTime } = await dist('data');
  const { fitFeatureSpec } = await dist('features');
  const ds = await loadMovieLens(zip);
  const { train } = splitByTime(labelRatings(ds.ratings));
  const spec = fitFeatureSpec({ train, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) }, { kind: 'dense' });
  const { X } = spec.transformTrain();
  const y = Float64Array.from(train.label);
  // the dense feature matrix is Float32 (as the pipeline hands it to the models)
  writeFileSync(path.join(dir, 'mld.X.f32'), new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
  writeFileSync(path.join(dir, 'mld.y.f64'), new Uint8Array(y.buffer));
  writeFileSync(path.join(dir, 'mld.json'), JSON.stringify({ rows: X.rows, cols: X.cols }));
  return { rows: X.rows, cols: X.cols };
}

const PY_PB = `
import sys, json, time, resource, numpy as np, lightgbm as lgb
d, rows, vrows, cols, params = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), json.loads(sys.argv[5])
X = np.fromfile(d + '/pb.X.f64').reshape(rows, cols); y = np.fromfile(d + '/pb.y.f64')
Xv = np.fromfile(d + '/pb.vX.f64').reshape(vrows, cols); yv = np.fromfile(d + '/pb.vy.f64')
rounds, stop = params.pop('num_iterations'), params.pop('early_stopping_round')
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
t0, c0 = time.perf_counter(), cpu()
train = lgb.Dataset(X, y)
b = lgb.train({**params, 'objective': 'binary', 'verbose': -1}, train, rounds, valid_sets=[lgb.Dataset(Xv, yv, reference=train)],
  callbacks=[lgb.early_stopping(stop, verbose=False)])
print(json.dumps({'fit': time.perf_counter() - t0, 'fitCpu': cpu() - c0, 'bestIteration': b.best_iteration,
  'validLogloss': b.best_score['valid_0']['binary_logloss'], 'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

/** Case (d) data, written once for both sides. */
function writePolicyB(dir) {
  const t = policyB(PB_ROWS, 7);
  const v = policyB(Math.round(PB_ROWS / 4), 8);
  writeFileSync(path.join(dir, 'pb.X.f64'), new Uint8Array(t.X.data.buffer));
  writeFileSync(path.join(dir, 'pb.y.f64'), new Uint8Array(t.y.buffer));
  writeFileSync(path.join(dir, 'pb.vX.f64'), new Uint8Array(v.X.data.buffer));
  writeFileSync(path.join(dir, 'pb.vy.f64'), new Uint8Array(v.y.buffer));
}

const cpuSeconds = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

async function child(task, dir, params) {
  const { GBDT } = await import(pathToFileURL(path.join(here, '../dist/index.js')).href);
  const readBin = (f, T) => {
    const b = readFileSync(path.join(dir, f));
    return new T(b.buffer, b.byteOffset, b.byteLength / T.BYTES_PER_ELEMENT);
  };
  const out = {};
  /** Fits on X, y (and `fitOptions`), recording wall and CPU seconds of the fit in `out`. */
  const timedFit = (X, y, fitOptions) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const m = new GBDT(params).fit(X, y, fitOptions);
    out.fit = (performance.now() - t0) / 1000;
    out.fitCpu = cpuSeconds(c0);
    out.trees = m.numTrees;
    out.threads = m.numThreadsUsed;
    return m;
  };
  const meanLogLoss = (p, y) => {
    let ll = 0;
    for (let i = 0; i < y.length; i++) ll -= y[i] ? Math.log(p[i]) : Math.log(1 - p[i]);
    return ll / y.length;
  };
  if (task === 'synth') {
    const X = { rows: ROWS, cols: COLS, data: readBin('X.f32', Float32Array) };
    const y = readBin('y.f32', Float32Array);
    const m = timedFit(X, y);
    const t0 = performance.now();
    const c1 = process.cpuUsage();
    const p = m.predictProba(X);
    out.predict = (performance.now() - t0) / 1000;
    out.predictCpu = cpuSeconds(c1);
    out.trainLogloss = meanLogLoss(p, y);
  } else if (task === 'mldense') {
    const h = JSON.parse(readFileSync(path.join(dir, 'mld.json'), 'utf8'));
    const X = { rows: h.rows, cols: h.cols, data: readBin('mld.X.f32', Float32Array) };
    const y = readBin('mld.y.f64', Float64Array);
    out.trainLogloss = meanLogLoss(timedFit(X, y).predictProba(X), y);
  } else if (task === 'pb') {
    const cols = 66;
    const rows = PB_ROWS;
    const vrows = Math.round(PB_ROWS / 4);
    const X = { rows, cols, data: readBin('pb.X.f64', Float64Array) };
    const valid = { X: { rows: vrows, cols, data: readBin('pb.vX.f64', Float64Array) }, y: readBin('pb.vy.f64', Float64Array) };
    const m = timedFit(X, readBin('pb.y.f64', Float64Array), { valid });
    out.bestIteration = m.bestIteration;
    out.validLogloss = m.validHistory[m.bestIteration - 1];
    out.rounds = m.validHistory.length;
  } else {
    const h = JSON.parse(readFileSync(path.join(dir, 'header.json'), 'utf8')).splits.train;
    const X = { rows: h.rows, cols: h.cols, indptr: readBin('train.indptr.i32', Int32Array), indices: readBin('train.indices.i32', Int32Array), data: readBin('train.data.f64', Float64Array) };
    timedFit(X, readBin('train.y.f64', Float64Array));
  }
  out.maxRssMB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(out));
}

// OpenMP threads that spin while waiting collapse on an oversubscribed (shared) machine; passive
// waiting is LightGBM's best setting there and changes nothing on an idle one.
const pyEnv = { ...process.env, OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' };
const runJson = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: pyEnv });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
};
const abtChild = (task, dir, params) => runJson(process.execPath, [fileURLToPath(import.meta.url), '--child', task, dir, JSON.stringify(params)]);
const fmt = (x, d = 2) => x.toFixed(d);

export async function run() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-bench-'));
  try {
    console.log(`cpus: ${os.cpus().length}, load: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    // (a) ml-100k
    const ml = path.join(work, 'ml100k');
    execFileSync(python, [path.join(here, '../test/interop/original_features.py'), zip, ml], { stdio: 'inherit' });
    const mlParams = { num_leaves: 64, ...ORIGINAL, num_iterations: 500 };
    const aMl = abtChild('ml', ml, mlParams);
    const lMl = runJson(python, ['-c', PY_ML, ml, JSON.stringify({ ...mlParams, num_threads: 2 })]);
    console.log(`(a) ml-100k one-hot CSR, 500 rounds: abt ${fmt(aMl.fit)} s, LightGBM(2 threads) ${fmt(lMl.fit)} s, ratio ${fmt(aMl.fit / lMl.fit)}x (CPU s: abt ${fmt(aMl.fitCpu)}, LightGBM ${fmt(lMl.fitCpu)}); RSS abt ${fmt(aMl.maxRssMB, 0)} MB, LightGBM ${fmt(lMl.maxRssMB, 0)} MB`);
    // (a') ml-100k, abt's dense features
    const mld = await writeMlDense(work);
    const aD = abtChild('mldense', work, mlParams);
    const lD = runJson(python, ['-c', PY_DENSE, work, JSON.stringify({ ...mlParams, num_threads: 2 })]);
    console.log(`(a') ml-100k dense (abt's default features, ${mld.rows} x ${mld.cols}), 500 rounds: abt ${fmt(aD.fit)} s, LightGBM(2 threads) ${fmt(lD.fit)} s, ratio ${fmt(aD.fit / lD.fit)}x (goal <= 2.0x, target 1.5x; CPU s: abt ${fmt(aD.fitCpu)}, LightGBM ${fmt(lD.fitCpu)}); train logloss abt ${fmt(aD.trainLogloss, 4)}, LightGBM ${fmt(lD.trainLogloss, 4)}; RSS abt ${fmt(aD.maxRssMB, 0)} MB, LightGBM ${fmt(lD.maxRssMB, 0)} MB`);
    // (b) + (c) synthetic
    writeSynthetic(work, ROWS);
    const sParams = { num_leaves: 64, ...ORIGINAL, num_iterations: 100 };
    const aS = abtChild('synth', work, sParams);
    const lS = runJson(python, ['-c', PY_SYNTH, work, String(ROWS), String(COLS), JSON.stringify({ ...sParams, num_threads: 2 })]);
    console.log(`(b) synthetic ${ROWS} x ${COLS}, 100 rounds, 64 leaves: abt (${aS.threads} threads) ${fmt(aS.fit)} s, LightGBM ${lS.version} (2 threads) ${fmt(lS.fit)} s, ratio ${fmt(aS.fit / lS.fit)}x (goal <= 2.0x, target 1.5x); CPU s: abt ${fmt(aS.fitCpu)}, LightGBM ${fmt(lS.fitCpu)}`);
    console.log(`    peak RSS abt ${fmt(aS.maxRssMB, 0)} MB (goal < 1024), LightGBM ${fmt(lS.maxRssMB, 0)} MB; train logloss abt ${fmt(aS.trainLogloss, 4)}, LightGBM ${fmt(lS.trainLogloss, 4)}`);
    console.log(`(c) predict ${ROWS} rows, ${aS.trees} trees x 64 leaves, one core: abt ${fmt(ROWS / aS.predict / 1e6)} M rows/s (goal >= 1.0), LightGBM(1 thread) ${fmt(ROWS / lS.predict / 1e6)} M rows/s, ratio ${fmt(lS.predict / aS.predict)}x of LightGBM's speed; per CPU second: abt ${fmt(ROWS / aS.predictCpu / 1e6)} M, LightGBM ${fmt(ROWS / lS.predictCpu / 1e6)} M rows`);
    // (d) Policy B as the pipeline trains it
    if (PB_ROWS > 0) {
      rmSync(path.join(work, 'X.f32'), { force: true });
      writePolicyB(work);
      const aP = abtChild('pb', work, { ...POLICY_B_PARAMS, num_threads: 2 });
      const lP = runJson(python, ['-c', PY_PB, work, String(PB_ROWS), String(Math.round(PB_ROWS / 4)), '66', JSON.stringify({ ...POLICY_B_PARAMS, num_threads: 2 })]);
      console.log(`(d) Policy B fit, ${PB_ROWS} x 66 dense Float64 + valid, early stopping 50: abt (${aP.threads} threads) ${fmt(aP.fit)} s, best iteration ${aP.bestIteration}, LightGBM (2 threads) ${fmt(lP.fit)} s, best iteration ${lP.bestIteration}, ratio ${fmt(aP.fit / lP.fit)}x; CPU s: abt ${fmt(aP.fitCpu)}, LightGBM ${fmt(lP.fitCpu)} (${fmt(aP.fitCpu / lP.fitCpu)}x)`);
      console.log(`    ${aP.rounds} rounds, ${fmt((1000 * aP.fit) / aP.rounds, 0)} ms per round; valid log loss abt ${fmt(aP.validLogloss, 5)}, LightGBM ${fmt(lP.validLogloss, 5)}; peak RSS abt ${fmt(aP.maxRssMB, 0)} MB, LightGBM ${fmt(lP.maxRssMB, 0)} MB`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], JSON.parse(process.argv[5]));
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
