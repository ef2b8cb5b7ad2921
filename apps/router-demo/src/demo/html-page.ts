import type { LabeledRatings } from '@abt/data';
import type { RouterDescription, RouterPredictions } from '@abt/router';
import type { ArmReport } from './arm-report';
import { baseRates } from './charts';
import { num, pct } from './format-table';

export type DemoPageInput = {
  readonly modelUri: string;
  readonly routerVersion: string;
  readonly description: RouterDescription;
  readonly data: string;
  readonly seed: number;
  readonly reports: readonly ArmReport[];
  readonly shown: Int32Array;
  readonly test: LabeledRatings;
  readonly predictions: RouterPredictions;
  /** Inline SVG charts by name (from `writeCharts`). */
  readonly svgs: Readonly<Record<string, string>>;
};

const esc = (v: unknown): string =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const row = (cells: readonly unknown[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;

/**
 * `demo.html`: one self-contained page (inline CSS and SVG, no script, no network) with the router,
 * the per-arm table and charts, and the sampled assignments, for people who did not run the CLI.
 */
export function renderDemoPage(input: DemoPageInput): string {
  const { description: d, reports, shown, test, predictions: p } = input;
  const armRows = reports.map((r) =>
    row([
      r.arm,
      `${r.uri} v${r.modelVersion}`,
      pct(r.weight),
      r.users,
      pct(r.userShare),
      r.count,
      pct(r.share),
      num(r.meanScore),
      r.positiveRate === null ? 'n/a' : pct(r.positiveRate),
      num(r.auc),
      num(r.prAuc),
    ]),
  );
  const sample = Array.from(shown, (i, k) =>
    row([
      k + 1,
      test.userId[i],
      test.movieId[i],
      new Date((test.timestamp[i] as number) * 1000).toISOString().slice(0, 10),
      test.label[i],
      p.assigned[i],
      p.modelVersion[i],
      num(p.score[i] as number),
    ]),
  );
  const charts = Object.entries(input.svgs).map(([name, svg]) => `<figure data-chart="${esc(name)}">${svg}</figure>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>abt router demo — ${esc(input.modelUri)}</title>
<style>
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:1200px;color:#1f2933;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}th,td{padding:.3rem .7rem;border-bottom:1px solid #e4e7eb;text-align:right}
th:first-child,td:first-child,#arms th:nth-child(2),#arms td:nth-child(2){text-align:left}th{background:#f5f7fa}
.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figure svg{max-width:560px;height:auto}
.meta{color:#52606d}
.caveat{background:#fff9db;border-left:4px solid #e8a100;padding:.6rem .9rem;max-width:60rem}
</style></head>
<body>
<h1>Router demo: ${esc(input.modelUri)} v${esc(input.routerVersion)}</h1>
<p class="meta">Experiment <b>${esc(d.experiment.key)}</b> · hash ${esc(d.experiment.hashVersion)} · seed ${esc(d.experiment.seed)} · coverage ${esc(pct(d.experiment.coverage))} · data ${esc(input.data)} (test split, ${esc(p.length)} rows)</p>
<h2>Per arm, over every routed test row</h2>
<p class="caveat" id="arm-caveat"><b>These AUCs do not compare the two models.</b> Each arm is scored on the rows routed to it — different users, different rows and different base rates (${esc(baseRates(reports))}) — so a difference between arms mixes the models with their traffic. To compare the models, score both on the same rows (the pipeline's offline comparison does, with DeLong's test); to compare what users do, run the online A/B test.</p>
<table id="arms"><thead>${row(['arm', 'model', 'weight', 'users', 'user share', 'rows', 'row share', 'mean score', 'positive rate', 'ROC AUC', 'PR AUC'], 'th')}</thead><tbody>
${armRows.join('\n')}
</tbody></table>
<h2>Charts</h2>
<p class="meta">ROC and precision–recall of each arm on its own rows; score histograms as densities (area 1 per arm), so arms with different numbers of rows compare by shape.</p>
<div class="charts">
${charts.join('\n')}
</div>
<h2>Assignments: ${esc(shown.length)} test rows sampled with seed ${esc(input.seed)}</h2>
<table id="assignments"><thead>${row(['#', 'userId', 'movieId', 'date', 'label', 'arm', 'version', 'score'], 'th')}</thead><tbody>
${sample.join('\n')}
</tbody></table>
</body></html>
`;
}
