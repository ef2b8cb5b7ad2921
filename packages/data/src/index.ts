// Public API of @abt/data.
export type {
  ColumnTable,
  DictColumn,
  RatingsTable,
  LabeledRatings,
  MoviesTable,
  UsersTable,
  TagsTable,
  LinksTable,
  MovieLensFormat,
  MovieLensDataset,
  Split,
} from './tables';
export type { ParseIssues, ParseIssueExample } from './parse/issues';

export { DataError, DataFormatError, DatasetUnavailableError, InvalidOptionError, TablesFormatError } from './errors';
export type { DataErrorCode, DataIssueKind } from './errors';
export { messages } from './messages';

export { loadMovieLens } from './load';
export type { LoadOptions, LoadProgress } from './load';
export { loadRatingsFile } from './ratings-file';
export type { RatingsFileOptions, RatingsFileColumns, RatingsFileDataset } from './ratings-file';
export { dropDuplicateRatings } from './drop-duplicates';
export type { DroppedDuplicates } from './drop-duplicates';
export { resolveDataset, resolveUrl, defaultDataDir } from './io/download';
export type { ResolveDatasetOptions, FetchLike } from './io/download';
export { DATASETS, GROUPLENS_BASE_URL } from './datasets';
export type { DatasetInfo } from './datasets';
export { ML100K_GENRES, ML1M_GENRES, ML_LATEST_GENRES, ML1M_AGE_CODES, ML1M_OCCUPATIONS } from './formats/vocabulary';

export { labelRatings } from './label';
export type { LabelOptions } from './label';
export { splitByTime } from './split/split-by-time';
export type { SplitByTimeOptions } from './split/split-by-time';
export { splitLeaveLastOut } from './split/leave-last-out';
export type { LeaveLastOutOptions } from './split/leave-last-out';
export { timeOrder } from './split/time-order';
export { takeRows } from './take-rows';
export { concatRows } from './concat-rows';
export { describeDataset, describeSplit, describeRatings } from './describe';
export type { DatasetStats, SplitStats, PartStats } from './describe';

export { createRng } from './random';
export { generateSynthetic, SYNTHETIC_PROGRESS_ROWS } from './synthetic/generate';
export type { SyntheticOptions, SyntheticFormat, SyntheticFiles, SyntheticProgress } from './synthetic/generate';
export { saveTables } from './persist/save-tables';
export { loadTables } from './persist/load-tables';
export { TABLES_FORMAT, TABLES_VERSION } from './persist/manifest';
