// Against the real thing: MLflow (Python) reads the Router_Demo run abt logged, and the demo and the
// server work end to end on a live `mlflow server` (REST store + mlflow-artifacts proxy).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, runServe } from '../../src/index';
import { captureIO } from '../helpers/capture-io';
import { buildTinyRegistry } from '../helpers/tiny-registry';

const python = process.env.ABT_PYTHON;
const serverUrl = process.env.ABT_MLFLOW_URL;

/** Runs a Python snippet with the venv's MLflow and parses the JSON it prints last. */
function py(code: string, env: Record<string, string> = {}): any {
  const out = execFileSync(python as string, ['-c', code], { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

const READ_DEMO_RUN = `
import json, os, mlflow
mlflow.set_tracking_uri(os.environ["URI"])
runs = mlflow.search_runs(experiment_names=["abtest_movielens"], filter_string="attributes.run_name = 'Router_Demo' and params.router_uri = '" + os.environ["ROUTER"] + "'", output_format="list")
r = runs[0]
c = mlflow.MlflowClient()
print(json.dumps({"n": len(runs), "status": r.info.status, "metrics": r.data.metrics, "params": r.data.params,
  "charts": sorted(f.path for f in c.list_artifacts(r.info.run_id, "router_demo/charts"))}))
`;

describe.skipIf(!python)('interop: MLflow', () => {
  it('MLflow reads the Router_Demo run (metrics, params, chart artifacts) from abt’s SQLite store', async () => {
    const reg = await buildTinyRegistry();
    const io = captureIO();
    expect(await main(['demo', '--tracking-uri', reg.trackingUri, '--data', reg.dataDir, '--out', path.join(reg.root, 'out')], io)).toBe(0);
    const seen = py(READ_DEMO_RUN, { URI: reg.trackingUri, ROUTER: reg.routerUri });
    expect(seen.n).toBe(1);
    expect(seen.status).toBe('FINISHED');
    expect(seen.metrics.share_PolicyA + seen.metrics.share_PolicyB).toBeCloseTo(1, 12);
    expect(seen.metrics.auc_PolicyA).toBeGreaterThan(0.5);
    expect(seen.params.router_uri).toBe(reg.routerUri);
    expect(seen.charts).toContain('router_demo/charts/router_roc.png');
    rmSync(reg.root, { recursive: true, force: true });
  });

  it.skipIf(!serverUrl)('demo and serve work against a live mlflow server', async () => {
    const reg = await buildTinyRegistry({ trackingUri: serverUrl as string, suffix: `_demo_${process.pid}_${Date.now()}` });
    const io = captureIO();
    const code = await main(
      ['demo', '--tracking-uri', reg.trackingUri, '--model-uri', reg.routerUri, '--data', reg.dataDir, '--out', path.join(reg.root, 'out')],
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const seen = py(READ_DEMO_RUN, { URI: serverUrl as string, ROUTER: reg.routerUri });
    expect(seen.n).toBe(1);
    expect(seen.charts).toContain('router_demo/charts/router_score_histogram.svg');

    const server = await runServe({ port: 0, trackingUri: reg.trackingUri, modelUri: reg.routerUri, pollSeconds: 0, signals: [] }, captureIO());
    try {
      const health = (await (await fetch(`${server.address}/health`)).json()) as { policies: { arm: string }[] };
      expect(health.policies.map((p) => p.arm)).toEqual(['PolicyA', 'PolicyB']);
    } finally {
      await server.shutdown();
      rmSync(reg.root, { recursive: true, force: true });
    }
  });
});
