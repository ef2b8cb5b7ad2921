// The standalone analysis page (renderOnlineReport over analysisSection, what `abt-analyze` writes) shares the
// report's page scaffold: its charts fit their containers and its online section reads like the report's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOnlineReport, type OnlineAbSection } from '../../src/index';
import { analysisSection, createDuckDbEngine, parseMetricsFile, parseSource, runAnalysis } from '../../src/sql/index';
import { generateExperiment, METRICS_YAML, writeExperiment } from '../support/experiment-data';
import { chartBoxes, openReport, overflowing, REPORT_WIDTHS } from '../support/report-page';

const executablePath = process.env.ABT_CHROMIUM;
const artifacts = process.env.ABT_ARTIFACTS;

describe.skipIf(!executablePath)('the analysis page (renderOnlineReport) in headless Chromium', () => {
  let browser: BrowserContext;
  let dir: string;
  let url: string;
  let section: OnlineAbSection;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'abt-analysis-browser-'));
    const data = generateExperiment(11, 2_500, { lift: 0.15 });
    const files = writeExperiment(dir, data);
    const spec = parseMetricsFile(METRICS_YAML, { file: 'metrics.yaml' });
    const engine = await createDuckDbEngine();
    try {
      const run = await runAnalysis(spec, { exposures: parseSource('exposures', files.exposures), events: parseSource('events', files.events) }, engine);
      section = analysisSection(run.readout);
    } finally {
      await engine.close();
    }
    const file = path.join(dir, 'report.html');
    writeFileSync(file, renderOnlineReport(section, { title: 'A/B readout', subtitle: 'generated experiment · duckdb' }));
    url = pathToFileURL(file).href;
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every chart inside its container at 1024, 1400 and 1920 px, without console errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    for (const width of REPORT_WIDTHS) {
      await openReport(page, url, width);
      const boxes = await chartBoxes(page);
      expect(boxes.map((b) => b.id).sort()).toEqual(['online_ab_assignment_share', 'online_ab_cumulative_lift', 'online_ab_metric_by_arm']);
      expect(overflowing(boxes), `at ${width} px`).toEqual([]);
      for (const b of boxes) expect(b.chart!.width, `${b.id} at ${width} px`).toBeGreaterThan(0.9 * (b.container.right - b.container.left));
      // The tables fit too: none scrolls sideways, even the eight columns of checks at 1024 px.
      const tables = await page.$$eval('.table-flow', (els) => els.map((el) => ({ id: el.querySelector('table')?.id, over: el.scrollWidth - el.clientWidth })));
      expect(
        tables.filter((t) => t.over > 1),
        `at ${width} px`,
      ).toEqual([]);
      if (artifacts) {
        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: path.join(artifacts, `eval-analysis-${width}.png`), fullPage: true });
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('ends in the table of checks, one row per metric and dimension level, in percentages and words (no NaN)', async () => {
    const page = await browser.newPage();
    await openReport(page, url, 1400);
    const last = await page.$eval('#online', (s) => s.lastElementChild?.querySelector('table')?.id ?? s.lastElementChild?.tagName);
    expect(last).toBe('online-checks');
    expect(await page.locator('#online-checks tbody tr').count()).toBe(section.metrics!.length);
    // Dimension rows carry their readout, so they read as rates and relative lifts like the overall rows.
    const dimensionRow = page.locator('#online-metrics tbody tr', { hasText: ' = ' }).first();
    expect(await dimensionRow.locator('td').nth(1).textContent()).toMatch(/%$/);
    expect(await page.locator('body').innerText()).not.toMatch(/NaN/);
    // The checks table sorts like the report's segments table.
    const users = page.locator('#online-checks thead th').nth(1);
    await users.locator('button').click();
    expect(await users.getAttribute('aria-sort')).toBe('ascending');
    await page.close();
  });
});
