/** A validation metric; `higherIsBetter` lets early stopping compare without a table. */
export type Metric = {
  readonly name: string;
  readonly higherIsBetter: boolean;
  /** Metric of raw scores against 0/1 labels; `transform` maps raw → probability. */
  evaluate(raw: Float64Array, labels: ArrayLike<number>, transform: (r: number) => number): number;
};
