import { statSync } from 'node:fs';
import path from 'node:path';
import type { Stage, StageContext } from '../stage';
import { loadPrepared, prepareData } from '../data-source';

/** MovieLens → label → stable time sort → 80/10/10 split, written to `<out>/prepared`. */
export const prepareStage: Stage = {
  name: 'prepare',
  title: 'prepare: load, label and split by time',
  needs: [],
  inputs(ctx) {
    const o = ctx.options;
    return { source: sourceFingerprint(ctx), syntheticRatings: o.dataset === 'synthetic' ? o.syntheticRatings : undefined, seed: o.dataset === 'synthetic' ? o.seed : undefined };
  },
  async run(ctx) {
    const { stats, outputs } = await prepareData(ctx);
    return { outputs, summary: { ...stats, lines: statsLines(stats) } };
  },
};

function sourceFingerprint(ctx: StageContext): unknown {
  const { data, dataset, syntheticUsers, syntheticMovies } = ctx.options;
  if (data && !/^[a-z]+:\/\//i.test(data)) {
    try {
      const st = statSync(data);
      return { data: path.resolve(data), size: st.size, mtimeMs: st.mtimeMs };
    } catch {
      return { data };
    }
  }
  return { data, dataset, syntheticUsers, syntheticMovies };
}

type Stats = Awaited<ReturnType<typeof prepareData>>['stats'];

function statsLines(s: Stats): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `data: ${s.format} from ${s.source}: ${s.ratings.toLocaleString('en')} ratings, ${s.users.toLocaleString('en')} users, ${s.movies.toLocaleString('en')} movies`,
    `split: train ${s.split.train.rows.toLocaleString('en')} / valid ${s.split.valid.rows.toLocaleString('en')} / test ${s.split.test.rows.toLocaleString('en')}; positive rate ${pct(s.split.train.positiveRate)} / ${pct(s.split.valid.positiveRate)} / ${pct(s.split.test.positiveRate)}`,
  ];
}

export { loadPrepared };
