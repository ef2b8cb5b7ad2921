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
  /**
   * The same values as `gradients`, through the training kernel `k` (WebAssembly), for arrays that
   * all live in the kernel's memory (a `byteOffset` is an address there). Absent when this
   * objective has no kernel or its settings are outside it.
   */
  readonly kernelGradients?: (
    k: GradientKernel,
    scores: Float64Array,
    labels: Float64Array,
    grad: Float32Array,
    hess: Float32Array,
    from: number,
    to: number,
  ) => void;
  /** Raw score → output (probability). */
  transform(raw: number): number;
  /** Model-file spelling, e.g. `binary sigmoid:1`. */
  toString(): string;
};

/**
 * The gradient function of the WebAssembly training kernel (tools/wasm-kernel/gradient-kernel-source.ts):
 * byte addresses of the arrays, rows [from, to), the binary objective's settings; returns the first
 * row it did not write (see there).
 */
export type GradientKernel = {
  binaryGradients(scores: number, labels: number, grad: number, hess: number, from: number, to: number, sigmoid: number, w0: number, w1: number): number;
};
