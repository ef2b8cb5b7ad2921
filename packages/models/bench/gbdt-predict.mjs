// GBDT prediction benchmark, case (c) (`pnpm bench models`, or `node bench/gbdt-predict.mjs` after
// `npx tsup`): 100 trees x 64 leaves trained by abt on synthetic dense data, then predicted on
// 1,000,000 rows x 30 features on ONE core (Float32, Float64 and CSR input), against LightGBM's
// single-thread predict of the same model (exported with toLightGBMText) on the same rows, measured
// in the same run. Every figure is the median of BENCH_REPEATS calls (default 3) with [min–max];
// ratios compare medians (goals: dense >= 15x LightGBM's speed, CSR >= 10x). Also a breakdown
// (input binning / tree walk / sigmoid; for CSR binning / walk), peak RSS, and checks that every prediction equals the
// exact float walk bit for bit and LightGBM's raw score exactly. Never fails on timing; exits
// non-zero only when predictions disagree.
// Env: ABT_PYTHON (default <repo>/.venv/bin/python), PREDICT_BENCH_ROWS (default 1e6),
//      PREDICT_BENCH_TRAIN_ROWS (default 200000), BENCH_REPEATS (default 3),
//      PREDICT_BENCH_MODEL (a LightGBM text model to load instead of training), PREDICT_BENCH_SAVE_MODEL (write the model there).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { synth30 } from './gbdt-data.mjs';
import { bench, loadLine, REPEATS, repeat, show, summarize } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const python = process.env.ABT_PYTHON ?? path.join(repoRoot, '.venv/bin/python');
const ROWS = Number(process.env.PREDICT_BENCH_ROWS ?? 1_000_000);
const TRAIN_ROWS = Number(process.env.PREDICT_BENCH_TRAIN_ROWS ?? 200_000);
const COLS = 30;
const PARAMS = {
  num_leaves: 64,
  num_iterations: 100,
  learning_rate: 0.05,
  feature_fraction: 0.8,
  bagging_fraction: 0.8,
  bagging_freq: 1,
  min_data_in_leaf: 50,
  seed: 7,
};

/** Case (b)'s generator (bench/gbdt-data.mjs): 30 dense Float32 features, a nonlinear logit. */
const synthetic = (rows, seed) => {
  const { X, y } = synth30(rows, seed);
  return { X: X.data, y };
};

/** CSR copy of dense rows (stored entries = the nonzeros). */
function toCsr(rows, cols, data) {
  let nnz = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) nnz++;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      if (v !== 0) {
        indices[k] = c;
        vals[k++] = v;
      }
    }
    indptr[r + 1] = k;
  }
  return { rows, cols, indptr, indices, data: vals };
}

// LightGBM: the same model on the same rows, one thread, every input kind; wall and CPU per call
const PY_PREDICT = `
import sys, json, time, resource, numpy as np, scipy.sparse as sp, lightgbm as lgb
model, xfile, rows, cols, csrfile, csrrows, out, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6]), sys.argv[7], int(sys.argv[8])
X32 = np.fromfile(xfile, dtype='<f4').reshape(rows, cols)
X64 = X32.astype('<f8')
C = sp.csr_matrix(np.fromfile(csrfile, dtype='<f4').reshape(csrrows, cols).astype('<f8'))
b = lgb.Booster(model_file=model)
cpu = lambda: sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
res = {'version': lgb.__version__}
for name, X in (('f32', X32), ('f64', X64), ('csr', C)):
    walls, cpus = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), cpu(); raw = b.predict(X, raw_score=True, num_threads=1); walls.append(time.perf_counter() - t0); cpus.append(cpu() - c0)
    res[name] = {'wall': walls, 'cpu': cpus}
    if name == 'f32': raw.astype('<f8').tofile(out)
res['maxRssMB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(res))
`;

const cpuSeconds = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
};

/** `fn` timed REPEATS times: wall and CPU seconds per call (median [min–max] via summarize), and the last result. */
function timeIt(fn) {
  let result;
  const runs = repeat(() => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    result = fn();
    return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds(c0) };
  });
  return { wall: summarize(runs.map((r) => r.wall)), cpu: summarize(runs.map((r) => r.cpu)), result };
}

/** Rows per second from seconds per call, as a summary (min and max swap: the slowest call is the fewest rows/s). */
const rate = (rows, s) => ({ median: rows / s.median / 1e6, min: rows / s.max / 1e6, max: rows / s.min / 1e6 });

/**
 * The package's internal prediction stages, bundled from src with the esbuild that tsup uses, so
 * the breakdown times the same code the public API runs (dist exports only the public API).
 */
async function internals(work) {
  const req = createRequire(realpathSync(path.join(repoRoot, 'node_modules/tsup/package.json')));
  const esbuild = req('esbuild');
  const outfile = path.join(work, 'internals.mjs');
  await esbuild.build({
    entryPoints: [path.join(here, '../src/gbdt/predict/stages.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}

/** First row where a and b differ bitwise, or -1. */
function firstDiff(a, b) {
  const ua = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const ub = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < a.length; i++) if (ua[i] !== ub[i]) return i;
  return a.length === b.length ? -1 : a.length;
}

function maxAbsDiff(a, b) {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const fmt = (x, d = 2) => x.toFixed(d);
const mrows = (rows, s) => fmt(rows / s / 1e6);

export async function run() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-predict-bench-'));
  let failed = false;
  try {
    const { GBDT } = await import(pathToFileURL(path.join(here, '../dist/index.js')).href);
    console.log(loadLine(os));
    let model;
    if (process.env.PREDICT_BENCH_MODEL) {
      model = GBDT.fromLightGBMText(readFileSync(process.env.PREDICT_BENCH_MODEL, 'utf8'));
      console.log(`loaded ${model.numTrees} trees from ${process.env.PREDICT_BENCH_MODEL}`);
    } else {
      const train = synthetic(TRAIN_ROWS, 20240611);
      const t0 = performance.now();
      model = new GBDT(PARAMS).fit({ rows: TRAIN_ROWS, cols: COLS, data: train.X }, train.y);
      console.log(`trained ${model.numTrees} trees x ${PARAMS.num_leaves} leaves on ${TRAIN_ROWS} rows in ${fmt((performance.now() - t0) / 1000)} s`);
    }
    const text = model.toLightGBMText();
    if (process.env.PREDICT_BENCH_SAVE_MODEL) writeFileSync(process.env.PREDICT_BENCH_SAVE_MODEL, text);
    const modelFile = path.join(work, 'model.txt');
    writeFileSync(modelFile, text);

    const test = synthetic(ROWS, 777).X;
    const f32 = { rows: ROWS, cols: COLS, data: test };
    const f64 = { rows: ROWS, cols: COLS, data: Float64Array.from(test) };

    // the public API, one core (prediction never starts workers)
    const raw32 = timeIt(() => model.predictRaw(f32));
    const proba32 = timeIt(() => model.predictProba(f32));
    const raw64 = timeIt(() => model.predictRaw(f64));
    console.log(`Float32 dense predictRaw: ${show(rate(ROWS, raw32.wall), 'M rows/s')} wall, ${show(rate(ROWS, raw32.cpu), 'M rows per CPU s')}`);
    console.log(`Float32 dense predictProba: ${show(rate(ROWS, proba32.wall), 'M rows/s')} wall, ${show(rate(ROWS, proba32.cpu), 'M rows per CPU s')}`);
    console.log(`Float64 dense predictRaw: ${show(rate(ROWS, raw64.wall), 'M rows/s')} wall, ${show(rate(ROWS, raw64.cpu), 'M rows per CPU s')}`);
    const csrRows = Math.min(ROWS, 200_000);
    // half the values zeroed so CSR has real gaps (rows start from each feature's bin of 0)
    const sparse = test.slice(0, csrRows * COLS).map((v, i) => (((i * 2654435761) >>> 0) % 2 ? v : 0));
    const csr = toCsr(csrRows, COLS, sparse);
    const rawCsr = timeIt(() => model.predictRaw(csr));
    console.log(
      `CSR (${csrRows} rows, ${fmt(csr.indices.length / csrRows, 1)} nnz/row) predictRaw: ${show(rate(csrRows, rawCsr.wall), 'M rows/s')} wall, ${show(rate(csrRows, rawCsr.cpu), 'M rows per CPU s')}`,
    );

    // breakdown and exactness through the internal stages
    const st = await internals(work);
    const trees = st.parseTrees(text);
    const forest = st.compileForest(trees);
    // CPU time per stage: on a shared machine it is far steadier than wall time
    const cpuClock = () => {
      const c = process.cpuUsage();
      return (c.user + c.system) / 1000;
    };
    const b = st.breakdown(trees, f32, REPEATS, 'lanes', cpuClock);
    const sig = proba32.cpu.median - raw32.cpu.median;
    console.log(
      `breakdown (Float32, CPU s per ${ROWS} rows): prepare ${fmt(b.prepare, 4)}, input binning ${fmt(b.bin, 3)}, tree walk ${fmt(b.walk, 3)} (lane kernel), sigmoid ~${fmt(Math.max(0, sig), 3)} (predictProba - predictRaw); binning + walk = ${mrows(ROWS, b.bin + b.walk)} M rows per CPU s`,
    );
    const bw = st.breakdown(trees, f32, REPEATS, 'wasm', cpuClock);
    console.log(
      `    row-list kernel (forests beyond u8 lanes: > 256 leaves or > 255 thresholds per feature): input binning ${fmt(bw.bin, 3)}, tree walk ${fmt(bw.walk, 3)} CPU s (${fmt(bw.walk / b.walk)}x the lane walk); binning + walk = ${mrows(ROWS, bw.bin + bw.walk)} M rows per CPU s`,
    );
    const bj = st.breakdown(trees, f32, REPEATS, 'js', cpuClock);
    console.log(
      `    pure-JS fallback (no WebAssembly): input binning ${fmt(bj.bin, 3)}, tree walk ${fmt(bj.walk, 3)} CPU s (${fmt(bj.walk / b.walk)}x the lane walk); binning + walk = ${mrows(ROWS, bj.bin + bj.walk)} M rows per CPU s`,
    );
    const bc = st.laneBreakdown(trees, csr, REPEATS, cpuClock);
    console.log(
      `breakdown (CSR, CPU s per ${csrRows} rows): input binning ${fmt(bc.bin, 4)} (stored entries only), tree walk ${fmt(bc.walk, 4)} (lane kernel); binning + walk = ${mrows(csrRows, bc.bin + bc.walk)} M rows per CPU s`,
    );
    const exact32 = new Float64Array(ROWS);
    st.addRawScoresFloat(forest, f32, exact32);
    const exact64 = new Float64Array(ROWS);
    st.addRawScoresFloat(forest, f64, exact64);
    const exactCsr = new Float64Array(csrRows);
    st.addRawScoresFloat(forest, csr, exactCsr);
    const d32 = firstDiff(raw32.result, exact32);
    const d64 = firstDiff(raw64.result, exact64);
    const dCsr = firstDiff(rawCsr.result, exactCsr);
    console.log(
      `bit-identical to the exact float walk on every row: Float32 ${d32 < 0}, Float64 ${d64 < 0}, CSR ${dCsr < 0} (max abs diff ${maxAbsDiff(raw32.result, exact32)}, ${maxAbsDiff(raw64.result, exact64)}, ${maxAbsDiff(rawCsr.result, exactCsr)})`,
    );
    if (d32 >= 0 || d64 >= 0 || dCsr >= 0) failed = true;

    // LightGBM, same model and rows, one thread
    const xFile = path.join(work, 'X.f32');
    writeFileSync(xFile, new Uint8Array(test.buffer));
    const csrFile = path.join(work, 'csr.f32');
    writeFileSync(csrFile, new Uint8Array(sparse.buffer, sparse.byteOffset, sparse.byteLength));
    const outFile = path.join(work, 'lgb.f64');
    const r = spawnSync(python, ['-c', PY_PREDICT, modelFile, xFile, String(ROWS), String(COLS), csrFile, String(csrRows), outFile, String(REPEATS)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    if (r.status !== 0) throw new Error(`LightGBM predict failed: ${r.stderr}`);
    const lgbRes = JSON.parse(r.stdout.trim().split('\n').pop());
    const lb = readFileSync(outFile);
    const lgbRaw = new Float64Array(lb.buffer, lb.byteOffset, ROWS);
    const dl = maxAbsDiff(raw32.result, lgbRaw);
    const lgb = (kind, rows) => ({ wall: rate(rows, summarize(lgbRes[kind].wall)), cpu: rate(rows, summarize(lgbRes[kind].cpu)) });
    console.log(`LightGBM ${lgbRes.version} (1 thread) raw predict, and abt's speed as a multiple of it (medians):`);
    for (const [name, kind, rows, ours, goal] of [
      ['Float32 dense', 'f32', ROWS, raw32, 15],
      ['Float64 dense', 'f64', ROWS, raw64, 15],
      ['CSR', 'csr', csrRows, rawCsr, 10],
    ]) {
      const l = lgb(kind, rows);
      const a = { wall: rate(rows, ours.wall), cpu: rate(rows, ours.cpu) };
      console.log(
        `    ${name}: LightGBM ${show(l.wall, 'M rows/s')} wall, ${show(l.cpu, 'M rows per CPU s')}; abt ${fmt(a.wall.median / l.wall.median)}x wall, ${fmt(a.cpu.median / l.cpu.median)}x CPU (goal >= ${goal}x)`,
      );
      const perCall = (secs) => secs.map((w) => rows / w / 1e6);
      bench().figure({
        name: `(c) predictRaw ${name}, ${rows} rows, ${model.numTrees} trees, one core`,
        unit: 'M rows/s',
        abt: perCall(ours.wall.runs),
        ref: { name: `LightGBM ${lgbRes.version} 1 thread`, values: perCall(lgbRes[kind].wall) },
        goal: { ratio: `>= ${goal}` },
      });
    }
    console.log(`    max |abt - LightGBM| raw score (Float32 rows) = ${dl.toExponential(2)}`);
    if (!(dl === 0)) failed = true;
    console.log(
      `peak RSS: abt process ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB (holds Float32 + Float64 + CSR copies), LightGBM ${fmt(lgbRes.maxRssMB, 0)} MB`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (failed) {
    console.error('gbdt-predict: predictions disagree (see above)');
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
