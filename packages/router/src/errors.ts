/**
 * Errors of `@abt/router`. Every class has its own `Symbol.for('@abt/router/<Class>')` marker and its
 * own `isInstance`, so a check survives duplicate installs (unlike `instanceof`), a subclass is an
 * instance of `RouterError`, and sibling classes are not instances of each other.
 */
const routerErrorMarker = Symbol.for('@abt/router/RouterError');

export type RouterErrorCode =
  | 'INVALID_EXPERIMENT'
  | 'INVALID_ROUTER_CONFIG'
  | 'UNSUPPORTED_FORMAT'
  | 'INVALID_INPUT'
  | 'POLICY_LOAD_FAILED'
  | 'POLICY_OUTPUT'
  | 'EXPOSURE_LOG'
  | 'NOT_STARTED'
  /** An HTTP request to the router server failed; `HttpError.errorCode` carries the wire code. */
  | 'HTTP_ERROR'
  | 'INVALID_ARGUMENT'
  | 'MISSING_PEER'
  | 'HISTORY_STORE'
  | 'UNAUTHORIZED'
  | 'LOG_FORMAT';

/** Base class of every error `@abt/router` throws; `code` says which kind. */
export class RouterError extends Error {
  readonly [routerErrorMarker] = true;
  constructor(
    readonly code: RouterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RouterError';
  }
  /** True for any RouterError (subclasses included), even from a duplicate install of this package. */
  static isInstance(e: unknown): e is RouterError {
    return RouterError.hasMarker(e, routerErrorMarker);
  }
  protected static hasMarker(e: unknown, marker: symbol): boolean {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}

const configErrorMarker = Symbol.for('@abt/router/ConfigError');

/** An experiment or router config is invalid; `path` names the offending field (`experiment.arms[2].weight`). */
export class ConfigError extends RouterError {
  readonly [configErrorMarker] = true;
  constructor(
    code: 'INVALID_EXPERIMENT' | 'INVALID_ROUTER_CONFIG' | 'UNSUPPORTED_FORMAT',
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ConfigError';
  }
  static override isInstance(e: unknown): e is ConfigError {
    return RouterError.hasMarker(e, configErrorMarker);
  }
}

const invalidInputErrorMarker = Symbol.for('@abt/router/InvalidInputError');

/** Request rows are malformed; `path` names the offending field (`rows[3].userId`). */
export class InvalidInputError extends RouterError {
  readonly [invalidInputErrorMarker] = true;
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_INPUT', message, options);
    this.name = 'InvalidInputError';
  }
  static override isInstance(e: unknown): e is InvalidInputError {
    return RouterError.hasMarker(e, invalidInputErrorMarker);
  }
}

const policyLoadErrorMarker = Symbol.for('@abt/router/PolicyLoadError');

/** A policy could not be loaded (missing alias, model, bundle file); `uri` names it. */
export class PolicyLoadError extends RouterError {
  readonly [policyLoadErrorMarker] = true;
  constructor(
    readonly uri: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('POLICY_LOAD_FAILED', message, options);
    this.name = 'PolicyLoadError';
  }
  static override isInstance(e: unknown): e is PolicyLoadError {
    return RouterError.hasMarker(e, policyLoadErrorMarker);
  }
}

const invalidArgumentErrorMarker = Symbol.for('@abt/router/InvalidArgumentError');

/**
 * A public function got an option key it does not implement, a surplus positional argument, or an
 * argument of the wrong type; `fn` names the function and `argument` the key or position.
 */
export class InvalidArgumentError extends RouterError {
  readonly [invalidArgumentErrorMarker] = true;
  constructor(
    readonly fn: string,
    readonly argument: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
  static override isInstance(e: unknown): e is InvalidArgumentError {
    return RouterError.hasMarker(e, invalidArgumentErrorMarker);
  }
}

const missingPeerErrorMarker = Symbol.for('@abt/router/MissingPeerError');

/**
 * A subpath needs an optional peer dependency that is not installed (`@abt/registry` for
 * `@abt/router/loaders`, `fastify` for `@abt/router/server`, `redis` for `@abt/router/redis`).
 */
export class MissingPeerError extends RouterError {
  readonly [missingPeerErrorMarker] = true;
  constructor(
    readonly peer: string,
    readonly subpath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('MISSING_PEER', message, options);
    this.name = 'MissingPeerError';
  }
  static override isInstance(e: unknown): e is MissingPeerError {
    return RouterError.hasMarker(e, missingPeerErrorMarker);
  }
}

const historyStoreErrorMarker = Symbol.for('@abt/router/HistoryStoreError');

/**
 * The history store cannot serve right now (Redis unreachable, events log unwritable, closed);
 * servers answer 503 and nothing is half-applied. `store` names the store (`redis://127.0.0.1:6379`).
 */
export class HistoryStoreError extends RouterError {
  readonly [historyStoreErrorMarker] = true;
  constructor(
    readonly store: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('HISTORY_STORE', message, options);
    this.name = 'HistoryStoreError';
  }
  static override isInstance(e: unknown): e is HistoryStoreError {
    return RouterError.hasMarker(e, historyStoreErrorMarker);
  }
}

const logFormatErrorMarker = Symbol.for('@abt/router/LogFormatError');

/** A line of an exposure or events log does not match its format; `where` is `file:line`, `field` the JSON field. */
export class LogFormatError extends RouterError {
  readonly [logFormatErrorMarker] = true;
  constructor(
    readonly where: string,
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('LOG_FORMAT', message, options);
    this.name = 'LogFormatError';
  }
  static override isInstance(e: unknown): e is LogFormatError {
    return RouterError.hasMarker(e, logFormatErrorMarker);
  }
}
