import type { OnlineEvidence } from './decision/types';
import { badge, ci, esc, int, num, pct, pctCi, pValue, signed, signedPct } from './html';
import { sortableTable, type SortableRow } from './sortable-table';
import type { OnlineAbSection } from './types';

type MetricRow = NonNullable<OnlineAbSection['metrics']>[number];

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Rates read as percentages; means (and rows without a readout) as numbers. */
const asRate = (m: MetricRow) => m.readout !== undefined && m.readout.kind !== 'mean';
/** A row with a readout carries the relative lift (`onlineAbSection`): a percentage. */
const relativeDiff = (m: MetricRow) => m.readout !== undefined;

/** The online A/B section: the verdict, the metrics, the charts, then each metric's checks as one table. */
export function onlineSection(online: OnlineAbSection | undefined): { html: string; chartIds: string[] } {
  if (!online) {
    return {
      html: `<div class="placeholder">No online experiment attached yet. Once the router has served traffic, the online A/B readout (assignment check, conversion by arm, sequential test) appears here.</div>`,
      chartIds: [],
    };
  }
  const names = online.names ?? ['A', 'B'];
  const metrics = online.metrics ?? [];
  const diffLabel = online.diffLabel ?? 'Δ (B − A)';
  const table = metrics.length
    ? `<div class="table-flow"><table id="online-metrics"><thead><tr><th>Metric</th><th class="num">${esc(names[0])}</th><th class="num">${esc(names[1])}</th><th class="num">${esc(diffLabel)}</th><th class="num">p</th><th>Verdict</th></tr></thead><tbody>${metrics
        .map((m) => {
          const rate = asRate(m);
          const value = (v: number) => (rate ? pct(v, 2) : num(v));
          const diff = relativeDiff(m)
            ? `${signedPct(m.diff)}<br><span class="ci">${pctCi(m.ciLow, m.ciHigh)}</span>`
            : `${signed(m.diff)}<br><span class="ci">${ci(m.ciLow, m.ciHigh)}</span>`;
          return `<tr><td>${esc(m.metric)}</td><td class="num">${value(m.a)}</td><td class="num">${value(m.b)}</td><td class="num">${diff}</td><td class="num">${pValue(m.pValue)}</td><td>${m.verdict ? badge(m.verdict) : ''}</td></tr>`;
        })
        .join('')}</tbody></table></div>`
    : '';
  const ids = Object.keys(online.charts ?? {}).map((k) => `online_${k}`);
  const checks = checksTable(metrics, names);
  const notes = online.notes?.length ? `<ul class="notes">${online.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return {
    // Context notes first, so the section ends in the table of checks.
    html: `${online.summary ? `<p class="lead">${esc(online.summary)}</p>` : ''}${notes}${table}${ids.length ? `<div class="grid">${ids.map((id) => `<div class="chart" id="chart-${esc(id)}" data-chart="${esc(id)}"></div>`).join('')}</div>` : ''}${checks}`,
    chartIds: ids,
  };
}

/** CUPED is secondary: flagged where its verdict (significant or not) differs from the primary test's. */
function cupedCell(r: OnlineEvidence): { html: string; key: number | null } {
  const c = r.cuped;
  if (!c) return { html: '–', key: null };
  const differs = finite(c.pValue) && finite(r.pValue) && c.pValue < r.alpha !== r.pValue < r.alpha;
  const reduction = finite(c.varianceReduction) ? `; variance −${pct(c.varianceReduction)}` : '';
  const flag = differs
    ? `<br><span class="badge badge-secondary" title="CUPED is a secondary analysis: the primary (unadjusted) test decides">secondary: differs from primary</span>`
    : '';
  // One figure per line, so the eight columns fit a 1024 px window without a sideways scroll.
  return {
    html: `${signedPct(c.liftRel)}<br><span class="ci">${pctCi(c.liftRelCi?.[0], c.liftRelCi?.[1])}</span><br><span class="ci">p ${pValue(c.pValue)}${reduction}</span>${flag}`,
    key: finite(c.liftRel) ? c.liftRel : null,
  };
}

/** One row per analysed metric: assignment (SRM), always-valid test, chance to beat, CUPED, power. */
function checksTable(metrics: readonly MetricRow[], names: readonly [string, string]): string {
  const withReadout = metrics.filter((m): m is MetricRow & { readout: OnlineEvidence } => m.readout !== undefined);
  if (withReadout.length === 0) return '';
  const planned = withReadout[0]!.readout.plannedMdeRel;
  const columns = [
    { label: 'Metric' },
    {
      label: `Users, ${names[0]} / ${names[1]}`,
      numeric: true,
      title: 'Randomization units per arm and the sample-ratio-mismatch χ² test against the configured weights',
    },
    { label: 'SRM p', numeric: true },
    { label: 'Always-valid p (mSPRT)', numeric: true, title: 'Sequential test: valid at every look, so peeking is safe' },
    { label: `Chance ${names[1]} is better`, numeric: true },
    { label: 'CUPED lift (secondary)', numeric: true, title: 'Adjusted for pre-period activity; reported beside the primary test, never deciding' },
    { label: 'Detectable now (MDE)', numeric: true, title: 'Smallest relative effect these users detect with the planned power' },
    { label: `Users per arm for ${finite(planned) ? pct(planned) : 'the planned effect'}`, numeric: true },
  ];
  const rows: SortableRow[] = withReadout.map((m, i) => {
    const r = m.readout;
    const cuped = cupedCell(r);
    const srm = r.srm.mismatch ? `${pValue(r.srm.pValue)} ${badge('SRM: mismatch')}` : pValue(r.srm.pValue);
    const seq = `${pValue(r.sequential.pValue)}${r.sequential.rejected ? '<br><span class="ci">(rejected)</span>' : ''}`;
    return {
      cells: `<td>${esc(m.metric)}${i === 0 ? ' <span class="ci">(primary)</span>' : ''}</td><td class="num">${int(r.usersA)} / ${int(r.usersB)}</td><td class="num">${srm}</td><td class="num">${seq}</td>
<td class="num">${pct(r.bayes.chanceToBeatControl, 0)}</td><td class="num">${cuped.html}</td><td class="num">${pct(r.mdeRel)}</td><td class="num">${int(r.requiredUsersPerArm)}</td>`,
      keys: [m.metric, r.usersA + r.usersB, r.srm.pValue, r.sequential.pValue, r.bayes.chanceToBeatControl, cuped.key, r.mdeRel, r.requiredUsersPerArm],
    };
  });
  return `<h3>Checks and power, by metric</h3>${sortableTable('online-checks', columns, rows)}`;
}
