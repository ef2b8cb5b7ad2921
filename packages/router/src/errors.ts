const MARKER = Symbol.for('abt.router.error');

export type RouterErrorCode =
  | 'INVALID_EXPERIMENT'
  | 'INVALID_ROUTER_CONFIG'
  | 'UNSUPPORTED_FORMAT'
  | 'INVALID_INPUT'
  | 'POLICY_LOAD_FAILED'
  | 'POLICY_OUTPUT'
  | 'EXPOSURE_LOG'
  | 'NOT_STARTED';

/** Base class of every error `@abt/router` throws; `code` says which kind. */
export class RouterError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: RouterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RouterError';
  }
  /** Survives duplicate installs, unlike `instanceof`. */
  static isInstance(e: unknown): e is RouterError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** An experiment or router config is invalid; `path` names the offending field (`experiment.arms[2].weight`). */
export class ConfigError extends RouterError {
  constructor(
    code: 'INVALID_EXPERIMENT' | 'INVALID_ROUTER_CONFIG' | 'UNSUPPORTED_FORMAT',
    readonly path: string,
    message: string,
  ) {
    super(code, message);
    this.name = 'ConfigError';
  }
}

/** Request rows are malformed; `path` names the offending field (`rows[3].userId`). */
export class InvalidInputError extends RouterError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super('INVALID_INPUT', message);
    this.name = 'InvalidInputError';
  }
}

/** A policy could not be loaded (missing alias, model, bundle file); `uri` names it. */
export class PolicyLoadError extends RouterError {
  constructor(
    readonly uri: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('POLICY_LOAD_FAILED', message);
    this.name = 'PolicyLoadError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
