import { describe, expect, it } from 'vitest';
import { createRng } from '@abt/data';
import { sampleNegatives, type NegativeSampling } from '../src/simulate/negatives';

/**
 * The sampler as it was (a pass over the whole catalog per user, building the unrated list), kept
 * verbatim as the reference: the sparse sampler must draw exactly the same movies for every user.
 */
function catalogPassSampler({ users, tables, catalog: ids, negatives, seed }: NegativeSampling): Map<number, Int32Array> {
  const rated = new Map<number, Set<number>>(users.map((u) => [u, new Set<number>()]));
  for (const table of tables) {
    for (let i = 0; i < table.length; i++) rated.get(table.userId[i]!)?.add(table.movieId[i]!);
  }
  const catalog = Int32Array.from(new Set(Array.from(ids))).sort();
  const pool = new Int32Array(catalog.length);
  const out = new Map<number, Int32Array>();
  for (const u of users) {
    const own = rated.get(u)!;
    let n = 0;
    for (const m of catalog) if (!own.has(m)) pool[n++] = m;
    const take = Math.min(negatives, n);
    const rng = createRng(mixSeed(seed, u));
    for (let k = 0; k < take; k++) {
      const j = k + Math.floor(rng() * (n - k));
      const tmp = pool[k]!;
      pool[k] = pool[j]!;
      pool[j] = tmp;
    }
    out.set(u, pool.slice(0, take).sort());
  }
  return out;
}

function mixSeed(seed: number, userId: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(userId | 0, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Random interactions over `movies` ids (some outside the catalog), heavy users included. */
function world(seed: number, users: number, movies: number, rows: number) {
  const rng = createRng(seed);
  const table = (n: number) => {
    const userId = new Int32Array(n);
    const movieId = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      // user 1 rates a lot (most of the catalog), the rest a little
      userId[i] = rng() < 0.3 ? 1 : 1 + Math.floor(rng() * users);
      movieId[i] = 1 + Math.floor(rng() * (movies + 20));
    }
    return { length: n, userId, movieId };
  };
  // the catalog unsorted and with duplicates, as a movies table may come
  const catalog = Array.from({ length: movies }, (_, i) => movies - i).concat([3, 7, 7]);
  return { tables: [table(rows), table(rows >> 1)], catalog, users: Array.from({ length: users + 2 }, (_, i) => i + 1) };
}

describe('sampleNegatives', () => {
  it('draws exactly what a pass over the catalog per user drew, over seeds, sizes and edge users', () => {
    for (const [seed, users, movies, rows, negatives] of [
      [1, 40, 200, 3000, 10],
      [2, 15, 60, 2000, 100], // N above most users' unrated count: all of them, sorted
      [3, 80, 500, 500, 0],
      [4, 25, 120, 6000, 50], // user 1 has rated nearly everything
      [5, 5, 1, 10, 3], // a one-movie catalog
    ] as const) {
      const w = world(seed, users, movies, rows);
      const options = { ...w, negatives, seed: seed * 7 };
      const expected = catalogPassSampler(options);
      const actual = sampleNegatives(options);
      expect([...actual.keys()]).toEqual([...expected.keys()]);
      for (const [u, want] of expected) expect(Array.from(actual.get(u)!), `seed ${seed}, user ${u}`).toEqual(Array.from(want));
    }
  });

  it('gives a user who rated the whole catalog no negatives, and one who rated nothing N distinct catalog movies', () => {
    const catalog = [5, 6, 7, 8, 9];
    const tables = [{ length: 5, userId: Int32Array.of(1, 1, 1, 1, 1), movieId: Int32Array.of(9, 8, 7, 6, 5) }];
    const out = sampleNegatives({ users: [1, 2], tables, catalog, negatives: 3, seed: 1 });
    expect(Array.from(out.get(1)!)).toEqual([]);
    const fresh = Array.from(out.get(2)!);
    expect(new Set(fresh).size).toBe(3);
    for (const m of fresh) expect(catalog).toContain(m);
  });
});
