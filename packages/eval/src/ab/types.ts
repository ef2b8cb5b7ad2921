/** A confidence interval as [low, high]. */
export type AbInterval = readonly [low: number, high: number];

/**
 * Sufficient statistics of one arm for one metric: enough to re-run every test at a checkpoint without
 * the per-user arrays. Variances use n − 1 (sample variances).
 */
export interface ArmMoments {
  /** Users (randomization units). */
  readonly n: number;
  /** Mean of the per-user values (numerators for a ratio metric). */
  readonly mean: number;
  /** Sample variance of the per-user values. */
  readonly variance: number;
  /** Present for ratio metrics: moments of the per-user denominators and their covariance with the values. */
  readonly den?: { readonly mean: number; readonly variance: number; readonly covariance: number };
}

/** Per-user arrays of one arm. */
export interface ArmInput {
  /** Per-user metric values: 0/1 conversions, counts, NDCG …; numerators for a ratio metric. */
  readonly values: ArrayLike<number>;
  /** Per-user denominators (e.g. impressions) — makes the metric a ratio Σvalues / Σdenominators. */
  readonly denominators?: ArrayLike<number>;
  /** Pre-period covariate per user (e.g. train-period activity) for CUPED. */
  readonly covariate?: ArrayLike<number>;
}

/** Cumulative per-arm moments at one point in time. */
export interface TimelinePoint {
  /** Time label: a number (day, hour, step) or an ISO date string. */
  readonly at: string | number;
  readonly a: ArmMoments;
  readonly b: ArmMoments;
}

/** Lift of B over A with confidence intervals. */
export interface LiftEstimate {
  /** B − A. */
  readonly liftAbs: number;
  readonly liftAbsCi: AbInterval;
  /** (B − A) / A. */
  readonly liftRel: number;
  /** Delta-method CI of the relative lift. */
  readonly liftRelCi: AbInterval;
}
