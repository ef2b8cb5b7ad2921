/**
 * The feature names every abt estimator records when `fit` gets none: LightGBM's `Column_0…`,
 * because a GBDT model file written without names must read exactly as LightGBM writes it, and one
 * default for every estimator keeps a pipeline's names the same whichever model ends it.
 */
export function defaultFeatureNames(cols: number): string[] {
  return Array.from({ length: cols }, (_, j) => `Column_${j}`);
}
