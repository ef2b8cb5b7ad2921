import { checkArity } from './check-args';
import type { RouterPredictions } from './router-model';

/** Share and mean score of one arm in a batch of routed rows. */
export type ArmSummary = { count: number; share: number; meanScore: number | null };

/** The original's bulk summary, with labels that match the arms (its demo compared `A` to `PolicyA`). */
export type RoutingSummary = { n: number; byArm: Record<string, ArmSummary> };

/** Counts, shares and mean scores per arm; every arm appears, with `meanScore: null` when it got no rows. */
export function summarizeByArm(arms: readonly string[], predictions: Pick<RouterPredictions, 'armIndex' | 'score' | 'length'>): RoutingSummary {
  checkArity('summarizeByArm', arguments, 2);
  const counts = new Float64Array(arms.length);
  const sums = new Float64Array(arms.length);
  for (let i = 0; i < predictions.length; i++) {
    const a = predictions.armIndex[i] as number;
    counts[a] = (counts[a] as number) + 1;
    sums[a] = (sums[a] as number) + (predictions.score[i] as number);
  }
  const byArm: Record<string, ArmSummary> = {};
  arms.forEach((arm, a) => {
    const c = counts[a] as number;
    byArm[arm] = { count: c, share: predictions.length === 0 ? 0 : c / predictions.length, meanScore: c === 0 ? null : (sums[a] as number) / c };
  });
  return { n: predictions.length, byArm };
}
