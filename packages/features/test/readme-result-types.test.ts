/** Every result type the README lists has exactly the fields of a real result (see scripts/readme-tables.mjs). */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeResultTypes } from '../../../scripts/readme-tables.mjs';
import { fitFeatureSpec, requestColumns, requestRow, type FeatureProgress, type RequestColumnsInput } from '../src/index';
import { movies, ratings, users } from './helpers/synthetic';

const readme = readmeResultTypes(path.join(import.meta.dirname, '../README.md'));

const { expectDocumented } = readme;

describe('README result types', () => {
  const train = ratings(60, 1);
  const later = ratings(20, 2, { t0: 890_000_000 });

  it('dense transforms, progress events, online history and JSON', () => {
    const progress: FeatureProgress[] = [];
    const spec = fitFeatureSpec({ train, movies: movies(), users: users() }, { kind: 'dense' });
    const onProgress = (p: FeatureProgress) => progress.push(p);
    for (const result of [
      spec.transformTrain({ onProgress }),
      spec.transform(later, { onProgress }),
      spec.transformOnline(later, { onProgress }),
      spec.transformRequests([{ userId: 1, movieId: 10 }]),
      spec.transformColumns({ userId: [1, 'x'], movieId: [10, 20] }),
    ]) {
      expectDocumented('FeatureMatrix', result);
      expectDocumented('DenseMatrix', result.X);
    }
    expect(progress.map((p) => p.step)).toEqual(expect.arrayContaining(['transformTrain', 'transform', 'transformOnline']));
    for (const p of progress) expectDocumented('FeatureProgress', p);
    const history = spec.createOnlineHistory();
    history.add(later);
    expectDocumented('OnlineHistoryStats', history.stats());
    expectDocumented('FeatureSpecJSON', spec.toJSON());
  });

  it('one-hot transforms and JSON', () => {
    const spec = fitFeatureSpec({ train, movies: movies() }, { kind: 'onehot' });
    const result = spec.transform(later);
    expectDocumented('FeatureMatrix', result);
    expectDocumented('CsrMatrix', result.X);
    expectDocumented('FeatureSpecJSON', spec.toJSON());
  });

  it('validated request columns', () => {
    expectDocumented('RequestColumns', requestColumns([{ userId: 1, movieId: 10, timestamp: 5 }]));
    // `itemId` is accepted as an alias of `movieId` at run time (not in the input type).
    expectDocumented('RequestColumns', requestColumns({ userId: [1], itemId: [10] } as unknown as RequestColumnsInput));
    expectDocumented('RequestColumns', requestRow({ userId: 'u', movieId: 10 }));
  });

  afterAll(() => {
    expect(readme.unchecked(), 'README result types no test builds').toEqual([]);
  });
});
