import { checkArity } from '../check-args';
import { AnalysisSourceError } from './errors';
import { sqlMessages } from './messages';
import type { MetricsSpec } from './metrics-spec';
import { statsColumnsOf } from './stats-columns';

/** A health count as the query returned it: a check id, a detail (event name) and an arm where it applies. */
export interface HealthCount {
  readonly check: string;
  readonly level: string;
  readonly arm: string | null;
  readonly count: number;
}

/** Per-day increments of one slice (overall or one level of a dimension), per arm. */
export interface SliceStats {
  /** '' for the whole experiment, else the dimension's name. */
  readonly slice: string;
  readonly level: string;
  /** arm → day → column → increment (`units` and every `<metric>__<term>`). */
  readonly arms: ReadonlyMap<string, ReadonlyMap<number, Readonly<Record<string, number>>>>;
}

/** The statistics table, read back: what `analyze` computes from, whichever engine produced it. */
export interface AnalysisStats {
  /** Exposure lines per UTC day (Unix day number) and the time of the last one (Unix seconds); sorted by day. */
  readonly days: readonly { readonly day: number; readonly exposures: number; readonly lastTime: number }[];
  readonly health: readonly HealthCount[];
  readonly slices: readonly SliceStats[];
}

type Row = Readonly<Record<string, unknown>>;

/**
 * Reads the rows of the statistics table (from an engine, or a file the user's Spark wrote) into
 * {@link AnalysisStats}, checking that it carries every column the metrics file needs.
 */
export function readStatsRows(rows: readonly Row[], spec: MetricsSpec, source: string): AnalysisStats {
  checkArity('readStatsRows', arguments, ['rows', 'spec', 'source']);
  const columns = ['section', 'slice', 'level', 'arm', 'day', 'units', 'last_t', ...statsColumnsOf(spec).metric.map((c) => c.column)];
  const metricColumns = columns.slice(7);
  if (rows.length > 0) {
    // Spark and other writers may change the case of column names.
    const present = new Set(Object.keys(rows[0]!).map((k) => k.toLowerCase()));
    for (const c of columns) if (!present.has(c.toLowerCase())) throw new AnalysisSourceError(sqlMessages.statsMissingColumn(source, c));
  }
  const get = (r: Row, c: string): unknown => (c in r ? r[c] : r[Object.keys(r).find((k) => k.toLowerCase() === c.toLowerCase())!]);
  const num = (r: Row, c: string, i: number): number => {
    const v = get(r, c);
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : (v as number);
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new AnalysisSourceError(sqlMessages.statsBadValue(source, i + 1, c, v));
    return n;
  };
  const text = (r: Row, c: string): string | null => {
    const v = get(r, c);
    return v === null || v === undefined ? null : String(v);
  };
  const days: { day: number; exposures: number; lastTime: number }[] = [];
  const health: HealthCount[] = [];
  const slices = new Map<string, { slice: string; level: string; arms: Map<string, Map<number, Record<string, number>>> }>();
  rows.forEach((r, i) => {
    const section = text(r, 'section');
    if (section === 'days') days.push({ day: num(r, 'day', i), exposures: num(r, 'units', i), lastTime: num(r, 'last_t', i) });
    else if (section === 'health')
      health.push({
        check: text(r, 'slice') ?? '',
        level: text(r, 'level') ?? '',
        arm: text(r, 'arm'),
        count: get(r, 'units') === null ? 0 : num(r, 'units', i),
      });
    else if (section === 'stats') {
      const slice = text(r, 'slice') ?? '';
      const level = text(r, 'level') ?? '';
      const arm = text(r, 'arm');
      if (arm === null || !spec.experiment.arms.includes(arm))
        throw new AnalysisSourceError(
          sqlMessages.statsMismatch(source, `row ${i + 1} has arm ${JSON.stringify(arm)}; the metrics file's arms are ${spec.experiment.arms.join(', ')}`),
        );
      const key = `${slice}\u0000${level}`;
      let s = slices.get(key);
      if (!s) slices.set(key, (s = { slice, level, arms: new Map() }));
      let byDay = s.arms.get(arm);
      if (!byDay) s.arms.set(arm, (byDay = new Map()));
      const day = num(r, 'day', i);
      const values: Record<string, number> = byDay.get(day) ?? {};
      for (const c of ['units', ...metricColumns]) values[c] = (values[c] ?? 0) + num(r, c, i);
      byDay.set(day, values);
    } else
      throw new AnalysisSourceError(sqlMessages.statsMismatch(source, `row ${i + 1} has section ${JSON.stringify(section)} (expected stats, health or days)`));
  });
  days.sort((a, b) => a.day - b.day);
  return { days, health, slices: [...slices.values()] };
}
