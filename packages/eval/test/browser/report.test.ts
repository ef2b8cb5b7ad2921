import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/index';
import { exampleModel } from '../support/example-model';

const executablePath = process.env.ABT_CHROMIUM;

describe.skipIf(!executablePath)('report.html in headless Chromium', () => {
  let browser: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'abt-eval-browser-'));
    // A fresh profile per run: playwright takes it as launchPersistentContext's userDataDir
    // (it refuses a --user-data-dir argument to launch()).
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath,
      headless: true,
      viewport: { width: 1360, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders every chart from file:// with no console errors or network', async () => {
    const model = await exampleModel(4000);
    const file = path.join(dir, 'report.html');
    writeFileSync(file, renderReport(model));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-ready]', { timeout: 60_000 });
    const artifacts = process.env.ABT_ARTIFACTS;
    if (artifacts) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'eval-report.png'), fullPage: true });
      writeFileSync(path.join(artifacts, 'eval-report.html'), renderReport(model));
    }
    const charts = await page.$$eval('[data-chart]', (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-chart'),
        svg: el.querySelectorAll('svg').length + el.querySelectorAll('canvas').length,
        marks: el.querySelectorAll('svg .role-mark path, svg .role-mark line, svg .role-mark rect, svg .role-mark circle, svg .role-mark text').length,
        failed: el.querySelector('.err')?.textContent ?? null,
      })),
    );
    expect(charts.map((c) => c.id).sort()).toEqual(
      ['auc_bar', 'pr_auc_bar', 'logloss_bar', 'brier_bar', 'roc', 'pr', 'calibration', 'lift', 'cumulative_gain', 'score_histogram', 'segments_auc', 'cv_auc_boxplot', 'cv_logloss_boxplot'].sort(),
    );
    for (const c of charts) {
      expect(c.failed, c.id!).toBeNull();
      expect(c.svg, `${c.id} has no svg`).toBeGreaterThan(0);
      expect(c.marks, `${c.id} has no marks`).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
