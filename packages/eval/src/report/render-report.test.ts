import { describe, expect, it } from 'vitest';
import { renderReport } from '../index';
import { exampleModel } from '../../test/support/example-model';

describe('renderReport', () => {
  it('is self-contained, deterministic and holds every section and chart', async () => {
    const model = await exampleModel(1500);
    const html = renderReport(model);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/);
    for (const lib of ['vega@', 'vega-lite@', 'vega-embed@']) expect(html).toContain(`data-lib="${lib}`);
    for (const id of ['auc_bar', 'logloss_bar', 'roc', 'pr', 'calibration', 'lift', 'cumulative_gain', 'score_histogram', 'segments_auc', 'cv_auc_boxplot']) {
      expect(html).toContain(`data-chart="${id}"`);
    }
    for (const s of ['id="ab"', 'id="curves"', 'id="segments"', 'id="cv"', 'id="data"', 'id="online"']) expect(html).toContain(s);
    expect(html).toContain('No online experiment attached yet');
    expect(html).toMatch(/B better|A better|no significant difference/);
    expect(renderReport(model)).toBe(html);
  }, 60_000);

  it('lays out an online A/B section when one is given, and escapes text', async () => {
    const model = await exampleModel(800);
    const html = renderReport({
      ...model,
      title: 'x <script>alert(1)</script>',
      online: { version: 1, title: 'Online test', summary: 'B wins', metrics: [{ metric: 'CTR', a: 0.1, b: 0.12, diff: 0.02, ciLow: 0.01, ciHigh: 0.03, pValue: 0.001, verdict: 'B better' }] },
    });
    expect(html).toContain('<h2>Online test</h2>');
    expect(html).toContain('CTR');
    expect(html).not.toContain('<script>alert(1)</script>');
  }, 60_000);
});
