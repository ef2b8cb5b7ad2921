import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type ReportModel } from '../../src/index';
import { exampleModel, exampleOnline } from '../support/example-model';
import { chartBoxes, openReport, overflowing, REPORT_WIDTHS } from '../support/report-page';

const executablePath = process.env.ABT_CHROMIUM;
const artifacts = process.env.ABT_ARTIFACTS;

describe.skipIf(!executablePath)('report.html in headless Chromium', () => {
  let browser: BrowserContext;
  let dir: string;
  let url: string;
  let model: ReportModel;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'abt-eval-browser-'));
    // A fresh profile per run: playwright takes it as launchPersistentContext's userDataDir
    // (it refuses a --user-data-dir argument to launch()).
    browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath,
      headless: true,
      viewport: { width: 1360, height: 900 },
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
    model = { ...(await exampleModel(4000)), online: exampleOnline() };
    const file = path.join(dir, 'report.html');
    writeFileSync(file, renderReport(model));
    url = pathToFileURL(file).href;
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page that records console errors and warnings, page errors and any request that is not file://. */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    return { page, problems };
  }

  it('renders every chart from file:// with no console errors or network', async () => {
    const { page, problems } = await watchedPage();
    await openReport(page, url, 1360);
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
      [
        ...[
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
          'cv_logloss_boxplot',
        ],
        ...['online_ab_cumulative_lift', 'online_ab_assignment_share', 'online_ab_metric_by_arm'],
      ].sort(),
    );
    for (const c of charts) {
      expect(c.failed, c.id!).toBeNull();
      expect(c.svg, `${c.id} has no svg`).toBeGreaterThan(0);
      expect(c.marks, `${c.id} has no marks`).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits every chart in its container at 1024, 1400 and 1920 px, loaded at that width and after a resize', async () => {
    const { page, problems } = await watchedPage();
    for (const width of REPORT_WIDTHS) {
      await openReport(page, url, width);
      const boxes = await chartBoxes(page);
      expect(boxes.length).toBe(16);
      expect(overflowing(boxes), `at ${width} px`).toEqual([]);
      // Charts use their room: none is left at a fixed width far narrower than its container.
      for (const b of boxes) expect(b.chart!.width, `${b.id} at ${width} px`).toBeGreaterThan(0.9 * (b.container.right - b.container.left));
      if (artifacts) await page.screenshot({ path: path.join(artifacts, `eval-report-${width}.png`), fullPage: true });
    }
    // vega follows the window: shrink the open page from 1920 to 1024 px and the charts follow.
    await page.setViewportSize({ width: 1024, height: 900 });
    await expect.poll(async () => overflowing(await chartBoxes(page)), { timeout: 10_000 }).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens with the decision, before any other section', async () => {
    const { page } = await watchedPage();
    await openReport(page, url, 1400);
    const first = await page.$eval('main > section', (s) => s.id);
    expect(first).toBe('decision');
    const verdict = page.locator('#decision .verdict');
    await expect.poll(() => verdict.isVisible()).toBe(true);
    expect(await verdict.getAttribute('data-action')).toBe('continue');
    expect(await page.locator('#decision .need .n').textContent()).toMatch(/^\d[\d,]*$/);
    const body = (await page.locator('body').innerText()) ?? '';
    expect(body).not.toMatch(/NaN/);
    await page.close();
  });

  it('sorts the segments table by a header click and by keyboard, and it is not a scroll box', async () => {
    const { page, problems } = await watchedPage();
    await openReport(page, url, 1400);
    const table = page.locator('#segments-table');
    const wrap = await table.evaluate((t) => {
      const w = t.parentElement!;
      return { scroll: w.scrollHeight, client: w.clientHeight };
    });
    expect(wrap.scroll).toBeLessThanOrEqual(wrap.client + 1);
    const rowsColumn = async (col: number) =>
      table.locator('tbody tr').evaluateAll((trs, c) => trs.map((tr) => JSON.parse(tr.getAttribute('data-keys')!)[c] as number | null), col);
    const header = (name: string) => table.locator('thead th', { has: page.getByRole('button', { name, exact: false }) });

    // Click "Rows": ascending, then descending.
    await header('Rows').getByRole('button').click();
    expect(await header('Rows').getAttribute('aria-sort')).toBe('ascending');
    const asc = await rowsColumn(2);
    expect(asc).toEqual([...asc].sort((a, b) => a! - b!));
    await header('Rows').getByRole('button').click();
    expect(await header('Rows').getAttribute('aria-sort')).toBe('descending');
    const desc = await rowsColumn(2);
    expect(desc).toEqual([...desc].sort((a, b) => b! - a!));

    // Keyboard only: focus the Δ ROC-AUC header's button and press Enter; skipped segments (no Δ) go last.
    const delta = header('Δ ROC-AUC');
    await delta.getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await delta.getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Rows').getAttribute('aria-sort')).toBe('none');
    const deltas = await rowsColumn(6);
    const present = deltas.filter((d) => d !== null);
    expect(present.length).toBeGreaterThan(10);
    expect(deltas.slice(0, present.length)).toEqual([...present].sort((a, b) => a! - b!));
    expect(deltas.slice(present.length).every((d) => d === null)).toBe(true);
    await page.keyboard.press('Space');
    expect(await delta.getAttribute('aria-sort')).toBe('descending');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('ends the online section in a table of checks and labels CUPED as secondary where it differs', async () => {
    const { page } = await watchedPage();
    await openReport(page, url, 1400);
    const last = await page.$eval('#online', (s) => s.lastElementChild?.querySelector('table')?.id ?? s.lastElementChild?.tagName);
    expect(last).toBe('online-checks');
    expect(await page.locator('#online ul.notes li').count()).toBe(model.online!.notes!.length);
    expect(await page.locator('#online-checks tbody tr').count()).toBe(model.online!.metrics!.length);
    await expect.poll(() => page.locator('#online-checks .badge-secondary').first().isVisible()).toBe(true);
    await page.close();
  });
});
