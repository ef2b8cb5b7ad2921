import { describe, expect, it } from 'vitest';
import { InvalidOptionError, takeRows, type MoviesTable, type UsersTable } from './index';

describe('takeRows', () => {
  it('gathers typed columns, row-major blocks, string arrays and dictionary columns', () => {
    const movies: MoviesTable = {
      length: 3,
      movieId: Int32Array.from([10, 20, 30]),
      title: ['a', 'b', 'c'],
      year: Float32Array.from([1990, Number.NaN, 2000]),
      releaseTimestamp: new Float64Array(3),
      genreNames: ['x', 'y'],
      genres: Uint8Array.from([1, 0, 0, 1, 1, 1]),
    };
    const t = takeRows(movies, [2, 0]);
    expect(t.length).toBe(2);
    expect(Array.from(t.movieId)).toEqual([30, 10]);
    expect(t.title).toEqual(['c', 'a']);
    expect(Array.from(t.genres)).toEqual([1, 1, 1, 0]);
    expect(t.genreNames).toEqual(['x', 'y']);
    const users: UsersTable = {
      length: 2,
      userId: Int32Array.from([1, 2]),
      age: Int32Array.from([20, 30]),
      gender: { codes: Int32Array.from([0, 1]), values: ['M', 'F'] },
      occupation: { codes: Int32Array.from([0, 0]), values: ['x'] },
      zip: { codes: Int32Array.from([0, 1]), values: ['1', '2'] },
    };
    const u = takeRows(users, [1]);
    expect(Array.from(u.gender.codes, (c) => u.gender.values[c])).toEqual(['F']);
  });

  it('rejects out-of-range indices with a typed error', () => {
    const t = { length: 2, a: Int32Array.from([1, 2]) };
    expect(() => takeRows(t, [2])).toThrow(InvalidOptionError);
  });
});
