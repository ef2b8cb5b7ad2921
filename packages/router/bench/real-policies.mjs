// Real abt policies for the benchmark: a FeatureSpec (dense, the default) with LogisticRegression
// and with GBDT, trained on a seeded MovieLens-shaped synthetic table (ml-100k sizes), so predict
// timings include featurization of raw requests exactly as serving does.
import { fitFeatureSpec } from '@abt/features';
import { GBDT, LogisticRegression } from '@abt/models';
import { createFeaturizedPolicy } from '../dist/index.js';

export function syntheticMovieLens({ seed = 42, users = 943, movies = 1682, ratings = 50_000 } = {}) {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const genreNames = Array.from({ length: 19 }, (_, g) => `g${g}`);
  const genres = new Uint8Array(movies * 19);
  const appeal = new Float64Array(movies);
  for (let m = 0; m < movies; m++) {
    genres[m * 19 + Math.floor(rnd() * 19)] = 1;
    appeal[m] = rnd() - 0.5;
  }
  const taste = Float64Array.from({ length: users }, () => rnd() - 0.5);
  const table = {
    length: ratings,
    userId: new Int32Array(ratings),
    movieId: new Int32Array(ratings),
    rating: new Float32Array(ratings),
    timestamp: new Float64Array(ratings),
    label: new Uint8Array(ratings),
  };
  for (let i = 0; i < ratings; i++) {
    const u = Math.floor(rnd() * users);
    const m = Math.floor(Math.sqrt(rnd()) * movies); // popular movies get more ratings
    table.userId[i] = u + 1;
    table.movieId[i] = m + 1;
    table.label[i] = rnd() < 1 / (1 + Math.exp(-3 * (appeal[m] + taste[u]))) ? 1 : 0;
    table.rating[i] = table.label[i] ? 4 : 2;
    table.timestamp[i] = 874_724_710 + i * 100;
  }
  const catalog = {
    length: movies,
    movieId: Int32Array.from({ length: movies }, (_, i) => i + 1),
    title: Array.from({ length: movies }, (_, i) => `m${i + 1}`),
    year: new Float32Array(movies).fill(1995),
    releaseTimestamp: new Float64Array(movies).fill(Number.NaN),
    genreNames,
    genres,
  };
  return { train: table, movies: catalog };
}

export function trainRealPolicies() {
  const { train, movies } = syntheticMovieLens();
  const spec = fitFeatureSpec({ train, movies });
  const { X } = spec.transformTrain();
  const lr = new LogisticRegression({ max_iter: 100 }).fit(X, train.label, { featureNames: spec.featureNames });
  const gbdt = new GBDT({ num_iterations: 100, num_leaves: 31, learning_rate: 0.1 }).fit(X, train.label, { featureNames: spec.featureNames });
  return {
    A: createFeaturizedPolicy({ name: 'PolicyA_LogReg', modelVersion: '1', model: lr, featureSpec: spec }),
    B: createFeaturizedPolicy({ name: 'PolicyB_GBDT', modelVersion: '2', model: gbdt, featureSpec: spec }),
  };
}
