import { metricLabel } from '../charts/labels';
import type { AbComparison } from '../compare/compare-ab';
import type { CrossValidateResult } from '../cv/cross-validate';
import type { SegmentResult } from '../segments/analyze-segments';
import { badge, ci, esc, int, num, pct, pValue, signed } from './html';
import { sortableTable, type SortableRow } from './sortable-table';
import type { DataSummaryRow, ReportPolicy } from './types';

// The online section has its own module; re-exported so callers of './sections' keep working.
export { onlineSection } from './online-section';

/** A chart slot filled in the browser by vega-embed; `id` keys the spec in the JSON block. */
export function chartSlot(id: string, wide = false): string {
  return `<div class="chart${wide ? ' wide' : ''}" id="chart-${esc(id)}" data-chart="${esc(id)}"></div>`;
}

/** Column header as words: a metric and a policy, e.g. "PR-AUC, Policy A". */
const metricPolicyHeader = (metric: string, policy: string): string => `${metricLabel(metric)}, ${policy}`;

export function summaryCards(c: AbComparison, names: readonly [string, string]): string {
  const cards = c.rows
    .map(
      (r) => `<div class="card"><div class="k">${esc(r.label)} ${r.higherIsBetter ? '↑' : '↓'}</div>
<div class="v"><span class="dot dot-a" title="${esc(names[0])}"></span> ${num(r.a.estimate)} &nbsp; <span class="dot dot-b" title="${esc(names[1])}"></span> ${num(r.b.estimate)}</div>
<div class="d">Δ ${signed(r.diff.estimate)} <span class="ci">${ci(r.diff.ciLow, r.diff.ciHigh)}</span></div>
${badge(r.verdict.text)}</div>`,
    )
    .join('\n');
  return `<div class="cards" aria-label="${esc(names.join(' vs '))}">${cards}</div>`;
}

export function comparisonTable(c: AbComparison, names: readonly [string, string]): string {
  const rows = c.rows
    .map(
      (r) => `<tr><td>${esc(r.label)}${r.higherIsBetter ? ' ↑' : ' ↓'}</td>
<td class="num">${num(r.a.estimate)}<br><span class="ci">${ci(r.a.ciLow, r.a.ciHigh)}</span></td>
<td class="num">${num(r.b.estimate)}<br><span class="ci">${ci(r.b.ciLow, r.b.ciHigh)}</span></td>
<td class="num">${signed(r.diff.estimate)}<br><span class="ci">${ci(r.diff.ciLow, r.diff.ciHigh)}</span></td>
<td class="num">${pValue(r.pValue)}</td><td>${r.method === 'delong' ? 'DeLong' : 'paired bootstrap'}</td><td>${badge(r.verdict.text)}</td></tr>`,
    )
    .join('\n');
  return `<div class="table-flow"><table><thead><tr><th>Metric</th><th class="num">${esc(names[0])}</th><th class="num">${esc(names[1])}</th>
<th class="num">Δ (B − A)</th><th class="num">p</th><th>Method</th><th>Verdict</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Every segment as a row of a sortable table (click a header), analysed or skipped with the reason. */
export function segmentTable(results: readonly SegmentResult[], names: readonly [string, string]): string {
  const columns = [
    { label: 'Segment' },
    { label: 'Group' },
    { label: 'Rows', numeric: true },
    { label: 'Positive rate', numeric: true },
    { label: metricPolicyHeader('auc', names[0]), numeric: true },
    { label: metricPolicyHeader('auc', names[1]), numeric: true },
    { label: 'Δ ROC-AUC (B\u00a0−\u00a0A)', numeric: true },
    { label: 'p', numeric: true, title: "DeLong's test of the ROC-AUC difference" },
    { label: metricPolicyHeader('logloss', names[0]), numeric: true },
    { label: metricPolicyHeader('logloss', names[1]), numeric: true },
    { label: 'Verdict', title: 'On ROC-AUC, at the comparison’s α' },
  ];
  const rows: SortableRow[] = results.map((r) => {
    const auc = r.metrics.find((m) => m.metric === 'auc');
    const ll = r.metrics.find((m) => m.metric === 'logloss');
    const group = r.group.replace(/_/g, ' ');
    const head = `<td>${esc(r.label)}</td><td>${esc(group)}</td><td class="num">${int(r.n)}</td><td class="num">${pct(r.positiveRate)}</td>`;
    const headKeys = [r.label, group, r.n, r.positiveRate];
    if (r.status !== 'ok' || !auc || !ll) {
      return {
        className: 'skipped',
        cells: `${head}<td colspan="${columns.length - 4}">skipped — ${esc(r.reason ?? '')}</td>`,
        keys: [...headKeys, null, null, null, null, null, null, null],
      };
    }
    return {
      cells: `${head}<td class="num">${num(auc.a.estimate)}<br><span class="ci">${ci(auc.a.ciLow, auc.a.ciHigh)}</span></td>
<td class="num">${num(auc.b.estimate)}<br><span class="ci">${ci(auc.b.ciLow, auc.b.ciHigh)}</span></td>
<td class="num">${signed(auc.diff.estimate)}<br><span class="ci">${ci(auc.diff.ciLow, auc.diff.ciHigh)}</span></td><td class="num">${pValue(auc.pValue)}</td>
<td class="num">${num(ll.a.estimate)}</td><td class="num">${num(ll.b.estimate)}</td><td>${auc.verdict.winner ? badge(auc.verdict.text) : `<span class="badge badge-none" title="${esc(auc.verdict.text)}">not significant</span>`}</td>`,
      keys: [...headKeys, auc.a.estimate, auc.b.estimate, auc.diff.estimate, auc.pValue, ll.a.estimate, ll.b.estimate, auc.verdict.text],
    };
  });
  return sortableTable('segments-table', columns, rows, `${results.length} segments; click a column header to sort`);
}

export function cvTable(cv: { a: CrossValidateResult; b: CrossValidateResult }, names: readonly [string, string]): string {
  const metrics = Object.keys(cv.a.mean);
  const head = metrics
    .map((m) => `<th class="num">${esc(metricPolicyHeader(m, names[0]))}</th><th class="num">${esc(metricPolicyHeader(m, names[1]))}</th>`)
    .join('');
  const row = (label: string, get: (r: CrossValidateResult, m: string) => number | undefined, extra = '') =>
    `<tr${extra}><td>${label}</td>${metrics.map((m) => `<td class="num">${num(get(cv.a, m))}</td><td class="num">${num(get(cv.b, m))}</td>`).join('')}</tr>`;
  const folds = cv.a.folds
    .map((f, i) => row(`Fold ${i + 1} <span class="ci">(train ${int(f.nTrain)}, held out ${int(f.nTest)})</span>`, (r, m) => r.folds[i]?.metrics[m]))
    .join('\n');
  const diff = `<tr class="diff"><td><b>Δ mean (B − A)</b></td>${metrics.map((m) => `<td class="num" colspan="2">${signed(cv.b.mean[m]! - cv.a.mean[m]!)}</td>`).join('')}</tr>`;
  return `<div class="table-flow"><table><thead><tr><th>Fold</th>${head}</tr></thead><tbody>${folds}
${row('<b>Mean</b>', (r, m) => r.mean[m])}${row('<b>Std</b>', (r, m) => r.std[m])}${diff}</tbody></table></div>`;
}

export function dataTable(rows: readonly DataSummaryRow[]): string {
  const body = rows
    .map(
      (r) => `<tr><td>${esc(r.split)}</td><td class="num">${int(r.rows)}</td><td class="num">${r.positives === undefined ? '–' : pct(r.positives / r.rows)}</td>
<td class="num">${r.users === undefined ? '–' : int(r.users)}</td><td class="num">${r.items === undefined ? '–' : int(r.items)}</td><td>${esc(r.note ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<div class="table-flow"><table><thead><tr><th>Split</th><th class="num">Rows</th><th class="num">Positive rate</th><th class="num">Users</th><th class="num">Items</th><th>Note</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

export function policyPills(policies: readonly [ReportPolicy, ReportPolicy]): string {
  return policies
    .map(
      (p, i) =>
        `<span class="pill"><span class="dot dot-${i === 0 ? 'a' : 'b'}"></span><b>${esc(p.name)}</b>${p.description ? ` — ${esc(p.description)}` : ''}</span>`,
    )
    .join('');
}
