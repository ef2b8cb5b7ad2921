import { describe, expect, it } from 'vitest';
import { generateSynthetic, labelRatings } from '../index';
import { fromDataFrame, toDataFrame } from './index';

describe('@abt/data/danfo', async () => {
  const ds = await generateSynthetic({ users: 20, movies: 30, ratings: 200, seed: 2 });

  it('round-trips labelled ratings through a DataFrame with exact column types', () => {
    const labeled = labelRatings(ds.ratings);
    const df = toDataFrame(labeled);
    expect(df.shape).toEqual([200, 5]);
    expect(df.columns).toEqual(['userId', 'movieId', 'rating', 'timestamp', 'label']);
    const back = fromDataFrame(df);
    expect(back).toEqual(labeled);
  });

  it('expands genre flags into named columns and dictionary columns into strings', () => {
    const df = toDataFrame(ds.movies);
    expect(df.columns).toContain('Drama');
    expect(df.columns).toContain('title');
    expect(df.shape[0]).toBe(30);
    const users = toDataFrame(ds.users!);
    const gender = users.column('gender').values as string[];
    expect(new Set(gender)).toEqual(new Set(['M', 'F']));
    const generic = fromDataFrame(users) as Record<string, { codes: Int32Array; values: string[] }>;
    expect(generic.gender!.values.sort()).toEqual(['F', 'M']);
  });
});
