import { averagePrecision, logLoss, policyCurves, rocAuc, type PolicyCurves } from '@abt/eval';

/** policyCurves' lift table splits rows into deciles, so an arm needs at least this many rows for curves. */
const MIN_ROWS_FOR_CURVES = 10;
import type { RouterDescription, RouterPredictions } from '@abt/router';

/** What the demo reports about one arm, over every routed test row. */
export type ArmReport = {
  /** Arm name exactly as the router assigns it (`PolicyA`, `A`, …): counts are keyed by it. */
  readonly arm: string;
  readonly uri: string;
  readonly modelVersion: string;
  /** Configured traffic weight. */
  readonly weight: number;
  readonly count: number;
  /** count / all routed rows. */
  readonly share: number;
  /** Distinct users routed to the arm, and their share of all users: assignment is per user, so this is what the weights split. */
  readonly users: number;
  readonly userShare: number;
  /** null when the arm got no rows. */
  readonly meanScore: number | null;
  readonly positiveRate: number | null;
  /** ROC AUC / average precision; null when the arm's rows hold one class only (undefined). */
  readonly auc: number | null;
  readonly prAuc: number | null;
  readonly logLoss: number | null;
  /** ROC, PR, histogram… of the arm's rows; absent when undefined or the arm has fewer than 10 rows. */
  readonly curves?: PolicyCurves;
};

/**
 * Groups routed rows by the arm index the router returned (not by comparing display labels — the
 * original compared `A` to `PolicyA` and reported 0 % for both arms) and evaluates each arm on its rows.
 */
export function armReports(description: RouterDescription, predictions: RouterPredictions, labels: ArrayLike<number>, userIds: ArrayLike<number>): ArmReport[] {
  const { arms, weights } = description.experiment;
  const rowsOf = arms.map(() => [] as number[]);
  for (let i = 0; i < predictions.length; i++) rowsOf[predictions.armIndex[i] as number]!.push(i);
  const usersOf = arms.map(() => new Set<number>());
  for (let i = 0; i < predictions.length; i++) usersOf[predictions.armIndex[i] as number]!.add(userIds[i] as number);
  const allUsers = usersOf.reduce((n, u) => n + u.size, 0);
  return arms.map((arm, a) => {
    const idx = rowsOf[a]!;
    const policy = description.policies.find((p) => p.arm === arm);
    const y = Float64Array.from(idx, (i) => labels[i] as number);
    const s = Float64Array.from(idx, (i) => predictions.score[i] as number);
    let positives = 0;
    let sum = 0;
    for (let k = 0; k < idx.length; k++) {
      positives += y[k] as number;
      sum += s[k] as number;
    }
    const bothClasses = positives > 0 && positives < idx.length;
    const curves = bothClasses && idx.length >= MIN_ROWS_FOR_CURVES ? policyCurves(arm, y, s) : undefined;
    return {
      arm,
      uri: policy?.uri ?? '',
      modelVersion: policy?.modelVersion ?? '',
      weight: weights[a] ?? 0,
      count: idx.length,
      share: predictions.length === 0 ? 0 : idx.length / predictions.length,
      users: usersOf[a]!.size,
      userShare: allUsers === 0 ? 0 : usersOf[a]!.size / allUsers,
      meanScore: idx.length === 0 ? null : sum / idx.length,
      positiveRate: idx.length === 0 ? null : positives / idx.length,
      auc: bothClasses ? (curves?.auc ?? rocAuc(y, s)) : null,
      prAuc: bothClasses ? (curves?.ap ?? averagePrecision(y, s)) : null,
      logLoss: bothClasses ? (curves?.logLoss ?? logLoss(y, s)) : null,
      ...(curves ? { curves } : {}),
    };
  });
}
