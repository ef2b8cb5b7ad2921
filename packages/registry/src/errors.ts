/**
 * MLflow's wire error codes (a subset of `databricks.proto` ErrorCode) that the
 * registry produces or receives. Strings, not numbers, exactly as they travel in
 * `{error_code, message}` bodies.
 */
export type MlflowErrorCode =
  | 'INTERNAL_ERROR'
  | 'INVALID_STATE'
  | 'NOT_IMPLEMENTED'
  | 'TEMPORARILY_UNAVAILABLE'
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'RESOURCE_CONFLICT'
  | 'ENDPOINT_NOT_FOUND'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'BAD_REQUEST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_PARAMETER_VALUE';

/** Matches `mlflow/exceptions.py` ERROR_CODE_TO_HTTP_STATUS for the codes above. */
export const CODE_TO_HTTP: Readonly<Record<MlflowErrorCode, number>> = {
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_CONFLICT: 409,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_DOES_NOT_EXIST: 404,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_PARAMETER_VALUE: 400,
};

/** Reverse map with MLflow's tie-breaks (400 → BAD_REQUEST, 404 → ENDPOINT_NOT_FOUND). */
export function codeFromHttpStatus(status: number): MlflowErrorCode {
  if (status === 400) return 'BAD_REQUEST';
  if (status === 404) return 'ENDPOINT_NOT_FOUND';
  for (const [code, http] of Object.entries(CODE_TO_HTTP)) if (http === status) return code as MlflowErrorCode;
  return 'INTERNAL_ERROR';
}

function isMlflowErrorCode(value: unknown): value is MlflowErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CODE_TO_HTTP, value);
}

const registryErrorMarker = Symbol.for('@abt/registry/RegistryError');

/** What went wrong, beyond the wire code: lets callers branch without parsing messages. */
export type RegistryErrorKind = 'store' | 'bundle-format' | 'invalid-uri' | 'unsafe-path' | 'remote';

/**
 * The one base class of `@abt/registry`. `code` is MLflow's wire code so an error
 * round-trips through `{error_code, message}` JSON unchanged. Every class has its own
 * `Symbol.for('@abt/registry/<Class>')` marker and `isInstance`: a subclass is an instance of
 * RegistryError, sibling classes are not instances of each other.
 */
export class RegistryError extends Error {
  readonly [registryErrorMarker] = true;
  readonly code: MlflowErrorCode;
  readonly kind: RegistryErrorKind;

  constructor(code: MlflowErrorCode, message: string, options: { kind?: RegistryErrorKind; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.code = code;
    this.kind = options.kind ?? 'store';
  }

  /** HTTP status MLflow's server would answer with for this code. */
  get httpStatus(): number {
    return CODE_TO_HTTP[this.code];
  }

  /** MLflow's error body shape. */
  toJSON(): { error_code: MlflowErrorCode; message: string } {
    return { error_code: this.code, message: this.message };
  }

  /** True for any RegistryError (subclasses included), even one from a duplicate install of this package. */
  static isInstance(value: unknown): value is RegistryError {
    return RegistryError.hasMarker(value, registryErrorMarker);
  }

  protected static hasMarker(value: unknown, marker: symbol): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** Rebuilds an error from an MLflow `{error_code, message}` body (or an HTTP status alone). */
  static fromResponseBody(body: unknown, status: number): RegistryError {
    const rec = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = isMlflowErrorCode(rec['error_code']) ? rec['error_code'] : codeFromHttpStatus(status);
    const message = typeof rec['message'] === 'string' ? rec['message'] : `HTTP ${status}`;
    return new RegistryError(code, message, { kind: 'remote' });
  }
}

const bundleFormatErrorMarker = Symbol.for('@abt/registry/BundleFormatError');

/** An MLmodel / bundle file that is missing, malformed or of an unknown format. */
export class BundleFormatError extends RegistryError {
  readonly [bundleFormatErrorMarker] = true;
  readonly file: string;
  readonly field: string | undefined;
  constructor(file: string, field: string | undefined, message: string, options: { cause?: unknown } = {}) {
    super('INVALID_PARAMETER_VALUE', message, { kind: 'bundle-format', cause: options.cause });
    this.name = 'BundleFormatError';
    this.file = file;
    this.field = field;
  }
  static override isInstance(value: unknown): value is BundleFormatError {
    return RegistryError.hasMarker(value, bundleFormatErrorMarker);
  }
}

const invalidUriErrorMarker = Symbol.for('@abt/registry/InvalidUriError');

/** A `models:/`, `runs:/` or artifact URI that does not parse. */
export class InvalidUriError extends RegistryError {
  readonly [invalidUriErrorMarker] = true;
  readonly uri: string;
  constructor(uri: string, message: string, options: { cause?: unknown } = {}) {
    super('INVALID_PARAMETER_VALUE', message, { kind: 'invalid-uri', cause: options.cause });
    this.name = 'InvalidUriError';
    this.uri = uri;
  }
  static override isInstance(value: unknown): value is InvalidUriError {
    return RegistryError.hasMarker(value, invalidUriErrorMarker);
  }
}

const unsafePathErrorMarker = Symbol.for('@abt/registry/UnsafePathError');

/** A path that could escape its root (MLflow's path-traversal CVE checklist). */
export class UnsafePathError extends RegistryError {
  readonly [unsafePathErrorMarker] = true;
  readonly path: string;
  constructor(path: string, message: string, options: { cause?: unknown } = {}) {
    super('INVALID_PARAMETER_VALUE', message, { kind: 'unsafe-path', cause: options.cause });
    this.name = 'UnsafePathError';
    this.path = path;
  }
  static override isInstance(value: unknown): value is UnsafePathError {
    return RegistryError.hasMarker(value, unsafePathErrorMarker);
  }
}
