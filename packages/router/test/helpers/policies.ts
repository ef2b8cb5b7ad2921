import type { Policy, RequestColumns } from '../../src/index';

/** Stand-in policy: score = offset + (movieId mod 100) / 1000, so tests can recompute it. */
export function standInPolicy(name: string, modelVersion: string, offset: number): Policy {
  return {
    version: 1,
    name,
    modelVersion,
    predict(rows: RequestColumns) {
      const out = new Float64Array(rows.userId.length);
      for (let i = 0; i < out.length; i++) out[i] = offset + ((rows.movieId[i] as number) % 100) / 1000;
      return out;
    },
  };
}

export const routerConfig = {
  format: 'abt-router',
  formatVersion: 1,
  experiment: { key: 'movielens_ctr_ab', seed: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] },
  models: { A: 'models:/movielens_ctr_ab@PolicyA', B: 'models:/movielens_ctr_ab@PolicyB' },
} as const;
