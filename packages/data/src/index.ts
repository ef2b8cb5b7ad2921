// Public API of @abt/data.
export type {
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
