/**
 * The `onehot` kind against scikit-learn on ml-100k: the same column names and exactly the same
 * matrices as OneHotEncoder(handle_unknown='ignore') + hstack(genres), the original's features.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabeledRatings, MoviesTable } from '@abt/data';
import { describe, expect, it } from 'vitest';
import { fitFeatureSpec, isCsr } from '../../src/index';
import { splitMl100k } from '../helpers/ml100k';

const python = process.env.ABT_PYTHON;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Genre flags per row, joined from the catalog like the original's merge on movieId. */
function genresOf(t: LabeledRatings, movies: MoviesTable): Uint8Array {
  const g = movies.genreNames.length;
  const at = new Map(Array.from(movies.movieId, (id, i) => [id, i]));
  const out = new Uint8Array(t.length * g);
  for (let i = 0; i < t.length; i++) {
    const k = at.get(t.movieId[i]!);
    if (k !== undefined) out.set(movies.genres.subarray(k * g, (k + 1) * g), i * g);
  }
  return out;
}

describe.skipIf(!python)('onehot parity with scikit-learn OneHotEncoder', () => {
  it('same names, same train and test matrices', async () => {
    const { train, test, movies } = await splitMl100k();
    const spec = fitFeatureSpec({ train, movies }, { kind: 'onehot' });
    const dir = mkdtempSync(path.join(tmpdir(), 'abt-features-onehot-'));
    try {
      const w = (name: string, a: ArrayBufferView) => writeFileSync(path.join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
      for (const [p, rows, X] of [
        ['train', train, spec.transformTrain().X],
        ['test', test, spec.transform(test).X],
      ] as const) {
        if (!isCsr(X)) throw new Error('onehot must be CSR');
        w(`${p}.userId`, rows.userId);
        w(`${p}.movieId`, rows.movieId);
        w(`${p}.genres`, genresOf(rows, movies));
        w(`${p}.indptr`, X.indptr);
        w(`${p}.indices`, X.indices);
        w(`${p}.data`, X.data);
      }
      writeFileSync(
        path.join(dir, 'meta.json'),
        JSON.stringify({ genres: movies.genreNames.length, genreNames: movies.genreNames, names: spec.featureNames, cols: spec.featureNames.length }),
      );
      const out = JSON.parse(
        execFileSync(python!, [path.join(here, 'onehot_parity.py'), dir], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .pop()!,
      );
      console.log(`[features onehot parity] ${JSON.stringify(out)}`);
      expect(out).toEqual({ names_equal: true, train_shape_equal: true, train_mismatches: 0, test_shape_equal: true, test_mismatches: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
