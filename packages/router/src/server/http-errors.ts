import { checkArity } from '../check-args';
import { RouterError } from '../errors';
/**
 * Wire error codes ↔ HTTP statuses, in one table both ways (MLflow's `{error_code, message}`
 * shape and codes, plus the router's own for HTTP-level failures). The one place the router maps
 * errors to statuses; it moves to `@abt/tracking`'s table (through `@abt/registry`) once that exists.
 */
export const ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  MALFORMED_REQUEST: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  ENDPOINT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  RELOAD_FAILED: 500,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

export type WireErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every error response. */
export type WireError = { error_code: WireErrorCode; message: string };

const STATUS_TO_CODE: Record<number, WireErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

/** The wire code for an HTTP status (the reverse direction of {@link ERROR_STATUS}). */
export function codeForStatus(status: number): WireErrorCode {
  checkArity('codeForStatus', arguments, 1);
  return STATUS_TO_CODE[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

const httpErrorMarker = Symbol.for('@abt/router/HttpError');

/**
 * An error carrying its wire code; thrown by handlers, rendered by the error handler. A
 * {@link RouterError} with code `HTTP_ERROR`; `errorCode` is the wire code, `status` its HTTP
 * status, `headers` extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
 */
export class HttpError extends RouterError {
  readonly [httpErrorMarker] = true;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    readonly errorCode: WireErrorCode,
    message: string,
    options?: { cause?: unknown; headers?: Readonly<Record<string, string>> },
  ) {
    super('HTTP_ERROR', message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = ERROR_STATUS[errorCode];
    this.headers = options?.headers ?? {};
  }
  static override isInstance(e: unknown): e is HttpError {
    return RouterError.hasMarker(e, httpErrorMarker);
  }
}

// An absolute filesystem path (POSIX or Windows) not part of a URL (`models:/x`, `redis://h`) or a word.
const PATH = /(?<![\w:/.~-])(?:\/(?:[\w.@%+=,~-]+\/)*[\w.@%+=,~-]+\/?|[A-Za-z]:\\[^\s'"]*)/g;

/**
 * A message safe for HTTP clients: absolute filesystem paths become `<path>` (the server log keeps
 * the original). For messages that may quote files: loader and store failures, I/O errors.
 */
export function publicMessage(message: string): string {
  checkArity('publicMessage', arguments, 1);
  return message.replace(PATH, '<path>');
}
