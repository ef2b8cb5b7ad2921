#!/usr/bin/env node
// @abt/features benchmark (`pnpm bench features`): fit + transform times on ml-100k and on a
// 1M-row synthetic table, against scikit-learn / pandas measured in the same run (venv python).
// Imports the built dist/. Figures are the median [min–max] of the harness's runs (scripts/bench/harness.mjs),
// the references' alike. Never fails on timing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { labelRatings, loadMovieLens, splitByTime } from '@abt/data';
import { fitFeatureSpec } from '../dist/index.js';
import { createBench, referenceEnv, RUNS, summarize } from '../../../scripts/bench/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const zip = process.env.ABT_ML100K ?? path.resolve(root, '../shared/data/movielens/ml-100k.zip');
const python = process.env.ABT_PYTHON ?? path.join(root, '.venv/bin/python');

/** `reps` runs: their times in ms (`runs`), the median (`ms`) and the last result. */
function time(fn, reps = RUNS) {
  const runs = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    out = fn();
    runs.push(performance.now() - t);
  }
  return { ms: summarize(runs).median, runs, out };
}
const h = createBench('features', { python });
const sec = (t) => t.runs.map((ms) => ms / 1000);

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** ml-1m-sized synthetic table: 6040 users, 3706 movies, 18 genres, time-ordered with ties. */
function synthetic(n, seed) {
  const r = rng(seed);
  const nu = 6040;
  const nm = 3706;
  const g = 18;
  const ratings = {
    length: n,
    userId: new Int32Array(n),
    movieId: new Int32Array(n),
    rating: new Float32Array(n),
    timestamp: new Float64Array(n),
    label: new Uint8Array(n),
  };
  let t = 956_703_932;
  for (let i = 0; i < n; i++) {
    ratings.userId[i] = 1 + Math.floor(r() * nu);
    ratings.movieId[i] = 1 + Math.floor(r() ** 2 * nm);
    ratings.rating[i] = 1 + Math.floor(r() * 5);
    ratings.label[i] = ratings.rating[i] >= 4 ? 1 : 0;
    if (r() < 0.7) t += Math.floor(r() * 60);
    ratings.timestamp[i] = t;
  }
  const genres = new Uint8Array(nm * g);
  for (let k = 0; k < nm * g; k++) genres[k] = r() < 0.12 ? 1 : 0;
  const movies = {
    length: nm,
    movieId: Int32Array.from({ length: nm }, (_, i) => i + 1),
    title: Array.from({ length: nm }, (_, i) => `m${i + 1}`),
    year: Float32Array.from({ length: nm }, () => 1930 + Math.floor(r() * 70)),
    releaseTimestamp: new Float64Array(nm).fill(NaN),
    genreNames: Array.from({ length: g }, (_, i) => `g${i}`),
    genres,
  };
  const occ = Array.from({ length: 21 }, (_, i) => `o${i}`);
  const users = {
    length: nu,
    userId: Int32Array.from({ length: nu }, (_, i) => i + 1),
    age: Int32Array.from({ length: nu }, () => 18 + Math.floor(r() * 50)),
    gender: { codes: Int32Array.from({ length: nu }, () => (r() < 0.7 ? 0 : 1)), values: ['M', 'F'] },
    occupation: { codes: Int32Array.from({ length: nu }, () => Math.floor(r() * 21)), values: occ },
    zip: { codes: new Int32Array(nu), values: ['0'] },
  };
  return { ratings, movies, users };
}

const slice = (t, a, b) => ({
  length: b - a,
  userId: t.userId.subarray(a, b),
  movieId: t.movieId.subarray(a, b),
  rating: t.rating.subarray(a, b),
  timestamp: t.timestamp.subarray(a, b),
  label: t.label.subarray(a, b),
});
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const ds = await loadMovieLens(zip);
const { train, test } = splitByTime(labelRatings(ds.ratings));
const { movies, users } = ds;
console.log(`ml-100k: ${train.length} train rows, ${test.length} test rows`);

const fitDense = time(() => fitFeatureSpec({ train, movies, users }));
const spec = fitDense.out;
const trainX = time(() => spec.transformTrain());
const testX = time(() => spec.transform(test));
const reqs = Array.from({ length: 1000 }, (_, i) => ({ userId: test.userId[i], movieId: test.movieId[i], timestamp: test.timestamp[i] }));
const single = time(() => {
  for (const q of reqs) spec.transformRequests([q]);
});
const onehot = time(() => {
  const s = fitFeatureSpec({ train, movies, users }, { kind: 'onehot' });
  return [s.transformTrain(), s.transform(test)];
});
const json = time(() => JSON.stringify(spec.toJSON()));
console.log(
  `dense (${trainX.out.X.cols} cols): fit ${fmt(fitDense.ms)}, transformTrain ${fmt(trainX.ms)}, transform(test) ${fmt(testX.ms)}; fit+transforms ${fmt(fitDense.ms + trainX.ms + testX.ms)}`,
);
console.log(
  `dense single request: ${((single.ms / reqs.length) * 1000).toFixed(1)} µs each; spec JSON ${(json.out.length / 1024).toFixed(0)} KiB in ${fmt(json.ms)}`,
);
console.log(`onehot (${onehot.out[0].X.cols} cols): fit + transformTrain + transform(test) ${fmt(onehot.ms)}`);

const N = 1_000_000;
const big = synthetic(N, 42);
const cut = Math.floor(N * 0.9);
const bigTrain = slice(big.ratings, 0, cut);
const bigTest = slice(big.ratings, cut, N);
const bigFit = time(() => fitFeatureSpec({ train: bigTrain, movies: big.movies, users: big.users }));
const bigTrainX = time(() => bigFit.out.transformTrain());
const bigTestX = time(() => bigFit.out.transform(bigTest));
const cpu0 = process.cpuUsage();
const bigAll = time(() => fitFeatureSpec({ train: big.ratings, movies: big.movies, users: big.users }).transformTrain());
const bigAllCpu = process.cpuUsage(cpu0);
console.log(
  `1M synthetic (${bigTrainX.out.X.cols} cols): fit(900k) ${fmt(bigFit.ms)}, transformTrain(900k) ${fmt(bigTrainX.ms)}, transform(100k) ${fmt(bigTestX.ms)}`,
);
console.log(`1M synthetic: fit + transformTrain on all 1M rows ${fmt(bigAll.ms)} wall, ${fmt((bigAllCpu.user + bigAllCpu.system) / 1000)} CPU`);
// Wall time is noisy on a shared machine; CPU time and peak RSS compare runs more reliably.
const usage = process.resourceUsage();
console.log(`process: ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(2)} s CPU, peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MB`);

h.figure({
  name: 'dense fit + transformTrain + transform(test), ml-100k',
  unit: 's',
  abt: fitDense.runs.map((f, i) => (f + trainX.runs[i] + testX.runs[i]) / 1000),
  goal: 'none',
});
h.figure({ name: 'dense transformRequests, one request', unit: 'µs', abt: single.runs.map((ms) => (ms / reqs.length) * 1000), goal: 'none' });
if (!existsSync(python)) {
  console.log(`(no reference: ${python} not found; run scripts/venv.sh)`);
  h.figure({ name: 'dense fit + transformTrain, 1M synthetic', unit: 's', abt: sec(bigAll), goal: 'none' });
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'abt-features-bench-'));
  try {
    const w = (name, a) => writeFileSync(path.join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    const g = movies.genreNames.length;
    const genresOf = (t) => {
      const at = new Map(Array.from(movies.movieId, (id, i) => [id, i]));
      const out = new Uint8Array(t.length * g);
      for (let i = 0; i < t.length; i++) {
        const k = at.get(t.movieId[i]);
        if (k !== undefined) out.set(movies.genres.subarray(k * g, (k + 1) * g), i * g);
      }
      return out;
    };
    for (const [p, t] of [
      ['ml100k-train', train],
      ['ml100k-test', test],
    ]) {
      w(`${p}.userId`, t.userId);
      w(`${p}.movieId`, t.movieId);
      w(`${p}.genres`, genresOf(t));
    }
    for (const c of ['userId', 'movieId', 'rating', 'timestamp', 'label']) w(`big.${c}`, big.ratings[c]);
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ genres: g, big_rows: N }));
    const refRuns = Array.from({ length: RUNS }, () =>
      JSON.parse(
        execFileSync(python, [path.join(here, 'reference.py'), dir], { encoding: 'utf8', env: referenceEnv() })
          .trim()
          .split('\n')
          .pop(),
      ),
    );
    const ref = refRuns.at(-1);
    h.figure({
      name: 'onehot fit + transformTrain + transform(test), ml-100k',
      unit: 's',
      abt: sec(onehot),
      ref: { name: 'scikit-learn OneHotEncoder + hstack', values: refRuns.map((r) => r.sklearn_onehot_ml100k_s) },
      goal: 'none',
    });
    h.figure({
      name: 'dense fit + transformTrain, 1M synthetic',
      unit: 's',
      abt: sec(bigAll),
      ref: { name: "pandas expanding user/movie aggregates (8 of abt's columns)", values: refRuns.map((r) => r.pandas_expanding_1m_s) },
      goal: 'none',
    });
    const ours = onehot.ms / 1000;
    console.log(
      `reference scikit-learn OneHotEncoder+hstack on ml-100k: ${fmt(ref.sklearn_onehot_ml100k_s * 1000)} (${ref.sklearn_onehot_cols} cols) → abt onehot is ${(ref.sklearn_onehot_ml100k_s / ours).toFixed(1)}x faster`,
    );
    const oursBig = bigAll.ms / 1000;
    console.log(
      `reference pandas expanding user/movie aggregates (8 of abt's ${bigTrainX.out.X.cols} columns) on 1M: ${fmt(ref.pandas_expanding_1m_s * 1000)} → abt full dense fit+transformTrain is ${(ref.pandas_expanding_1m_s / oursBig).toFixed(2)}x that speed`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
