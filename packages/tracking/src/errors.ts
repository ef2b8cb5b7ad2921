import type { ArgumentProblem } from './mlflow/check-args';
import { CODE_TO_HTTP, isMlflowErrorCode, parseErrorBody, type MlflowErrorCode } from './mlflow/error-codes';
import { checkCall } from './arguments';

// The package's error classes: TrackingError (the base; `code` is MLflow's `error_code`, so errors
// round-trip through MLflow's REST JSON `{error_code, message}`, plus abt-side codes for failures MLflow
// reports only as text) and InvalidOptionError (BRIEF contract 2).

const MARKER = Symbol.for('@abt/tracking/TrackingError');

/** The code of a TrackingError: the one table's codes (`@abt/tracking/mlflow` error-codes). */
export type TrackingErrorCode = MlflowErrorCode;

export function isTrackingErrorCode(value: unknown): value is TrackingErrorCode {
  checkCall('isTrackingErrorCode', arguments, 1);
  return isMlflowErrorCode(value);
}

export class TrackingError extends Error {
  readonly [MARKER] = true;
  readonly code: TrackingErrorCode;
  /** HTTP status when the error came from (or would go to) the wire. */
  readonly httpStatus: number;

  constructor(code: TrackingErrorCode, message: string, options: { cause?: unknown; httpStatus?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrackingError';
    this.code = code;
    this.httpStatus = options.httpStatus ?? CODE_TO_HTTP[code];
  }

  /** True for any TrackingError, even from a duplicate install of this package. */
  static isInstance(value: unknown): value is TrackingError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** MLflow's wire shape. */
  toJSON(): { error_code: string; message: string } {
    return { error_code: this.code, message: this.message };
  }

  /**
   * Builds the error from an MLflow error body (`{error_code, message}`) and its HTTP status.
   * Unknown codes fall back to the status (MLflow's `get_error_code`).
   */
  static fromResponseBody(body: unknown, httpStatus: number, context = ''): TrackingError {
    const { code, message } = parseErrorBody(body, httpStatus);
    return new TrackingError(code, context ? `${context}: ${message}` : message, { httpStatus });
  }
}

const INVALID_OPTION_MARKER = Symbol.for('@abt/tracking/InvalidOptionError');

/**
 * An option key or positional argument a function of @abt/tracking does not implement (BRIEF
 * contract 2). `fn` names the function; `key` the option (`where` the object it sat in), or
 * `position` the surplus argument (1-based).
 */
export class InvalidOptionError extends TrackingError {
  readonly [INVALID_OPTION_MARKER] = true;
  readonly fn: string;
  readonly key: string | undefined;
  readonly where: string | undefined;
  readonly position: number | undefined;

  constructor(fn: string, problem: ArgumentProblem, message: string, options: { cause?: unknown } = {}) {
    super('INVALID_PARAMETER_VALUE', message, options);
    this.name = 'InvalidOptionError';
    this.fn = fn;
    this.key = problem.kind === 'option' ? problem.key : undefined;
    this.where = problem.kind === 'argument' ? undefined : problem.where;
    this.position = problem.kind === 'argument' ? problem.position : undefined;
  }

  /** True for an InvalidOptionError of any install of this package (not for other TrackingErrors). */
  static override isInstance(value: unknown): value is InvalidOptionError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INVALID_OPTION_MARKER] === true;
  }
}

const MISSING_PEER_MARKER = Symbol.for('@abt/tracking/MissingPeerError');

/**
 * A feature needs an optional peer dependency that is not installed: `better-sqlite3` for the SQLite
 * store (`sqlite:` URIs, `openMlflowDatabase`). `peer` names the package to install, `feature` what needed it.
 */
export class MissingPeerError extends TrackingError {
  readonly [MISSING_PEER_MARKER] = true;
  readonly peer: string;
  readonly feature: string;

  constructor(peer: string, feature: string, message: string, options: { cause?: unknown } = {}) {
    super('MISSING_PEER', message, options);
    this.name = 'MissingPeerError';
    this.peer = peer;
    this.feature = feature;
  }

  /** True for a MissingPeerError of any install of this package (not for other TrackingErrors). */
  static override isInstance(value: unknown): value is MissingPeerError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MISSING_PEER_MARKER] === true;
  }
}
