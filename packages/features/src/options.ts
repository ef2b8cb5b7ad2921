import { FeaturesError } from './errors';
import { messages } from './messages';
import { keysOf } from './check-args';

/** Which feature set a spec builds. */
export type FeatureKind = 'onehot' | 'dense';

/** Options of `fitFeatureSpec` / `new FeatureSpec(options)`. Every field is optional. */
export type FeatureSpecOptions = {
  /**
   * `'dense'` (default): history, content, demographic and time features as a dense row-major matrix.
   * `'onehot'`: the original pipeline's features (one-hot userId and movieId + genre flags) as CSR.
   */
  readonly kind?: FeatureKind;
  /**
   * Pseudo-count of the smoothing prior (default 20): a rate with `n` observations and `p`
   * positives is `(p + priorStrength * prior) / (n + priorStrength)`.
   */
  readonly priorStrength?: number;
  /** Half-life in days of the recency-weighted movie rate and count (default 30). */
  readonly halfLifeDays?: number;
  /**
   * While featurizing train, a row sees its own user's history only when it is at least this many
   * days old (default 0: every strictly earlier interaction). A positive lag makes train rows look
   * like serving requests, where a user's current session is not in the history yet.
   */
  readonly userHistoryLagDays?: number;
  /** Element type of the output `data` arrays (default `'float32'`: half the memory; trees bin anyway). */
  readonly dtype?: 'float32' | 'float64';
  /**
   * Value written where a feature is undefined (default -1): recency of an entity never seen,
   * age of an unknown user, year / age of a movie without a release date. Never NaN, so linear
   * models can consume the matrix as is.
   */
  readonly missingValue?: number;
  /**
   * Timestamp (Unix seconds) used by `transformRequests` for a request without one.
   * Default: the last train timestamp (`'train-end'`).
   */
  readonly defaultTimestamp?: number | 'train-end';
};

export const FEATURE_SPEC_OPTION_KEYS = keysOf<FeatureSpecOptions>({
  kind: true,
  priorStrength: true,
  halfLifeDays: true,
  userHistoryLagDays: true,
  dtype: true,
  missingValue: true,
  defaultTimestamp: true,
});

/** Options with every default filled in. */
export type ResolvedOptions = {
  readonly kind: FeatureKind;
  readonly priorStrength: number;
  readonly halfLifeDays: number;
  readonly userHistoryLagDays: number;
  readonly dtype: 'float32' | 'float64';
  readonly missingValue: number;
  readonly defaultTimestamp: number | 'train-end';
};

export const DEFAULT_OPTIONS: ResolvedOptions = {
  kind: 'dense',
  priorStrength: 20,
  halfLifeDays: 30,
  userHistoryLagDays: 0,
  dtype: 'float32',
  missingValue: -1,
  defaultTimestamp: 'train-end',
};

/** Fills defaults and checks ranges; throws `FeaturesError('INVALID_OPTION')` naming the option. */
export function resolveOptions(options: FeatureSpecOptions = {}): ResolvedOptions {
  const o = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  const fail = (name: string, allowed: string): never => {
    throw new FeaturesError('INVALID_OPTION', messages.invalidOption(name, (o as Record<string, unknown>)[name], allowed), name);
  };
  if (o.kind !== 'dense' && o.kind !== 'onehot') fail('kind', "'dense' | 'onehot'");
  if (!(Number.isFinite(o.priorStrength) && o.priorStrength > 0)) fail('priorStrength', 'a finite number > 0');
  if (!(Number.isFinite(o.halfLifeDays) && o.halfLifeDays > 0)) fail('halfLifeDays', 'a finite number > 0');
  if (!(Number.isFinite(o.userHistoryLagDays) && o.userHistoryLagDays >= 0)) fail('userHistoryLagDays', 'a finite number >= 0');
  if (o.dtype !== 'float32' && o.dtype !== 'float64') fail('dtype', "'float32' | 'float64'");
  if (!Number.isFinite(o.missingValue)) fail('missingValue', 'a finite number');
  if (o.defaultTimestamp !== 'train-end' && !Number.isFinite(o.defaultTimestamp)) {
    fail('defaultTimestamp', "'train-end' or finite Unix seconds");
  }
  return {
    kind: o.kind,
    priorStrength: o.priorStrength,
    halfLifeDays: o.halfLifeDays,
    userHistoryLagDays: o.userHistoryLagDays,
    dtype: o.dtype,
    missingValue: o.missingValue,
    defaultTimestamp: o.defaultTimestamp,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
