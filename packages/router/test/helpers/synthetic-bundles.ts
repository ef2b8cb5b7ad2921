// Real abt policies on a small synthetic MovieLens-shaped table: FeatureSpec + LogisticRegression
// and FeatureSpec + GBDT, saved as MLflow bundles and registered with aliases in a memory registry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fitFeatureSpec } from '@abt/features';
import { GBDT, LogisticRegression } from '@abt/models';
import { MemoryRegistryStore, type ResolveContext, saveBundle } from '@abt/registry';

/** The memory store cannot check artifact containment; a run id makes local sources acceptable. */
export const RUN_ID = 'a'.repeat(32);

export function syntheticTables(seed = 7, nUsers = 60, nMovies = 40, nRatings = 3000) {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const genreNames = ['Action', 'Comedy', 'Drama'];
  const genres = new Uint8Array(nMovies * 3);
  for (let m = 0; m < nMovies; m++) genres[m * 3 + (m % 3)] = 1;
  const movies = {
    length: nMovies,
    movieId: Int32Array.from({ length: nMovies }, (_, i) => i + 1),
    title: Array.from({ length: nMovies }, (_, i) => `Movie ${i + 1}`),
    year: new Float32Array(nMovies).fill(1995),
    releaseTimestamp: new Float64Array(nMovies).fill(Number.NaN),
    genreNames,
    genres,
  };
  const userId = new Int32Array(nRatings);
  const movieId = new Int32Array(nRatings);
  const rating = new Float32Array(nRatings);
  const timestamp = new Float64Array(nRatings);
  const label = new Uint8Array(nRatings);
  for (let i = 0; i < nRatings; i++) {
    userId[i] = 1 + Math.floor(rnd() * nUsers);
    movieId[i] = 1 + Math.floor(rnd() * nMovies);
    // Movies with even ids are liked more: a signal both models can learn.
    const p = movieId[i]! % 2 === 0 ? 0.8 : 0.3;
    label[i] = rnd() < p ? 1 : 0;
    rating[i] = label[i] ? 4 : 2;
    timestamp[i] = 880_000_000 + i * 60;
  }
  return { train: { length: nRatings, userId, movieId, rating, timestamp, label }, movies };
}

export async function registerPolicies(): Promise<{
  context: ResolveContext;
  registry: MemoryRegistryStore;
  root: string;
  saveVersion: (kind: 'lr' | 'gbdt', tag: string) => Promise<string>;
}> {
  const root = mkdtempSync(path.join(tmpdir(), 'abt-router-bundles-'));
  const { train, movies } = syntheticTables();
  const spec = fitFeatureSpec({ train, movies }, { kind: 'onehot' });
  const { X } = spec.transformTrain();
  const registry = new MemoryRegistryStore();
  await registry.createRegisteredModel('movielens_ctr_ab');
  const saveVersion = async (kind: 'lr' | 'gbdt', tag: string) => {
    const dir = path.join(root, `${kind}-${tag}`);
    if (kind === 'lr') {
      const model = new LogisticRegression({ max_iter: 50 }).fit(X, train.label, { featureNames: spec.featureNames });
      await saveBundle(dir, {
        files: { 'model.json': JSON.stringify(model.toJSON()), 'feature_spec.json': JSON.stringify(spec.toJSON()) },
        abt: { modelClass: model.kind, data: 'model.json', featureSpec: 'feature_spec.json' },
      });
    } else {
      const model = new GBDT({ num_iterations: 30, learning_rate: 0.3, num_leaves: 8, min_data_in_leaf: 10 }).fit(X, train.label, {
        featureNames: spec.featureNames,
      });
      await saveBundle(dir, {
        files: { 'model.lgb': model.toLightGBMText(), 'feature_spec.json': JSON.stringify(spec.toJSON()) },
        abt: { modelClass: model.kind, data: 'model.lgb', featureSpec: 'feature_spec.json' },
        lightgbm: { data: 'model.lgb' },
      });
    }
    return (await registry.createModelVersion({ name: 'movielens_ctr_ab', source: dir, runId: RUN_ID })).version;
  };
  const context = { registry, tracking: {} as ResolveContext['tracking'], cacheDir: path.join(root, 'cache') };
  return { context, registry, root, saveVersion };
}
