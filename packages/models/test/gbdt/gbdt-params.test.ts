import { describe, expect, test } from 'vitest';
import { GBDT, GBDT_PARAMS, InvalidParamError, ModelFormatError, ModelsError, messages } from '../../src/index';
import { effectiveParams, resolveParams } from '../../src/gbdt/params';
import { synthetic } from './helpers';

const { X, y } = synthetic(200, 1);
const msg = messages.gbdt;
type Spec = (typeof GBDT_PARAMS)[keyof typeof GBDT_PARAMS];
const entries = Object.entries(GBDT_PARAMS) as [keyof typeof GBDT_PARAMS, Spec][];

function paramError(options: Record<string, unknown>): InvalidParamError {
  try {
    new GBDT({ num_iterations: 2, ...options } as never).fit(X, y);
  } catch (e) {
    expect(ModelsError.isInstance(e)).toBe(true);
    expect(InvalidParamError.isInstance(e)).toBe(true);
    return e as InvalidParamError;
  }
  throw new Error(`expected InvalidParamError for ${JSON.stringify(options)}`);
}

/** A value other than the default, of the parameter's type, inside its range. */
function otherValue(s: Spec): unknown {
  const d = s.default as never;
  const candidates: Record<Spec['type'], unknown[]> = {
    int: [(d as number) + 1, 1, 2],
    double: [(d as number) === 0 ? 0.25 : (d as number) * 0.5, 0.5],
    bool: [!d],
    string: ['x'],
    ints: [[1], [2]],
    doubles: [[0.5]],
    strings: [['x']],
  };
  const check = (s as { check?: (v: never) => string | undefined }).check;
  return candidates[s.type].find((v) => check?.(v as never) === undefined);
}

const paramsBlock = (text: string) => text.slice(text.indexOf('parameters:'));

describe('GBDT params table (every LightGBM 4.7 parameter)', () => {
  test('defaults are LightGBM defaults; getParams returns the implemented ones and the seeds, as LightGBM resolves them', () => {
    const p = new GBDT().getParams();
    expect(p).toMatchObject({
      num_iterations: 100,
      learning_rate: 0.1,
      num_leaves: 31,
      max_depth: -1,
      min_data_in_leaf: 20,
      min_sum_hessian_in_leaf: 1e-3,
      feature_fraction: 1,
      bagging_fraction: 1,
      bagging_freq: 0,
      lambda_l1: 0,
      lambda_l2: 0,
      min_gain_to_split: 0,
      max_bin: 255,
      early_stopping_round: 0,
      metric: 'binary_logloss',
      seed: 0,
      data_random_seed: 1,
      bagging_seed: 3,
      feature_fraction_seed: 2,
      drop_seed: 4,
      objective_seed: 5,
      extra_seed: 6,
    });
    // no-op and unsupported parameters appear only once set
    expect(p).not.toHaveProperty('verbosity');
    expect(new GBDT({ verbose: -1 }).getParams()).toMatchObject({ verbosity: -1 });
  });

  test('aliases resolve to canonical names', () => {
    const p = new GBDT({ n_estimators: 7, reg_lambda: 2, subsample: 0.5, colsample_bytree: 0.7, min_child_samples: 3, num_boost_round: undefined }).getParams();
    expect(p.num_iterations).toBe(7);
    expect(p.lambda_l2).toBe(2);
    expect(p.bagging_fraction).toBe(0.5);
    expect(p.feature_fraction).toBe(0.7);
    expect(p.min_data_in_leaf).toBe(3);
    expect(GBDT_PARAMS.num_iterations.aliases).toContain('n_estimators');
  });

  test('every name and alias is accepted by the constructor and fit (no-ops and defaults of unsupported ones train)', () => {
    for (const [name, s] of entries) {
      for (const key of [name, ...s.aliases]) {
        const m = new GBDT({ ...(name === 'num_iterations' ? {} : { num_iterations: 2 }), [key]: s.default } as never);
        expect(() => m.fit(X, y), key).not.toThrow();
      }
    }
  });

  test('a no-op parameter changes nothing but its own [name: value] line of the model text', () => {
    const base = new GBDT({ num_iterations: 5 }).fit(X, y).toLightGBMText();
    const baseLines = paramsBlock(base).split('\n');
    for (const [name, s] of entries) {
      if (s.treatment.kind !== 'noop') continue;
      const v = name === 'tree_learner' ? 'data' : name === 'monotone_constraints_method' ? 'advanced' : otherValue(s);
      const text = new GBDT({ num_iterations: 5, [name]: v } as never).fit(X, y).toLightGBMText();
      expect(text.slice(0, text.indexOf('parameters:')), name).toBe(base.slice(0, base.indexOf('parameters:')));
      const changed = paramsBlock(text)
        .split('\n')
        .filter((l, i) => l !== baseLines[i]);
      expect(
        changed.every((l) => l.startsWith(`[${name}: `)),
        name,
      ).toBe(true);
    }
  });

  test('an unsupported setting is a typed error naming the parameter and what abt does not implement', () => {
    for (const [name, s] of entries) {
      if (s.treatment.kind !== 'unsupported') continue;
      const v = name === 'boosting' ? 'rf' : name === 'device_type' ? 'gpu' : name === 'data_sample_strategy' ? 'goss' : otherValue(s);
      const e = paramError({ [name]: v });
      expect(e.param).toBe(name);
      expect(e.message).toBe(msg.unsupportedParam(name, v, s.treatment.what));
    }
    expect(paramError({ boosting_type: 'dart' }).param).toBe('boosting');
    expect(paramError({ objective: 'regression' }).message).toMatch(/binary log loss/);
  });

  test.each([
    [{ num_leaves: 1 }, 'num_leaves', /\[2, 131072\]/],
    [{ num_leaves: 2.5 }, 'num_leaves', /integer/],
    [{ bagging_fraction: 0 }, 'bagging_fraction', /\(0, 1\]/],
    [{ bagging_fraction: 1.5 }, 'bagging_fraction', /\(0, 1\]/],
    [{ feature_fraction: -0.1 }, 'feature_fraction', /\(0, 1\]/],
    [{ learning_rate: 0 }, 'learning_rate', /> 0/],
    [{ lambda_l2: -1 }, 'lambda_l2', />= 0/],
    [{ max_bin: 1 }, 'max_bin', /\[2, 65535\]/],
    [{ min_data_in_leaf: -1 }, 'min_data_in_leaf', />= 0/],
    [{ num_iterations: Number.NaN }, 'num_iterations', /integer/],
    [{ seed: 1.5 }, 'seed', /integer/],
    [{ use_missing: 'yes' }, 'use_missing', /true or false/],
    [{ max_bin_by_feature: [3, 1] }, 'max_bin_by_feature', /\[2, 65535\]/],
    [{ boosting: 'forest' }, 'boosting', /'gbdt'/],
  ])('%o is rejected naming %s', (options, param, range) => {
    const e = paramError(options);
    expect(e.param).toBe(param);
    expect(e.code).toBe('INVALID_PARAM');
    expect(e.message).toContain(param);
    expect(e.message).toMatch(range);
  });

  test('metric: binary_logloss (alias binary), auc or None; others and lists are refused', () => {
    expect(new GBDT({ metric: 'binary' }).getParams().metric).toBe('binary_logloss');
    expect(new GBDT({ metrics: ['AUC'] }).getParams().metric).toBe('auc');
    expect(new GBDT({ metric: 'None' }).getParams().metric).toBe('custom');
    expect(paramError({ metric: 'rmse' }).message).toBe(msg.unsupportedMetric('rmse'));
    expect(paramError({ metric: 'auc,binary_logloss' }).param).toBe('metric');
    const noMetric = () => new GBDT({ metric: 'None', early_stopping_round: 3 }).fit(X, y, { valid: { X, y } });
    expect(noMetric).toThrow(msg.earlyStoppingNeedsMetric(3));
    const m = new GBDT({ metric: 'None', num_iterations: 3 }).fit(X, y, { valid: { X, y } });
    expect(m.validHistory).toEqual([]);
  });

  test('LightGBM adjustments: seed derives the other seeds, max_depth caps num_leaves when num_leaves is not set', () => {
    const p = effectiveParams(resolveParams({ seed: 42 }).given);
    expect([p.data_random_seed, p.bagging_seed, p.drop_seed, p.feature_fraction_seed, p.objective_seed, p.extra_seed]).toEqual([
      175, 400, 17869, 30056, 16083, 12879,
    ]); // LightGBM 4.7.0 writes these for seed=42
    expect(effectiveParams(resolveParams({ seed: 42, bagging_seed: 9 }).given).bagging_seed).toBe(9);
    expect(effectiveParams(resolveParams({ max_depth: 3 }).given).num_leaves).toBe(8);
    expect(effectiveParams(resolveParams({ max_depth: 3, num_leaves: 31 }).given).num_leaves).toBe(31);
    expect(effectiveParams(resolveParams({ min_data_in_leaf: 0, min_sum_hessian_in_leaf: 0 }).given).min_data_in_leaf).toBe(1);
    expect(effectiveParams(resolveParams({ tree_learner: 'data' }).given).tree_learner).toBe('serial');
  });

  test('new GBDT(getParams()) resolves to the same parameters and writes the same model text', () => {
    for (const options of [{}, { seed: 42, max_depth: 3 }, { verbose: -1, deterministic: true, min_child_samples: 4 }]) {
      const m = new GBDT({ num_iterations: 4, ...options });
      const again = new GBDT(m.getParams());
      expect(again.getParams()).toEqual(m.getParams());
      expect(again.fit(X, y).toLightGBMText()).toBe(m.fit(X, y).toLightGBMText());
    }
  });

  test('is_unbalance and scale_pos_weight together are refused, as LightGBM does', () => {
    expect(paramError({ is_unbalance: true, scale_pos_weight: 2 }).message).toBe(msg.unbalanceAndScale());
  });

  test('a histogram_pool_size too small for num_leaves histograms is refused; a large one is a no-op', () => {
    expect(paramError({ histogram_pool_size: 0.001 }).message).toMatch(/rebuilds histograms/);
    const a = new GBDT({ num_iterations: 3 }).fit(X, y).toLightGBMText();
    const b = new GBDT({ num_iterations: 3, histogram_pool_size: 1024 }).fit(X, y).toLightGBMText();
    expect(b.replace('[histogram_pool_size: 1024]', '[histogram_pool_size: -1]')).toBe(a);
  });

  test('early stopping without valid data is rejected naming early_stopping_round', () => {
    const e = paramError({ early_stopping_round: 5 });
    expect(e.param).toBe('early_stopping_round');
    expect(e.message).toBe(msg.earlyStoppingNeedsValid(5));
  });

  test('unknown and duplicated parameters are rejected at fit, not in the constructor', () => {
    const m = new GBDT({ num_leafs: 3 } as never);
    expect(paramError({ num_leafs: 3 }).param).toBe('num_leafs');
    expect(() => m.getParams()).not.toThrow();
    const dup = paramError({ num_iterations: 3, n_estimators: 4 });
    expect(dup.param).toBe('n_estimators');
    expect(dup.message).toMatch(/num_iterations/);
  });

  test('a random-forest model file is refused with a message that says so', () => {
    const text = new GBDT({ num_iterations: 2 })
      .fit(X, y)
      .toLightGBMText()
      .replace('objective=binary sigmoid:1\n', 'objective=binary sigmoid:1\naverage_output\n');
    let err: unknown;
    try {
      GBDT.fromLightGBMText(text);
    } catch (e) {
      err = e;
    }
    expect(ModelFormatError.isInstance(err)).toBe(true);
    expect((err as ModelFormatError).message).toContain(msg.randomForestModel());
    expect((err as ModelFormatError).line).toBe(8);
  });
});
