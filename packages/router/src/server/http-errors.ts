import { RouterError } from '../errors';

/**
 * Wire error codes ↔ HTTP statuses, in one table both ways (MLflow's `{error_code, message}` shape).
 */
export const ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  MALFORMED_REQUEST: 400,
  BAD_REQUEST: 400,
  ENDPOINT_NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RELOAD_FAILED: 500,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type WireErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every error response. */
export type WireError = { error_code: WireErrorCode; message: string };

const STATUS_TO_CODE: Record<number, WireErrorCode> = {
  400: 'BAD_REQUEST',
  404: 'ENDPOINT_NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
};

/** The wire code for an HTTP status (the reverse direction of {@link ERROR_STATUS}). */
export function codeForStatus(status: number): WireErrorCode {
  return STATUS_TO_CODE[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

const httpErrorMarker = Symbol.for('@abt/router/HttpError');

/**
 * An error carrying its wire code; thrown by handlers, rendered by the error handler. A
 * {@link RouterError} with code `HTTP_ERROR`; `errorCode` is the wire code, `status` its HTTP status.
 */
export class HttpError extends RouterError {
  readonly [httpErrorMarker] = true;
  readonly status: number;
  constructor(
    readonly errorCode: WireErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('HTTP_ERROR', message, options);
    this.name = 'HttpError';
    this.status = ERROR_STATUS[errorCode];
  }
  static override isInstance(e: unknown): e is HttpError {
    return RouterError.hasMarker(e, httpErrorMarker);
  }
}
