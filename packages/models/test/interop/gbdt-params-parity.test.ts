import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GBDT, GBDT_PARAMS, ModelFormatError, messages } from '../../src/index';
import * as sets from './gbdt-datasets';
import { here } from './gbdt-io';

// LightGBM parameter dictionaries work unchanged: LightGBM 4.7.0's own parameter table (names and
// aliases) is abt's, and for implemented and no-op parameters the same dictionary gives LightGBM's
// model text, byte for byte (the parameters block included).
const python = process.env.ABT_PYTHON;
const BASE = { objective: 'binary', verbose: -1, deterministic: true, force_col_wise: true, num_threads: 1, num_iterations: 25 };

const CASES: { name: string; data: 'nan' | 'imbalanced' | 'ties'; params: Record<string, unknown>; validRows?: number; importance?: 'gain' }[] = [
  {
    name: 'no-op parameters set to other values (LightGBM ignores them too)',
    data: 'nan',
    params: {
      tree_learner: 'data',
      histogram_pool_size: 1024,
      is_enable_sparse: false,
      two_round: true,
      header: true,
      label_column: 'x',
      drop_rate: 0.3,
      max_drop: 7,
      skip_drop: 0.2,
      top_rate: 0.3,
      other_rate: 0.2,
      min_data_per_group: 50,
      max_cat_threshold: 16,
      cat_l2: 5,
      cat_smooth: 3,
      max_cat_to_onehot: 8,
      top_k: 10,
      monotone_constraints_method: 'advanced',
      monotone_penalty: 0.5,
      refit_decay_rate: 0.5,
      cegb_tradeoff: 0.5,
      linear_lambda: 0.5,
      extra_seed: 11,
      drop_seed: 12,
      objective_seed: 13,
      first_metric_only: true,
      num_grad_quant_bins: 8,
      stochastic_rounding: false,
      pre_partition: true,
      precise_float_parser: true,
      alpha: 0.5,
      fair_c: 2,
      poisson_max_delta_step: 0.5,
      tweedie_variance_power: 1.2,
      lambdarank_truncation_level: 10,
      lambdarank_norm: false,
      label_gain: '0,1,3',
      eval_at: '1,3',
      multi_error_top_k: 2,
      local_listen_port: 12500,
      time_out: 60,
      gpu_platform_id: 1,
      gpu_device_id: 1,
      gpu_use_dp: true,
      num_gpu: 2,
      saved_feature_importance_type: 1,
    },
  },
  {
    name: 'aliases (num_boost_round, reg_lambda, subsample, colsample_bytree, min_child_samples, random_state)',
    data: 'ties',
    params: {
      num_iterations: undefined,
      num_boost_round: 30,
      reg_lambda: 1.5,
      subsample: 0.7,
      subsample_freq: 2,
      colsample_bytree: 0.6,
      min_child_samples: 40,
      random_state: 7,
    },
  },
  { name: 'is_unbalance', data: 'imbalanced', params: { is_unbalance: true } },
  { name: 'scale_pos_weight and max_delta_step', data: 'imbalanced', params: { scale_pos_weight: 4.5, max_delta_step: 0.4 } },
  {
    name: 'lambda_l1, lambda_l2, min_gain_to_split, min_sum_hessian_in_leaf',
    data: 'nan',
    params: { lambda_l1: 0.7, lambda_l2: 3, min_gain_to_split: 0.05, min_sum_hessian_in_leaf: 2 },
  },
  {
    name: 'max_bin_by_feature, min_data_in_bin, bin_construct_sample_cnt, data_random_seed',
    data: 'ties',
    params: { max_bin_by_feature: [3, 10, 20, 255, 4, 5, 6, 7, 8, 9], min_data_in_bin: 1, bin_construct_sample_cnt: 5_000, data_random_seed: 7 },
  },
  { name: 'max_depth without num_leaves (LightGBM caps num_leaves at 2^max_depth), seed', data: 'nan', params: { max_depth: 4, seed: 42 } },
  {
    name: 'early_stopping_min_delta with metric auc',
    data: 'nan',
    params: { num_iterations: 300, early_stopping_round: 10, early_stopping_min_delta: 0.0005, metric: 'auc' },
    validRows: 4_000,
  },
  {
    name: "metric 'binary' (binary_logloss's alias), sigmoid, boost_from_average=false",
    data: 'nan',
    params: { metric: 'binary', sigmoid: 1.7, boost_from_average: false },
  },
  {
    name: 'min_data_in_leaf 0 with min_sum_hessian_in_leaf 0 (LightGBM makes it 1), feature_pre_filter=false',
    data: 'ties',
    params: { min_data_in_leaf: 0, min_sum_hessian_in_leaf: 0, feature_pre_filter: false, num_leaves: 15 },
  },
  { name: "feature importances by gain (model_to_string(importance_type='gain'))", data: 'nan', params: {}, importance: 'gain' },
];

describe.skipIf(python === undefined)('LightGBM parameter dictionaries (GBDT_PARAMS)', () => {
  let work: string;
  const data = { nan: sets.nanHeavy(), imbalanced: sets.imbalanced(), ties: sets.lowCardinality() };
  const lgb = new Map<string, string>();
  let lgbAliases: Record<string, string[]>;

  const write = (name: string, d: sets.DataSet) => {
    const X = path.join(work, `${name}.X.f64`);
    const y = path.join(work, `${name}.y.f64`);
    writeFileSync(X, new Uint8Array(d.data.buffer, d.data.byteOffset, d.data.byteLength));
    writeFileSync(y, new Uint8Array(d.y.buffer, d.y.byteOffset, d.y.byteLength));
    return { X, y, rows: d.rows, cols: d.cols };
  };
  const split = (c: (typeof CASES)[number]) => {
    const d = data[c.data];
    return c.validRows ? { train: sets.slice(d, 0, d.rows - c.validRows), valid: sets.slice(d, d.rows - c.validRows, d.rows) } : { train: d };
  };

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'abt-gbdt-params-'));
    const jobs: Record<string, unknown>[] = CASES.map((c, i) => {
      const { train, valid } = split(c);
      return {
        ...write(`${i}.train`, train),
        ...(valid ? { valid: write(`${i}.valid`, valid) } : {}),
        params: { ...BASE, ...c.params },
        importance_type: c.importance ?? 'split',
        out: path.join(work, `${i}.txt`),
      };
    });
    // a random forest: LightGBM writes `average_output` in its header
    jobs.push({
      ...write('rf', data.nan),
      params: { ...BASE, boosting: 'rf', bagging_fraction: 0.7, bagging_freq: 1, num_iterations: 3 },
      out: path.join(work, 'rf.txt'),
    });
    writeFileSync(path.join(work, 'jobs.json'), JSON.stringify(jobs));
    const script = path.join(here, 'gbdt_text_reference.py');
    execFileSync(python!, [script, 'train', path.join(work, 'jobs.json')], { stdio: 'inherit' });
    execFileSync(python!, [script, 'aliases', path.join(work, 'aliases.json')]);
    lgbAliases = JSON.parse(readFileSync(path.join(work, 'aliases.json'), 'utf8'));
    for (let i = 0; i < CASES.length; i++) lgb.set(String(i), readFileSync(path.join(work, `${i}.txt`), 'utf8'));
    lgb.set('rf', readFileSync(path.join(work, 'rf.txt'), 'utf8'));
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("LightGBM's own parameter table (LGBM_DumpParamAliases): the same names, each with the same aliases", () => {
    const ours = Object.fromEntries(Object.entries(GBDT_PARAMS).map(([name, s]) => [name, [name, ...s.aliases].sort()]));
    const theirs = Object.fromEntries(Object.entries(lgbAliases).map(([name, all]) => [name, [...all].sort()]));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(ours).toEqual(theirs);
  });

  for (const [i, c] of CASES.entries()) {
    it(`${c.name}: the same dictionary gives LightGBM's model text`, () => {
      const { train, valid } = split(c);
      const m = new GBDT({ ...BASE, ...c.params } as never);
      m.fit(sets.dense(train), train.y, valid ? { valid: { X: sets.dense(valid), y: valid.y } } : {});
      const ours = m.toLightGBMText(c.importance ? { importanceType: c.importance } : {});
      const theirs = lgb.get(String(i))!;
      const a = ours.split('\n');
      const b = theirs.split('\n');
      const line = a.findIndex((l, k) => l !== b[k]);
      expect(line === -1 && a.length === b.length ? undefined : { line: line + 1, abt: a[line], lightgbm: b[line] }).toBeUndefined();
    });
  }

  it('a LightGBM model file loads and writes back byte for byte (trees re-written, the parameters block kept)', () => {
    for (const key of ['0', '2', '7']) expect(GBDT.fromLightGBMText(lgb.get(key)!).toLightGBMText()).toBe(lgb.get(key));
  });

  it('a random-forest model file (boosting=rf) is refused with a message that says so', () => {
    let err: unknown;
    try {
      GBDT.fromLightGBMText(lgb.get('rf')!);
    } catch (e) {
      err = e;
    }
    expect(ModelFormatError.isInstance(err)).toBe(true);
    expect((err as Error).message).toContain(messages.gbdt.randomForestModel());
  });
});
