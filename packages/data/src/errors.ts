const MARKER = Symbol.for('abt.data.error');

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
  readonly [MARKER] = true;
  constructor(
    readonly code: DataErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
  /** Survives duplicate installs, unlike `instanceof`. */
  static isInstance(e: unknown): e is DataError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
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

/**
 * A data file does not match its documented MovieLens format. `file` is the member or
 * path, `line` 1-based (0 when the whole file is concerned), `field` the column name.
 */
export class DataFormatError extends DataError {
  constructor(
    readonly kind: DataIssueKind,
    readonly file: string,
    readonly line: number,
    readonly field: string | undefined,
    message: string,
  ) {
    super('DATA_FORMAT', message);
    this.name = 'DataFormatError';
  }
  static override isInstance(e: unknown): e is DataFormatError {
    return DataError.isInstance(e) && e.code === 'DATA_FORMAT';
  }
}

/** A dataset could not be found locally or downloaded; `expectedPath` says where to put it. */
export class DatasetUnavailableError extends DataError {
  constructor(
    code: 'DATASET_NOT_FOUND' | 'DOWNLOAD_FAILED' | 'CHECKSUM_MISMATCH' | 'DOWNLOAD_TIMEOUT',
    readonly dataset: string,
    readonly expectedPath: string,
    readonly url: string | undefined,
    message: string,
  ) {
    super(code, message);
    this.name = 'DatasetUnavailableError';
  }
  static override isInstance(e: unknown): e is DatasetUnavailableError {
    return DataError.isInstance(e) && ['DATASET_NOT_FOUND', 'DOWNLOAD_FAILED', 'CHECKSUM_MISMATCH', 'DOWNLOAD_TIMEOUT'].includes(e.code);
  }
}

/** An option is outside its allowed range; `option` names it. */
export class InvalidOptionError extends DataError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super('INVALID_OPTION', message);
    this.name = 'InvalidOptionError';
  }
  static override isInstance(e: unknown): e is InvalidOptionError {
    return DataError.isInstance(e) && e.code === 'INVALID_OPTION';
  }
}

/** A saved-tables directory is corrupt or of an unknown version; `path` names the file. */
export class TablesFormatError extends DataError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super('TABLES_FORMAT', message);
    this.name = 'TablesFormatError';
  }
  static override isInstance(e: unknown): e is TablesFormatError {
    return DataError.isInstance(e) && e.code === 'TABLES_FORMAT';
  }
}
