import type { LabeledRatings } from '@abt/data';
import { describe, expect, it } from 'vitest';
import { movies, ratings, users } from '../test/helpers/synthetic';
import { FeatureSpec, FeaturesError, fitFeatureSpec, isCsr, loadFeatureSpec, type DenseMatrix, type FeatureSpecOptions } from './index';

const dense = (m: { X: unknown }): DenseMatrix => m.X as DenseMatrix;
const row = (m: DenseMatrix, i: number) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
const col = (names: readonly string[], name: string) => {
  const j = names.indexOf(name);
  if (j < 0) throw new Error(`no column ${name}`);
  return j;
};

/** Copy of `t` where every row with timestamp >= `from` gets the opposite label and another rating. */
function flipFrom(t: LabeledRatings, from: number): LabeledRatings {
  const label = t.label.slice();
  const rating = t.rating.slice();
  for (let i = 0; i < t.length; i++) {
    if (t.timestamp[i]! >= from) {
      label[i] = 1 - label[i]!;
      rating[i] = label[i] ? 5 : 1;
    }
  }
  return { ...t, label, rating };
}

const fitInput = (train: LabeledRatings) => ({ train, movies: movies(), users: users() });

describe('transformTrain is leak-free', () => {
  const train = ratings(400, 7);
  const options: FeatureSpecOptions[] = [{}, { userHistoryLagDays: 0.1 }, { dtype: 'float64' }];

  for (const o of options) {
    it(`a row's own label and later rows never change its features (${JSON.stringify(o)})`, () => {
      const base = dense(fitFeatureSpec(fitInput(train), o).transformTrain());
      for (const i of [0, 5, 57, 123, 250, 399]) {
        const flipped = dense(fitFeatureSpec(fitInput(flipFrom(train, train.timestamp[i]!)), o).transformTrain());
        expect(row(flipped, i)).toEqual(row(base, i));
      }
    });
  }

  it('the check above can fail: flipping strictly earlier rows does change a row', () => {
    const base = dense(fitFeatureSpec(fitInput(train), {}).transformTrain());
    // The latest row: everything before it is history.
    let last = 0;
    for (let i = 1; i < train.length; i++) if (train.timestamp[i]! > train.timestamp[last]!) last = i;
    const flipped = dense(fitFeatureSpec(fitInput(flipFrom(train, -Infinity)), {}).transformTrain());
    expect(row(flipped, last)).not.toEqual(row(base, last));
  });

  it('rows with equal timestamps do not see each other', () => {
    const t = 880_000_000;
    const same: LabeledRatings = {
      length: 3,
      userId: Int32Array.from([1, 1, 2]),
      movieId: Int32Array.from([10, 10, 10]),
      rating: Float32Array.from([5, 1, 4]),
      timestamp: Float64Array.from([t, t, t]),
      label: Uint8Array.from([1, 0, 1]),
    };
    const m = fitFeatureSpec(fitInput(same)).transformTrain();
    const X = dense(m);
    for (let i = 0; i < 3; i++) {
      expect(X.data[i * X.cols + col(m.featureNames, 'movie_count_log1p')]).toBe(0);
      expect(X.data[i * X.cols + col(m.featureNames, 'user_count_log1p')]).toBe(0);
      expect(X.data[i * X.cols + col(m.featureNames, 'movie_log1p_days_since_last')]).toBe(-1);
    }
    // A row one second later sees all three.
    const later = {
      ...same,
      length: 4,
      userId: Int32Array.from([1, 1, 2, 3]),
      movieId: Int32Array.from([10, 10, 10, 10]),
      rating: Float32Array.from([5, 1, 4, 2]),
      timestamp: Float64Array.from([t, t, t, t + 1]),
      label: Uint8Array.from([1, 0, 1, 0]),
    };
    const m2 = fitFeatureSpec(fitInput(later)).transformTrain();
    expect(dense(m2).data[3 * m2.X.cols + col(m2.featureNames, 'movie_count_log1p')]).toBeCloseTo(Math.log1p(3), 6);
  });

  it('userHistoryLagDays: a row sees its user history only once it is old enough; movie history at once', () => {
    const t = 880_000_000;
    const day = 86_400;
    const train: LabeledRatings = {
      length: 3,
      userId: Int32Array.from([1, 1, 1]),
      movieId: Int32Array.from([10, 10, 10]),
      rating: Float32Array.from([5, 1, 4]),
      timestamp: Float64Array.from([t, t + 60, t + 2 * day]),
      label: Uint8Array.from([1, 0, 1]),
    };
    const m = fitFeatureSpec(fitInput(train), { userHistoryLagDays: 1 }).transformTrain();
    const X = dense(m);
    const at = (i: number, name: string) => X.data[i * X.cols + col(m.featureNames, name)];
    expect(at(1, 'user_count_log1p')).toBe(0);
    expect(at(1, 'movie_count_log1p')).toBeCloseTo(Math.log1p(1), 6);
    expect(at(2, 'user_count_log1p')).toBeCloseTo(Math.log1p(2), 6);
  });

  it('row order of train does not matter beyond time: row i of the output is train row i', () => {
    const spec = fitFeatureSpec(fitInput(train));
    const perm = Array.from({ length: train.length }, (_, i) => train.length - 1 - i);
    const reversed: LabeledRatings = {
      length: train.length,
      userId: Int32Array.from(perm, (i) => train.userId[i]!),
      movieId: Int32Array.from(perm, (i) => train.movieId[i]!),
      rating: Float32Array.from(perm, (i) => train.rating[i]!),
      timestamp: Float64Array.from(perm, (i) => train.timestamp[i]!),
      label: Uint8Array.from(perm, (i) => train.label[i]!),
    };
    const a = dense(spec.transformTrain());
    const b = dense(fitFeatureSpec(fitInput(reversed)).transformTrain());
    // Only history/time features are order-free; within a timestamp group rows are symmetric.
    for (const i of [0, 10, 200]) expect(row(b, train.length - 1 - i)).toEqual(row(a, i));
  });
});

describe('transform, transformRequests and transformOnline', () => {
  const train = ratings(300, 11);
  const valid = ratings(80, 12, { userIds: [1, 2, 6, 99], movieIds: [10, 20, 60], t0: 890_000_000 });

  it('batch transform equals one request at a time, byte for byte', () => {
    const spec = fitFeatureSpec(fitInput(train));
    const batch = dense(spec.transform(valid));
    for (let i = 0; i < valid.length; i++) {
      const one = dense(spec.transformRequests([{ userId: valid.userId[i]!, movieId: valid.movieId[i]!, timestamp: valid.timestamp[i]! }]));
      expect(one.data).toEqual(batch.data.subarray(i * batch.cols, (i + 1) * batch.cols));
    }
  });

  it('transform ignores labels and ratings of the rows it featurizes', () => {
    const spec = fitFeatureSpec(fitInput(train));
    expect(dense(spec.transform(flipFrom(valid, -Infinity))).data).toEqual(dense(spec.transform(valid)).data);
  });

  it('a request without timestamp uses the last train timestamp (or the configured default)', () => {
    const end = Math.max(...train.timestamp);
    const spec = fitFeatureSpec(fitInput(train));
    expect(spec.transformRequests([{ userId: 1, movieId: 10 }]).X).toEqual(spec.transformRequests([{ userId: 1, movieId: 10, timestamp: end }]).X);
    const fixed = fitFeatureSpec(fitInput(train), { defaultTimestamp: 900_000_000 });
    expect(fixed.transformRequests([{ userId: 1, movieId: 10 }]).X).toEqual(fixed.transformRequests([{ userId: 1, movieId: 10, timestamp: 900_000_000 }]).X);
  });

  it('cold start: unknown users, unknown movies and missing catalog data give defined values, no NaN', () => {
    const spec = fitFeatureSpec(fitInput(train));
    const m = spec.transformRequests([
      { userId: 12345, movieId: 99999 }, // in no table
      { userId: 6, movieId: 40 }, // user in catalog but not in train; movie without year
      { userId: 1, movieId: 50 }, // movie without genres
      { userId: -3, movieId: 10, timestamp: 0 },
    ]);
    const X = dense(m);
    expect(X.data.some(Number.isNaN)).toBe(false);
    const at = (i: number, name: string) => X.data[i * X.cols + col(m.featureNames, name)];
    expect(at(0, 'movie_count_log1p')).toBe(0);
    expect(at(0, 'user_count_log1p')).toBe(0);
    expect(at(0, 'movie_log1p_days_since_last')).toBe(-1);
    expect(at(0, 'age')).toBe(-1);
    expect(at(0, 'release_year')).toBe(-1);
    expect(at(1, 'age')).toBe(60);
    expect(at(1, 'release_year')).toBe(-1);
    expect(at(0, 'movie_pos_rate')).toBeCloseTo(at(0, 'user_pos_rate')!, 6); // both the global rate
  });

  it('transformOnline: rows see train plus strictly earlier rows, never their own label', () => {
    const spec = fitFeatureSpec(fitInput(train));
    const online = dense(spec.transformOnline(valid));
    const first = Math.min(...valid.timestamp);
    const staticX = dense(spec.transform(valid));
    for (let i = 0; i < valid.length; i++) {
      if (valid.timestamp[i] === first) expect(row(online, i)).toEqual(row(staticX, i));
    }
    for (const i of [0, 17, 42, 79]) {
      const flipped = dense(spec.transformOnline(flipFrom(valid, valid.timestamp[i]!)));
      expect(row(flipped, i)).toEqual(row(online, i));
    }
    // It matches fitting on train ++ rows and reading those rows of transformTrain.
    const both = concat(train, valid);
    const all = dense(fitFeatureSpec(fitInput(both)).transformTrain());
    const n = train.length;
    // Column sets agree; history columns must match exactly.
    for (const i of [3, 30, 60]) expect(row(online, i)).toEqual(row(all, n + i));
  });

  it('transformOnline does not change the spec', () => {
    const spec = fitFeatureSpec(fitInput(train));
    const before = JSON.stringify(spec.toJSON());
    spec.transformOnline(valid);
    expect(JSON.stringify(spec.toJSON())).toBe(before);
  });
});

function concat(a: LabeledRatings, b: LabeledRatings): LabeledRatings {
  return {
    length: a.length + b.length,
    userId: Int32Array.from([...a.userId, ...b.userId]),
    movieId: Int32Array.from([...a.movieId, ...b.movieId]),
    rating: Float32Array.from([...a.rating, ...b.rating]),
    timestamp: Float64Array.from([...a.timestamp, ...b.timestamp]),
    label: Uint8Array.from([...a.label, ...b.label]),
  };
}

describe('serialization', () => {
  const train = ratings(300, 21);
  const valid = ratings(60, 22, { userIds: [1, 3, 6, 77], movieIds: [10, 30, 70], t0: 890_000_000 });

  for (const kind of ['dense', 'onehot'] as const) {
    it(`${kind}: JSON round trip gives byte-identical transforms`, () => {
      const spec = fitFeatureSpec(fitInput(train), { kind });
      const text = JSON.stringify(spec.toJSON());
      const loaded = loadFeatureSpec(JSON.parse(text));
      expect(JSON.stringify(loaded.toJSON())).toBe(text);
      expect(loaded.featureNames).toEqual(spec.featureNames);
      expect(loaded.transform(valid)).toEqual(spec.transform(valid));
      const reqs = [
        { userId: 1, movieId: 10 },
        { userId: 500, movieId: 30, timestamp: 895_000_000 },
      ];
      expect(loaded.transformRequests(reqs)).toEqual(spec.transformRequests(reqs));
      if (kind === 'dense') expect(loaded.transformOnline(valid)).toEqual(spec.transformOnline(valid));
    });
  }

  it('the JSON is versioned', () => {
    const json = fitFeatureSpec(fitInput(train)).toJSON();
    expect(json.format).toBe('abt-feature-spec');
    expect(json.formatVersion).toBe(2);
  });

  it('a version 1 spec (no residual state) still loads, with its 1 layout, and writes back as version 1', () => {
    const spec = fitFeatureSpec(fitInput(train));
    const v2 = spec.toJSON();
    const residual = ['user_residual', 'user_rating_residual', 'user_genre_residual'];
    const { userResidual: _r, userGenreResidual: _g, ...history } = v2.history!;
    const v1 = { ...v2, formatVersion: 1, history, featureNames: v2.featureNames.filter((n) => !residual.includes(n)) };
    const loaded = loadFeatureSpec(JSON.parse(JSON.stringify(v1)));
    expect(loaded.featureNames).toEqual(v1.featureNames);
    expect(JSON.stringify(loaded.toJSON())).toBe(JSON.stringify(v1));
    // Every version 1 column is computed as before: the new spec's output minus the residual columns.
    const keep = spec.featureNames.map((n, j) => (residual.includes(n) ? -1 : j)).filter((j) => j >= 0);
    const now = dense(spec.transform(valid));
    const old = dense(loaded.transform(valid));
    expect(old.cols).toBe(now.cols - 3);
    for (const i of [0, 17, 59]) expect(row(old, i)).toEqual(keep.map((j) => now.data[i * now.cols + j]));
    // Without the residual state a version 2 spec is refused, naming the field.
    expect(() => loadFeatureSpec({ ...v2, history })).toThrow(/history\.userResidual/);
  });

  it('unknown version or format, and malformed fields, throw INVALID_FORMAT naming the path', () => {
    const json = fitFeatureSpec(fitInput(train)).toJSON();
    const fails = (j: unknown, where: string) => {
      try {
        FeatureSpec.fromJSON(j);
      } catch (e) {
        expect(FeaturesError.isInstance(e)).toBe(true);
        expect((e as FeaturesError).code).toBe('INVALID_FORMAT');
        expect((e as FeaturesError).where).toBe(where);
        expect((e as Error).message).toContain(where);
        return;
      }
      throw new Error(`fromJSON accepted a spec broken at ${where}`);
    };
    fails({ ...json, formatVersion: 3 }, 'formatVersion');
    fails({ ...json, history: { ...json.history!, userGenreResidual: [1] } }, 'history.userGenreResidual');
    fails({ ...json, format: 'something-else' }, 'format');
    fails(null, '$');
    fails({ ...json, movies: { ...json.movies, year: [1] } }, 'movies.year');
    fails({ ...json, history: { ...json.history!, movies: { ...json.history!.movies, count: ['x'] } } }, 'history.movies.count');
    fails({ ...json, options: { ...json.options, priorStrength: -1 } }, 'options.priorStrength');
    fails({ ...json, featureNames: ['a'] }, 'featureNames');
  });
});

describe('user residual features', () => {
  it('residuals are measured against the movie as of strictly before the interaction, shrunk toward 0', () => {
    const train: LabeledRatings = {
      length: 3,
      userId: Int32Array.from([2, 3, 1]),
      movieId: Int32Array.from([10, 10, 10]),
      rating: Float32Array.from([5, 5, 1]),
      timestamp: Float64Array.from([1, 2, 3]),
      label: Uint8Array.from([1, 1, 0]),
    };
    const spec = fitFeatureSpec({ train, movies: movies(), users: users() }, { priorStrength: 1, dtype: 'float64' });
    const names = spec.featureNames;
    const X = dense(
      spec.transformRequests([
        { userId: 1, movieId: 20, timestamp: 10 },
        { userId: 2, movieId: 10 },
        { userId: 9, movieId: 10 },
      ]),
    );
    const at = (i: number, name: string) => X.data[i * X.cols + col(names, name)]!;
    // User 1 disliked movie 10 after two likes: global rate then (2 + 1) / (2 + 2) = 0.75, movie
    // rate (2 + 0.75) / (2 + 1); one observation shrunk by priorStrength 1 halves the residual.
    expect(at(0, 'user_residual')).toBeCloseTo((0 - 2.75 / 3) / 2, 12);
    expect(at(0, 'user_rating_residual')).toBeCloseTo((1 - 5) / 2, 12);
    // Movie 20 is a Comedy; user 1's only Comedy (movie 10) carries the same residual.
    expect(at(0, 'user_genre_residual')).toBeCloseTo((0 - 2.75 / 3) / 2, 12);
    // User 2 rated first, when the global rate was the Laplace prior 0.5 and the movie had no history.
    expect(at(1, 'user_residual')).toBeCloseTo((1 - 0.5) / 2, 12);
    expect(at(1, 'user_rating_residual')).toBeCloseTo((5 - 3) / 2, 12);
    // A cold user has no evidence of a bias.
    for (const n of ['user_residual', 'user_rating_residual', 'user_genre_residual']) expect(at(2, n)).toBe(0);
  });
});

describe('onehot layout', () => {
  it('users sorted, then movies sorted, then genres; unknown ids are all-zero', () => {
    const train: LabeledRatings = {
      length: 3,
      userId: Int32Array.from([5, 2, 5]),
      movieId: Int32Array.from([30, 10, 20]),
      rating: Float32Array.from([4, 2, 5]),
      timestamp: Float64Array.from([3, 1, 2]),
      label: Uint8Array.from([1, 0, 1]),
    };
    const spec = fitFeatureSpec({ train, movies: movies() }, { kind: 'onehot' });
    expect(spec.featureNames).toEqual(['userId_2', 'userId_5', 'movieId_10', 'movieId_20', 'movieId_30', 'Action', 'Comedy', 'Drama']);
    const m = spec.transformRequests([
      { userId: 5, movieId: 10 },
      { userId: 9, movieId: 40 },
      { userId: 2, movieId: 77 },
    ]);
    if (!isCsr(m.X)) throw new Error('onehot must be CSR');
    expect(m.X.cols).toBe(8);
    expect(Array.from(m.X.indptr)).toEqual([0, 4, 5, 6]);
    // movie 10 = Action + Comedy; movie 40 (unknown to train) keeps its catalog genre (Action); 77 is in no table.
    expect(Array.from(m.X.indices)).toEqual([1, 2, 5, 6, 5, 0]);
    expect(Array.from(m.X.data)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(spec.transformTrain().X).toEqual(spec.transform(train).X);
  });
});

describe('determinism and errors', () => {
  const train = ratings(200, 31);

  it('two fits give identical bytes', () => {
    const a = fitFeatureSpec(fitInput(train));
    const b = fitFeatureSpec(fitInput(train));
    expect(dense(b.transformTrain()).data).toEqual(dense(a.transformTrain()).data);
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
  });

  it('dtype selects the element type; fit returns this; clone is unfitted', () => {
    const spec = new FeatureSpec({ dtype: 'float64' });
    expect(spec.fit(fitInput(train))).toBe(spec);
    expect(dense(spec.transformTrain()).data).toBeInstanceOf(Float64Array);
    expect(dense(fitFeatureSpec(fitInput(train)).transformTrain()).data).toBeInstanceOf(Float32Array);
    expect(spec.clone().isFitted).toBe(false);
    expect(spec.clone().getParams()).toEqual({ dtype: 'float64' });
  });

  const code = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      return FeaturesError.isInstance(e) ? e.code : `untyped: ${String(e)}`;
    }
    return undefined;
  };

  it('typed errors for misuse and bad input', () => {
    const unfitted = new FeatureSpec();
    expect(code(() => unfitted.transform(train))).toBe('NOT_FITTED');
    expect(code(() => unfitted.transformRequests([]))).toBe('NOT_FITTED');
    expect(code(() => unfitted.featureNames)).toBe('NOT_FITTED');
    expect(code(() => fitFeatureSpec(fitInput(train), { priorStrength: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => fitFeatureSpec(fitInput(train), { kind: 'sparse' as never }))).toBe('INVALID_OPTION');
    expect(code(() => fitFeatureSpec(fitInput({ ...train, movieId: train.movieId.subarray(1) })))).toBe('INVALID_INPUT');
    expect(code(() => fitFeatureSpec(fitInput({ ...train, label: train.label.map(() => 2) })))).toBe('INVALID_INPUT');
    expect(code(() => fitFeatureSpec(fitInput(ratings(0, 1))))).toBe('INVALID_INPUT');
    const spec = fitFeatureSpec(fitInput(train));
    expect(code(() => spec.transform({ ...train, timestamp: train.timestamp.map(() => NaN) }))).toBe('INVALID_INPUT');
    expect(code(() => spec.transformRequests([{ userId: 1.5, movieId: 10 }]))).toBe('INVALID_INPUT');
    expect(code(() => loadFeatureSpec(spec.toJSON()).transformTrain())).toBe('UNAVAILABLE');
    expect(code(() => fitFeatureSpec({ train, movies: { ...movies(), genres: new Uint8Array(2) } }))).toBe('INVALID_INPUT');
  });

  it('errors carry a Symbol.for marker that survives duplicate installs', () => {
    const e = new FeaturesError('INVALID_INPUT', 'x');
    expect(FeaturesError.isInstance(e)).toBe(true);
    expect(FeaturesError.isInstance({ [Symbol.for('@abt/features/FeaturesError')]: true })).toBe(true);
    expect(FeaturesError.isInstance(new Error('x'))).toBe(false);
  });
});

describe('a spec fitted without a movie catalog (bring-your-own ratings)', () => {
  const train = ratings(300, 11);
  const withCatalog = fitFeatureSpec({ train, movies: movies() });
  const without = fitFeatureSpec({ train });

  it('leaves the content columns out, and keeps the history and time columns equal', () => {
    const content = (n: string) =>
      n === 'user_genre_affinity' ||
      n === 'user_genre_residual' ||
      n === 'genre_pos_rate' ||
      n === 'release_year' ||
      n === 'movie_age_years' ||
      n.startsWith('genre=');
    expect(without.featureNames).toEqual(withCatalog.featureNames.filter((n) => !content(n)));
    expect(withCatalog.featureNames.some(content)).toBe(true);
    const a = dense(withCatalog.transformTrain());
    const b = dense(without.transformTrain());
    for (const name of without.featureNames) {
      const ja = col(withCatalog.featureNames, name);
      const jb = col(without.featureNames, name);
      for (const i of [0, 17, 150, 299]) expect(b.data[i * b.cols + jb]).toBe(a.data[i * a.cols + ja]);
    }
  });

  it('serves raw requests and round-trips through JSON with the same columns', () => {
    const again = loadFeatureSpec(JSON.parse(JSON.stringify(without.toJSON())));
    expect(again.featureNames).toEqual(without.featureNames);
    const req = [
      { userId: train.userId[3]!, movieId: train.movieId[3]!, timestamp: train.timestamp[3]! + 10 },
      { userId: 999_999, movieId: 888_888 },
    ];
    expect(row(dense(again.transformRequests(req)), 0)).toEqual(row(dense(without.transformRequests(req)), 0));
    expect(dense(without.transformRequests(req)).cols).toBe(without.featureNames.length);
  });
});
