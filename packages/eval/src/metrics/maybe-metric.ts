/** A metric value that may be undefined on its input; `reason` says why when `value` is NaN. */
export interface MaybeMetric {
  readonly value: number;
  /** null when the value is defined; otherwise a sentence naming the cause (e.g. a single class). */
  readonly reason: string | null;
}
