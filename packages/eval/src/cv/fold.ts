/** One train / held-out split; indices are ascending row numbers. */
export interface Fold {
  readonly trainIdx: Uint32Array;
  readonly testIdx: Uint32Array;
}

/** Builds folds from a fold id per row (−1 = in no test fold). */
export function foldsFromAssignment(assign: Int32Array, k: number): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < assign.length; i++) (assign[i] === f ? test : train).push(i);
    folds.push({ trainIdx: Uint32Array.from(train), testIdx: Uint32Array.from(test) });
  }
  return folds;
}
