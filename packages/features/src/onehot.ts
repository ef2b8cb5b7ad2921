import type { MovieCatalog } from './catalog';
import type { RowKeys } from './history';
import type { IdIndex } from './id-index';
import type { CsrMatrix } from './matrix';

/**
 * Column names of the original pipeline's features: scikit-learn's
 * `OneHotEncoder(handle_unknown='ignore').fit(train[['userId', 'movieId']])` (categories sorted,
 * named `userId_<id>` / `movieId_<id>` like `get_feature_names_out`), hstacked with the genre flags
 * in the dataset's genre order.
 */
export function onehotFeatureNames(users: IdIndex, movies: IdIndex, catalog: MovieCatalog): string[] {
  return [...Array.from(users.ids, (id) => `userId_${id}`), ...Array.from(movies.ids, (id) => `movieId_${id}`), ...catalog.genreNames];
}

/** One CSR row per key row; unknown user/movie ids contribute no entry (all-zero block), like `handle_unknown='ignore'`. */
export function onehotMatrix(keys: RowKeys, nUsers: number, nMovies: number, catalog: MovieCatalog, dtype: 'float32' | 'float64'): CsrMatrix {
  const n = keys.histUser.length;
  const gw = catalog.genreNames.length;
  const indptr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const cm = keys.catMovie[i]!;
    let nnz = (keys.histUser[i]! >= 0 ? 1 : 0) + (keys.histMovie[i]! >= 0 ? 1 : 0);
    if (cm >= 0) for (let g = 0; g < gw; g++) nnz += catalog.genres[cm * gw + g]!;
    indptr[i + 1] = indptr[i]! + nnz;
  }
  const nnz = indptr[n]!;
  const indices = new Int32Array(nnz);
  const data = dtype === 'float32' ? new Float32Array(nnz) : new Float64Array(nnz);
  data.fill(1);
  const genreBase = nUsers + nMovies;
  for (let i = 0; i < n; i++) {
    let p = indptr[i]!;
    const u = keys.histUser[i]!;
    const m = keys.histMovie[i]!;
    const cm = keys.catMovie[i]!;
    if (u >= 0) indices[p++] = u;
    if (m >= 0) indices[p++] = nUsers + m;
    if (cm >= 0) for (let g = 0; g < gw; g++) if (catalog.genres[cm * gw + g]) indices[p++] = genreBase + g;
  }
  return { rows: n, cols: genreBase + gw, indptr, indices, data };
}
