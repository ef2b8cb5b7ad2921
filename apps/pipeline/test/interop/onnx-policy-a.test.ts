import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

// Policy A loadable by Python MLflow without abt: an ONNX graph under MLflow's onnx flavor, scored by
// onnxruntime through mlflow.pyfunc, equal to abt's own scores on the same engineered features.
const python = process.env.ABT_PYTHON;
const here = path.dirname(fileURLToPath(import.meta.url));

describe.skipIf(!python)('Policy A through mlflow.pyfunc (onnx flavor, real onnxruntime)', () => {
  let facts: { flavors: string[]; loader: string; columns: string[]; onnx: number[]; abt: number[] };
  beforeAll(() => {
    const out = tempDir('onnx');
    const r = runCli(['--dataset', 'synthetic', '--synthetic-ratings', '8000', '--steps', 'prepare,train,register', '--export', '--out', out]);
    if (r.code !== 0) throw new Error(`pipeline failed (${r.code}): ${r.stderr}`);
    const text = execFileSync(
      python!,
      [
        path.join(here, 'onnx_policy_a.py'),
        `sqlite:///${path.join(out, 'mlflow.db')}`,
        path.join(out, 'export'),
        path.join(out, 'models', 'PolicyA', 'model.onnx'),
      ],
      { encoding: 'utf8', cwd: out },
    );
    facts = JSON.parse(text.trim().split('\n').pop()!);
  }, 600_000);

  it('loads models:/movielens_ctr_ab@PolicyA with the onnx flavor', () => {
    expect(facts.flavors).toEqual(['abt', 'onnx', 'python_function']);
    expect(facts.loader).toBe('mlflow.onnx');
    expect(facts.columns).toEqual(['probability']);
  });

  it('scores the engineered features as abt does', () => {
    expect(facts.onnx).toHaveLength(facts.abt.length);
    let worst = 0;
    for (let i = 0; i < facts.abt.length; i++) worst = Math.max(worst, Math.abs(facts.onnx[i]! - facts.abt[i]!));
    expect(worst).toBeLessThan(1e-9);
  });
});
