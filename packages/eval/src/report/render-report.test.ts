import { describe, expect, it } from 'vitest';
import { decideRollout, messages, renderReport } from '../index';
import { exampleModel, exampleOnline } from '../../test/support/example-model';
import { REPORT_CSS } from './styles';

/** The page's text, tags and scripts removed (enough to read what a person sees). */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('renderReport', () => {
  it('is self-contained, deterministic and holds every section and chart', async () => {
    const model = await exampleModel(1500);
    const html = renderReport(model);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/);
    for (const lib of ['vega@', 'vega-lite@', 'vega-embed@']) expect(html).toContain(`data-lib="${lib}`);
    for (const id of [
      'auc_diff',
      'pr_auc_diff',
      'logloss_diff',
      'brier_diff',
      'roc',
      'pr',
      'calibration',
      'lift',
      'cumulative_gain',
      'score_histogram',
      'segments_auc',
      'cv_auc_boxplot',
    ]) {
      expect(html).toContain(`data-chart="${id}"`);
    }
    for (const s of ['id="decision"', 'id="ab"', 'id="curves"', 'id="segments"', 'id="cv"', 'id="data"', 'id="online"']) expect(html).toContain(s);
    expect(html.indexOf('id="decision"')).toBeLessThan(html.indexOf('id="ab"'));
    expect(html).toContain('No online experiment attached yet');
    expect(html).toMatch(/B better|A better|not significant/);
    expect(renderReport(model)).toBe(html);
  }, 60_000);

  it('opens with the decision of decideRollout on the same evidence', async () => {
    const model = { ...(await exampleModel(1500)), online: exampleOnline() };
    const html = renderReport(model);
    const names = [model.policies[0].name, model.policies[1].name] as const;
    const d = decideRollout({ names, offline: model.comparison, cv: { a: model.cv!.a, b: model.cv!.b }, online: model.online.metrics![0]!.readout! });
    const decision = html.slice(html.indexOf('<section id="decision">'), html.indexOf('<section id="ab">'));
    expect(decision).toContain(`data-action="${d.action}"`);
    expect(decision).toContain(`data-rule="${d.rule}"`);
    expect(text(decision)).toContain(d.headline);
    expect(d.moreUsers).not.toBeNull();
    expect(text(decision)).toContain(`${d.moreUsers!.total.toLocaleString('en-US')} more users in all`);
    for (const r of d.reasons.filter((x) => !x.startsWith('To detect')))
      expect(text(decision)).toContain(r.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  }, 60_000);

  it('without an online test the decision is to start one; with 5 users per arm it says "not enough data", never NaN', async () => {
    const model = await exampleModel(800);
    expect(renderReport(model)).toContain('data-action="start-test"');
    const tiny = exampleOnline(5, 3);
    const html = renderReport({ ...model, online: tiny });
    expect(html).toContain('data-rule="not-enough-data"');
    expect(text(html)).toContain(messages.decision.headlineNotEnoughData());
    expect(text(html)).not.toMatch(/NaN/);
  }, 60_000);

  it('reads column headers as words and makes the segments table sortable, not a scroll box', async () => {
    const model = await exampleModel(1500);
    const html = renderReport(model);
    const n = model.policies[0].name;
    for (const header of [`ROC-AUC, ${n}`, `Log loss, ${n}`]) expect(html.includes(`>${header}<`), header).toBe(true);
    expect(/>(auc|logloss|pr_auc) /.test(html)).toBe(false);
    expect(REPORT_CSS.includes('uppercase')).toBe(false);
    const table = html.slice(html.indexOf('<table id="segments-table"'), html.indexOf('</table>', html.indexOf('<table id="segments-table"')));
    expect(table).toContain('data-sortable');
    expect(table.match(/<button type="button" class="sort"/g)).toHaveLength(11);
    expect(table.match(/<tr[^>]* data-keys=/g)).toHaveLength(model.segments!.length);
    // No scroll box: nothing in the report's own stylesheet caps a table's height.
    expect(REPORT_CSS.includes('max-height')).toBe(false);
  }, 60_000);

  it('ends the online section in a table of checks, flags CUPED as secondary where it differs, and escapes text', async () => {
    const model = await exampleModel(800);
    const online = exampleOnline();
    const differs = online.metrics!.map((m) => m.readout!).filter((r) => r.cuped && r.cuped.pValue < r.alpha !== r.pValue < r.alpha);
    expect(differs.length, 'the example has a metric whose CUPED verdict differs').toBeGreaterThan(0);
    const html = renderReport({ ...model, title: 'x <script>alert(1)</script>', online: { ...online, title: 'Online <test>' } });
    const section = html.slice(html.indexOf('<section id="online">'), html.indexOf('</section>', html.indexOf('<section id="online">')));
    expect(section).toContain('<h2>Online &lt;test&gt;</h2>');
    expect(section.trimEnd()).toMatch(/<table id="online-checks"[\s\S]*<\/table><\/div>$/);
    expect(section.match(/<li>/g) ?? []).toHaveLength(online.notes!.length);
    expect(section.match(/secondary: differs from primary/g) ?? []).toHaveLength(differs.length);
    expect(html).not.toContain('<script>alert(1)</script>');
    // The online rows in the older shape (no readout, e.g. from another tool) still render.
    const bare = renderReport({
      ...model,
      online: {
        version: 1,
        title: 'Online test',
        summary: 'B wins',
        metrics: [{ metric: 'CTR', a: 0.1, b: 0.12, diff: 0.02, ciLow: 0.01, ciHigh: 0.03, pValue: 0.001, verdict: 'B better' }],
      },
    });
    expect(bare).toContain('CTR');
    expect(bare).toContain('data-action="start-test"');
  }, 60_000);
});
