#!/usr/bin/env node
// `node --expose-gc apps/pipeline/bench/memory-steps.mjs [ratings]` (default 25,000,000): where memory goes
// before the fits — the prepare stage's calls (generateSynthetic, labelRatings, splitByTime) and the train
// stage's feature building (FeatureSpec fit, transformTrain into shared memory as the pipeline does with a fit
// worker, transform of valid and test), one line per step: RSS, peak RSS, ArrayBuffer bytes, seconds.
// Imports the built dists (`pnpm build` first). Not part of `pnpm bench`: a probe for finding memory peaks.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packages = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages');
const dist = (p) => import(pathToFileURL(path.join(packages, p, 'dist/index.js')).href);
const { generateSynthetic, labelRatings, splitByTime } = await dist('data');
const { FeatureSpec } = await dist('features');

const N = Number(process.argv[2] ?? 25_000_000);
const t0 = performance.now();
const mb = (b) => `${(b / 2 ** 20).toFixed(0).padStart(6)} MB`;
const step = (name) => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  console.log(
    `${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${name.padEnd(30)} rss ${mb(m.rss)}  peak ${mb(process.resourceUsage().maxRSS * 1024)}  arrayBuffers ${mb(m.arrayBuffers)}`,
  );
};

step('start');
// the pipeline's synthetic defaults: users = ratings / 100, movies = ratings / 60, seed 42
let ds = await generateSynthetic({ ratings: N, users: Math.max(50, Math.round(N / 100)), movies: Math.max(50, Math.round(N / 60)), seed: 42 });
step('generateSynthetic');
const split = splitByTime(labelRatings(ds.ratings));
const { movies, users } = ds;
ds = undefined;
step('labelRatings + splitByTime');
const spec = new FeatureSpec({ kind: 'dense' }).fit({ train: split.train, movies, users });
step('FeatureSpec fit');
const cols = spec.featureNames.length;
const shared = (rows) => ({ out: new Float32Array(new SharedArrayBuffer(rows * cols * 4)) });
const train = spec.transformTrain(shared(split.train.length));
step(`transformTrain ${train.X.rows} x ${cols}`);
const valid = spec.transform(split.valid, shared(split.valid.length));
step(`transform(valid) ${valid.X.rows}`);
const test = spec.transform(split.test);
step(`transform(test) ${test.X.rows}`);
