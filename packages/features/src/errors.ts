/** Machine-readable reasons a `@abt/features` call failed. */
export type FeaturesErrorCode =
  /** A transform was called on a spec that was never fitted. */
  | 'NOT_FITTED'
  /** An option is outside its allowed range, an option / input / request key is unknown, or a positional argument is surplus. */
  | 'INVALID_OPTION'
  /** Input tables or requests are malformed (mismatched column lengths, bad ids, empty train). */
  | 'INVALID_INPUT'
  /** A serialized spec has an unknown format, version or a malformed field. */
  | 'INVALID_FORMAT'
  /** The operation needs state that a loaded spec does not carry (the train rows). */
  | 'UNAVAILABLE';

const featuresErrorMarker = Symbol.for('@abt/features/FeaturesError');

/**
 * Base class of every error thrown by `@abt/features`. Check with `FeaturesError.isInstance(e)`
 * rather than `instanceof`, so the check survives two copies of the package in one install.
 * A subclass added later gets its own `Symbol.for('@abt/features/<Class>')` marker and `isInstance`.
 */
export class FeaturesError extends Error {
  readonly code: FeaturesErrorCode;
  /** Where the problem is: an option name, a column, or a JSON path such as `history.movies.count`. */
  readonly where: string | undefined;
  readonly [featuresErrorMarker] = true;

  constructor(code: FeaturesErrorCode, message: string, where?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeaturesError';
    this.code = code;
    this.where = where;
  }

  /** True for any FeaturesError, even one from a duplicate install of this package. */
  static isInstance(value: unknown): value is FeaturesError {
    return FeaturesError.hasMarker(value, featuresErrorMarker);
  }

  protected static hasMarker(value: unknown, marker: symbol): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
