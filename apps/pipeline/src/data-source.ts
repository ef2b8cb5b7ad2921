import { statSync } from 'node:fs';
import path from 'node:path';
import {
  DataFormatError,
  describeRatings,
  describeSplit,
  dropDuplicateRatings,
  generateSynthetic,
  labelRatings,
  loadMovieLens,
  loadRatingsFile,
  type LoadProgress,
  loadTables,
  saveTables,
  splitByTime,
  type LabeledRatings,
  type MoviesTable,
  type ParseIssues,
  type RatingsTable,
  type UsersTable,
} from '@abt/data';
import { memo, type StageContext } from './stage';
import { PipelineError } from './errors';
import { messages } from './messages';
import { badRowsReport, type BadRowsReport } from './bad-rows';
import { datasetRecord } from './datasets';

/** The prepared data every later stage reads: the split plus the catalog and demographics. */
export type Prepared = {
  readonly format: string;
  readonly train: LabeledRatings;
  readonly valid: LabeledRatings;
  readonly test: LabeledRatings;
  readonly movies: MoviesTable;
  readonly users?: UsersTable;
};

/** What a source gave: ratings, a catalog (built from the item ids for a plain ratings file), maybe users. */
type Loaded = {
  readonly format: string;
  readonly source: string;
  readonly ratings: RatingsTable;
  readonly movies: MoviesTable;
  readonly users?: UsersTable;
  readonly issues?: ParseIssues;
  /** True when the source had no catalog of its own (a plain ratings file). */
  readonly noCatalog?: boolean;
};

const PREPARED_DIR = 'prepared';
/** Problems of one row that `--bad-rows skip` can drop (a broken header or archive cannot be skipped). */
const ROW_ISSUES = new Set(['wrong-delimiter', 'field-count', 'non-numeric', 'out-of-range', 'unknown-movie', 'duplicate-id']);
const MIB = 1 << 20;

/** A plain ratings file rather than a MovieLens zip / directory / name / URL. */
function isRatingsFile(source: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /\.zip$/i.test(source)) return false;
  try {
    return statSync(source).isFile();
  } catch {
    return false;
  }
}

async function loadSource(ctx: StageContext): Promise<Loaded> {
  const o = ctx.options;
  if (o.dataset === 'synthetic') {
    const ratings = o.syntheticRatings;
    const bar = ctx.report.bar('generating ratings', ratings);
    let shown = 0;
    try {
      return await generateSynthetic({
        ratings,
        users: o.syntheticUsers ?? Math.max(50, Math.round(ratings / 100)),
        movies: o.syntheticMovies ?? Math.max(50, Math.round(ratings / 60)),
        seed: o.seed,
        onProgress: (p) => {
          bar.tick(p.ratingsDone - shown);
          shown = p.ratingsDone;
        },
      });
    } finally {
      bar.done();
    }
  }
  const source = o.data ?? o.dataset ?? process.env.ABT_ML100K;
  if (!source) throw new PipelineError('usage', messages.noData());
  // The ratings parse is the long part of a load (ml-25m: ~680 MB of text); the bar counts MiB.
  const bar = ctx.report.bar('loading ratings (MiB)', 1);
  let shown = 0;
  const onProgress = (p: LoadProgress) => {
    bar.setTotal(Math.max(1, Math.ceil(p.bytesTotal / MIB)));
    const now = Math.floor(p.bytesDone / MIB);
    bar.tick(now - shown);
    shown = now;
  };
  const strict = o.badRows === 'error';
  try {
    if (isRatingsFile(source)) {
      const ds = await loadRatingsFile(source, { strict, onProgress, ...(o.columns ? { columns: o.columns } : {}) });
      return { ...ds, movies: catalogOf(ds.ratings), noCatalog: true };
    }
    return await loadMovieLens(source, { ...(o.dataDir ? { dataDir: o.dataDir } : {}), strict, onProgress });
  } catch (e) {
    if (DataFormatError.isInstance(e) && e.code === 'DATA_FORMAT') {
      if (e.kind === 'bad-header') throw new PipelineError('data', messages.ratingsHeader(e.message), { cause: e });
      if (strict && e.line > 0 && ROW_ISSUES.has(e.kind)) throw new PipelineError('data', messages.badRowStops(e.message, e.line), { cause: e });
    }
    throw e;
  } finally {
    bar.done();
  }
}

/** A catalog that only lists the rated item ids (no titles, genres or dates): the content features are then left out. */
function catalogOf(ratings: RatingsTable): MoviesTable {
  const ids = Int32Array.from(new Set(ratings.movieId)).sort();
  return {
    length: ids.length,
    movieId: ids,
    title: Array.from(ids, () => ''),
    year: new Float32Array(ids.length).fill(Number.NaN),
    releaseTimestamp: new Float64Array(ids.length).fill(Number.NaN),
    genreNames: [],
    genres: new Uint8Array(0),
  };
}

/**
 * Loads, drops what `--bad-rows skip` drops (counted by reason), labels (`rating >= --positive-threshold`),
 * splits 80/10/10 by time and writes the tables to `<out>/prepared`.
 */
export async function prepareData(ctx: StageContext) {
  const ds = await loadSource(ctx);
  let ratings = ds.ratings;
  let duplicates: ReturnType<typeof dropDuplicateRatings> | undefined;
  if (ctx.options.badRows === 'skip') {
    duplicates = dropDuplicateRatings(ratings);
    ratings = duplicates.ratings;
  }
  const badRows: BadRowsReport = badRowsReport(ctx.options.badRows, ds.issues, duplicates);
  const split = splitByTime(labelRatings(ratings, { threshold: ctx.options.positiveThreshold }));
  const dir = path.join(ctx.out, PREPARED_DIR);
  const tables = { train: split.train, valid: split.valid, test: split.test, movies: ds.movies, ...(ds.users ? { users: ds.users } : {}) };
  await saveTables(dir, { ...tables, meta: { format: ds.format, source: ds.source } });
  ctx.memo.set('prepared', { format: ds.format, ...tables } satisfies Prepared);
  const d = describeRatings(ratings);
  const stats = {
    format: ds.format,
    source: ds.source,
    ratings: d.rows,
    users: d.users,
    movies: ds.movies.length,
    ratedMovies: d.movies,
    positiveThreshold: ctx.options.positiveThreshold,
    split: describeSplit(split),
    badRows,
    leftOut: leftOutFeatures(ds),
    datasets: {
      train: datasetRecord('train', split.train, ds.source, ds.format),
      valid: datasetRecord('valid', split.valid, ds.source, ds.format),
      test: datasetRecord('test', split.test, ds.source, ds.format),
    },
  };
  return { stats, outputs: [path.join(PREPARED_DIR, 'tables.json')] };
}

/** What the features cannot use for lack of a catalog or a user table, said in the summary. */
function leftOutFeatures(ds: Loaded): string[] {
  const out: string[] = [];
  if (ds.noCatalog) out.push('content (genres, release year, movie age, genre affinity): no item catalog');
  if (!ds.users) out.push('demographics (age, gender, occupation and their crosses): no user table');
  return out;
}

/** The prepared tables, from this invocation's memory or from `<out>/prepared`. */
export function loadPrepared(ctx: StageContext): Promise<Prepared> {
  return memo(ctx, 'prepared', async () => {
    const { meta, ...tables } = await loadTables<Omit<Prepared, 'format'> & { meta: { format: string } }>(path.join(ctx.out, PREPARED_DIR));
    return { format: meta.format, ...tables };
  });
}
