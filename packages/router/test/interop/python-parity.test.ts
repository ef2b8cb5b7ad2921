import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssigner, createExperiment } from '../../src/index';
import { connect } from '@abt/registry';
import { registerRouter, ROUTER_SIGNATURE, saveRouterBundle } from '../../src/loaders/index';

// Runs only inside the interop runner (scripts/interop.sh sets ABT_PYTHON to the venv python).
const python = process.env.ABT_PYTHON;
const py = (code: string, input = '') => execFileSync(python as string, ['-c', code], { input, encoding: 'utf8', maxBuffer: 64 << 20 });

describe.skipIf(!python)('interop with Python', () => {
  it("md5-parity reproduces the original's hashlib rule for 10,000 user ids", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const out = py(
      'import sys, json, hashlib\nids = json.load(sys.stdin)\nprint(json.dumps(["A" if int(hashlib.md5(str(int(u)).encode()).hexdigest(), 16) % 2 == 0 else "B" for u in ids]))',
      JSON.stringify(ids),
    );
    const original = JSON.parse(out) as string[];
    const assigner = createAssigner(createExperiment({ key: 'ab', hashVersion: 'md5-parity', arms: [{ name: 'A' }, { name: 'B' }] }));
    const ours = ids.map((u) => assigner.assign(u).arm);
    expect(ours).toEqual(original);
  });

  it('MLflow reads the router bundle: flavors, signature and input example', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'abt-router-interop-')), 'ab_router');
    await saveRouterBundle(dir, {
      format: 'abt-router',
      formatVersion: 1,
      experiment: { key: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] },
      models: { A: 'models:/movielens_ctr_ab@PolicyA', B: 'models:/movielens_ctr_ab@PolicyB' },
    });
    const out = py(
      [
        'import sys, json',
        'from mlflow.models import Model',
        `d = ${JSON.stringify(dir)}`,
        'm = Model.load(d)',
        'sig = m.signature.to_dict()',
        'ex = m.load_input_example(d)',
        'print(json.dumps({"flavors": sorted(m.flavors), "inputs": json.loads(sig["inputs"]), "outputs": json.loads(sig["outputs"]), "example": ex.to_dict(orient="split")}))',
      ].join('\n'),
    );
    const got = JSON.parse(out) as { flavors: string[]; inputs: unknown[]; outputs: unknown[]; example: { columns: string[]; data: number[][] } };
    expect(got.flavors).toContain('abt');
    expect(got.inputs).toEqual(ROUTER_SIGNATURE.inputs);
    expect(got.outputs).toEqual(ROUTER_SIGNATURE.outputs);
    expect(got.example.columns).toEqual(['userId', 'movieId', 'timestamp']);
    expect(got.example.data[0]).toEqual([196, 242, 881250949]);
  }, 120_000);

  it('MLflow finds the router registered by registerRouter: alias, AB_Router run, signature', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'abt-router-mlflow-'));
    const db = path.join(root, 'mlflow.db');
    const conn = await connect({ trackingUri: `sqlite:///${db}`, artifactRoot: path.join(root, 'mlruns') });
    try {
      await registerRouter({
        client: conn.client,
        registry: conn.registry,
        config: {
          format: 'abt-router',
          formatVersion: 1,
          experiment: { key: 'movielens_ctr_ab', arms: [{ name: 'A' }, { name: 'B' }] },
          models: { A: 'models:/movielens_ctr_ab@PolicyA', B: 'models:/movielens_ctr_ab@PolicyB' },
        },
      });
    } finally {
      await conn.close();
    }
    const out = py(
      [
        'import json, mlflow',
        `mlflow.set_tracking_uri(${JSON.stringify(`sqlite:///${db}`)})`,
        'c = mlflow.MlflowClient()',
        'v = c.get_model_version_by_alias("movielens_ctr_router", "router")',
        'run = c.get_run(v.run_id)',
        'info = mlflow.models.get_model_info("models:/movielens_ctr_router@router")',
        'print(json.dumps({"version": str(v.version), "run": run.info.run_name, "inputs": [i.name for i in info.signature.inputs.inputs], "outputs": [o.name for o in info.signature.outputs.inputs]}))',
      ].join('\n'),
    );
    expect(JSON.parse(out.trim().split('\n').pop() as string)).toEqual({
      version: '1',
      run: 'AB_Router',
      inputs: ['userId', 'movieId', 'timestamp'],
      outputs: ['assigned', 'score', 'model_version'],
    });
  }, 300_000);
});
