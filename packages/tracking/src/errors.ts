/**
 * One error class for the whole package. `code` is MLflow's `error_code` string (so errors
 * round-trip through MLflow's REST JSON `{error_code, message}`), plus a few abt-side codes
 * for failures MLflow reports only as text (unsafe paths, unreachable servers, HTML bodies).
 */
const MARKER = Symbol.for('@abt/tracking/TrackingError');

/** MLflow's codes and their HTTP statuses, copied from `mlflow/exceptions.py` ERROR_CODE_TO_HTTP_STATUS. */
export const CODE_TO_HTTP = {
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
  REQUEST_LIMIT_EXCEEDED: 429,
  CANCELLED: 499,
  RESOURCE_EXHAUSTED: 429,
  ABORTED: 409,
  RESOURCE_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  RESOURCE_DOES_NOT_EXIST: 404,
  PERMISSION_DENIED: 403,
  CUSTOMER_UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_PARAMETER_VALUE: 400,
  // abt-side codes (never sent by MLflow); statuses chosen for the nearest MLflow meaning.
  UNSAFE_PATH: 400,
  INVALID_URI: 400,
  SCHEMA_MISMATCH: 500,
  SERVER_UNREACHABLE: 503,
  UNEXPECTED_RESPONSE: 502,
} as const;

export type TrackingErrorCode = keyof typeof CODE_TO_HTTP;

/** Inverse table, with MLflow's own overrides for statuses shared by several codes. */
export const HTTP_TO_CODE: Readonly<Record<number, TrackingErrorCode>> = (() => {
  const out: Record<number, TrackingErrorCode> = {};
  for (const [code, status] of Object.entries(CODE_TO_HTTP)) {
    if (!(status in out)) out[status] = code as TrackingErrorCode;
  }
  out[400] = 'BAD_REQUEST';
  out[404] = 'ENDPOINT_NOT_FOUND';
  out[500] = 'INTERNAL_ERROR';
  return out;
})();

export function isTrackingErrorCode(value: unknown): value is TrackingErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CODE_TO_HTTP, value);
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
   * Unknown codes fall back to the status (MLflow's HTTP_STATUS_TO_ERROR_CODE).
   */
  static fromResponseBody(body: unknown, httpStatus: number, context = ''): TrackingError {
    const obj = typeof body === 'string' ? safeParse(body) : body;
    const rawCode = isRecord(obj) ? obj['error_code'] : undefined;
    const rawMessage = isRecord(obj) ? obj['message'] : undefined;
    const code = isTrackingErrorCode(rawCode) ? rawCode : (HTTP_TO_CODE[httpStatus] ?? 'INTERNAL_ERROR');
    const text = typeof rawMessage === 'string' ? rawMessage : typeof body === 'string' ? body.slice(0, 200) : `HTTP ${httpStatus}`;
    return new TrackingError(code, context ? `${context}: ${text}` : text, { httpStatus });
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
