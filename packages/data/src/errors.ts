/**
 * Errors of `@abt/data`. Every class has its own `Symbol.for('@abt/data/<Class>')` marker and its own
 * `isInstance`, so a check survives duplicate installs (unlike `instanceof`), a subclass is an
 * instance of its base, and sibling classes are not instances of each other.
 */
const dataErrorMarker = Symbol.for('@abt/data/DataError');

export type DataErrorCode =
  | 'DATA_FORMAT'
  | 'DATASET_NOT_FOUND'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'DOWNLOAD_TIMEOUT'
  | 'INVALID_OPTION'
  | 'TABLES_FORMAT';

/** Base class of every error `@abt/data` throws; `code` says which kind. */
export class DataError extends Error {
  readonly [dataErrorMarker] = true;
  constructor(
    readonly code: DataErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DataError';
  }
  /** True for any DataError (subclasses included), even from a duplicate install of this package. */
  static isInstance(e: unknown): e is DataError {
    return DataError.hasMarker(e, dataErrorMarker);
  }
  protected static hasMarker(e: unknown, marker: symbol): boolean {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}

/** What went wrong in a data file; also the keys of `ParseIssues.byKind`. */
export type DataIssueKind =
  | 'missing-member'
  | 'corrupt-archive'
  | 'unknown-format'
  | 'empty-file'
  | 'bad-header'
  | 'wrong-delimiter'
  | 'field-count'
  | 'non-numeric'
  | 'out-of-range'
  | 'unknown-movie'
  | 'duplicate-id'
  | 'duplicate-rating';

const dataFormatErrorMarker = Symbol.for('@abt/data/DataFormatError');

/**
 * A data file does not match its documented MovieLens format. `file` is the member or
 * path, `line` 1-based (0 when the whole file is concerned), `field` the column name.
 */
export class DataFormatError extends DataError {
  readonly [dataFormatErrorMarker] = true;
  constructor(
    readonly kind: DataIssueKind,
    readonly file: string,
    readonly line: number,
    readonly field: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('DATA_FORMAT', message, options);
    this.name = 'DataFormatError';
  }
  static override isInstance(e: unknown): e is DataFormatError {
    return DataError.hasMarker(e, dataFormatErrorMarker);
  }
}

const datasetUnavailableErrorMarker = Symbol.for('@abt/data/DatasetUnavailableError');

/** A dataset could not be found locally or downloaded; `expectedPath` says where to put it. */
export class DatasetUnavailableError extends DataError {
  readonly [datasetUnavailableErrorMarker] = true;
  constructor(
    code: 'DATASET_NOT_FOUND' | 'DOWNLOAD_FAILED' | 'CHECKSUM_MISMATCH' | 'DOWNLOAD_TIMEOUT',
    readonly dataset: string,
    readonly expectedPath: string,
    readonly url: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'DatasetUnavailableError';
  }
  static override isInstance(e: unknown): e is DatasetUnavailableError {
    return DataError.hasMarker(e, datasetUnavailableErrorMarker);
  }
}

const invalidOptionErrorMarker = Symbol.for('@abt/data/InvalidOptionError');

/** An option is outside its allowed range or unknown, or a positional argument is surplus; `option` names the option (or `argument <position>`). */
export class InvalidOptionError extends DataError {
  readonly [invalidOptionErrorMarker] = true;
  constructor(
    readonly option: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_OPTION', message, options);
    this.name = 'InvalidOptionError';
  }
  static override isInstance(e: unknown): e is InvalidOptionError {
    return DataError.hasMarker(e, invalidOptionErrorMarker);
  }
}

const tablesFormatErrorMarker = Symbol.for('@abt/data/TablesFormatError');

/** A saved-tables directory is corrupt or of an unknown version; `path` names the file. */
export class TablesFormatError extends DataError {
  readonly [tablesFormatErrorMarker] = true;
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('TABLES_FORMAT', message, options);
    this.name = 'TablesFormatError';
  }
  static override isInstance(e: unknown): e is TablesFormatError {
    return DataError.hasMarker(e, tablesFormatErrorMarker);
  }
}
