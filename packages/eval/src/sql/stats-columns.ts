import type { MetricsSpec } from './metrics-spec';

/** One sufficient statistic of one metric, as a column `<metric>__<term>` of the statistics table. */
export interface StatsColumn {
  readonly metric: string;
  /**
   * n: units with a value; sy, syy: Σy, Σy²; sx, sxx, sxy: Σx, Σx², Σxy of a ratio's denominator;
   * sc, scc, syc, sxc: Σc, Σc², Σyc, Σxc of the CUPED covariate; nb: units whose value is not 0/1;
   * cz: units whose covariate is 0 (no pre-exposure activity).
   */
  readonly term: 'n' | 'sy' | 'syy' | 'sx' | 'sxx' | 'sxy' | 'sc' | 'scc' | 'syc' | 'sxc' | 'nb' | 'cz';
  readonly column: string;
}

/** The statistics columns a metrics file produces, in the order the compiled query returns them. */
export function statsColumnsOf(spec: MetricsSpec): { metric: StatsColumn[] } {
  const metric: StatsColumn[] = [];
  for (const m of spec.metrics) {
    const ratio = m.type === 'ratio';
    const terms: StatsColumn['term'][] = [
      'n',
      'sy',
      'syy',
      ...(ratio ? (['sx', 'sxx', 'sxy'] as const) : []),
      ...(m.cuped ? (['sc', 'scc', 'syc', ...(ratio ? (['sxc'] as const) : []), 'cz'] as const) : []),
      ...(ratio ? [] : (['nb'] as const)),
    ];
    for (const term of terms) metric.push({ metric: m.name, term, column: `${m.name}__${term}` });
  }
  return { metric };
}
