import { keysOf } from './check-args';
import { FeaturesError } from './errors';
import type { Fitted } from './fitted';
import { messages } from './messages';

/** Which pass a progress report belongs to. */
export type FeatureStep = 'fit' | 'transformTrain' | 'transform' | 'transformOnline';

/** Rows featurized (or, in `fit`, added to the history) so far. */
export type FeatureProgress = {
  readonly step: FeatureStep;
  readonly rowsDone: number;
  readonly rowsTotal: number;
};

/** Options of `FeatureSpec.fit`. */
export type FitOptions = {
  /** Called as the history pass advances (about every {@link PROGRESS_ROWS} rows) and once at the end. */
  readonly onProgress?: (progress: FeatureProgress) => void;
};

/** Options of `transformTrain`, `transform` and `transformOnline`. */
export type TransformOptions = {
  /**
   * Dense specs: the array the row-major `rows × cols` matrix is written into, instead of a new
   * one — e.g. a view of a SharedArrayBuffer that worker threads read, or a slice of a larger
   * matrix. Its element type must be the spec's `dtype` and its length exactly `rows × cols`.
   * Every element is written. One-hot (CSR) output has no fixed size: `out` is refused there.
   */
  readonly out?: Float32Array | Float64Array;
  /** Called as rows are featurized (about every {@link PROGRESS_ROWS} rows) and once at the end. */
  readonly onProgress?: (progress: FeatureProgress) => void;
};

export const FIT_OPTION_KEYS = keysOf<FitOptions>({ onProgress: true });
export const TRANSFORM_OPTION_KEYS = keysOf<TransformOptions>({ out: true, onProgress: true });

/** Rows between two progress reports. */
export const PROGRESS_ROWS = 65_536;

/** A reporter that forwards to `onProgress` at most every PROGRESS_ROWS rows (and always at the end). */
export type Progress = { advance(rowsDone: number): void; finish(): void };

export function progressFor(method: string, step: FeatureStep, rowsTotal: number, onProgress: FitOptions['onProgress']): Progress {
  if (onProgress === undefined) return { advance() {}, finish() {} };
  if (typeof onProgress !== 'function')
    throw new FeaturesError('INVALID_OPTION', messages.invalidOption(`${method} options.onProgress`, typeof onProgress, 'a function'), 'onProgress');
  let next = PROGRESS_ROWS;
  return {
    advance(rowsDone) {
      if (rowsDone < next) return;
      next = rowsDone + PROGRESS_ROWS;
      onProgress({ step, rowsDone, rowsTotal });
    },
    finish() {
      onProgress({ step, rowsDone: rowsTotal, rowsTotal });
    },
  };
}

/** The dense output array: the caller's `out` (checked) or a new one of the spec's dtype. */
export function denseOutput(f: Fitted, method: string, length: number, out: TransformOptions['out']): Float32Array | Float64Array {
  const Ctor = f.options.dtype === 'float32' ? Float32Array : Float64Array;
  if (out === undefined) return new Ctor(length);
  if (!(out instanceof Ctor)) throw new FeaturesError('INVALID_OPTION', messages.outType(method, f.options.dtype, out), 'out');
  if (out.length !== length) throw new FeaturesError('INVALID_OPTION', messages.outLength(method, out.length, length), 'out');
  return out;
}

/** `out` is for dense output only. */
export function refuseOutForOnehot(method: string, out: TransformOptions['out']): void {
  if (out !== undefined) throw new FeaturesError('INVALID_OPTION', messages.outForOnehot(method), 'out');
}
