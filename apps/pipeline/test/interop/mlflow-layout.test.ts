import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

// The pipeline's MLflow layout as the real MLflow (venv) reads it from abt's database: one parent run
// per invocation, datasets as run inputs, logged models as run outputs named after their policy, CV folds
// as steps of one key, the segments as a table that mlflow.load_table reads.
const python = process.env.ABT_PYTHON;
const here = path.dirname(fileURLToPath(import.meta.url));

type Input = { name: string; digest: string; source_type: string; source: Record<string, string>; context: string[]; profile: { num_rows: number } };
type Facts = {
  parents: string[];
  children: string[];
  statuses: string[];
  PolicyA_LogReg: { inputs: Input[]; outputs: { name: string; source_run_id: boolean }[]; duration_ms: number };
  PolicyB_LightGBM: { inputs: Input[]; outputs: { name: string; source_run_id: boolean }[]; duration_ms: number };
  Eval_Offline_AB: { inputs: Input[] };
  fold_steps: number[];
  cv_keys: string[];
  segments_table: { rows: number; columns: string[]; segments: string[] };
  segment_metric_keys: string[];
};

describe.skipIf(!python)('MLflow reads the pipeline’s layout (real mlflow)', () => {
  let facts: Facts;
  beforeAll(() => {
    const out = tempDir('mlflow-layout');
    const r = runCli([
      '--dataset',
      'synthetic',
      '--synthetic-ratings',
      '8000',
      '--cv-folds',
      '3',
      '--steps',
      'prepare,train,eval,segments,cv,register',
      '--out',
      out,
    ]);
    if (r.code !== 0) throw new Error(`pipeline failed (${r.code}): ${r.stderr}`);
    const text = execFileSync(python!, [path.join(here, 'mlflow_layout.py'), `sqlite:///${path.join(out, 'mlflow.db')}`], { encoding: 'utf8', cwd: out });
    facts = JSON.parse(text.trim().split('\n').pop()!) as Facts;
  }, 600_000);

  it('one parent run per invocation, the stage runs nested under it, all finished', () => {
    expect(facts.parents).toHaveLength(1);
    expect(facts.children).toEqual(['CV_3fold', 'Eval_Offline_AB', 'PolicyA_LogReg', 'PolicyB_LightGBM', 'Prepare_Data', 'Segment_Analysis']);
    expect(facts.statuses).toEqual(['FINISHED']);
  });

  it('the training data is a dataset input with digest and source (the Dataset column)', () => {
    const inputs = facts.PolicyB_LightGBM.inputs;
    expect(inputs.map((i) => [i.name, i.context])).toEqual([
      ['ml-1m_train', ['training']],
      ['ml-1m_valid', ['validation']],
    ]);
    for (const i of inputs) {
      expect(i.digest).toMatch(/^[0-9a-f]{16}$/);
      expect(i.source_type).toBe('code');
      expect(i.source.generator).toBe('synthetic:seed=42');
    }
    expect(inputs[0]!.profile.num_rows).toBe(6400);
    // The same split is one dataset: Policy A's run links the same digest.
    expect(facts.PolicyA_LogReg.inputs.map((i) => i.digest)).toEqual(inputs.map((i) => i.digest));
    expect(facts.Eval_Offline_AB.inputs.map((i) => [i.name, i.context])).toEqual([['ml-1m_test', ['testing']]]);
  });

  it('each policy’s logged model is an output of its run, named after the policy', () => {
    expect(facts.PolicyA_LogReg.outputs).toEqual([{ name: 'PolicyA', source_run_id: true }]);
    expect(facts.PolicyB_LightGBM.outputs).toEqual([{ name: 'PolicyB', source_run_id: true }]);
    expect(facts.PolicyB_LightGBM.duration_ms).toBeGreaterThan(200);
  });

  it('CV folds are steps of one key (the seed’s mean/std keys kept); segments are a table plus headline metrics', () => {
    expect(facts.fold_steps).toEqual([1, 2, 3]);
    expect(facts.cv_keys).toContain('A_LogReg_auc_mean');
    expect(facts.cv_keys).toContain('B_LGBM_auc_std');
    expect(facts.cv_keys.filter((k) => /_fold\d+$/.test(k))).toEqual([]);
    expect(facts.segments_table.columns.slice(0, 6)).toEqual(['segment', 'label', 'group', 'n', 'positive_rate', 'metric']);
    expect(facts.segments_table.segments.length).toBeGreaterThan(10);
    expect(facts.segment_metric_keys.length).toBeLessThan(60);
    expect(facts.segment_metric_keys).toContain('test_cold_user_A_auc');
    expect(facts.segment_metric_keys.some((k) => k.startsWith('test_genre_'))).toBe(false);
  });
});
