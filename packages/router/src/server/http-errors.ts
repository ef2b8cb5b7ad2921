import type { MlflowErrorCode } from '@abt/registry';
import { checkArity } from '../check-args';
import { MissingPeerError, RouterError } from '../errors';
import { messages } from '../messages';

/**
 * The error codes this server answers with. Each is a row of abt's one error-code ↔ HTTP table
 * (`CODE_TO_HTTP` of `@abt/tracking`, re-exported by `@abt/registry`), which gives its status: this
 * list names codes, never statuses. For an HTTP status alone (a framework error), the first code
 * listed with that status is answered, so the general code of a status comes first.
 */
export const SERVER_ERROR_CODES = [
  'BAD_REQUEST',
  'INVALID_PARAMETER_VALUE',
  'MALFORMED_REQUEST',
  'UNAUTHENTICATED',
  'ENDPOINT_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'REQUEST_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'REQUEST_HEADER_FIELDS_TOO_LARGE',
  'INTERNAL_ERROR',
  'RELOAD_FAILED',
  'SERVICE_UNAVAILABLE',
] as const satisfies readonly MlflowErrorCode[];

export type WireErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** The JSON body of every error response. */
export type WireError = { error_code: WireErrorCode; message: string };

/** The server's codes with their statuses from the shared table (`@abt/registry`'s `CODE_TO_HTTP`). */
export type WireStatuses = {
  /** The HTTP status of a code. */
  statusOf(code: WireErrorCode): number;
  /** The code for a status (framework errors): the first listed with it, else BAD_REQUEST (4xx) or INTERNAL_ERROR. */
  codeForStatus(status: number): WireErrorCode;
};

/**
 * Binds the server's codes to the shared table once `@abt/registry` is loaded. A code without a row
 * (an `@abt/registry` older than this router) is a MissingPeerError naming it, before the server starts.
 */
export function wireStatuses(table: Readonly<Partial<Record<string, number>>>): WireStatuses {
  checkArity('wireStatuses', arguments, 1);
  const status = new Map<WireErrorCode, number>();
  for (const code of SERVER_ERROR_CODES) {
    const s = table[code];
    if (typeof s !== 'number') throw new MissingPeerError('@abt/registry', '@abt/router/server', messages.noStatusForCode(code));
    status.set(code, s);
  }
  return {
    statusOf: (code) => status.get(code) ?? 500,
    codeForStatus: (s) => SERVER_ERROR_CODES.find((code) => status.get(code) === s) ?? (s >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
  };
}

const httpErrorMarker = Symbol.for('@abt/router/HttpError');

/**
 * An error carrying its wire code; thrown by handlers, rendered by the error handler with the status
 * the shared table gives the code. A {@link RouterError} with code `HTTP_ERROR`; `errorCode` is the
 * wire code, `headers` extra response headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
 */
export class HttpError extends RouterError {
  readonly [httpErrorMarker] = true;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    readonly errorCode: WireErrorCode,
    message: string,
    options?: { cause?: unknown; headers?: Readonly<Record<string, string>> },
  ) {
    super('HTTP_ERROR', message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
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
