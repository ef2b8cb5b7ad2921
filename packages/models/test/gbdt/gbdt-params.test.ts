import { describe, expect, test } from 'vitest';
import { GBDT, GBDT_PARAMS, InvalidParamError, ModelsError } from '../../src/index';
import { synthetic } from './helpers';

const { X, y } = synthetic(200, 1);

function paramError(options: Record<string, unknown>): InvalidParamError {
  try {
    new GBDT(options as never).fit(X, y);
  } catch (e) {
    expect(ModelsError.isInstance(e)).toBe(true);
    expect(e).toBeInstanceOf(InvalidParamError);
    return e as InvalidParamError;
  }
  throw new Error('expected InvalidParamError');
}

describe('GBDT params table', () => {
  test('defaults are LightGBM defaults', () => {
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
    });
    expect(p.seed).toBeUndefined();
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

  test('getParams returns a copy', () => {
    const m = new GBDT({ num_leaves: 5 });
    const p = m.getParams();
    p.num_leaves = 99;
    expect(m.getParams().num_leaves).toBe(5);
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
    [{ metric: 'rmse' }, 'metric', /'binary_logloss', 'auc'/],
    [{ seed: 1.5 }, 'seed', /integer/],
    [{ use_missing: 'yes' }, 'use_missing', /boolean/],
  ])('%o is rejected naming %s', (options, param, range) => {
    const e = paramError(options);
    expect(e.param).toBe(param);
    expect(e.code).toBe('INVALID_PARAM');
    expect(e.message).toContain(param);
    expect(e.message).toMatch(range);
  });

  test('early stopping without valid data is rejected naming early_stopping_round', () => {
    const e = paramError({ early_stopping_round: 5 });
    expect(e.param).toBe('early_stopping_round');
    expect(e.message).toMatch(/needs validation data/);
  });

  test('unknown and duplicated parameters are rejected at fit, not in the constructor', () => {
    const m = new GBDT({ num_leafs: 3 } as never);
    expect(paramError({ num_leafs: 3 }).param).toBe('num_leafs');
    expect(() => m.getParams()).not.toThrow();
    const dup = paramError({ num_iterations: 3, n_estimators: 4 });
    expect(dup.param).toBe('n_estimators');
    expect(dup.message).toMatch(/num_iterations/);
  });

  test('seed derives bagging/feature seeds like LightGBM (seed=42 → 400 / 30056 / 175)', async () => {
    const { deriveSeeds } = await import('../../src/gbdt/sampling/random');
    expect(deriveSeeds({ seed: 42, bagging_seed: undefined, feature_fraction_seed: undefined, data_random_seed: undefined })).toEqual({
      dataRandomSeed: 175,
      baggingSeed: 400,
      featureFractionSeed: 30056,
    });
    expect(deriveSeeds({ seed: undefined, bagging_seed: undefined, feature_fraction_seed: undefined, data_random_seed: undefined })).toEqual({
      dataRandomSeed: 1,
      baggingSeed: 3,
      featureFractionSeed: 2,
    });
    expect(deriveSeeds({ seed: 42, bagging_seed: 9, feature_fraction_seed: undefined, data_random_seed: undefined }).baggingSeed).toBe(9);
  });
});
