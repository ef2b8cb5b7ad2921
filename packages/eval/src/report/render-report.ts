import { evaluationCharts } from '../charts/evaluation-charts';
import type { ChartSpec } from '../charts/spec';
import { decideRollout } from './decision/decide-rollout';
import { decisionSection } from './decision-section';
import { esc } from './html';
import { pageHtml } from './page';
import { chartSlot, comparisonTable, cvTable, dataTable, onlineSection, policyPills, segmentTable, summaryCards } from './sections';
import type { ReportModel } from './types';
import { checkArity, checkKeys, keysOf } from '../check-args';

const REPORT_MODEL_KEYS = keysOf<ReportModel>({
  title: true,
  subtitle: true,
  generatedAt: true,
  policies: true,
  comparison: true,
  curves: true,
  segments: true,
  cv: true,
  data: true,
  online: true,
});
const REPORT_CV_KEYS = keysOf<NonNullable<ReportModel['cv']>>({ a: true, b: true, description: true });
const REPORT_DATA_KEYS = keysOf<NonNullable<ReportModel['data']>>({ rows: true, notes: true });

/**
 * A self-contained HTML report: vega, vega-lite and vega-embed are inlined, charts are embedded as
 * vega-lite JSON, so the file opens offline from file://. Deterministic: no clock, no randomness.
 * It opens with one decision (`decideRollout` over the offline comparison, the CV and the online readout).
 */
export function renderReport(model: ReportModel): string {
  checkArity('renderReport', arguments, ['model']);
  checkKeys('renderReport', 'model', model, REPORT_MODEL_KEYS);
  checkKeys('renderReport', 'model.cv', model.cv, REPORT_CV_KEYS);
  checkKeys('renderReport', 'model.data', model.data, REPORT_DATA_KEYS);
  const names = [model.policies[0].name, model.policies[1].name] as const;
  const charts: Record<string, ChartSpec> = evaluationCharts({
    names,
    comparison: model.comparison,
    curves: model.curves,
    ...(model.segments ? { segments: model.segments } : {}),
    ...(model.cv
      ? {
          cv: [
            { name: names[0], cv: model.cv.a },
            { name: names[1], cv: model.cv.b },
          ] as const,
        }
      : {}),
  });
  const online = onlineSection(model.online);
  for (const [k, spec] of Object.entries(model.online?.charts ?? {})) charts[`online_${k}`] = spec;
  const primaryOnline = model.online?.metrics?.[0]?.readout;
  const decision = decideRollout({
    names,
    offline: model.comparison,
    ...(model.cv ? { cv: { a: model.cv.a, b: model.cv.b } } : {}),
    ...(primaryOnline ? { online: primaryOnline } : {}),
  });

  const title = model.title ?? 'Offline A/B evaluation';
  const diffIds = model.comparison.rows.map((r) => `${r.metric}_diff`);
  const curveIds = ['roc', 'pr', 'calibration', 'lift', 'cumulative_gain', 'score_histogram'];
  const cvIds = Object.keys(charts).filter((k) => k.startsWith('cv_'));
  const sections: string[] = [];
  const toc: [string, string][] = [];
  const add = (id: string, heading: string, lead: string, body: string) => {
    toc.push([id, heading]);
    sections.push(`<section id="${id}"><h2>${esc(heading)}</h2>${lead ? `<p class="lead">${lead}</p>` : ''}${body}</section>`);
  };
  const c = model.comparison;
  add('decision', 'Decision', '', decisionSection(decision, names));
  add(
    'ab',
    `${names[0]} vs ${names[1]} on the test set`,
    `${c.n.toLocaleString('en-US')} rows, positive rate ${(c.positiveRate * 100).toFixed(1)} %. ROC-AUC compared with DeLong's test; other metrics with a paired bootstrap. Intervals at ${Math.round((1 - c.alpha) * 100)} %; verdicts at α = ${c.alpha}. The charts show each difference B − A with its interval against zero.`,
    `${summaryCards(c, names)}${comparisonTable(c, names)}<div class="grid">${diffIds.map((id) => chartSlot(id)).join('')}</div>`,
  );
  add(
    'curves',
    'Curves',
    'ROC and precision–recall at every distinct score (scikit-learn’s points), calibration (10 uniform bins), lift and cumulative gain by score decile, score distributions.',
    `<div class="grid">${curveIds.map((id) => chartSlot(id)).join('')}</div>`,
  );
  if (model.segments) {
    add(
      'segments',
      'Segments',
      'Segments are defined from the training rows only (cold-start, popularity, activity) or from row attributes (genre, demographics) — never from test outcomes. Small or single-class segments are skipped with the reason. Verdicts are per segment, not corrected for multiple comparisons: read them as leads, not conclusions.',
      `${segmentTable(model.segments, names)}<div class="grid">${chartSlot('segments_auc', true)}</div>`,
    );
  }
  if (model.cv) {
    add(
      'cv',
      'Cross-validation',
      esc(model.cv.description ?? `${model.cv.a.folds.length}-fold held-out cross-validation: each fold is scored by models trained on the other folds.`),
      `${cvTable(model.cv, names)}<div class="grid">${cvIds.map((id) => chartSlot(id)).join('')}</div>`,
    );
  }
  if (model.data) {
    add(
      'data',
      'Data summary',
      '',
      `${dataTable(model.data.rows)}${model.data.notes?.length ? `<ul class="notes">${model.data.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`,
    );
  }
  add('online', model.online?.title ?? 'Online A/B test', '', online.html);

  return pageHtml({
    title,
    ...(model.subtitle ? { subtitle: model.subtitle } : {}),
    headerExtra: `<div class="policies">${policyPills(model.policies)}</div>`,
    toc,
    sections,
    charts,
    ...(model.generatedAt ? { generatedAt: model.generatedAt } : {}),
  });
}
