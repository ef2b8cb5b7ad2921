import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { connect } from '@abt/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, runDemo } from '../src/index';
import { captureIO } from './helpers/capture-io';
import { buildTinyRegistry, type TinyRegistry } from './helpers/tiny-registry';

let reg: TinyRegistry;
beforeAll(async () => {
  reg = await buildTinyRegistry();
});
afterAll(() => {
  if (reg) rmSync(reg.root, { recursive: true, force: true });
});

/** Arm lines of the per-arm table → user share and row share (percent) per arm. */
function printedShares(lines: readonly string[]): Record<string, { users: number; rows: number }> {
  const out: Record<string, { users: number; rows: number }> = {};
  const start = lines.findIndex((l) => l.startsWith('arm '));
  for (const line of lines.slice(start + 2)) {
    const m = /^(\S+)\s+models:\/\S+ v\d+\s+[\d.]+ %\s+[\d,]+\s+([\d.]+) %\s+[\d,]+\s+([\d.]+) %/.exec(line);
    if (!m) break;
    out[m[1] as string] = { users: Number(m[2]), rows: Number(m[3]) };
  }
  return out;
}

describe('router-demo demo', () => {
  it('routes the test split, prints shares per arm that sum to 100 % (both non-zero) and logs Router_Demo', async () => {
    const io = captureIO();
    const out = path.join(reg.root, 'out-main');
    const code = await main(['demo', '--tracking-uri', reg.trackingUri, '--data', reg.dataDir, '--out', out, '--n', '12', '--seed', '7'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe(`tracking: ${reg.trackingUri} (from --tracking-uri)`);

    const shares = printedShares(io.stdout);
    expect(Object.keys(shares)).toEqual(['PolicyA', 'PolicyB']);
    for (const kind of ['users', 'rows'] as const) {
      expect(shares.PolicyA![kind]).toBeGreaterThan(20);
      expect(shares.PolicyB![kind]).toBeGreaterThan(20);
      expect(shares.PolicyA![kind] + shares.PolicyB![kind]).toBeCloseTo(100, 0);
    }

    // The table shows N rows, each routed to a real arm with that arm's model version.
    const header = io.stdout.findIndex((l) => /^\s*#\s+userId/.test(l));
    const rows = io.stdout.slice(header + 2, header + 2 + 12);
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r).toMatch(/ (PolicyA +1|PolicyB +2) +0\.\d{4}$/);

    for (const f of ['router_roc', 'router_pr', 'router_score_histogram']) {
      expect(readFileSync(path.join(out, `${f}.svg`), 'utf8')).toContain('<svg');
      expect(statSync(path.join(out, `${f}.png`)).size).toBeGreaterThan(5000);
    }
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.arms.map((a: { arm: string }) => a.arm)).toEqual(['PolicyA', 'PolicyB']);
    expect(summary.arms.reduce((s: number, a: { count: number }) => s + a.count, 0)).toBe(summary.routedRows);

    const runLine = io.stdout.find((l) => l.startsWith('logged run Router_Demo'));
    const runId = /\(([0-9a-f]{32})\)/.exec(runLine ?? '')?.[1];
    expect(runId).toBeDefined();
    const conn = await connect({ trackingUri: reg.trackingUri });
    try {
      const run = await conn.client.getRun(runId as string);
      expect(run.info.runName).toBe('Router_Demo');
      expect(run.info.status).toBe('FINISHED');
      const exp = await conn.client.getExperiment(run.info.experimentId);
      expect(exp.name).toBe('abtest_movielens');
      const m = run.data.metrics;
      expect((m.share_PolicyA ?? 0) + (m.share_PolicyB ?? 0)).toBeCloseTo(1, 12);
      expect(m.share_PolicyA).toBeCloseTo(shares.PolicyA!.rows / 100, 3);
      expect((m.user_share_PolicyA ?? 0) + (m.user_share_PolicyB ?? 0)).toBeCloseTo(1, 12);
      expect(m.routed_rows).toBe(summary.routedRows);
      for (const arm of ['PolicyA', 'PolicyB']) {
        expect(m[`auc_${arm}`]).toBeGreaterThan(0.5);
        expect(m[`pr_auc_${arm}`]).toBeGreaterThan(0);
        expect(m[`mean_score_${arm}`]).toBeGreaterThan(0);
      }
      expect(run.data.params).toMatchObject({
        router_uri: 'models:/movielens_ctr_router@router',
        router_version: '1',
        n: '12',
        seed: '7',
        arms: 'PolicyA,PolicyB',
      });
      const charts = (await conn.client.listArtifacts(runId as string, 'router_demo/charts')).map((f) => f.path);
      expect(charts).toEqual(
        expect.arrayContaining(['router_demo/charts/router_roc.png', 'router_demo/charts/router_roc.svg', 'router_demo/charts/router_score_histogram.png']),
      );
    } finally {
      await conn.close();
    }
  });

  it('is deterministic per seed: the same seed shows the same rows, another seed other rows; metrics use every row', async () => {
    const run = async (seed: number) => {
      const io = captureIO();
      const result = await runDemo({ trackingUri: reg.trackingUri, data: reg.dataDir, out: path.join(reg.root, `out-${seed}`), n: 10, seed, noLog: true }, io);
      const start = io.stdout.findIndex((l) => /^\s*#\s+userId/.test(l));
      return { table: io.stdout.slice(start, start + 12).join('\n'), result };
    };
    const a = await run(1);
    const b = await run(1);
    const c = await run(2);
    expect(a.table).toBe(b.table);
    expect(c.table).not.toBe(a.table);
    // N only sizes the table: the per-arm numbers cover all routed rows and do not depend on the seed.
    expect(c.result.arms).toEqual(a.result.arms);
    expect(a.result.routedRows).toBe(a.result.arms.reduce((s, r) => s + r.count, 0));
    expect(a.result.runId).toBeUndefined();
  });

  it('reads MLFLOW_TRACKING_URI when no flag is given and says so', async () => {
    const io = captureIO({ MLFLOW_TRACKING_URI: reg.trackingUri });
    await runDemo({ data: reg.dataDir, out: path.join(reg.root, 'out-env'), n: 3, noLog: true }, io);
    expect(io.stdout[0]).toBe(`tracking: ${reg.trackingUri} (from MLFLOW_TRACKING_URI)`);
  });

  it('fails with exit code 4 and one line naming a missing alias', async () => {
    const io = captureIO();
    const uri = 'models:/movielens_ctr_router@nope';
    const code = await main(
      ['demo', '--tracking-uri', reg.trackingUri, '--data', reg.dataDir, '--model-uri', uri, '--out', path.join(reg.root, 'out-missing')],
      io,
    );
    expect(code).toBe(4);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^error: model "models:\/movielens_ctr_router@nope" not found: /);
    expect(io.stderr[0]).toContain('nope');
    expect(existsSync(path.join(reg.root, 'out-missing'))).toBe(false);
  });

  it('rejects a missing data file with exit code 3 naming it', async () => {
    const io = captureIO();
    const missing = path.join(reg.root, 'no-such.zip');
    const code = await main(['demo', '--tracking-uri', reg.trackingUri, '--data', missing, '--no-log', '--out', path.join(reg.root, 'o')], io);
    expect(code).toBe(3);
    expect(io.stderr.join('\n')).toContain(missing);
  });

  it('rejects a bad --n as a usage error (exit 2)', async () => {
    const io = captureIO();
    expect(await main(['demo', '--n', 'ten'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--n/);
  });
});
