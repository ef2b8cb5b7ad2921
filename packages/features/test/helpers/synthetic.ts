/** Small seeded synthetic MovieLens-shaped tables for unit tests. */
import type { LabeledRatings, MoviesTable, UsersTable } from '@abt/data';

/** mulberry32: a tiny seeded RNG, so every generated table is reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GENRES = ['Action', 'Comedy', 'Drama'];

export function movies(ids: number[] = [10, 20, 30, 40, 50]): MoviesTable {
  const n = ids.length;
  const genres = new Uint8Array(n * GENRES.length);
  ids.forEach((_, i) => {
    genres[i * GENRES.length + (i % GENRES.length)] = 1;
    if (i % 2 === 0) genres[i * GENRES.length + ((i + 1) % GENRES.length)] = 1;
  });
  if (n > 4) genres.fill(0, 4 * GENRES.length, 5 * GENRES.length); // one movie without genres
  return {
    length: n,
    movieId: Int32Array.from(ids),
    title: ids.map((id) => `Movie ${id}`),
    year: Float32Array.from(ids, (_, i) => (i === 3 ? NaN : 1990 + i)),
    releaseTimestamp: Float64Array.from(ids, (_, i) => (i >= 2 ? NaN : Date.UTC(1990 + i, 5, 1) / 1000)),
    genreNames: GENRES,
    genres,
  };
}

export function users(ids: number[] = [1, 2, 3, 4, 5, 6]): UsersTable {
  const n = ids.length;
  return {
    length: n,
    userId: Int32Array.from(ids),
    age: Int32Array.from(ids, (_, i) => 15 + 9 * i),
    gender: { codes: Int32Array.from(ids, (_, i) => i % 2), values: ['M', 'F'] },
    occupation: { codes: Int32Array.from(ids, (_, i) => i % 3), values: ['writer', 'artist', 'student'] },
    zip: { codes: new Int32Array(n), values: ['00000'] },
  };
}

/** `n` ratings over users 1..5 and movies 10..50 with timestamps drawn from few values (many ties). */
export function ratings(n: number, seed: number, opts: { userIds?: number[]; movieIds?: number[]; t0?: number; distinctTimes?: number } = {}): LabeledRatings {
  const r = rng(seed);
  const u = opts.userIds ?? [1, 2, 3, 4, 5];
  const m = opts.movieIds ?? [10, 20, 30, 40, 50];
  const t0 = opts.t0 ?? 880_000_000;
  const distinct = opts.distinctTimes ?? Math.max(2, Math.floor(n / 3));
  const out = {
    length: n,
    userId: new Int32Array(n),
    movieId: new Int32Array(n),
    rating: new Float32Array(n),
    timestamp: new Float64Array(n),
    label: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.userId[i] = u[Math.floor(r() * u.length)]!;
    out.movieId[i] = m[Math.floor(r() * m.length)]!;
    out.rating[i] = 1 + Math.floor(r() * 5);
    out.label[i] = out.rating[i]! >= 4 ? 1 : 0;
    out.timestamp[i] = t0 + 3600 * Math.floor(r() * distinct);
  }
  return out;
}
