import { checkKeys, keysOf } from '../check-args';

/** Rows the models were trained on: only these define popularity, activity and "seen" users and items. */
export interface SegmentTrainRows {
  readonly userIds: ArrayLike<number>;
  readonly itemIds: ArrayLike<number>;
}

/** Optional per-evaluation-row demographics (joined from the users table by the caller). */
export interface SegmentDemographics {
  /** Age in years; banded as MovieLens-1M does (under 18, 18–24, 25–34, 35–44, 45–49, 50–55, 56+). */
  readonly age?: ArrayLike<number>;
  /** e.g. 'M' / 'F'. */
  readonly gender?: ArrayLike<string>;
  readonly occupation?: ArrayLike<string>;
}

/** The evaluated rows (e.g. the test split), aligned with the scores of A and B. */
export interface SegmentEvalRows {
  readonly userIds: ArrayLike<number>;
  readonly itemIds: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  /** Genre multi-hot, row-major `rows × names.length` (1 = the movie has the genre). */
  readonly genres?: { readonly names: readonly string[]; readonly flags: ArrayLike<number> };
  readonly demographics?: SegmentDemographics;
}

export interface SegmentInput {
  readonly train: SegmentTrainRows;
  readonly eval: SegmentEvalRows;
  readonly scoresA: ArrayLike<number>;
  readonly scoresB: ArrayLike<number>;
}

export type SegmentGroup = 'all' | 'cold_start' | 'popularity' | 'activity' | 'genre' | 'age' | 'gender' | 'occupation';

/** A named subset of evaluation rows. */
export interface Segment {
  /** snake_case key used in metric names: `test_<key>_<A|B>_<metric>`. */
  readonly key: string;
  readonly label: string;
  readonly group: SegmentGroup;
  /** Evaluation row indices in this segment, ascending. */
  readonly rows: Uint32Array;
}

export interface SegmentOptions {
  /** Fraction of train-seen movies, by train rating count, called popular; default 0.1. */
  readonly popularTopFraction?: number;
  /** Segments with fewer rows are skipped; default 50. */
  readonly minN?: number;
  /** CIs at 1 − α; default 0.05. */
  readonly alpha?: number;
}

export const SEGMENT_OPTIONS = keysOf<SegmentOptions>({ popularTopFraction: true, minN: true, alpha: true });
const INPUT_KEYS = keysOf<SegmentInput>({ train: true, eval: true, scoresA: true, scoresB: true });
const TRAIN_KEYS = keysOf<SegmentTrainRows>({ userIds: true, itemIds: true });
const EVAL_KEYS = keysOf<SegmentEvalRows>({ userIds: true, itemIds: true, labels: true, genres: true, demographics: true });
const GENRES_KEYS = keysOf<NonNullable<SegmentEvalRows['genres']>>({ names: true, flags: true });
const DEMOGRAPHICS_KEYS = keysOf<SegmentDemographics>({ age: true, gender: true, occupation: true });

/** Refuses unknown keys anywhere in a segment input (a misspelt optional field would silently drop segments). */
export function checkSegmentInput(fn: string, input: SegmentInput): void {
  checkKeys(fn, 'input', input, INPUT_KEYS);
  checkKeys(fn, 'input.train', input.train, TRAIN_KEYS);
  checkKeys(fn, 'input.eval', input.eval, EVAL_KEYS);
  checkKeys(fn, 'input.eval.genres', input.eval?.genres, GENRES_KEYS);
  checkKeys(fn, 'input.eval.demographics', input.eval?.demographics, DEMOGRAPHICS_KEYS);
}
