import { describe, expect, it } from 'vitest';
import { GBDT, LogisticRegression, MODEL_KINDS, ModelFormatError, canonicalModelKind, loadModel, makePipeline, StandardScaler } from './index';

const X = { rows: 8, cols: 2, data: Float64Array.from([0, 1, 1, 0, 0.2, 0.9, 0.9, 0.1, 0.1, 0.8, 0.7, 0.3, 0.3, 0.6, 0.8, 0.2]) };
const y = [1, 0, 1, 0, 1, 0, 1, 0];

describe('loadModel', () => {
  it('round-trips both policies through JSON with identical predictions', () => {
    const lr = new LogisticRegression({ C: 1 }).fit(X, y);
    const gb = new GBDT({ num_iterations: 5, num_leaves: 2, min_data_in_leaf: 1, min_sum_hessian_in_leaf: 0 }).fit(X, y);
    for (const model of [lr, gb]) {
      const back = loadModel(JSON.parse(JSON.stringify(model.toJSON())));
      expect(back.kind).toBe(model.kind);
      expect(Array.from(back.predictProba(X))).toEqual(Array.from(model.predictProba(X)));
    }
  });

  it('rejects unknown kinds and formats with a ModelFormatError naming them', () => {
    expect(() => loadModel({ format: 'abt-model', kind: 'random-forest' })).toThrow(/unknown model kind "random-forest"/);
    expect(() => loadModel({ format: 'pickle' })).toThrow(ModelFormatError);
    expect(() => loadModel('{not json')).toThrow(/does not parse/);
  });

  it('MODEL_KINDS is the table loadModel dispatches on; canonicalModelKind reads the old GBDT spelling', () => {
    const lr = new LogisticRegression({ C: 1 }).fit(X, y);
    const gb = new GBDT({ num_iterations: 2, num_leaves: 2, min_data_in_leaf: 1, min_sum_hessian_in_leaf: 0 }).fit(X, y);
    const pipe = makePipeline(new StandardScaler(), new LogisticRegression({ C: 1 })).fit(X, y);
    // Every model's own kind is known and canonical; nothing else is.
    expect([...MODEL_KINDS].sort()).toEqual([lr.kind, gb.kind, pipe.kind].sort());
    for (const m of [lr, gb, pipe]) expect(canonicalModelKind(m.kind)).toBe(m.kind);
    expect(canonicalModelKind('GBDT')).toBe(gb.kind);
    expect(canonicalModelKind('toString')).toBeUndefined();
    expect(canonicalModelKind('RandomForest')).toBeUndefined();
  });
});
