const MARKER = Symbol.for('abt.router-demo.error');

/** What went wrong, and so which exit code the CLI returns (see {@link EXIT_CODES}). */
export type RouterDemoErrorCode = 'INVALID_OPTION' | 'MODEL_NOT_FOUND' | 'MODEL_LOAD_FAILED' | 'DATA_UNAVAILABLE' | 'NO_ROWS';

/** Exit codes of the CLI; a missing alias or model is 4 so scripts can tell it from a crash (1). */
export const EXIT_CODES: Readonly<Record<RouterDemoErrorCode | 'USAGE' | 'UNEXPECTED', number>> = {
  UNEXPECTED: 1,
  USAGE: 2,
  INVALID_OPTION: 2,
  DATA_UNAVAILABLE: 3,
  NO_ROWS: 3,
  MODEL_NOT_FOUND: 4,
  MODEL_LOAD_FAILED: 5,
};

/** Base class of every error the router demo raises itself; `code` selects the exit code. */
export class RouterDemoError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: RouterDemoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message);
    this.name = 'RouterDemoError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
  /** Survives duplicate installs, unlike `instanceof`. */
  static isInstance(e: unknown): e is RouterDemoError {
    return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
  }
}
