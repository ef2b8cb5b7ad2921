/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import { GBDT, LogisticRegression, StandardScaler, makePipeline, type FitProgress } from '../src/index';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));

const { expectDocumented } = readme;

// 40 rows, 3 features, both classes, deterministic.
const X = Array.from({ length: 40 }, (_, i) => [i % 7, (i * 3) % 5, i / 40]);
const y = X.map((r, i) => (r[0]! + r[1]! > 4 || i % 9 === 0 ? 1 : 0));

describe('README result types', () => {
  it('progress events and JSON of every estimator', () => {
    const progress: FitProgress[] = [];
    const onProgress = (p: FitProgress) => void progress.push(p);
    const lr = new LogisticRegression({ max_iter: 20 }).fit(X, y, { valid: { X, y }, onProgress });
    const gbdt = new GBDT({ num_iterations: 3, num_leaves: 4, min_data_in_leaf: 2, num_threads: 1 });
    gbdt.fit(X, y, { onProgress }); // no valid set: no metrics
    gbdt.fit(X, y, { valid: { X, y }, onProgress });
    const pipeline = makePipeline(new StandardScaler(), new LogisticRegression({ max_iter: 5 })).fit(X, y, { onProgress });
    expect(progress.some((p) => p.metrics === undefined)).toBe(true);
    expect(progress.some((p) => p.metrics?.binary_logloss !== undefined)).toBe(true);
    for (const p of progress) expectDocumented('FitProgress', p);
    for (const model of [lr, gbdt, pipeline, new StandardScaler().fit(X)]) expectDocumented('SerializedModel', model.toJSON());
    expectDocumented('DenseFloat64', pipeline.transform(X));
  });

  it('scaled matrices, dense and CSR', () => {
    expectDocumented('DenseFloat64', new StandardScaler().fitTransform(X));
    const csr = { rows: 2, cols: 3, indptr: Int32Array.of(0, 1, 3), indices: Int32Array.of(0, 1, 2), data: Float64Array.of(1, 2, 3) };
    expectDocumented('CsrFloat64', new StandardScaler({ with_mean: false }).fitTransform(csr));
  });

  afterAll(() => {
    expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
  });
});
