/** The real MovieLens 100K with the original's time split (read from ABT_ML100K or ../shared). */
import type { LabeledRatings } from '@abt/data';
import { describe, expect, it } from 'vitest';
import { fitFeatureSpec, isCsr, loadFeatureSpec, type DenseMatrix } from '../src/index';
import { splitMl100k } from './helpers/ml100k';
import { concatRows } from '@abt/data';

const { train, valid, test, movies, users } = await splitMl100k();
const dense = (x: unknown) => x as DenseMatrix;

describe('ml-100k, dense', () => {
  const t0 = performance.now();
  const spec = fitFeatureSpec({ train, movies, users });
  const tr = spec.transformTrain();
  const te = spec.transform(test);
  console.log(`[features] ml-100k dense fit + transformTrain + transform(test): ${(performance.now() - t0).toFixed(0)} ms`);
  const userCount = tr.featureNames.indexOf('user_count_log1p');

  it('has one row per input row and one name per column', () => {
    expect(tr.X.rows).toBe(train.length);
    expect(te.X.rows).toBe(test.length);
    expect(tr.X.cols).toBe(tr.featureNames.length);
    expect(new Set(tr.featureNames).size).toBe(tr.featureNames.length);
    expect(dense(tr.X).data.length).toBe(train.length * tr.X.cols);
  });

  it('knows the data: most valid/test rows come from users without train rows', () => {
    for (const part of [valid, test]) {
      const X = dense(spec.transform(part).X);
      let cold = 0;
      for (let i = 0; i < X.rows; i++) if (X.data[i * X.cols + userCount] === 0) cold++;
      expect(cold / X.rows).toBeGreaterThan(0.8);
      expect(cold / X.rows).toBeLessThan(0.9);
    }
  });

  it('no NaN or infinity in train, valid, test or online matrices', () => {
    for (const X of [tr.X, spec.transform(valid).X, te.X, spec.transformOnline(valid).X]) {
      expect(dense(X).data.every(Number.isFinite)).toBe(true);
    }
  });

  it("flipping a train row's label and every later label leaves its features unchanged", () => {
    for (const i of [1000, 40_000, 79_999]) {
      const from = train.timestamp[i]!;
      const label = train.label.map((l, j) => (train.timestamp[j]! >= from ? 1 - l : l));
      const rating = train.rating.map((r, j) => (train.timestamp[j]! >= from ? 6 - r : r));
      const flipped: LabeledRatings = { ...train, label, rating };
      const X = dense(fitFeatureSpec({ train: flipped, movies, users }).transformTrain().X);
      const a = dense(tr.X);
      expect(X.data.subarray(i * X.cols, (i + 1) * X.cols)).toEqual(a.data.subarray(i * a.cols, (i + 1) * a.cols));
    }
  });

  it('requests one at a time match the batch transform of test rows', () => {
    const X = dense(te.X);
    for (let i = 0; i < test.length; i += 97) {
      const one = dense(spec.transformRequests([{ userId: test.userId[i]!, movieId: test.movieId[i]!, timestamp: test.timestamp[i]! }]).X);
      expect(one.data).toEqual(X.data.subarray(i * X.cols, (i + 1) * X.cols));
    }
  });

  it('served online (request, then its rating as feedback) equals transformOnline over valid + test, byte for byte', () => {
    const rows = concatRows(valid, test);
    const expected = dense(spec.transformOnline(rows).X);
    // A loaded spec, as a router serves it: the history starts from the serialized train state.
    const served = loadFeatureSpec(JSON.parse(JSON.stringify(spec.toJSON())));
    const history = served.createOnlineHistory();
    const got = new Float32Array(expected.data.length);
    const w = expected.cols;
    for (let i = 0; i < rows.length; i++) {
      const X = dense(served.transformColumns({ userId: [rows.userId[i]!], movieId: [rows.movieId[i]!], timestamp: [rows.timestamp[i]!] }, { history }).X);
      got.set(X.data, i * w);
      history.add({
        length: 1,
        userId: [rows.userId[i]!],
        movieId: [rows.movieId[i]!],
        timestamp: [rows.timestamp[i]!],
        rating: [rows.rating[i]!],
        label: [rows.label[i]!],
      });
    }
    expect(Buffer.from(got.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
    expect(history.stats()).toMatchObject({ interactions: rows.length, lateInteractions: 0 });
  });

  it('JSON round trip on real data gives byte-identical test features', () => {
    const loaded = loadFeatureSpec(JSON.parse(JSON.stringify(spec.toJSON())));
    expect(dense(loaded.transform(test).X).data).toEqual(dense(te.X).data);
  });
});

describe('ml-100k, onehot (the original features)', () => {
  const spec = fitFeatureSpec({ train, movies, users }, { kind: 'onehot' });
  const nUsers = new Set(train.userId).size;
  const nMovies = new Set(train.movieId).size;

  it('has train users + train movies + 19 genre columns', () => {
    const { X, featureNames } = spec.transform(test);
    if (!isCsr(X)) throw new Error('onehot must be CSR');
    expect(X.cols).toBe(nUsers + nMovies + 19);
    expect(featureNames.slice(nUsers + nMovies)).toEqual(movies.genreNames);
    expect(X.indptr[X.rows]).toBe(X.indices.length);
  });
});
