/**
 * Errors of `@abt/eval`: one class with its own `Symbol.for('@abt/eval/EvalError')` marker, so
 * `EvalError.isInstance` survives duplicate installs (unlike `instanceof`).
 */
const evalErrorMarker = Symbol.for('@abt/eval/EvalError');

export type EvalErrorCode =
  /** Two inputs that must align row by row have different lengths. */
  | 'LENGTH_MISMATCH'
  /** A score is NaN or infinite, a label is not 0/1, a probability lies outside [0, 1], an input is empty. */
  | 'INVALID_INPUT'
  /** The metric is undefined on this input, e.g. ROC-AUC with a single class. */
  | 'UNDEFINED_METRIC'
  /** An option is out of range (the message names it and the allowed range), an option or input key is unknown, or a positional argument is surplus. */
  | 'INVALID_OPTION'
  /** Charts or the report could not be rendered (vega, vega-lite, resvg failed, or a browser build is missing). */
  | 'RENDER_FAILED'
  /** A metrics file (`@abt/eval/sql`) is not valid YAML/JSON or breaks its schema; the message gives file, line and key. */
  | 'INVALID_METRICS_FILE'
  /** A data source for the warehouse analysis cannot be read (missing files, a format the engine cannot read). */
  | 'INVALID_SOURCE'
  /** The database failed or is unreachable, or its optional client package is not installed. */
  | 'ENGINE_FAILED';

/** Base class of every error `@abt/eval` throws; `code` says which kind. */
export class EvalError extends Error {
  readonly [evalErrorMarker] = true;
  constructor(
    readonly code: EvalErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EvalError';
  }
  /** True for any EvalError, even one from a duplicate install of this package. */
  static isInstance(e: unknown): e is EvalError {
    return EvalError.hasMarker(e, evalErrorMarker);
  }
  protected static hasMarker(e: unknown, marker: symbol): boolean {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
  }
}
