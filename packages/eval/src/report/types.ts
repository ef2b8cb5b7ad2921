import type { AbComparison } from '../compare/compare-ab';
import type { ChartSpec } from '../charts/spec';
import type { PolicyCurves } from '../curves/policy-curves';
import type { CrossValidateResult } from '../cv/cross-validate';
import type { SegmentResult } from '../segments/analyze-segments';
import type { OnlineEvidence } from './decision/types';

/** One policy as the report names it. */
export interface ReportPolicy {
  /** Short display name, e.g. "A · LogReg". */
  readonly name: string;
  /** One line on what it is (model, parameters). */
  readonly description?: string;
}

/** One row of the data summary, e.g. a split. */
export interface DataSummaryRow {
  readonly split: string;
  readonly rows: number;
  readonly positives?: number;
  readonly users?: number;
  readonly items?: number;
  /** Free text such as the time range. */
  readonly note?: string;
}

/**
 * The online A/B section: filled by the online-experiment analysis (another module of @abt/eval);
 * the report only lays it out. `version` lets the shape grow without breaking old callers.
 */
export interface OnlineAbSection {
  readonly version: 1;
  readonly title?: string;
  /** One or two sentences, e.g. the decision. */
  readonly summary?: string;
  /** Headline metrics of the experiment. */
  readonly metrics?: readonly {
    readonly metric: string;
    readonly a: number;
    readonly b: number;
    /** B − A (absolute or relative, as `diffLabel` says). */
    readonly diff: number;
    readonly ciLow?: number;
    readonly ciHigh?: number;
    readonly pValue?: number;
    readonly verdict?: string;
    /**
     * The readout behind the row (`onlineAbSection` fills it; the first row's is the primary metric's): the
     * report's decision reads it, and the section ends in a table of its checks (SRM, always-valid test,
     * chance to beat, CUPED, power).
     */
    readonly readout?: OnlineEvidence;
  }[];
  /** Arm names (A, B) for the table headers; default ['A', 'B']. */
  readonly names?: readonly [string, string];
  /** Label of the diff column; default "Δ (B − A)". */
  readonly diffLabel?: string;
  /** Extra charts (vega-lite specs), rendered like the offline ones. */
  readonly charts?: Readonly<Record<string, ChartSpec>>;
  /** Plain-text notes (assignment ratio checks, SRM, sequential-test status …). */
  readonly notes?: readonly string[];
}

export interface ReportModel {
  /** Page title; default "Offline A/B evaluation". */
  readonly title?: string;
  /** Shown under the title, e.g. the dataset and split. */
  readonly subtitle?: string;
  /** Timestamp text; injected (no clock is read) so the same model gives the same bytes. */
  readonly generatedAt?: string;
  readonly policies: readonly [ReportPolicy, ReportPolicy];
  /** Test-set comparison: table with CIs and verdicts, AUC / log-loss bars. */
  readonly comparison: AbComparison;
  /** Curves of A and B on the same rows (ROC, PR, calibration, lift, gain, histograms). */
  readonly curves: readonly [PolicyCurves, PolicyCurves];
  readonly segments?: readonly SegmentResult[];
  /** Held-out K-fold CV of both policies; `description` says how folds were built. */
  readonly cv?: { readonly a: CrossValidateResult; readonly b: CrossValidateResult; readonly description?: string };
  readonly data?: { readonly rows: readonly DataSummaryRow[]; readonly notes?: readonly string[] };
  /** Online experiment readout; a placeholder is shown when absent. */
  readonly online?: OnlineAbSection;
}
