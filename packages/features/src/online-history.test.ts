import type { LabeledRatings } from '@abt/data';
import { describe, expect, it } from 'vitest';
import { movies, ratings, users } from '../test/helpers/synthetic';
import { FeaturesError, fitFeatureSpec, requestColumns, type DenseMatrix, type FeatureSpec, type OnlineHistory } from './index';

const train = ratings(400, 7);
// Later rows: new users (6, 7 and a string-only id) and a movie the catalog lacks (60), many ties.
const later = (seed: number, n = 150) =>
  ratings(n, seed, { userIds: [1, 2, 6, 7, 3], movieIds: [10, 20, 30, 60, 50], t0: 880_000_000 + 3600 * 200, distinctTimes: 40 });

/** Stable time order of a table (the arrival order for which parity is exact). */
function timeSorted(t: LabeledRatings): LabeledRatings {
  const order = Array.from({ length: t.length }, (_, i) => i).sort((a, b) => t.timestamp[a]! - t.timestamp[b]! || a - b);
  return {
    length: t.length,
    userId: Int32Array.from(order, (i) => t.userId[i]!),
    movieId: Int32Array.from(order, (i) => t.movieId[i]!),
    rating: Float32Array.from(order, (i) => t.rating[i]!),
    timestamp: Float64Array.from(order, (i) => t.timestamp[i]!),
    label: Uint8Array.from(order, (i) => t.label[i]!),
  };
}

const slice = (t: LabeledRatings, from: number, to: number) => ({
  length: to - from,
  userId: Array.from(t.userId.subarray(from, to)),
  movieId: Array.from(t.movieId.subarray(from, to)),
  timestamp: Array.from(t.timestamp.subarray(from, to)),
  rating: Array.from(t.rating.subarray(from, to)),
  label: Array.from(t.label.subarray(from, to)),
});

/** Serves every row (a request at its time) then adds it as feedback, in batches of `batch` rows. */
function serveThenLearn(spec: FeatureSpec, rows: LabeledRatings, batch: number, history: OnlineHistory = spec.createOnlineHistory()): DenseMatrix {
  const width = spec.featureNames.length;
  const out = spec.getParams().dtype === 'float64' ? new Float64Array(rows.length * width) : new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const X = spec.transformColumns({ userId: [rows.userId[i]!], movieId: [rows.movieId[i]!], timestamp: [rows.timestamp[i]!] }, { history }).X as DenseMatrix;
    out.set(X.data, i * width);
    if ((i + 1) % batch === 0 || i === rows.length - 1) history.add(slice(rows, i + 1 - ((i + 1) % batch || batch), i + 1));
  }
  return { rows: rows.length, cols: width, data: out };
}

describe('OnlineHistory: served features equal transformOnline', () => {
  for (const [name, options] of [
    ['defaults', {}],
    ['float64, other priors', { dtype: 'float64' as const, priorStrength: 5, halfLifeDays: 3 }],
  ] as const) {
    it(`request then feedback, one at a time, bit for bit (${name})`, () => {
      const spec = fitFeatureSpec({ train, movies: movies(), users: users() }, options);
      const rows = timeSorted(later(11));
      const expected = spec.transformOnline(rows).X as DenseMatrix;
      const served = serveThenLearn(spec, rows, 1);
      expect(Buffer.from(served.data.buffer).equals(Buffer.from(expected.data.buffer))).toBe(true);
      expect(Array.from(served.data)).toEqual(Array.from(expected.data));
    });
  }

  it('the same with feedback in batches of 7 that cut across time groups', () => {
    const spec = fitFeatureSpec({ train, movies: movies(), users: users() });
    const rows = timeSorted(later(12));
    // A batch-7 server sees feedback later than the one-at-a-time server: compare with the
    // batch protocol over exactly the feedback each request had.
    const history = spec.createOnlineHistory();
    for (let start = 0; start < rows.length; start += 7) {
      const end = Math.min(rows.length, start + 7);
      const expected = spec.transformOnline(concatUpTo(rows, end)).X as DenseMatrix;
      for (let i = start; i < end; i++) {
        const got = spec.transformColumns({ userId: [rows.userId[i]!], movieId: [rows.movieId[i]!], timestamp: [rows.timestamp[i]!] }, { history })
          .X as DenseMatrix;
        // Row i of the batch protocol over rows [0, end) sees only rows strictly before its time, all added already or not yet:
        // equal when every row before `start` with an earlier time is in the history, i.e. when no row in [start, i) is earlier than row i.
        if (rows.timestamp[start]! >= rows.timestamp[i]!)
          expect(Array.from(got.data)).toEqual(Array.from(expected.data.subarray(i * got.cols, (i + 1) * got.cols)));
      }
      history.add(slice(rows, start, end));
    }
  });

  it('many requests in one call, at different times around the open group', () => {
    const spec = fitFeatureSpec({ train, movies: movies(), users: users() });
    const rows = timeSorted(later(13));
    const history = spec.createOnlineHistory();
    history.add(slice(rows, 0, 100));
    const tOpen = rows.timestamp[99]!;
    // Requests before, at and after the open group's time, in one columnar call.
    const times = [tOpen - 3600, tOpen, tOpen + 1, tOpen + 7200];
    const cols = requestColumns({ userId: times.map(() => 6), movieId: times.map(() => 60), timestamp: times });
    const got = spec.transformColumns(cols, { history }).X as DenseMatrix;
    for (let k = 0; k < times.length; k++) {
      // Batch protocol: rows added so far that are strictly earlier, plus the request row last.
      const earlier = concatUpTo(rows, 100);
      const req = {
        length: 1,
        userId: Int32Array.of(6),
        movieId: Int32Array.of(60),
        rating: Float32Array.of(3),
        timestamp: Float64Array.of(times[k]!),
        label: Uint8Array.of(0),
      };
      const all = concat(earlier, req);
      const expected = spec.transformOnline(all).X as DenseMatrix;
      if (times[k]! >= tOpen)
        expect(Array.from(got.data.subarray(k * got.cols, (k + 1) * got.cols))).toEqual(Array.from(expected.data.subarray(100 * got.cols)));
    }
    // Before the open group, only strictly earlier groups count: it differs from a request after it.
    expect(Array.from(got.data.subarray(0, got.cols))).not.toEqual(Array.from(got.data.subarray(3 * got.cols)));
  });

  it('string ids: "42" is id 42; other strings are entities of their own', () => {
    const spec = fitFeatureSpec({ train, movies: movies(), users: users() });
    const rows = timeSorted(later(14));
    const asStrings = { ...slice(rows, 0, rows.length), userId: Array.from(rows.userId, String), movieId: Array.from(rows.movieId, String) };
    const a = spec.createOnlineHistory();
    const b = spec.createOnlineHistory();
    a.add(slice(rows, 0, rows.length));
    b.add(asStrings);
    const req = {
      userId: [1, '1', 'u-x'],
      movieId: ['10', 10, 'm-y'],
      timestamp: [rows.timestamp[rows.length - 1]! + 1, rows.timestamp[rows.length - 1]! + 1, rows.timestamp[rows.length - 1]! + 1],
    };
    const xa = spec.transformColumns(req, { history: a }).X as DenseMatrix;
    const xb = spec.transformColumns(req, { history: b }).X as DenseMatrix;
    expect(Array.from(xa.data)).toEqual(Array.from(xb.data));
    expect(Array.from(xa.data.subarray(0, xa.cols))).toEqual(Array.from(xa.data.subarray(xa.cols, 2 * xa.cols)));
    // A string-only user with feedback gets a history of its own.
    const c = spec.createOnlineHistory();
    const t = rows.timestamp[0]!;
    const before = spec.transformColumns({ userId: ['u-x'], movieId: [10], timestamp: [t + 10] }, { history: c }).X as DenseMatrix;
    c.add({ length: 2, userId: ['u-x', 'u-x'], movieId: [10, 20], timestamp: [t, t], rating: [5, 5], label: [1, 1] });
    const after = spec.transformColumns({ userId: ['u-x'], movieId: [10], timestamp: [t + 10] }, { history: c }).X as DenseMatrix;
    const userCount = spec.featureNames.indexOf('user_count_log1p');
    expect(before.data[userCount]).toBe(0);
    expect(after.data[userCount]).toBeCloseTo(Math.log1p(2), 6);
  });

  it('a bad batch changes nothing and names the field; late interactions are counted', () => {
    const spec = fitFeatureSpec({ train, movies: movies(), users: users() });
    const h = spec.createOnlineHistory();
    const t = 890_000_000;
    h.add({ length: 1, userId: [1], movieId: [10], timestamp: [t], rating: [4], label: [1] });
    const before = spec.transformColumns({ userId: [1], movieId: [10], timestamp: [t + 1] }, { history: h }).X;
    let error: unknown;
    try {
      h.add({ length: 2, userId: [1, 2], movieId: [10, 20], timestamp: [t + 5, t + 6], rating: [4, Number.NaN], label: [1, 0] });
    } catch (e) {
      error = e;
    }
    expect(FeaturesError.isInstance(error) && error.where).toBe('interactions.rating[1]');
    expect(spec.transformColumns({ userId: [1], movieId: [10], timestamp: [t + 1] }, { history: h }).X).toEqual(before);
    expect(h.stats()).toMatchObject({ interactions: 1, lateInteractions: 0 });
    h.add({ length: 1, userId: [2], movieId: [20], timestamp: [t - 100], rating: [2], label: [0] });
    expect(h.stats()).toMatchObject({ interactions: 2, lateInteractions: 1, latestTime: t });
  });

  it('refuses a history of another spec, unknown options, and a lagged user history', () => {
    const a = fitFeatureSpec({ train, movies: movies(), users: users() });
    const b = fitFeatureSpec({ train, movies: movies(), users: users() });
    expect(() => a.transformColumns({ userId: [1], movieId: [10] }, { history: b.createOnlineHistory() })).toThrow(/another FeatureSpec/);
    expect(() => a.transformColumns({ userId: [1], movieId: [10] }, { histroy: 1 } as never)).toThrow(/options has the unknown key "histroy"/);
    expect(() => (a.transformColumns as (...x: unknown[]) => unknown)({ userId: [1], movieId: [10] }, {}, 3)).toThrow(/unexpected argument 3/);
    expect(() => fitFeatureSpec({ train, movies: movies(), users: users() }, { userHistoryLagDays: 1 }).createOnlineHistory()).toThrow(
      /userHistoryLagDays = 0 only/,
    );
  });
});

function concatUpTo(t: LabeledRatings, end: number): LabeledRatings {
  return {
    length: end,
    userId: t.userId.slice(0, end),
    movieId: t.movieId.slice(0, end),
    rating: t.rating.slice(0, end),
    timestamp: t.timestamp.slice(0, end),
    label: t.label.slice(0, end),
  };
}

function concat(a: LabeledRatings, b: LabeledRatings): LabeledRatings {
  const cat = <T extends Int32Array | Float32Array | Float64Array | Uint8Array>(x: T, y: T) => {
    const out = new (x.constructor as new (n: number) => T)(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    length: a.length + b.length,
    userId: cat(a.userId, b.userId),
    movieId: cat(a.movieId, b.movieId),
    rating: cat(a.rating, b.rating),
    timestamp: cat(a.timestamp, b.timestamp),
    label: cat(a.label, b.label),
  };
}
