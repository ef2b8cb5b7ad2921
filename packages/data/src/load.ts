import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MovieLensDataset, MovieLensFormat, RatingsTable } from './tables';
import { DataFormatError, DatasetUnavailableError } from './errors';
import { DATASETS, isDatasetName } from './datasets';
import { messages as msg } from './messages';
import { openDirSource } from './io/dir-source';
import { openZipSource } from './io/zip-source';
import { datasetPath, urlPath, type ResolveDatasetOptions } from './io/download';
import { detectFormat } from './formats/detect';
import { parseGenre100k, parseItem100k, parseUser100k } from './formats/ml-100k';
import { parseMovies1m, parseUsers1m } from './formats/ml-1m';
import { parseLinksCsv, parseMoviesCsv, parseTagsCsv } from './formats/ml-latest';
import { ML100K_GENRES } from './formats/vocabulary';
import { IssueSink } from './parse/issues';
import { parseRatingsBytes } from './parse/ratings-bytes';
import { countDuplicatePairs } from './parse/duplicates';
import { checkArity, checkKeys, keysOf } from './check-args';

export type LoadOptions = ResolveDatasetOptions & {
  /** true (default): the first bad line throws `DataFormatError`; false: bad lines are skipped and reported in `issues`. */
  readonly strict?: boolean;
  /** Count repeated (userId, movieId) pairs into `issues` (they are always kept). Default true. */
  readonly checkDuplicates?: boolean;
  /**
   * Progress of the ratings file, the long part of a load (ml-25m: ~680 MB of text): bytes parsed
   * so far and the file's size, about every 8 MiB and once at the end. Called synchronously.
   */
  readonly onProgress?: (progress: LoadProgress) => void;
};
const LOAD_OPTIONS = keysOf<LoadOptions>({
  dataDir: true,
  fetch: true,
  baseUrl: true,
  md5: true,
  timeoutMs: true,
  download: true,
  strict: true,
  checkDuplicates: true,
  onProgress: true,
});

/** What `LoadOptions.onProgress` receives. */
export type LoadProgress = { readonly file: string; readonly bytesDone: number; readonly bytesTotal: number };

/**
 * Loads a MovieLens dataset from a zip, an extracted directory, a dataset name
 * (`ml-100k`, `ml-1m`, `ml-latest-small`, `ml-latest`, `ml-20m`, `ml-25m`, `ml-32m`) or the
 * http(s) URL of a zip (cached in the data dir, md5-verified),
 * detecting the format from the files present.
 */
export async function loadMovieLens(source: string, options: LoadOptions = {}): Promise<MovieLensDataset> {
  checkArity('loadMovieLens', arguments, ['source', 'options']);
  checkKeys('loadMovieLens', 'options', options, LOAD_OPTIONS);
  const where = await locate(source, options);
  const src = where.isDir ? await openDirSource(where.path) : await openZipSource(where.path);
  const { format, prefix } = detectFormat(src);
  const sink = new IssueSink(options.strict ?? true);
  const members = new Set(src.list());
  const file = (name: string) => `${src.label}/${prefix}${name}`;
  const read = async (name: string, required: boolean): Promise<Uint8Array | undefined> => {
    if (!members.has(prefix + name)) {
      if (!required) return undefined;
      throw new DataFormatError('missing-member', file(name), 0, undefined, msg.missingMember(src.label, prefix + name, format));
    }
    return src.read(prefix + name);
  };
  const parts = await readFormat(format, read, file, sink, options.onProgress);
  if (options.checkDuplicates ?? true) noteDuplicates(parts.ratings, parts.ratingsFile, sink);
  const { ratingsFile: _, ...tables } = parts;
  return { format, source: where.path, ...tables, issues: sink.report() };
}

type Reader = (name: string, required: boolean) => Promise<Uint8Array | undefined>;
type Parts = Omit<MovieLensDataset, 'format' | 'source' | 'issues'> & { ratingsFile: string };

async function readFormat(
  format: MovieLensFormat,
  read: Reader,
  file: (n: string) => string,
  sink: IssueSink,
  onProgress: LoadOptions['onProgress'],
): Promise<Parts> {
  const progressOf = (name: string) =>
    onProgress ? { onBytes: (bytesDone: number, bytesTotal: number) => onProgress({ file: file(name), bytesDone, bytesTotal }) } : {};
  if (format === 'ml-100k') {
    const genreBytes = await read('u.genre', false);
    const genreNames = genreBytes ? parseGenre100k(genreBytes) : [...ML100K_GENRES];
    const { movies, known } = parseItem100k((await read('u.item', true))!, file('u.item'), genreNames, sink);
    const users = parseUser100k((await read('u.user', true))!, file('u.user'), sink);
    const ratings = parseRatingsBytes(
      (await read('u.data', true))!,
      { file: file('u.data'), delimiter: '\t', halfStars: false, ...progressOf('u.data') },
      sink,
      known,
    );
    return { ratings, movies, users, ratingsFile: file('u.data') };
  }
  if (format === 'ml-1m') {
    const { movies, known } = parseMovies1m((await read('movies.dat', true))!, file('movies.dat'), sink);
    const users = parseUsers1m((await read('users.dat', true))!, file('users.dat'), sink);
    const ratings = parseRatingsBytes(
      (await read('ratings.dat', true))!,
      { file: file('ratings.dat'), delimiter: '::', halfStars: false, ...progressOf('ratings.dat') },
      sink,
      known,
    );
    return { ratings, movies, users, ratingsFile: file('ratings.dat') };
  }
  const { movies, known } = parseMoviesCsv((await read('movies.csv', true))!, file('movies.csv'), sink);
  const header = ['userId', 'movieId', 'rating', 'timestamp'];
  const ratings = parseRatingsBytes(
    (await read('ratings.csv', true))!,
    { file: file('ratings.csv'), delimiter: ',', header, halfStars: true, ...progressOf('ratings.csv') },
    sink,
    known,
  );
  const tagBytes = await read('tags.csv', false);
  const linkBytes = await read('links.csv', false);
  return {
    ratings,
    movies,
    ...(tagBytes ? { tags: parseTagsCsv(tagBytes, file('tags.csv'), sink) } : {}),
    ...(linkBytes ? { links: parseLinksCsv(linkBytes, file('links.csv'), sink) } : {}),
    ratingsFile: file('ratings.csv'),
  };
}

function noteDuplicates(ratings: RatingsTable, file: string, sink: IssueSink): void {
  const d = countDuplicatePairs(ratings);
  if (d.count > 0) sink.note('duplicate-rating', file, 0, 'movieId', msg.duplicateRatings(file, d.count), d.count);
}

async function locate(source: string, options: LoadOptions): Promise<{ path: string; isDir: boolean }> {
  const s = await stat(source).catch(() => undefined);
  if (s) return { path: path.resolve(source), isDir: s.isDirectory() };
  if (/^https?:\/\//i.test(source)) {
    const p = await urlPath(source, options);
    return { path: p, isDir: false };
  }
  if (!isDatasetName(source)) {
    throw new DatasetUnavailableError('DATASET_NOT_FOUND', source, path.resolve(source), undefined, msg.notFound(source, Object.keys(DATASETS)));
  }
  const p = await datasetPath(source, options);
  return { path: p, isDir: (await stat(p)).isDirectory() };
}
