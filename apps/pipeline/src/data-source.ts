import path from 'node:path';
import {
  describeDataset,
  describeSplit,
  generateSynthetic,
  labelRatings,
  loadMovieLens,
  type LoadProgress,
  loadTables,
  saveTables,
  splitByTime,
  type LabeledRatings,
  type MovieLensDataset,
  type MoviesTable,
  type UsersTable,
} from '@abt/data';
import { memo, type StageContext } from './stage';
import { PipelineError } from './errors';
import { messages } from './messages';

/** The prepared data every later stage reads: the split plus the catalog and demographics. */
export type Prepared = {
  readonly format: string;
  readonly train: LabeledRatings;
  readonly valid: LabeledRatings;
  readonly test: LabeledRatings;
  readonly movies: MoviesTable;
  readonly users?: UsersTable;
};

const PREPARED_DIR = 'prepared';

async function loadSource(ctx: StageContext): Promise<MovieLensDataset> {
  const o = ctx.options;
  if (o.dataset === 'synthetic') {
    const ratings = o.syntheticRatings;
    return generateSynthetic({
      ratings,
      users: o.syntheticUsers ?? Math.max(50, Math.round(ratings / 100)),
      movies: o.syntheticMovies ?? Math.max(50, Math.round(ratings / 60)),
      seed: o.seed,
    });
  }
  const source = o.data ?? o.dataset ?? process.env.ABT_ML100K;
  if (!source) {
    throw new PipelineError('usage', messages.noData());
  }
  // The ratings parse is the long part of a load (ml-25m: ~680 MB of text); the bar counts MiB.
  const bar = ctx.report.bar('loading ratings (MiB)', 1);
  let shown = 0;
  const onProgress = (p: LoadProgress) => {
    bar.setTotal(Math.max(1, Math.ceil(p.bytesTotal / MIB)));
    const now = Math.floor(p.bytesDone / MIB);
    bar.tick(now - shown);
    shown = now;
  };
  try {
    return await loadMovieLens(source, { ...(o.dataDir ? { dataDir: o.dataDir } : {}), onProgress });
  } finally {
    bar.done();
  }
}

const MIB = 1 << 20;

/** Loads, labels (`rating >= 4`), splits 80/10/10 by time and writes the tables to `<out>/prepared`. */
export async function prepareData(ctx: StageContext) {
  const ds = await loadSource(ctx);
  const split = splitByTime(labelRatings(ds.ratings));
  const dir = path.join(ctx.out, PREPARED_DIR);
  const tables = { train: split.train, valid: split.valid, test: split.test, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) };
  await saveTables(dir, { ...tables, meta: { format: ds.format, source: ds.source } });
  ctx.memo.set('prepared', { format: ds.format, ...tables } satisfies Prepared);
  const d = describeDataset(ds);
  const stats = { format: ds.format, source: ds.source, ratings: d.rows, users: d.users, movies: d.catalogMovies, ratedMovies: d.movies, split: describeSplit(split) };
  return { stats, outputs: [path.join(PREPARED_DIR, 'tables.json')] };
}

/** The prepared tables, from this invocation's memory or from `<out>/prepared`. */
export function loadPrepared(ctx: StageContext): Promise<Prepared> {
  return memo(ctx, 'prepared', async () => {
    const { meta, ...tables } = await loadTables<Omit<Prepared, 'format'> & { meta: { format: string } }>(path.join(ctx.out, PREPARED_DIR));
    return { format: meta.format, ...tables };
  });
}
