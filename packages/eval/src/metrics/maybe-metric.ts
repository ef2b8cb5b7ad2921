import { EvalError } from '../errors';

/** A metric value that may be undefined on its input; `reason` says why when `value` is NaN. */
export interface MaybeMetric {
  readonly value: number;
  /** null when the value is defined; otherwise a sentence naming the cause (e.g. a single class). */
  readonly reason: string | null;
}

/** Runs a metric, turning its UNDEFINED_METRIC error (e.g. a single class) into NaN plus the reason. */
export function orNaN(compute: () => number): MaybeMetric {
  try {
    return { value: compute(), reason: null };
  } catch (e) {
    if (EvalError.isInstance(e) && e.code === 'UNDEFINED_METRIC') return { value: NaN, reason: e.message };
    throw e;
  }
}
