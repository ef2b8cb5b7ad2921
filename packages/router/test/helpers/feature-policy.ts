// A policy over a real FeatureSpec (tiny synthetic MovieLens-shaped tables) whose score is a
// feature, so tests can see feedback change what is served.
import { type FeatureSpec, fitFeatureSpec } from '@abt/features';
import { createFeaturizedPolicy, type Policy } from '../../src/index';

export function tinySpec(): FeatureSpec {
  const n = 200;
  const train = {
    length: n,
    userId: new Int32Array(n),
    movieId: new Int32Array(n),
    rating: new Float32Array(n),
    timestamp: new Float64Array(n),
    label: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    train.userId[i] = 1 + (i % 7);
    train.movieId[i] = 10 * (1 + (i % 5));
    train.rating[i] = 1 + ((i * 3) % 5);
    train.label[i] = train.rating[i]! >= 4 ? 1 : 0;
    train.timestamp[i] = 880_000_000 + 60 * i;
  }
  const ids = [10, 20, 30, 40, 50];
  const genres = new Uint8Array(ids.length * 2).map((_, k) => (k % 3 === 0 ? 1 : 0));
  const movies = {
    length: 5,
    movieId: Int32Array.from(ids),
    title: ids.map(String),
    year: Float32Array.from(ids, () => 1990),
    releaseTimestamp: Float64Array.from(ids, () => Number.NaN),
    genreNames: ['Action', 'Drama'],
    genres,
  };
  return fitFeatureSpec({ train, movies } as never);
}

/** Score = the user's interaction count feature (log1p), so feedback visibly moves it. */
export function userCountPolicy(spec: FeatureSpec, name = 'count', modelVersion = '1'): Policy {
  const col = spec.featureNames.indexOf('user_count_log1p');
  return createFeaturizedPolicy({
    name,
    modelVersion,
    featureSpec: spec,
    model: {
      predictProba: (X: unknown) => {
        const m = X as { rows: number; cols: number; data: Float32Array };
        return Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + col] as number);
      },
    },
  });
}
