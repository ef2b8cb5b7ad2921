import type { RouterModel } from '@abt/router';
import type { ReplayRows } from './requests';

/** The router's answer for a batch of replay rows. */
export type RoutedScores = {
  readonly score: Float64Array;
  /** Arm index per row, into `router.experiment.arms`. */
  readonly armIndex: Int32Array;
  /** 0 when the row's user is outside the experiment's coverage (served the default arm). */
  readonly inExperiment: Uint8Array;
};

/**
 * Scores a batch through the real router: one `predictColumns` call, which assigns every row by its user
 * and calls each arm's policy once on that arm's rows (vectorized per arm, not per row or per session).
 */
export function scoreRows(router: RouterModel, rows: ReplayRows): RoutedScores {
  if (rows.length === 0) return { score: new Float64Array(0), armIndex: new Int32Array(0), inExperiment: new Uint8Array(0) };
  const p = router.predictColumns({ userId: rows.userId, movieId: rows.movieId, timestamp: rows.timestamp });
  return { score: p.score, armIndex: p.armIndex, inExperiment: p.inExperiment };
}
