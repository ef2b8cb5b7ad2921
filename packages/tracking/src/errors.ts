/**
 * One error class for the whole package. `code` is MLflow's `error_code` string (so errors
 * round-trip through MLflow's REST JSON `{error_code, message}`), plus a few abt-side codes
 * for failures MLflow reports only as text (unsafe paths, unreachable servers, HTML bodies).
 */
import { CODE_TO_HTTP, isMlflowErrorCode, parseErrorBody, type MlflowErrorCode } from './mlflow/error-codes';

const MARKER = Symbol.for('@abt/tracking/TrackingError');

/** The code of a TrackingError: the one table's codes (`@abt/tracking/mlflow` error-codes). */
export type TrackingErrorCode = MlflowErrorCode;

export function isTrackingErrorCode(value: unknown): value is TrackingErrorCode {
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
