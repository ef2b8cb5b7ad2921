import type { LabeledRatings } from '@abt/data';
import type { MovieCatalog, UserCatalog } from './catalog';
import { denseContext, refreshPriors, writeDenseRow } from './dense-features';
import { addMovieSide, addUserSide, copyHistory, emptyHistory, movieResiduals, resolveKeys, type HistoryState, type RowKeys } from './history';
import type { IdIndex } from './id-index';
import type { ResolvedOptions } from './options';
import type { EntityId } from './request';
import { forEachTimeGroup, timeOrder } from './time-order';
import type { Progress } from './transform-options';

/** A fitted spec's learned state: everything `toJSON` writes (plus the train rows, which it does not). */
export type Fitted = {
  readonly options: ResolvedOptions;
  readonly movies: MovieCatalog;
  readonly users: UserCatalog | undefined;
  /** Train user / movie ids: the one-hot categories and the history index. */
  readonly histUsers: IdIndex;
  readonly histMovies: IdIndex;
  /** Aggregates over all of train (dense only). */
  readonly state: HistoryState | undefined;
  readonly trainRows: number;
  /** Last train timestamp: the default for requests without one. */
  readonly trainEnd: number;
  readonly featureNames: readonly string[];
  /**
   * Dense column layout: 2 (current) adds the user residual columns; 1 is the layout of specs
   * written as formatVersion 1, kept so that their models keep working.
   */
  readonly layout: DenseLayout;
  /** Present after fit(), absent after fromJSON(): transformTrain needs it. */
  readonly train: LabeledRatings | undefined;
};

export const DAY_SECONDS = 86_400;

/** Dense column layouts this version can write (the last) and read. */
const DENSE_LAYOUTS = [1, 2] as const;
export type DenseLayout = (typeof DENSE_LAYOUTS)[number];
export const CURRENT_LAYOUT: DenseLayout = 2;

export function keysFor(f: Fitted, userId: ArrayLike<EntityId>, movieId: ArrayLike<EntityId>): RowKeys {
  return resolveKeys(userId, movieId, { users: f.histUsers, movies: f.histMovies }, f.movies, f.users);
}

export function contextFor(f: Pick<Fitted, 'options' | 'movies' | 'users' | 'layout'>, state: HistoryState) {
  return denseContext(state, f.movies, f.users, {
    layout: f.layout,
    prior: f.options.priorStrength,
    halfLifeSeconds: f.options.halfLifeDays * DAY_SECONDS,
    missing: f.options.missingValue,
  });
}

/**
 * The leak-free expanding pass: rows in time order, one timestamp group at a time. Every row of
 * a group is featurized (when `out` is given) from the state of strictly earlier groups, then the
 * whole group is added. So no row sees its own label, a later row, or a row with the same
 * timestamp. Starts from `init` (default: empty) and returns the state after all rows; `init`
 * is never mutated.
 */
export function historyPass(
  f: Pick<Fitted, 'options' | 'movies' | 'users' | 'histUsers' | 'histMovies' | 'layout'>,
  rows: LabeledRatings,
  out?: { data: Float32Array | Float64Array; cols: number },
  init?: HistoryState,
  progress?: Progress,
): HistoryState {
  const index = { users: f.histUsers, movies: f.histMovies };
  const keys = resolveKeys(rows.userId, rows.movieId, index, f.movies, f.users);
  const nu = f.histUsers.ids.length;
  const nm = f.histMovies.ids.length;
  const state = init ? copyHistory(init, nu, nm) : emptyHistory(nu, nm, f.movies, f.users);
  const ctx = contextFor(f, state);
  const order = timeOrder(rows.timestamp);
  const ts = rows.timestamp;
  const lag = f.options.userHistoryLagDays * DAY_SECONDS;
  const k = f.options.priorStrength;
  // Each row's residuals against its movie as of strictly before the row's time group; the
  // user side (which may trail by `lag`) adds them later.
  const resid = new Float64Array(2 * rows.length);
  // User-side updates trail the movie side by `lag`: a row sees its user's interactions only
  // when they are at least `lag` older (and strictly earlier), so train rows look like serving
  // requests from users whose recent session is not yet in the history.
  let userPtr = 0;
  const addUsersUpTo = (t: number, all: boolean) => {
    while (userPtr < order.length) {
      const i = order[userPtr]!;
      const ti = ts[i]!;
      if (!(all || (ti < t && ti <= t - lag))) break;
      addUserSide(state, keys, i, ti, rows.label[i]!, rows.rating[i]!, resid, f.movies);
      userPtr++;
    }
  };
  forEachTimeGroup(ts, order, (start, end) => {
    addUsersUpTo(ts[order[start]!]!, false);
    if (out) {
      refreshPriors(ctx);
      for (let j = start; j < end; j++) {
        const i = order[j]!;
        writeDenseRow(ctx, keys, i, ts[i]!, out.data, i * out.cols);
      }
    }
    for (let j = start; j < end; j++) {
      const i = order[j]!;
      movieResiduals(state, keys, i, rows.label[i]!, rows.rating[i]!, k, resid);
    }
    for (let j = start; j < end; j++) {
      const i = order[j]!;
      addMovieSide(state, keys, i, ts[i]!, rows.label[i]!, rows.rating[i]!, ctx.halfLifeSeconds, f.movies, f.users);
    }
    progress?.advance(end);
  });
  addUsersUpTo(Infinity, true);
  return state;
}
