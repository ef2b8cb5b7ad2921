// The parsed, validated metrics file: what the SQL compiler and the readout take. Parse once
// (`parseMetricsFile`), then everything after trusts this shape.
import { DEFAULT_BURN_IN_PER_ARM } from '../ab/sequential-test';

/** How a time column is stored: ISO-8601 text or a timestamp type (`iso`), or Unix seconds / milliseconds. */
export type TimeFormat = 'iso' | 'epoch_s' | 'epoch_ms';

/** Columns of the exposures source (abt's exposure log names by default). */
export interface ExposureColumns {
  readonly unit: string;
  readonly time: string;
  readonly arm: string;
  /** Filtered on `experiment.key` when that is set. */
  readonly experiment: string;
  /** Lines with `false` here are outside the experiment (counted, left out); absent or null counts as true. */
  readonly inExperiment: string | null;
}

/** Columns of the events source (abt's events log names by default). */
export interface EventColumns {
  readonly unit: string;
  readonly time: string;
  readonly event: string;
  readonly value: string;
}

/** What a metric aggregates per unit from the events named `events`. */
export interface Measure {
  /** Event names that count (any of them). */
  readonly events: readonly string[];
  /** `count`: matching events; `sum`: Σ value. */
  readonly aggregate: 'count' | 'sum';
}

/** Per-unit capping (winsorization) of a metric's value before the statistics. */
export type Cap = { readonly value: number } | { readonly quantile: number };

/** The CUPED covariate: a per-unit measure over the lookback window before the unit's first exposure. */
export interface CupedSpec {
  readonly measure: Measure;
  /** Seconds before first exposure; null = all history. */
  readonly lookbackSeconds: number | null;
}

export type MetricType = 'binomial' | 'count' | 'sum' | 'mean' | 'ratio';

export interface MetricSpec {
  /** Identifier (`[a-z][a-z0-9_]*`): column prefix in the SQL, key prefix in tracking. */
  readonly name: string;
  /** Display name; default `name`. */
  readonly label: string;
  /**
   * `binomial`: 1 when the unit has any matching event in the window; `count`: matching events; `sum`: Σ value;
   * `mean`: Σ value / events with a value (units without any are left out); `ratio`: Σ numerator / Σ denominator
   * over units (delta method, the unit stays the unit of analysis).
   */
  readonly type: MetricType;
  /** The per-unit value (the numerator for ratio metrics). */
  readonly measure: Measure;
  /** Ratio metrics only. */
  readonly denominator?: Measure;
  /** Conversion window after first exposure in seconds; null = until the end of the analysis. */
  readonly windowSeconds: number | null;
  readonly cap?: Cap;
  readonly cuped?: CupedSpec;
  readonly higherIsBetter: boolean;
  /** Reported per arm but not tested (e.g. totals such as sessions shown). */
  readonly test: boolean;
}

export interface AnalysisSettings {
  readonly alpha: number;
  readonly power: number;
  readonly mdeRel: number;
  readonly srmThreshold: number;
  /** mSPRT tuning sample size; null = the units in the analysis (the planned sample is what arrived). */
  readonly tuningN: number | null;
  /** Units the smaller arm needs before the mSPRT may reject (its burn-in). */
  readonly burnInPerArm: number;
}

export interface MetricsSpec {
  readonly version: 1;
  /** Where the spec came from (for messages). */
  readonly file: string;
  readonly experiment: {
    /** Only exposures of this experiment; null = all lines. */
    readonly key: string | null;
    /** Control first, then treatment. */
    readonly arms: readonly [string, string];
    readonly weights: readonly [number, number];
  };
  /** Analysis range in Unix seconds: exposures outside [start, end) are reported and left out. */
  readonly range: { readonly start: number | null; readonly end: number | null };
  readonly exposures: { readonly columns: ExposureColumns; readonly timeFormat: TimeFormat };
  readonly events: { readonly columns: EventColumns; readonly timeFormat: TimeFormat };
  /** Exposure columns to break the readout down by (value at the unit's first exposure). */
  readonly dimensions: readonly string[];
  readonly metrics: readonly MetricSpec[];
  /** Name of the metric the verdict is about (default: the first metric that is tested). */
  readonly primary: string;
  readonly analysis: AnalysisSettings;
}

export const DEFAULT_EXPOSURE_COLUMNS: ExposureColumns = { unit: 'userId', time: 'time', arm: 'arm', experiment: 'experiment', inExperiment: 'inExperiment' };
export const DEFAULT_EVENT_COLUMNS: EventColumns = { unit: 'userId', time: 'time', event: 'event', value: 'value' };
export const DEFAULT_ANALYSIS: AnalysisSettings = {
  alpha: 0.05,
  power: 0.8,
  mdeRel: 0.05,
  srmThreshold: 0.001,
  tuningN: null,
  burnInPerArm: DEFAULT_BURN_IN_PER_ARM,
};

/** Every event name a spec reads, metrics and covariates together (the events source is filtered on them). */
export function eventNamesOf(spec: MetricsSpec): string[] {
  const names = new Set<string>();
  for (const m of spec.metrics) {
    for (const e of m.measure.events) names.add(e);
    for (const e of m.denominator?.events ?? []) names.add(e);
    for (const e of m.cuped?.measure.events ?? []) names.add(e);
  }
  return [...names].sort();
}

/** Event names that metrics count after exposure (not covariate-only): an event of these before exposure is a health finding. */
export function outcomeEventNamesOf(spec: MetricsSpec): string[] {
  const names = new Set<string>();
  for (const m of spec.metrics) {
    for (const e of m.measure.events) names.add(e);
    for (const e of m.denominator?.events ?? []) names.add(e);
  }
  return [...names].sort();
}
