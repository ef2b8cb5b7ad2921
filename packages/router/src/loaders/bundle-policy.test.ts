import { GBDT, LogisticRegression } from '@abt/models';
import { describe, expect, it } from 'vitest';
import { modelFromFile } from './bundle-policy';

const X = { rows: 6, cols: 2, data: Float64Array.from([0, 1, 1, 0, 0.2, 0.9, 0.9, 0.1, 0.1, 0.8, 0.7, 0.3]) };
const y = [1, 0, 1, 0, 1, 0];

describe('modelFromFile: one model kind spelling', () => {
  const gbdt = new GBDT({ num_iterations: 3, num_leaves: 2, min_data_in_leaf: 1, min_sum_hessian_in_leaf: 0 }).fit(X, y);
  const lr = new LogisticRegression({ C: 1 }).fit(X, y);

  it("loads model JSON whose kind is model_class, the model's own spelling", () => {
    expect(modelFromFile(gbdt.kind, 'model.json', JSON.stringify(gbdt.toJSON())).predictProba(X)).toEqual(gbdt.predictProba(X));
    expect(modelFromFile(lr.kind, 'model.json', JSON.stringify(lr.toJSON())).predictProba(X)).toEqual(lr.predictProba(X));
  });

  it('still loads bundles written with the old GBDT spelling and LightGBM text', () => {
    expect(modelFromFile('GBDT', 'model.json', JSON.stringify(gbdt.toJSON())).predictProba(X)).toEqual(gbdt.predictProba(X));
    for (const cls of ['GBDT', gbdt.kind, 'lightgbm.basic.Booster'])
      expect(modelFromFile(cls, 'model.lgb', gbdt.toLightGBMText()).predictProba(X)).toEqual(gbdt.predictProba(X));
  });

  it('names the known kinds (from loadModel) for an unknown model_class, and refuses mismatches', () => {
    expect(() => modelFromFile('RandomForest', 'model.json', '{}')).toThrow(
      /unknown abt model_class "RandomForest" \(known: LogisticRegression, gbdt, Pipeline\)/,
    );
    expect(() => modelFromFile(lr.kind, 'model.json', JSON.stringify(gbdt.toJSON()))).toThrow(/does not match the model JSON's kind "gbdt"/);
    expect(() => modelFromFile(lr.kind, 'model.lgb', gbdt.toLightGBMText())).toThrow(/must be a LightGBM text model/);
  });
});
