// The code table is `@abt/tracking`'s (the one table of abt); the registry re-exports it.
import { httpStatusForCode, parseErrorBody, type ArgumentProblem, type MlflowErrorCode } from '@abt/tracking/mlflow';

const registryErrorMarker = Symbol.for('@abt/registry/RegistryError');

/** What went wrong, beyond the wire code: lets callers branch without parsing messages. */
export type RegistryErrorKind = 'store' | 'bundle-format' | 'invalid-uri' | 'unsafe-path' | 'remote' | 'invalid-option';

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
    return httpStatusForCode(this.code);
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
    const { code, message } = parseErrorBody(body, status);
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

const invalidOptionErrorMarker = Symbol.for('@abt/registry/InvalidOptionError');

/**
 * An option key or positional argument a function of @abt/registry does not implement (BRIEF
 * contract 2). `fn` names the function; `key` the option (`where` the object it sat in), or
 * `position` the surplus argument (1-based).
 */
export class InvalidOptionError extends RegistryError {
  readonly [invalidOptionErrorMarker] = true;
  readonly fn: string;
  readonly key: string | undefined;
  readonly where: string | undefined;
  readonly position: number | undefined;

  constructor(fn: string, problem: ArgumentProblem, message: string, options: { cause?: unknown } = {}) {
    super('INVALID_PARAMETER_VALUE', message, { kind: 'invalid-option', cause: options.cause });
    this.name = 'InvalidOptionError';
    this.fn = fn;
    this.key = problem.kind === 'option' ? problem.key : undefined;
    this.where = problem.kind === 'argument' ? undefined : problem.where;
    this.position = problem.kind === 'argument' ? problem.position : undefined;
  }

  static override isInstance(value: unknown): value is InvalidOptionError {
    return RegistryError.hasMarker(value, invalidOptionErrorMarker);
  }
}
