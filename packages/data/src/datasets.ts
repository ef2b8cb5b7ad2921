/** A dataset GroupLens publishes, as `loadMovieLens` can fetch it by name. */
export type DatasetInfo = {
  readonly name: string;
  /** File name under the GroupLens base URL and in the cache directory. */
  readonly file: string;
  /**
   * The md5 GroupLens publishes in `<file>.md5`. Undefined for datasets GroupLens updates in
   * place (ml-latest, ml-latest-small) or whose sum is not pinned here: then the published
   * `<url>.md5` is fetched and checked against instead.
   */
  readonly md5?: string;
};

export const GROUPLENS_BASE_URL = 'https://files.grouplens.org/datasets/movielens/';

/** name → file + published md5 (from GroupLens's `.md5` sidecars). */
export const DATASETS: Readonly<Record<string, DatasetInfo>> = {
  'ml-100k': { name: 'ml-100k', file: 'ml-100k.zip', md5: '0e33842e24a9c977be4e0107933c0723' },
  'ml-1m': { name: 'ml-1m', file: 'ml-1m.zip', md5: 'c4d9eecfca2ab87c1945afe126590906' },
  'ml-20m': { name: 'ml-20m', file: 'ml-20m.zip', md5: 'cd245b17a1ae2cc31bb14903e1204af3' },
  'ml-25m': { name: 'ml-25m', file: 'ml-25m.zip', md5: '6b51fb2759a8657d3bfcbfc42b592ada' },
  'ml-32m': { name: 'ml-32m', file: 'ml-32m.zip' },
  'ml-latest-small': { name: 'ml-latest-small', file: 'ml-latest-small.zip' },
  'ml-latest': { name: 'ml-latest', file: 'ml-latest.zip' },
};

export function isDatasetName(name: string): boolean {
  return Object.hasOwn(DATASETS, name);
}
