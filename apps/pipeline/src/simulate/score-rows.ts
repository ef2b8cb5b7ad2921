import type { RouterModel } from '@abt/router';
import { PipelineError } from '../errors';
import { simMessages } from './messages';
import type { ReplayRows } from './requests';

/** The router's answer for every replay row. */
export type RoutedScores = {
  readonly score: Float64Array;
  /** Arm index per row, into `router.experiment.arms`. */
  readonly armIndex: Int32Array;
  /** 0 when the row's user is outside the experiment's coverage (served the default arm). */
  readonly inExperiment: Uint8Array;
};

export type ScoreOptions = {
  readonly batchRows: number;
  readonly signal?: AbortSignal;
  /** Called after each batch with the rows scored so far. */
  readonly onBatch?: (done: number, total: number) => void;
};

/**
 * Scores rows through the real router in batches: each batch is one `predictColumns` call, which assigns
 * every row by its user and calls each arm's policy once on that arm's rows (vectorized per arm).
 */
export function scoreRows(router: RouterModel, rows: ReplayRows, { batchRows, signal, onBatch }: ScoreOptions): RoutedScores {
  const n = rows.length;
  const score = new Float64Array(n);
  const armIndex = new Int32Array(n);
  const inExperiment = new Uint8Array(n);
  for (let lo = 0; lo < n; lo += batchRows) {
    if (signal?.aborted) throw new PipelineError('interrupted', simMessages.interrupted(lo, n));
    const hi = Math.min(n, lo + batchRows);
    const p = router.predictColumns({ userId: rows.userId.subarray(lo, hi), movieId: rows.movieId.subarray(lo, hi), timestamp: rows.timestamp.subarray(lo, hi) });
    score.set(p.score, lo);
    armIndex.set(p.armIndex, lo);
    inExperiment.set(p.inExperiment, lo);
    onBatch?.(hi, n);
  }
  return { score, armIndex, inExperiment };
}
