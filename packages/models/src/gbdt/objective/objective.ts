/** The objective contract (LightGBM `ObjectiveFunction`): purely mathematical. */
export type Objective = {
  /** Name as written in the model file's `objective=` line (`binary sigmoid:1`). */
  readonly name: string;
  /** Constant start score (LightGBM `BoostFromScore`). */
  initScore(labels: ArrayLike<number>): number;
  /**
   * First and second derivatives of the loss at raw `scores`, float32 like LightGBM's `score_t`,
   * for rows [from, to) (default all): each row on its own, so any split into ranges agrees.
   */
  gradients(scores: Float64Array, labels: ArrayLike<number>, grad: Float32Array, hess: Float32Array, from?: number, to?: number): void;
  /** Raw score → output (probability). */
  transform(raw: number): number;
  /** Model-file spelling, e.g. `binary sigmoid:1`. */
  toString(): string;
};
