import { checkCall } from '../arguments';

/**
 * THE error-code ↔ HTTP status table of abt (one for the whole project: tracking, the registry
 * and the router's server use it). The MLflow part is `mlflow/exceptions.py`
 * ERROR_CODE_TO_HTTP_STATUS of MLflow 3.17.2, checked against the installed package in the
 * interop suite; the abt part names failures MLflow reports only as text.
 */
export const MLFLOW_CODE_TO_HTTP = Object.freeze({
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
} as const);

/**
 * abt-side codes (never sent by MLflow); statuses of the nearest MLflow meaning. None is an MLflow
 * ErrorCode name except MALFORMED_REQUEST: MLflow's enum has it but its status table leaves it out
 * (so MLflow would say 500); abt's router answers it for a client's malformed request, so 400.
 */
export const ABT_CODE_TO_HTTP = Object.freeze({
  UNSAFE_PATH: 400,
  INVALID_URI: 400,
  SCHEMA_MISMATCH: 500,
  SERVER_UNREACHABLE: 503,
  UNEXPECTED_RESPONSE: 502,
  /** An optional peer dependency a feature needs is not installed (better-sqlite3 for `sqlite:`): the host's fault. */
  MISSING_PEER: 500,
  // HTTP-level failures the router's server (@abt/router/server) answers, in the same `{error_code, message}` shape.
  /** The body is not valid JSON (or the HTTP request line/headers are malformed). */
  MALFORMED_REQUEST: 400,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_HEADER_FIELDS_TOO_LARGE: 431,
  /** `/admin/reload` could not load the new router or policies (the old ones keep serving). */
  RELOAD_FAILED: 500,
  /** Shutting down, or the shared history is unreachable: retry (`Retry-After`). */
  SERVICE_UNAVAILABLE: 503,
} as const);

/** Every code abt knows → its HTTP status. Add a new abt-side code to ABT_CODE_TO_HTTP above, nowhere else. */
export const CODE_TO_HTTP: Readonly<Record<MlflowErrorCode, number>> = Object.freeze({ ...MLFLOW_CODE_TO_HTTP, ...ABT_CODE_TO_HTTP });

/** MLflow's own codes, in its table's order. */
export const MLFLOW_ERROR_CODES = Object.freeze(Object.keys(MLFLOW_CODE_TO_HTTP)) as readonly (keyof typeof MLFLOW_CODE_TO_HTTP)[];
/** abt's additional codes (MALFORMED_REQUEST is also an MLflow ErrorCode name; see ABT_CODE_TO_HTTP). */
export const ABT_ERROR_CODES = Object.freeze(Object.keys(ABT_CODE_TO_HTTP)) as readonly (keyof typeof ABT_CODE_TO_HTTP)[];

/** An error code as it travels in `{error_code, message}` bodies. */
export type MlflowErrorCode = keyof typeof MLFLOW_CODE_TO_HTTP | keyof typeof ABT_CODE_TO_HTTP;

/**
 * Status → code, as MLflow's HTTP_STATUS_TO_ERROR_CODE: the inverse of MLflow's part of the table
 * (last code wins, as Python's dict comprehension), then its overrides for 400, 404 and 500.
 * Statuses MLflow does not list are absent (MLflow's `get_error_code` then says INTERNAL_ERROR).
 */
export const HTTP_TO_CODE: Readonly<Record<number, MlflowErrorCode>> = (() => {
  const out: Record<number, MlflowErrorCode> = {};
  for (const code of MLFLOW_ERROR_CODES) out[MLFLOW_CODE_TO_HTTP[code]] = code;
  out[400] = 'BAD_REQUEST';
  out[404] = 'ENDPOINT_NOT_FOUND';
  out[500] = 'INTERNAL_ERROR';
  return Object.freeze(out);
})();

export function isMlflowErrorCode(value: unknown): value is MlflowErrorCode {
  checkCall('isMlflowErrorCode', arguments, 1);
  return typeof value === 'string' && Object.hasOwn(CODE_TO_HTTP, value);
}

/** The HTTP status for a code (MLflow's `get_http_status_code`: unknown codes are 500). */
export function httpStatusForCode(code: string): number {
  checkCall('httpStatusForCode', arguments, 1);
  return isMlflowErrorCode(code) ? CODE_TO_HTTP[code] : 500;
}

/** The code for an HTTP status (MLflow's `get_error_code`: unlisted statuses are INTERNAL_ERROR). */
export function codeForHttpStatus(status: number): MlflowErrorCode {
  checkCall('codeForHttpStatus', arguments, 1);
  return HTTP_TO_CODE[status] ?? 'INTERNAL_ERROR';
}

/** MLflow's error body. */
export interface MlflowErrorBody {
  error_code: MlflowErrorCode;
  message: string;
}

/** The JSON body for an error, as MLflow's `serialize_as_json` writes its two core fields. */
export function errorBody(code: MlflowErrorCode, message: string): MlflowErrorBody {
  checkCall('errorBody', arguments, 2);
  return { error_code: code, message };
}

/**
 * Reads an error body (object or JSON text) and its HTTP status back into a code and a message:
 * a known `error_code` wins, else the status decides (MLflow's RestException); a body that is not
 * MLflow JSON keeps its first 200 characters as the message.
 */
export function parseErrorBody(body: unknown, httpStatus: number): { code: MlflowErrorCode; message: string } {
  checkCall('parseErrorBody', arguments, 2);
  const obj = typeof body === 'string' ? safeParse(body) : body;
  const rec = typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>) : {};
  const code = isMlflowErrorCode(rec.error_code) ? rec.error_code : codeForHttpStatus(httpStatus);
  const raw = rec.message;
  const message = typeof raw === 'string' ? raw : typeof body === 'string' ? body.slice(0, 200) : `HTTP ${httpStatus}`;
  return { code, message };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
