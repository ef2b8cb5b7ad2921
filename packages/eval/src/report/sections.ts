import type { AbComparison } from '../compare/compare-ab';
import type { CrossValidateResult } from '../cv/cross-validate';
import type { SegmentResult } from '../segments/analyze-segments';
import { badge, ci, esc, num, pct, pValue, signed } from './html';
import type { DataSummaryRow, OnlineAbSection, ReportPolicy } from './types';

/** A chart slot filled in the browser by vega-embed; `id` keys the spec in the JSON block. */
export function chartSlot(id: string, wide = false): string {
  return `<div class="chart${wide ? ' wide' : ''}" id="chart-${esc(id)}" data-chart="${esc(id)}"></div>`;
}

export function summaryCards(c: AbComparison, names: readonly [string, string]): string {
  const cards = c.rows
    .map(
      (r) => `<div class="card"><div class="k">${esc(r.label)}</div>
<div class="v"><span class="dot dot-a"></span> ${num(r.a.estimate)} &nbsp; <span class="dot dot-b"></span> ${num(r.b.estimate)}</div>
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
  return `<div class="table-wrap"><table><thead><tr><th>Metric</th><th class="num">${esc(names[0])}</th><th class="num">${esc(names[1])}</th>
<th class="num">Δ (B − A)</th><th class="num">p</th><th>Method</th><th>Verdict</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function segmentTable(results: readonly SegmentResult[], names: readonly [string, string]): string {
  const rows = results
    .map((r) => {
      const auc = r.metrics.find((m) => m.metric === 'auc');
      const ll = r.metrics.find((m) => m.metric === 'logloss');
      const head = `<td>${esc(r.label)}</td><td>${esc(r.group)}</td><td class="num">${r.n}</td><td class="num">${pct(r.positiveRate)}</td>`;
      if (r.status !== 'ok' || !auc || !ll) return `<tr class="skipped">${head}<td colspan="5">skipped — ${esc(r.reason ?? '')}</td></tr>`;
      return `<tr>${head}<td class="num">${num(auc.a.estimate)}<br><span class="ci">${ci(auc.a.ciLow, auc.a.ciHigh)}</span></td>
<td class="num">${num(auc.b.estimate)}<br><span class="ci">${ci(auc.b.ciLow, auc.b.ciHigh)}</span></td>
<td class="num">${signed(auc.diff.estimate)}<br><span class="ci">p ${pValue(auc.pValue)}</span></td>
<td class="num">${num(ll.a.estimate)} / ${num(ll.b.estimate)}</td><td>${badge(auc.verdict.text)}</td></tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table><thead><tr><th>Segment</th><th>Group</th><th class="num">n</th><th class="num">Positive rate</th>
<th class="num">AUC ${esc(names[0])}</th><th class="num">AUC ${esc(names[1])}</th><th class="num">Δ AUC</th><th class="num">Log loss A / B</th><th>AUC verdict</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

export function cvTable(cv: { a: CrossValidateResult; b: CrossValidateResult }, names: readonly [string, string]): string {
  const metrics = Object.keys(cv.a.mean);
  const head = metrics.map((m) => `<th class="num">${esc(m)} ${esc(names[0])}</th><th class="num">${esc(m)} ${esc(names[1])}</th>`).join('');
  const row = (label: string, get: (r: CrossValidateResult, m: string) => number | undefined, extra = '') =>
    `<tr${extra}><td>${label}</td>${metrics.map((m) => `<td class="num">${num(get(cv.a, m))}</td><td class="num">${num(get(cv.b, m))}</td>`).join('')}</tr>`;
  const folds = cv.a.folds.map((f, i) => row(`Fold ${i + 1} <span class="ci">(train ${f.nTrain}, held out ${f.nTest})</span>`, (r, m) => r.folds[i]?.metrics[m])).join('\n');
  return `<div class="table-wrap"><table><thead><tr><th>Fold</th>${head}</tr></thead><tbody>${folds}
${row('<b>Mean</b>', (r, m) => r.mean[m])}${row('<b>Std</b>', (r, m) => r.std[m])}</tbody></table></div>`;
}

export function dataTable(rows: readonly DataSummaryRow[]): string {
  const body = rows
    .map(
      (r) => `<tr><td>${esc(r.split)}</td><td class="num">${r.rows.toLocaleString('en-US')}</td><td class="num">${r.positives === undefined ? '–' : pct(r.positives / r.rows)}</td>
<td class="num">${r.users ?? '–'}</td><td class="num">${r.items ?? '–'}</td><td>${esc(r.note ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<div class="table-wrap"><table><thead><tr><th>Split</th><th class="num">Rows</th><th class="num">Positive rate</th><th class="num">Users</th><th class="num">Items</th><th>Note</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

export function onlineSection(online: OnlineAbSection | undefined): { html: string; chartIds: string[] } {
  if (!online) {
    return { html: `<div class="placeholder">No online experiment attached yet. Once the router has served traffic, the online A/B readout (assignment check, conversion by arm, sequential test) appears here.</div>`, chartIds: [] };
  }
  const diffLabel = online.diffLabel ?? 'Δ (B − A)';
  const table = online.metrics?.length
    ? `<div class="table-wrap"><table><thead><tr><th>Metric</th><th class="num">A</th><th class="num">B</th><th class="num">${esc(diffLabel)}</th><th class="num">p</th><th>Verdict</th></tr></thead><tbody>${online.metrics
        .map((m) => `<tr><td>${esc(m.metric)}</td><td class="num">${num(m.a)}</td><td class="num">${num(m.b)}</td><td class="num">${signed(m.diff)}<br><span class="ci">${ci(m.ciLow, m.ciHigh)}</span></td><td class="num">${pValue(m.pValue)}</td><td>${m.verdict ? badge(m.verdict) : ''}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '';
  const ids = Object.keys(online.charts ?? {}).map((k) => `online_${k}`);
  const notes = online.notes?.length ? `<ul class="notes">${online.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return {
    html: `${online.summary ? `<p class="lead">${esc(online.summary)}</p>` : ''}${table}${ids.length ? `<div class="grid">${ids.map((id) => chartSlot(id)).join('')}</div>` : ''}${notes}`,
    chartIds: ids,
  };
}

export function policyPills(policies: readonly [ReportPolicy, ReportPolicy]): string {
  return policies
    .map((p, i) => `<span class="pill"><span class="dot dot-${i === 0 ? 'a' : 'b'}"></span><b>${esc(p.name)}</b>${p.description ? ` — ${esc(p.description)}` : ''}</span>`)
    .join('');
}
