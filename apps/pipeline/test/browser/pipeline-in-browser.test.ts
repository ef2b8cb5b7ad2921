import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartBoxes, openReport, overflowing, REPORT_WIDTHS } from '../../../../packages/eval/test/support/report-page';
import { ML100K, runCli, tempDir } from '../helpers';

// What a person opens after `pnpm run pipeline`: the report from file://, and the MLflow UI
// (a real `mlflow server` from the venv) on the database the pipeline wrote.
const chromiumPath = process.env.ABT_CHROMIUM;
const python = process.env.ABT_PYTHON;
const artifacts = process.env.ABT_ARTIFACTS;
const STEPS = 'prepare,train,eval,curves,segments,cv,register,router,simulate,report';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Opens the parent run's group in MLflow's runs table (child runs are folded under their parent: the "+" in its name cell). */
async function expandNestedRuns(page: Page) {
  await page.locator('button[data-component-id*="runnamecellrenderer" i]').first().click({ timeout: 30_000 });
}

async function shot(page: Page, name: string) {
  if (!artifacts) return;
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
}

describe.skipIf(!chromiumPath || !existsSync(ML100K))('pipeline output in headless Chromium', () => {
  const out = tempDir('browser');
  let browser: BrowserContext;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    // Two CV folds keep the suite short; the decision weighs the CV whatever its fold count.
    const r = runCli(['--steps', STEPS, '--cv-folds', '2', '--data', ML100K, '--out', out, '--quiet']);
    if (r.code !== 0) throw new Error(`pipeline failed (${r.code}): ${r.stderr}`);
    browser = await chromium.launchPersistentContext(path.join(out, 'chromium-profile'), {
      executablePath: chromiumPath!,
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
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    // The server forks job-runner workers: stop its whole process group.
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    rmSync(out, { recursive: true, force: true });
  });

  it('report.html renders every chart, the online section included, with no console errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
    await page.waitForSelector('body[data-charts-ready]', { timeout: 120_000 });
    const charts = await page.$$eval('[data-chart]', (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-chart'),
        marks: el.querySelectorAll('svg .role-mark path, svg .role-mark line, svg .role-mark rect, svg .role-mark circle, svg .role-mark text').length,
      })),
    );
    expect(charts.length).toBeGreaterThan(10);
    expect(charts.filter((c) => c.marks === 0)).toEqual([]);
    expect(charts.some((c) => c.id?.startsWith('online_'))).toBe(true);
    expect(await page.locator('#online').textContent()).toContain('PolicyB');
    await shot(page, 'pipeline-report.png');
    expect(problems).toEqual([]);
  });

  it('report.html fits every chart (the online ones included) in its container at 1024, 1400 and 1920 px', async () => {
    const page = await browser.newPage();
    const url = pathToFileURL(path.join(out, 'report.html')).href;
    for (const width of REPORT_WIDTHS) {
      await openReport(page, url, width);
      const boxes = await chartBoxes(page);
      expect(boxes.filter((b) => b.id.startsWith('online_')).length).toBe(3);
      expect(overflowing(boxes), `at ${width} px`).toEqual([]);
      await shot(page, `pipeline-report-${width}.png`);
    }
    await page.close();
  });

  it('report.html opens with one decision that weighs offline, CV and online, in words, without NaN', async () => {
    const page = await browser.newPage();
    await openReport(page, pathToFileURL(path.join(out, 'report.html')).href, 1400);
    expect(await page.$eval('main > section', (s) => s.id)).toBe('decision');
    const verdict = page.locator('#decision .verdict');
    const action = await verdict.getAttribute('data-action');
    expect(['ship', 'continue', 'fix-assignment']).toContain(action);
    // Offline, CV and online each have their line in the evidence table.
    const evidence = await page.locator('#decision table.evidence tbody tr td:nth-child(2)').allInnerTexts();
    expect(evidence).toHaveLength(3);
    expect(evidence[0]).toMatch(/Policy [AB] better|no significant difference|mixed/);
    expect(evidence[1]).toMatch(/ahead by \d\.\d{4} in mean ROC-AUC|no difference/);
    expect(evidence[2]).toMatch(/^conversion rate [+-]\d/);
    if (action === 'continue') expect(await page.locator('#decision .need .n').innerText()).toMatch(/^\d[\d,]*$/);
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/NaN|PR_AUC|POLICYA/);
    expect(body).toContain('PR-AUC, Policy A');
    expect(await page.locator('#segments-table tbody tr').count()).toBeGreaterThan(50);
    await shot(page, 'pipeline-report-decision.png');
    await page.close();
  });

  it.skipIf(!python)(
    'the MLflow UI on the pipeline database shows its runs and registered models',
    async () => {
      const port = await freePort();
      // `python -m mlflow`: the venv's console scripts carry the venv's path in their shebang.
      server = spawn(
        python!,
        [
          '-m',
          'mlflow',
          'server',
          '--backend-store-uri',
          `sqlite:///${path.join(out, 'mlflow.db')}`,
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--workers',
          '1',
        ],
        { stdio: 'ignore', detached: true },
      );
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        if (
          await fetch(`${base}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const { experiment } = (await (await fetch(`${base}/api/2.0/mlflow/experiments/get-by-name?experiment_name=abtest_movielens`)).json()) as {
        experiment: { experiment_id: string };
      };
      const page = await browser.newPage();
      // MLflow 3's UI remembers a GenAI / model-training switch; the URL picks the training view.
      await page.goto(`${base}/#/experiments/${experiment.experiment_id}/runs?workflowType=machine_learning`);
      // One row per invocation: the stage runs are nested under the parent run (mlflow.parentRunId).
      await page
        .getByText(/^abt-pipeline \d{4}-/)
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      expect(await page.getByText('PolicyA_LogReg').count()).toBe(0);
      await shot(page, 'mlflow-ui-runs-collapsed.png');
      await expandNestedRuns(page);
      for (const run of ['PolicyA_LogReg', 'PolicyB_LightGBM', 'Eval_Offline_AB', 'AB_Online_Sim']) {
        await page.getByText(run).first().waitFor({ state: 'visible', timeout: 60_000 });
      }
      // The Dataset column shows the training split the policy runs read (log_input).
      await page
        .getByText(/ml-100k_train/)
        .first()
        .waitFor({ state: 'visible', timeout: 60_000 });
      await shot(page, 'mlflow-ui-runs.png');
      await page.goto(`${base}/#/models?workflowType=machine_learning`);
      await page.getByText('movielens_ctr_ab').first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.getByText('movielens_ctr_router').first().waitFor({ state: 'visible', timeout: 60_000 });
      await shot(page, 'mlflow-ui-models.png');
    },
    300_000,
  );
});
