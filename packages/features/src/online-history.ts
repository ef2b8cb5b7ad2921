import type { DenseContext } from './dense-features';
import { refreshPriors, writeDenseRow } from './dense-features';
import { checkArity } from './check-args';
import { FeaturesError } from './errors';
import { contextFor, DAY_SECONDS, type Fitted } from './fitted';
import { addMovieSide, addUserSide, copyHistory, emptyHistory, movieResiduals, type HistoryState, type RowKeys } from './history';
import type { IdIndex } from './id-index';
import { messages } from './messages';
import { checkId, type EntityId, numericId, type RequestColumns } from './request';

/** Feedback interactions in arrival order, as the online history consumes them. */
export type InteractionBatch = {
  readonly length: number;
  readonly userId: ArrayLike<EntityId>;
  readonly movieId: ArrayLike<EntityId>;
  /** Unix seconds of each interaction. */
  readonly timestamp: ArrayLike<number>;
  readonly rating: ArrayLike<number>;
  /** 0 or 1 (the training label rule applied to the rating, e.g. `rating >= 4`). */
  readonly label: ArrayLike<number>;
};

/** Counters of an {@link OnlineHistory}. */
export type OnlineHistoryStats = {
  /** Interactions added. */
  readonly interactions: number;
  /** Interactions whose time was earlier than a time already added: applied on arrival, in their own group. */
  readonly lateInteractions: number;
  /** Users and movies with a history slot (train's plus those seen in feedback). */
  readonly users: number;
  readonly movies: number;
  /** Time (Unix seconds) of the newest interaction group, NaN before any. */
  readonly latestTime: number;
};

/** Id → history slot: the spec's train ids first (same indices as its state), then ids seen online. */
class Slots {
  readonly #base: IdIndex;
  readonly #extra = new Map<number | string, number>();
  count: number;
  constructor(base: IdIndex) {
    this.#base = base;
    this.count = base.ids.length;
  }
  get(id: EntityId): number {
    const n = numericId(id);
    if (!Number.isNaN(n)) {
      const k = this.#base.get(n);
      return k >= 0 ? k : (this.#extra.get(n) ?? -1);
    }
    return this.#extra.get(id) ?? -1;
  }
  getOrAdd(id: EntityId): number {
    const k = this.get(id);
    if (k >= 0) return k;
    const n = numericId(id);
    this.#extra.set(Number.isNaN(n) ? id : n, this.count);
    return this.count++;
  }
}

/** Growable per-group row keys (RowKeys over plain arrays) plus each row's label, rating and residuals. */
type Group = {
  time: number;
  readonly keys: { histUser: number[]; histMovie: number[]; catMovie: number[]; catUser: number[] };
  readonly label: number[];
  readonly rating: number[];
  readonly resid: number[];
};

const toKeys = (g: Group): RowKeys => g.keys as unknown as RowKeys;

/**
 * The per-user and per-item aggregates a dense {@link FeatureSpec} reads, kept up to date by
 * feedback, so that a request is featurized exactly as `transformOnline` featurizes a row given all
 * interactions added before it. Created by `spec.createOnlineHistory()` and read by
 * `spec.transformColumns(columns, { history })`.
 *
 * `transformOnline`'s expanding pass, made incremental: interactions sharing a timestamp form a
 * group; each is measured against the state before its group (residuals), and the group is folded
 * in when an interaction with a later time arrives. Two states are kept: `closed` (every finished
 * group) and `all` (closed plus the open group), so that a request at time t reads every interaction
 * strictly before t: `all` when t is after the open group, `closed` otherwise. Parity with the batch
 * protocol is exact when interactions arrive in time order (a later arrival never has an earlier
 * time) and requests are not older than the interactions already added; a late interaction is
 * applied on arrival in its own group and counted in `stats().lateInteractions`.
 */
export class OnlineHistory {
  /** Interface version; changes only as a breaking change. */
  readonly version = 1 as const;
  readonly #f: Fitted;
  readonly #dense: boolean;
  readonly #users: Slots;
  readonly #movies: Slots;
  #closed: HistoryState;
  #all: HistoryState;
  #userCap: number;
  #movieCap: number;
  #ctxClosed: DenseContext;
  #ctxAll: DenseContext;
  #dirtyClosed = true;
  #dirtyAll = true;
  readonly #group: Group = { time: Number.NaN, keys: { histUser: [], histMovie: [], catMovie: [], catUser: [] }, label: [], rating: [], resid: [] };
  #latest = Number.NaN;
  #interactions = 0;
  #late = 0;

  /** @internal Use `spec.createOnlineHistory()`. */
  constructor(fitted: Fitted) {
    if (fitted.options.userHistoryLagDays !== 0)
      throw new FeaturesError('INVALID_OPTION', messages.onlineLagUnsupported(fitted.options.userHistoryLagDays), 'userHistoryLagDays');
    this.#f = fitted;
    this.#dense = fitted.options.kind === 'dense';
    this.#users = new Slots(fitted.histUsers);
    this.#movies = new Slots(fitted.histMovies);
    // One spare slot past the last: the "blank" every unseen id reads (an empty history).
    this.#userCap = this.#users.count + 1;
    this.#movieCap = this.#movies.count + 1;
    const start = fitted.state ?? emptyHistory(0, 0, fitted.movies, fitted.users);
    this.#closed = copyHistory(start, this.#userCap, this.#movieCap);
    this.#all = copyHistory(start, this.#userCap, this.#movieCap);
    this.#ctxClosed = contextFor(fitted, this.#closed);
    this.#ctxAll = contextFor(fitted, this.#all);
  }

  /** @internal The spec record this history belongs to. */
  get fitted(): Fitted {
    return this.#f;
  }

  stats(): OnlineHistoryStats {
    checkArity('OnlineHistory.stats', arguments, []);
    return { interactions: this.#interactions, lateInteractions: this.#late, users: this.#users.count, movies: this.#movies.count, latestTime: this.#latest };
  }

  /**
   * Adds interactions in the order given (their arrival order). The whole batch is validated first,
   * so a bad batch changes nothing; errors name the column and row (`interactions.rating[3]`).
   */
  add(batch: InteractionBatch): void {
    checkArity('OnlineHistory.add', arguments, ['batch']);
    checkBatch(batch);
    if (!this.#dense) {
      this.#interactions += batch.length;
      return;
    }
    const g = this.#group;
    const k = this.#f.options.priorStrength;
    const halfLife = this.#f.options.halfLifeDays * DAY_SECONDS;
    const { movies, users } = this.#f;
    for (let i = 0; i < batch.length; i++) {
      const t = batch.timestamp[i] as number;
      if (!(t === g.time)) {
        if (t < this.#latest) this.#late++;
        this.#closeGroup();
        g.time = t;
      }
      if (!(t <= this.#latest)) this.#latest = t;
      const u = this.#users.getOrAdd(batch.userId[i] as EntityId);
      const m = this.#movies.getOrAdd(batch.movieId[i] as EntityId);
      this.#ensureCapacity();
      const j = g.label.length;
      const un = numericId(batch.userId[i] as EntityId);
      const mn = numericId(batch.movieId[i] as EntityId);
      g.keys.histUser.push(u);
      g.keys.histMovie.push(m);
      g.keys.catMovie.push(movies.index.get(mn));
      g.keys.catUser.push(users ? users.index.get(un) : -1);
      const label = batch.label[i] as number;
      const rating = batch.rating[i] as number;
      g.label.push(label);
      g.rating.push(rating);
      g.resid.push(0, 0);
      const keys = toKeys(g);
      // Against the state before this interaction's group, as transformOnline measures residuals.
      movieResiduals(this.#closed, keys, j, label, rating, k, g.resid as unknown as Float64Array);
      addMovieSide(this.#all, keys, j, t, label, rating, halfLife, movies, users);
      addUserSide(this.#all, keys, j, t, label, rating, g.resid as unknown as Float64Array, movies);
      this.#interactions++;
    }
    this.#dirtyAll = true;
  }

  /** Folds the open group into the closed state: movie sides, then user sides, in arrival order (transformOnline's order). */
  #closeGroup(): void {
    const g = this.#group;
    const n = g.label.length;
    if (n === 0) return;
    const keys = toKeys(g);
    const halfLife = this.#f.options.halfLifeDays * DAY_SECONDS;
    const { movies, users } = this.#f;
    for (let j = 0; j < n; j++) addMovieSide(this.#closed, keys, j, g.time, g.label[j] as number, g.rating[j] as number, halfLife, movies, users);
    const resid = g.resid as unknown as Float64Array;
    for (let j = 0; j < n; j++) addUserSide(this.#closed, keys, j, g.time, g.label[j] as number, g.rating[j] as number, resid, movies);
    for (const a of [g.keys.histUser, g.keys.histMovie, g.keys.catMovie, g.keys.catUser, g.label, g.rating, g.resid]) a.length = 0;
    this.#dirtyClosed = true;
  }

  /** Keeps a spare (never written) slot past the last user and movie; grows both states by doubling. */
  #ensureCapacity(): void {
    if (this.#users.count < this.#userCap && this.#movies.count < this.#movieCap) return;
    if (this.#users.count >= this.#userCap) this.#userCap = Math.max(2 * this.#userCap, this.#users.count + 1);
    if (this.#movies.count >= this.#movieCap) this.#movieCap = Math.max(2 * this.#movieCap, this.#movies.count + 1);
    this.#closed = copyHistory(this.#closed, this.#userCap, this.#movieCap);
    this.#all = copyHistory(this.#all, this.#userCap, this.#movieCap);
    this.#ctxClosed = contextFor(this.#f, this.#closed);
    this.#ctxAll = contextFor(this.#f, this.#all);
    this.#dirtyClosed = true;
    this.#dirtyAll = true;
  }

  /**
   * @internal Dense features of validated request columns from this history; `fallback` is the
   * timestamp of rows without one. Unseen ids read an empty history slot, as in transformOnline.
   */
  writeRows(cols: RequestColumns, fallback: number, out: Float32Array | Float64Array, width: number): void {
    const n = cols.length;
    const keys: RowKeys = { histUser: new Int32Array(n), histMovie: new Int32Array(n), catMovie: new Int32Array(n), catUser: new Int32Array(n) };
    const { movies, users } = this.#f;
    const blankUser = this.#users.count;
    const blankMovie = this.#movies.count;
    for (let i = 0; i < n; i++) {
      const u = this.#users.get(cols.userId[i] as EntityId);
      const m = this.#movies.get(cols.movieId[i] as EntityId);
      keys.histUser[i] = u >= 0 ? u : blankUser;
      keys.histMovie[i] = m >= 0 ? m : blankMovie;
      const mn = numericId(cols.movieId[i] as EntityId);
      keys.catMovie[i] = movies.index.get(mn);
      keys.catUser[i] = users ? users.index.get(numericId(cols.userId[i] as EntityId)) : -1;
    }
    const openTime = this.#group.label.length > 0 ? this.#group.time : Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const t = cols.timestamp ? (cols.timestamp[i] as number) : Number.NaN;
      const ts = Number.isNaN(t) ? fallback : t;
      writeDenseRow(ts > openTime ? this.#all_() : this.#closed_(), keys, i, ts, out, i * width);
    }
  }

  #all_(): DenseContext {
    if (this.#dirtyAll) {
      refreshPriors(this.#ctxAll);
      this.#dirtyAll = false;
    }
    return this.#ctxAll;
  }

  #closed_(): DenseContext {
    if (this.#dirtyClosed) {
      refreshPriors(this.#ctxClosed);
      this.#dirtyClosed = false;
    }
    return this.#ctxClosed;
  }
}

function checkBatch(b: InteractionBatch): void {
  const where = 'interactions';
  if (typeof b !== 'object' || b === null || !Number.isSafeInteger(b.length) || b.length < 0)
    throw new FeaturesError('INVALID_INPUT', messages.badInteraction(`${where}.length`, 'a count', b?.length), `${where}.length`);
  const n = b.length;
  for (const c of ['userId', 'movieId', 'timestamp', 'rating', 'label'] as const) {
    const col = b[c] as ArrayLike<unknown> | undefined;
    if (!col || typeof col.length !== 'number') throw new FeaturesError('INVALID_INPUT', messages.missingColumn(where, c), `${where}.${c}`);
    if (col.length !== n) throw new FeaturesError('INVALID_INPUT', messages.lengthMismatch(where, c, col.length, n), `${where}.${c}`);
  }
  const bad = (c: string, i: number, expected: string, got: unknown): never => {
    throw new FeaturesError('INVALID_INPUT', messages.badInteraction(`${where}.${c}[${i}]`, expected, got), `${where}.${c}[${i}]`);
  };
  for (let i = 0; i < n; i++) {
    if (checkId(b.userId[i]) === undefined) bad('userId', i, 'an id', b.userId[i]);
    if (checkId(b.movieId[i]) === undefined) bad('movieId', i, 'an id', b.movieId[i]);
    if (!Number.isFinite(b.timestamp[i])) bad('timestamp', i, 'finite Unix seconds', b.timestamp[i]);
    if (!Number.isFinite(b.rating[i])) bad('rating', i, 'a finite number', b.rating[i]);
    const l = b.label[i];
    if (l !== 0 && l !== 1) bad('label', i, '0 or 1', l);
  }
}
