// demo.html as a person opens it: headless Chromium (ABT_CHROMIUM), screenshot into ABT_ARTIFACTS.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/index';
import { captureIO } from '../helpers/capture-io';
import { buildTinyRegistry, type TinyRegistry } from '../helpers/tiny-registry';

const executablePath = process.env.ABT_CHROMIUM;

describe.skipIf(!executablePath)('demo.html in headless Chromium', () => {
  let browser: BrowserContext;
  let reg: TinyRegistry;
  beforeAll(async () => {
    reg = await buildTinyRegistry();
    browser = await chromium.launchPersistentContext(path.join(reg.root, 'profile'), {
      executablePath,
      headless: true,
      viewport: { width: 1280, height: 900 },
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
    if (reg) rmSync(reg.root, { recursive: true, force: true });
  });

  it('shows both arms, the sampled assignments and three rendered charts, offline and without errors', async () => {
    const out = path.join(reg.root, 'out');
    expect(await main(['demo', '--tracking-uri', reg.trackingUri, '--data', reg.dataDir, '--out', out, '--n', '15', '--no-log'], captureIO())).toBe(0);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(path.join(out, 'demo.html')).href);
    const arms = await page.$$eval('#arms tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(arms).toEqual(['PolicyA', 'PolicyB']);
    const shares = await page.$$eval('#arms tbody tr td:nth-child(7)', (tds) => tds.map((td) => Number.parseFloat(td.textContent ?? '')));
    expect(shares.every((s) => s > 0)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    expect(await page.$$eval('#assignments tbody tr', (trs) => trs.length)).toBe(15);
    const charts = await page.$$eval('figure[data-chart] svg', (svgs) =>
      svgs.map((s) => ({ name: s.closest('figure')?.getAttribute('data-chart'), w: s.getBoundingClientRect().width, text: s.textContent ?? '' })),
    );
    expect(charts.map((c) => c.name)).toEqual(['router_roc', 'router_pr', 'router_score_histogram']);
    for (const c of charts) expect(c.w).toBeGreaterThan(200);
    expect(charts[0]!.text).toMatch(/PolicyA \(AUC 0\.\d+\)/);
    // Per-arm AUCs are on different rows with different base rates: the page says so, with the rates.
    const caveat = page.locator('#arm-caveat');
    expect(await caveat.isVisible()).toBe(true);
    expect(await caveat.innerText()).toMatch(/do not compare the two models[\s\S]*positive rate PolicyA \d+\.\d %, PolicyB \d+\.\d %/);
    expect(charts[0]!.text).toContain('each arm on its own rows');
    // Histograms as densities (area 1 per arm), so arms of different sizes compare by shape.
    expect(charts[2]!.text).toContain('Density (area 1 per series)');
    expect(problems).toEqual([]);
    const artifacts = process.env.ABT_ARTIFACTS;
    if (artifacts) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'router-demo.png'), fullPage: true });
      copyFileSync(path.join(out, 'demo.html'), path.join(artifacts, 'router-demo.html'));
    }
  });
});
