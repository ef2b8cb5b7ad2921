/** A validation metric; `higherIsBetter` lets early stopping compare without a table. */
export type Metric = {
  readonly name: string;
  readonly higherIsBetter: boolean;
  /** Metric of raw scores against 0/1 labels; `transform` maps raw → probability. */
  evaluate(raw: Float64Array, labels: ArrayLike<number>, transform: (r: number) => number): number;
  /**
   * `evaluate` for these labels round after round of a fit, where `transform` is the binary
   * objective's `1 / (1 + exp(-sigmoid · raw))`: the same doubles, by a faster path where the
   * metric has one (its buffers live as long as the returned function).
   */
  bind?(labels: ArrayLike<number>, transform: (r: number) => number, sigmoid: number): (raw: Float64Array) => number;
};
