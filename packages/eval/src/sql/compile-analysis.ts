import { checkArity, checkKeys, keysOf } from '../check-args';
import type { SqlDialect, SourceColumn } from './dialect';
import { eventNamesOf, outcomeEventNamesOf, type Measure, type MetricSpec, type MetricsSpec } from './metrics-spec';
import { statsColumnsOf } from './stats-columns';
import type { DataSource } from './sources';

export interface CompileOptions {
  /** End of the analysis in Unix seconds (exclusive), e.g. the end of the `--as-of` day; default: the range's end or none. */
  readonly asOfEnd?: number;
}

export interface CompiledAnalysis {
  /** One SELECT: the statistics table (sections `stats`, `health`, `days`). */
  readonly sql: string;
  /** Its columns, in order. */
  readonly columns: readonly string[];
}

const DAY = 86_400;
export const SOURCES_KEYS = keysOf<{ exposures: DataSource; events: DataSource }>({ exposures: true, events: true });
const COMPILE_OPTIONS = keysOf<CompileOptions>({ asOfEnd: true });

/**
 * Compiles a metrics file into one query for an engine. The query finds each unit's first exposure, drops
 * (and counts) units seen in both arms, aggregates each metric per unit and UTC day within its window,
 * takes each unit's running value day by day, and reduces the day-to-day changes of n, Σy, Σy² and the cross
 * sums to one row per (slice, arm, day) — the sufficient statistics, the only thing that leaves the
 * database. Running totals over days are the readout's timeline; their last day is the readout.
 * Health counts (lines outside the range, units in both arms, events before exposure …) come as extra rows.
 */
export function compileAnalysis(
  spec: MetricsSpec,
  sources: { exposures: DataSource; events: DataSource },
  dialect: SqlDialect,
  options: CompileOptions = {},
): CompiledAnalysis {
  const where = 'compileAnalysis';
  checkArity(where, arguments, ['spec', 'sources', 'dialect', 'options']);
  checkKeys(where, 'sources', sources, SOURCES_KEYS);
  checkKeys(where, 'options', options, COMPILE_OPTIONS);
  const d = dialect;
  const T = d.text;
  const D = d.double;
  const S = (v: string) => d.string(v);
  const inList = (names: readonly string[]) => `(${names.map(S).join(', ')})`;
  const ex = spec.exposures.columns;
  const ev = spec.events.columns;
  const end = [spec.range.end, options.asOfEnd].filter((v): v is number => v !== undefined && v !== null).reduce((a, b) => Math.min(a, b), Infinity);
  const endCond = (t: string) => (Number.isFinite(end) ? `${t} < ${end}` : 'TRUE');
  const startCond = (t: string) => (spec.range.start !== null ? `${t} >= ${spec.range.start}` : 'TRUE');
  const dims = spec.dimensions.map((name, i) => ({ name, alias: `d${i}` }));
  const arms = inList(spec.experiment.arms);
  const day = (t: string) => `CAST(FLOOR(${t} / ${DAY}) AS BIGINT)`;
  const col = (c: string) => `src.${d.ident(c)}`;

  const expColumns: SourceColumn[] = [
    { name: ex.unit, type: 'text' },
    { name: ex.time, type: spec.exposures.timeFormat === 'iso' ? 'text' : 'double' },
    { name: ex.arm, type: 'text' },
    ...(spec.experiment.key !== null ? [{ name: ex.experiment, type: 'text' as const }] : []),
    ...(ex.inExperiment !== null ? [{ name: ex.inExperiment, type: 'boolean' as const }] : []),
    ...spec.dimensions.map((name) => ({ name, type: 'text' as const })),
  ];
  const evColumns: SourceColumn[] = [
    { name: ev.unit, type: 'text' },
    { name: ev.time, type: spec.events.timeFormat === 'iso' ? 'text' : 'double' },
    { name: ev.event, type: 'text' },
    { name: ev.value, type: 'double' },
  ];
  const uniqueColumns = (cols: SourceColumn[]) => cols.filter((c, i) => cols.findIndex((o) => o.name === c.name) === i);

  const measureCase = (m: Measure, window: string) =>
    `CASE WHEN event IN ${inList(m.events)}${window} THEN ${m.aggregate === 'sum' ? `COALESCE(value, 0)` : '1'} ELSE 0 END`;
  const windowOf = (m: MetricSpec) => (m.windowSeconds !== null ? ` AND t < t0 + ${m.windowSeconds}` : '');
  const metrics = spec.metrics;
  const quantileCaps = metrics.filter((m) => m.cap && 'quantile' in m.cap);

  // Per-unit value of a metric from its running aggregates a_, k_, b_ (`at` = '' today, 'o' the day before).
  const agg = (name: string, at: string) => `${at}${name}`;
  const rawValue = (m: MetricSpec, at = '') =>
    m.type === 'mean'
      ? `CASE WHEN ${agg(`k_${m.name}`, at)} > 0 THEN ${agg(`a_${m.name}`, at)} / ${agg(`k_${m.name}`, at)} ELSE 0 END`
      : m.type === 'binomial'
        ? `CASE WHEN ${agg(`a_${m.name}`, at)} > 0 THEN 1 ELSE 0 END`
        : agg(`a_${m.name}`, at);
  const present = (m: MetricSpec, at = '') => (m.type === 'mean' ? `CASE WHEN ${agg(`k_${m.name}`, at)} > 0 THEN 1 ELSE 0 END` : '1');
  const capped = (m: MetricSpec, v: string) => (!m.cap ? v : 'value' in m.cap ? `LEAST(${v}, ${m.cap.value})` : `LEAST(${v}, caps.cap_${m.name})`);

  const cuped = metrics.filter((m) => m.cuped);
  const ctes: string[] = [];
  const cte = (name: string, body: string, materialize: boolean | 'never' = false) =>
    ctes.push(`${name} AS ${materialize === 'never' ? d.notMaterialized : materialize ? d.materialized : ''}(\n${body}\n)`);

  cte(
    'exp_src',
    `  SELECT CAST(${col(ex.unit)} AS ${T}) AS unit,
         ${d.epochSeconds(col(ex.time), spec.exposures.timeFormat)} AS t,
         CAST(${col(ex.arm)} AS ${T}) AS arm,
         ${ex.inExperiment !== null ? `COALESCE(CAST(${col(ex.inExperiment)} AS BOOLEAN), TRUE)` : 'TRUE'} AS in_exp${dims.map((x) => `,\n         CAST(${col(x.name)} AS ${T}) AS ${x.alias}`).join('')}
  FROM ${d.relation(sources.exposures, 'exposures', uniqueColumns(expColumns))} AS src${spec.experiment.key !== null ? `\n  WHERE CAST(${col(ex.experiment)} AS ${T}) = ${S(spec.experiment.key)}` : ''}`,
    true,
  );
  cte('exp_ok', `  SELECT * FROM exp_src\n  WHERE in_exp AND unit IS NOT NULL AND t IS NOT NULL AND arm IN ${arms} AND ${startCond('t')} AND ${endCond('t')}`);
  cte('unit_arms', '  SELECT unit, MIN(t) AS t0, MIN(arm) AS arm, MAX(arm) AS arm_hi FROM exp_ok GROUP BY unit');
  if (dims.length > 0) {
    // The dimensions' values on the unit's first exposure line (the smallest value when lines tie on time).
    cte(
      'first_dims',
      `  SELECT e.unit, ${dims.map((x) => `MIN(e.${x.alias}) AS ${x.alias}`).join(', ')}\n  FROM exp_ok AS e JOIN unit_arms AS a ON e.unit = a.unit AND e.t = a.t0\n  GROUP BY e.unit`,
    );
  }
  cte(
    'units',
    // uid: a compact integer key for the per-unit aggregation and window below (grouping by text ids is slower).
    `  SELECT a.unit, ${d.rowKey} AS uid, a.t0, a.arm${dims.map((x) => `, f.${x.alias}`).join('')}\n  FROM unit_arms AS a${dims.length ? ' JOIN first_dims AS f ON f.unit = a.unit' : ''}\n  WHERE a.arm = a.arm_hi`,
    true,
  );
  cte(
    'ev_src',
    `  SELECT CAST(${col(ev.unit)} AS ${T}) AS unit,
         ${d.epochSeconds(col(ev.time), spec.events.timeFormat)} AS t,
         CAST(${col(ev.event)} AS ${T}) AS event,
         CAST(${col(ev.value)} AS ${D}) AS value
  FROM ${d.relation(sources.events, 'events', uniqueColumns(evColumns))} AS src
  WHERE CAST(${col(ev.event)} AS ${T}) IN ${inList(eventNamesOf(spec))}`,
    // Read twice (the analysis and the health counts): scanning the files again is cheaper than holding every event.
    'never',
  );
  cte(
    'ev',
    `  SELECT u.uid, u.arm${dims.map((x) => `, u.${x.alias}`).join('')}, e.t, e.event, e.value, u.t0\n  FROM ev_src AS e JOIN units AS u ON e.unit = u.unit\n  WHERE e.t IS NOT NULL AND ${endCond('e.t')}${cuped.length === 0 ? ' AND e.t >= u.t0' : ''}`,
  );

  // Rows before the first exposure are only read when a CUPED covariate needs them (filtered out in `ev` otherwise).
  const post = cuped.length > 0 ? ' AND t >= t0' : '';
  const incCols = metrics.flatMap((m) => [
    { name: `a_${m.name}`, expr: measureCase(m.measure, `${windowOf(m)}${post}`) },
    ...(m.type === 'mean'
      ? [{ name: `k_${m.name}`, expr: `CASE WHEN event IN ${inList(m.measure.events)}${windowOf(m)}${post} AND value IS NOT NULL THEN 1 ELSE 0 END` }]
      : []),
    ...(m.denominator ? [{ name: `b_${m.name}`, expr: measureCase(m.denominator, `${windowOf(m)}${post}`) }] : []),
  ]);
  // The covariate: the measure before the first exposure (within the lookback), booked on the exposure day.
  const preCols = cuped.map((m) => {
    const lb = m.cuped!.lookbackSeconds !== null ? ` AND t >= t0 - ${m.cuped!.lookbackSeconds}` : '';
    return { name: `c_${m.name}`, expr: measureCase(m.cuped!.measure, ` AND t < t0${lb}`) };
  });
  // Metrics that aggregate the same thing (a sum and a mean of one value, say) share one column: each column
  // costs in the largest aggregation and the window. `canon` names the column that holds a name's values.
  const canon = new Map<string, string>();
  const unitCols = [...incCols, ...preCols].filter((c, _i, all) => {
    const first = all.find((o) => o.expr === c.expr)!;
    canon.set(c.name, first.name);
    return first === c;
  });
  const uniqueInc = incCols.filter((c) => canon.get(c.name) === c.name);
  const uniquePre = preCols.filter((c) => canon.get(c.name) === c.name);
  const aliases = [...incCols, ...preCols].filter((c) => canon.get(c.name) !== c.name);
  // The unit's arm and dimensions ride along as group keys (they are the unit's), so nothing joins back to `units`.
  const unitKeys = `uid, arm${dims.map((x) => `, ${x.alias}`).join('')}`;
  // One row per unit and day with events, plus one on its exposure day (f = 1) so every unit counts from that day.
  cte(
    'inc',
    `  SELECT ${unitKeys}, day, SUM(f) AS first_day, ${unitCols.map((c) => `SUM(${c.name}) AS ${c.name}`).join(', ')}
  FROM (
    SELECT ${unitKeys}, ${day('t0')} AS day, 1 AS f, ${unitCols.map((c) => `CAST(0 AS ${D}) AS ${c.name}`).join(', ')} FROM units
    UNION ALL
    SELECT ${unitKeys}, ${day(cuped.length > 0 ? 'CASE WHEN t >= t0 THEN t ELSE t0 END' : 't')} AS day, 0 AS f,
           ${unitCols.map((c) => `CAST(${c.expr} AS ${D}) AS ${c.name}`).join(',\n           ')}
    FROM ev
  ) AS z
  GROUP BY ${unitKeys}, day`,
  );
  if (quantileCaps.length > 0) {
    // Percentile caps on the units' final values (all days), applied on every day.
    const finals = `  SELECT uid, ${incCols.map((c) => `SUM(${canon.get(c.name)}) AS ${c.name}`).join(', ')} FROM inc GROUP BY uid`;
    const caps = quantileCaps.map(
      (m) => `${d.percentile(`CASE WHEN ${present(m)} = 1 THEN ${rawValue(m)} END`, (m.cap as { quantile: number }).quantile)} AS cap_${m.name}`,
    );
    cte('caps', `  SELECT ${caps.join(',\n         ')}\n  FROM (\n${finals}\n  ) AS f`);
  }
  // Each unit's running aggregates by day (one window pass); the day before's are today's minus today's
  // increments, so no second (LAG) pass is needed. A unit's first row is its exposure day: before it, nothing;
  // the covariate sits on that row, so its running sum is the unit's covariate on every day.
  const running = '(PARTITION BY i.uid ORDER BY i.day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';
  cte(
    'cum',
    `  SELECT i.uid, i.day, i.arm${dims.map((x) => `, i.${x.alias}`).join('')}, i.first_day,
         ${uniqueInc.map((c) => `SUM(i.${c.name}) OVER ${running} AS ${c.name}, i.${c.name} AS i${c.name}`).join(',\n         ')}${uniquePre.map((c) => `,\n         SUM(i.${c.name}) OVER ${running} AS ${c.name}`).join('')}
  FROM inc AS i`,
  );
  const before = (m: MetricSpec) => [`a_${m.name}`, ...(m.type === 'mean' ? [`k_${m.name}`] : []), ...(m.denominator ? [`b_${m.name}`] : [])];
  const valCols = metrics.flatMap((m) => [...before(m).map((c) => `${canon.get(c)} - i${canon.get(c)} AS o${c}`)]);
  const aliasCols = aliases.flatMap((c) => [`${canon.get(c.name)} AS ${c.name}`, ...(c.name.startsWith('c_') ? [] : [`i${canon.get(c.name)} AS i${c.name}`])]);
  cte('prev', `  SELECT cum.*, ${[...aliasCols, ...valCols].join(', ')}\n  FROM cum`);
  // Today's (p, y, x) and the day before's (p0, y0, x0) per metric; 0 before the exposure day.
  const firstGuard = (e: string) => `CASE WHEN first_day = 1 THEN 0 ELSE ${e} END`;
  const stateCols = metrics.flatMap((m) => [
    `${present(m)} AS p_${m.name}`,
    `${capped(m, rawValue(m))} AS y_${m.name}`,
    `${firstGuard(present(m, 'o'))} AS p0_${m.name}`,
    `${firstGuard(capped(m, rawValue(m, 'o')))} AS y0_${m.name}`,
    ...(m.denominator ? [`b_${m.name} AS x_${m.name}`, `${firstGuard(`ob_${m.name}`)} AS x0_${m.name}`] : []),
    ...(m.cuped ? [`c_${m.name}`] : []),
  ]);
  cte(
    'vals',
    `  SELECT arm, day${dims.map((x) => `, ${x.alias}`).join('')}, first_day,\n         ${stateCols.join(',\n         ')}\n  FROM prev${quantileCaps.length ? ' CROSS JOIN caps' : ''}`,
  );

  // Day-to-day change of each unit's contribution to every sum; summed per (slice, arm, day) these add up to
  // the running totals (the units' values only change on days with events).
  const cols = statsColumnsOf(spec);
  const change = (today: (s: string) => string) => `(${today('')}) - (${today('0')})`;
  const terms: Record<string, (m: MetricSpec) => string> = {
    n: (m) => change((z) => `p${z}_${m.name}`),
    sy: (m) => change((z) => `y${z}_${m.name}`),
    syy: (m) => change((z) => `y${z}_${m.name} * y${z}_${m.name}`),
    sx: (m) => change((z) => `x${z}_${m.name}`),
    sxx: (m) => change((z) => `x${z}_${m.name} * x${z}_${m.name}`),
    sxy: (m) => change((z) => `x${z}_${m.name} * y${z}_${m.name}`),
    sc: (m) => change((z) => `p${z}_${m.name} * c_${m.name}`),
    scc: (m) => change((z) => `p${z}_${m.name} * c_${m.name} * c_${m.name}`),
    syc: (m) => change((z) => `y${z}_${m.name} * c_${m.name}`),
    sxc: (m) => change((z) => `x${z}_${m.name} * c_${m.name}`),
    nb: (m) => change((z) => `CASE WHEN p${z}_${m.name} = 1 AND y${z}_${m.name} <> 0 AND y${z}_${m.name} <> 1 THEN 1 ELSE 0 END`),
    cz: (m) => change((z) => `CASE WHEN p${z}_${m.name} = 1 AND c_${m.name} = 0 THEN 1 ELSE 0 END`),
  };
  const deltaCols = cols.metric.map((c) => `${terms[c.term]!(metrics.find((m) => m.name === c.metric)!)} AS ${c.column}`);
  cte('deltas', `  SELECT arm, day${dims.map((x) => `, ${x.alias}`).join('')}, first_day,\n         ${deltaCols.join(',\n         ')}\n  FROM vals`);

  const nullD = `CAST(NULL AS ${D})`;
  const nullT = `CAST(NULL AS ${T})`;
  const sumCols = cols.metric.map((c) => `CAST(SUM(${c.column}) AS ${D}) AS ${c.column}`);
  const emptyCols = cols.metric.map((c) => `${nullD} AS ${c.column}`);
  const row = (section: string, slice: string, level: string, arm: string, dayExpr: string, units: string, lastT: string, metricCols: readonly string[]) =>
    `SELECT ${S(section)} AS section, ${slice} AS slice, ${level} AS level, ${arm} AS arm, ${dayExpr} AS day, CAST(${units} AS ${D}) AS units, ${lastT} AS last_t,\n       ${metricCols.join(metricCols === emptyCols ? ', ' : ',\n       ')}`;

  const sliceExpr = dims.length === 0 ? S('') : `CASE ${dims.map((x) => `WHEN GROUPING(${x.alias}) = 0 THEN ${S(x.name)}`).join(' ')} ELSE ${S('')} END`;
  const levelExpr =
    dims.length === 0
      ? S('')
      : `CASE ${dims.map((x) => `WHEN GROUPING(${x.alias}) = 0 THEN COALESCE(${x.alias}, ${S('(null)')})`).join(' ')} ELSE ${S('')} END`;
  const grouping = dims.length === 0 ? 'GROUP BY arm, day' : `GROUP BY GROUPING SETS ((arm, day), ${dims.map((x) => `(${x.alias}, arm, day)`).join(', ')})`;
  const parts: string[] = [`${row('stats', sliceExpr, levelExpr, 'arm', 'day', 'SUM(first_day)', nullD, sumCols)}\nFROM deltas\n${grouping}`];

  cte(
    'exp_health',
    `  SELECT arm, COUNT(*) AS lines,
         SUM(CASE WHEN unit IS NULL OR t IS NULL OR arm IS NULL THEN 1 ELSE 0 END) AS invalid,
         SUM(CASE WHEN NOT in_exp THEN 1 ELSE 0 END) AS not_in_experiment,
         COUNT(DISTINCT CASE WHEN NOT in_exp THEN unit END) AS not_in_experiment_units,
         SUM(CASE WHEN in_exp AND arm NOT IN ${arms} THEN 1 ELSE 0 END) AS unknown_arm,
         SUM(CASE WHEN in_exp AND arm IN ${arms} AND NOT (${startCond('t')}) THEN 1 ELSE 0 END) AS before_range,
         SUM(CASE WHEN in_exp AND arm IN ${arms} AND NOT (${endCond('t')}) THEN 1 ELSE 0 END) AS after_range
  FROM exp_src GROUP BY arm`,
  );
  const outcome = inList(outcomeEventNamesOf(spec));
  cte(
    'ev_health',
    `  SELECT e.event, COUNT(*) AS lines,
         SUM(CASE WHEN e.unit IS NULL OR e.t IS NULL THEN 1 ELSE 0 END) AS invalid,
         SUM(CASE WHEN e.unit IS NOT NULL AND u.unit IS NULL THEN 1 ELSE 0 END) AS unexposed,
         SUM(CASE WHEN u.unit IS NOT NULL AND e.t < u.t0 AND e.event IN ${outcome} THEN 1 ELSE 0 END) AS before_exposure,
         SUM(CASE WHEN u.unit IS NOT NULL AND NOT (${endCond('e.t')}) THEN 1 ELSE 0 END) AS after_end
  FROM ev_src AS e LEFT JOIN units AS u ON e.unit = u.unit
  GROUP BY e.event`,
  );
  for (const k of ['lines', 'invalid', 'not_in_experiment', 'not_in_experiment_units', 'unknown_arm', 'before_range', 'after_range']) {
    parts.push(`${row('health', S(`exposures_${k}`), S(''), 'arm', `CAST(NULL AS BIGINT)`, k, nullD, emptyCols)}\nFROM exp_health`);
  }
  parts.push(
    `${row('health', S('units_multiple_arms'), S(''), nullT, `CAST(NULL AS BIGINT)`, 'COUNT(*)', nullD, emptyCols)}\nFROM unit_arms WHERE arm <> arm_hi`,
  );
  for (const k of ['lines', 'invalid', 'unexposed', 'before_exposure', 'after_end']) {
    parts.push(`${row('health', S(`events_${k}`), 'event', nullT, `CAST(NULL AS BIGINT)`, k, nullD, emptyCols)}\nFROM ev_health`);
  }
  // Exposure lines per UTC day (all of them) and the last one's time: the looks of the timeline.
  parts.push(
    `${row('days', S(''), S(''), nullT, day('t'), 'COUNT(*)', `MAX(t)`, emptyCols)}\nFROM exp_src\nWHERE t IS NOT NULL AND ${startCond('t')} AND ${endCond('t')}\nGROUP BY ${day('t')}`,
  );

  const header = `-- abt analysis (${d.name}): ${spec.file}; arms ${spec.experiment.arms.join(' vs ')}${spec.experiment.key !== null ? `; experiment ${spec.experiment.key}` : ''}${Number.isFinite(end) ? `; up to ${new Date(end * 1000).toISOString()}` : ''}
-- Output: one row per (section, slice, level, arm, day). section 'stats': per-day increments of the
-- sufficient statistics (<metric>__n, __sy, __syy …; add them up over days for running totals);
-- 'health': counts behind the health checks; 'days': exposure lines per UTC day (day = Unix day number).`;
  const sql = `${header}\nWITH\n${ctes.join(',\n')}\n${parts.join('\nUNION ALL\n')}`;
  return { sql, columns: ['section', 'slice', 'level', 'arm', 'day', 'units', 'last_t', ...cols.metric.map((c) => c.column)] };
}
