const MARKER = Symbol.for('abt.eval.error');

export type EvalErrorCode =
  /** Two inputs that must align row by row have different lengths. */
  | 'LENGTH_MISMATCH'
  /** A score is NaN or infinite, a label is not 0/1, a probability lies outside [0, 1], an input is empty. */
  | 'INVALID_INPUT'
  /** The metric is undefined on this input, e.g. ROC-AUC with a single class. */
  | 'UNDEFINED_METRIC'
  /** An option is out of range; the message names it and the allowed range. */
  | 'INVALID_OPTION'
  /** Charts or the report could not be rendered (vega, vega-lite, resvg failed, or a browser build is missing). */
  | 'RENDER_FAILED';

/** Base class of every error `@abt/eval` throws; `code` says which kind. */
export class EvalError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: EvalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvalError';
  }
  /** Survives duplicate installs, unlike `instanceof`. */
  static isInstance(e: unknown): e is EvalError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
  }
}
