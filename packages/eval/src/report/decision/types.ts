import type { AbInterval } from '../../ab/types';
import type { MetricComparison } from '../../compare/compare-ab';
import type { Winner } from '../../compare/verdict';
import type { CrossValidateResult } from '../../cv/cross-validate';
import type { CvFoldComparison } from './compare-cv-folds';

/**
 * What the decision needs from the online readout. An `AbReadout` (from `analyzeExperiment`) is one:
 * pass it as is. Numbers may be NaN (or null after a JSON round trip) when the data cannot give them.
 */
export interface OnlineEvidence {
  readonly metric: string;
  /** 'mean' metrics are shown as numbers, the others as rates. */
  readonly kind?: 'proportion' | 'mean' | 'ratio';
  /** True when a larger value is better (the readout's option); default true. */
  readonly higherIsBetter?: boolean;
  readonly alpha: number;
  readonly usersA: number;
  readonly usersB: number;
  readonly rateA: number;
  readonly rateB: number;
  /** (B − A) / A and its CI. */
  readonly liftRel: number;
  readonly liftRelCi: AbInterval;
  /** Fixed-horizon p-value: valid once the planned sample is reached. */
  readonly pValue: number;
  /** Fixed-horizon winner (significant and no SRM), by the metric's direction. */
  readonly winner: Winner;
  readonly srm: { readonly mismatch: boolean; readonly pValue: number; readonly expected?: readonly number[] };
  /** Always-valid test over every look. */
  readonly sequential: { readonly rejected: boolean; readonly pValue: number; readonly looks?: number };
  readonly bayes: { readonly chanceToBeatControl: number };
  /** Relative MDE with the users at hand. */
  readonly mdeRel: number;
  /** Users per arm to detect `plannedMdeRel`. */
  readonly requiredUsersPerArm: number;
  readonly plannedMdeRel: number;
  /** CUPED-adjusted figures: a secondary analysis, never the deciding one. */
  readonly cuped?: { readonly liftRel: number; readonly liftRelCi: AbInterval; readonly pValue: number; readonly varianceReduction?: number };
}

/** Everything the decision weighs; each source is optional. */
export interface RolloutEvidence {
  /** Display names of A and B; default ['A', 'B']. */
  readonly names?: readonly [string, string];
  /** Offline test-set comparison (`compareAB`); the first row is the primary offline metric. */
  readonly offline?: { readonly alpha: number; readonly rows: readonly MetricComparison[] };
  /** Held-out CV of both policies on the same folds; compared on `metric` (default: the primary offline metric). */
  readonly cv?: { readonly a: CrossValidateResult; readonly b: CrossValidateResult; readonly metric?: string };
  /** Primary metric of the online experiment. */
  readonly online?: OnlineEvidence;
}

export interface RolloutOptions {
  /**
   * Users per arm below which the online tests' normal approximations are not trusted and the decision
   * is "not enough data"; default 30.
   */
  readonly minUsersPerArm?: number;
}

/** Which step of the precedence decided (see `decideRollout`). */
export type RolloutRule = 'srm' | 'no-online-test' | 'not-enough-data' | 'sequential' | 'fixed-horizon' | 'no-difference-at-plan' | 'peeking' | 'underpowered';

export type RolloutAction = 'ship' | 'continue' | 'fix-assignment' | 'start-test';

/** What one source of evidence says. */
export interface SourceStance {
  /** The policy this source supports with significance, else null. */
  readonly favors: Winner;
  /** The direction of its point estimate, significant or not; null when there is none (or it is mixed). */
  readonly leans: Winner;
  /** One line with its numbers, e.g. "A better on all 4 metrics (p < 0.0001)". */
  readonly summary: string;
}

export interface RolloutDecision {
  readonly action: RolloutAction;
  /** The policy to ship (action 'ship'); otherwise the one the evidence leans to, or null. */
  readonly policy: Winner;
  readonly rule: RolloutRule;
  /** The verdict in one line, e.g. "Continue the test: no significant online difference yet". */
  readonly headline: string;
  /** Why, most important first. */
  readonly reasons: readonly string[];
  /** More users the test needs before it can decide (action 'continue'), when the readout can plan it. */
  readonly moreUsers: {
    /** More users in all, at the planned shares, until the smaller arm reaches `requiredPerArm`. */
    readonly total: number;
    /** More users the smaller arm needs. */
    readonly perArm: number;
    readonly requiredPerArm: number;
    readonly forMdeRel: number;
  } | null;
  readonly sources: {
    readonly offline: SourceStance | null;
    readonly cv: (SourceStance & { readonly comparison: CvFoldComparison }) | null;
    readonly online: SourceStance | null;
  };
}
