/**
 * Training matrix in bins. Dense input → one column-major Uint8/Uint16 array per feature.
 * CSR input → never densified: each feature keeps only rows whose bin differs from the bin of
 * zero (its implicit bin), column-wise for partitioning and row-wise for histogram building.
 */
import type { CsrMatrix, DenseMatrix, Matrix } from '../../matrix';
import { isCsr } from '../../matrix';
import { LgbRandom } from '../sampling/random';
import { binColumns, columnBinner } from './bin-column';
import { findBins, K_ZERO, valueToBin, type BinMapper, type BinOptions } from './bin-mapper';
import { binColumn, type BinColumn, type BinRows } from './bin-rows';
import { shareableBuffer } from '../parallel/shared-buffer';
import type { WasmArena } from '../parallel/wasm-arena';

export type BinnedDataset = BinRows & {
  readonly numRows: number;
  readonly numFeatures: number;
  readonly mappers: readonly BinMapper[];
  /** Feature f's bins occupy global histogram slots [binOffsets[f], binOffsets[f+1]). */
  readonly binOffsets: Int32Array;
  readonly totalBins: number;
  /** Non-trivial features, ascending. */
  readonly usable: readonly number[];
  /** Dense column per feature, or null when the feature is stored sparsely (see BinRows). */
  readonly dense: readonly (BinColumn | null)[];
  readonly denseFeatures: Int32Array;
  readonly sparseFeatures: Int32Array;
  /** Sparse column f (null when dense): rows (ascending) whose bin is not zero's, and their bins (for partitions). */
  readonly colRows: readonly (Int32Array | null)[];
  readonly colBins: readonly (Uint16Array | null)[];
  /** Row-wise view of the sparse part: global histogram slot of each non-implicit entry. */
  readonly rowPtr: Int32Array;
  readonly rowSlots: Int32Array;
};

export type DatasetOptions = Omit<BinOptions, 'filterCnt'> & {
  minDataInLeaf: number;
  sampleCnt: number;
  dataRandomSeed: number;
  /** LightGBM `max_bin_by_feature`: per feature, instead of `maxBin` (empty: none). */
  maxBinByFeature: readonly number[];
};

/** Feature f's binning (LightGBM `DatasetLoader`: the pre-filter's row count is min_data_in_leaf scaled to the sample). */
const binOptions =
  (o: DatasetOptions, sampleSize: number, n: number) =>
  (f: number): BinOptions => ({
    maxBin: o.maxBinByFeature[f] ?? o.maxBin,
    minDataInBin: o.minDataInBin,
    preFilter: o.preFilter,
    useMissing: o.useMissing,
    zeroAsMissing: o.zeroAsMissing,
    filterCnt: Math.trunc((o.minDataInLeaf * sampleSize) / n),
  });

/** LightGBM samples only values with |v| > kZeroThreshold (or NaN); the rest count as zeros. */
const isSampled = (v: number) => !(Math.abs(v) <= K_ZERO);

/** LightGBM samples `bin_construct_sample_cnt` rows with `Random(data_random_seed)`. */
function sampleRows(n: number, o: DatasetOptions): Int32Array {
  if (n <= o.sampleCnt) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from(new LgbRandom(o.dataRandomSeed).sample(n, o.sampleCnt));
}

function offsetsOf(mappers: readonly BinMapper[]): Int32Array {
  const off = new Int32Array(mappers.length + 1);
  for (let f = 0; f < mappers.length; f++) off[f + 1] = off[f]! + mappers[f]!.numBin;
  return off;
}

const usableOf = (mappers: readonly BinMapper[]) => mappers.flatMap((m, f) => (m.isTrivial ? [] : [f]));

/** `X` in bins; dense columns go into `arena` when given (see wasm-arena.ts). */
export function binDataset(X: Matrix, o: DatasetOptions, arena?: WasmArena): BinnedDataset {
  return isCsr(X) ? binCsr(X, o, arena) : binDense(X, o, arena);
}

function binDense(X: DenseMatrix, o: DatasetOptions, arena: WasmArena | undefined): BinnedDataset {
  const { rows: n, cols, data } = X;
  const sample = sampleRows(n, o);
  const mappers: BinMapper[] = [];
  const dense: (Uint8Array | Uint16Array)[] = [];
  // sampled non-zeros per feature, read row by row (contiguous) instead of column by column, for
  // as many features at a time as fit a 64 MB buffer
  const S = sample.length;
  const bo = binOptions(o, S, n);
  const span = Math.max(1, Math.min(cols, Math.floor(8_000_000 / Math.max(1, S))));
  const buf = new Float64Array(S * span);
  const nnz = new Int32Array(span);
  for (let f = 0; f < cols; f++) {
    const f0 = f - (f % span);
    if (f === f0) {
      const f1 = Math.min(cols, f0 + span);
      nnz.fill(0);
      for (let i = 0; i < S; i++) {
        const base = sample[i]! * cols;
        for (let g = f0; g < f1; g++) {
          const v = data[base + g]!;
          if (isSampled(v)) buf[(g - f0) * S + nnz[g - f0]!++] = v;
        }
      }
    }
    const j = f - f0;
    const m = findBins(buf.subarray(j * S, j * S + nnz[j]!), S, bo(f));
    mappers.push(m);
    dense.push(binColumn(n, m.numBin, arena));
  }
  binColumns(
    mappers.map((m) => (m.isTrivial ? null : columnBinner(m))),
    data,
    n,
    cols,
    dense,
  );
  const off = offsetsOf(mappers);
  return {
    rows: n,
    numRows: n,
    numFeatures: cols,
    mappers,
    binOffsets: off,
    totalBins: off[cols]!,
    usable: usableOf(mappers),
    dense,
    denseFeatures: Int32Array.from({ length: cols }, (_, f) => f),
    sparseFeatures: new Int32Array(0),
    colRows: dense.map(() => null),
    colBins: dense.map(() => null),
    rowPtr: new Int32Array(shareableBuffer(4 * (n + 1))),
    rowSlots: new Int32Array(shareableBuffer(0)),
  };
}

function binCsr(X: CsrMatrix, o: DatasetOptions, arena: WasmArena | undefined): BinnedDataset {
  const { rows: n, cols, indptr, indices, data } = X;
  const sample = sampleRows(n, o);
  // sampled non-zeros per column (two passes: count, then fill)
  const cnt = new Int32Array(cols + 1);
  for (const r of sample) for (let k = indptr[r]!; k < indptr[r + 1]!; k++) if (isSampled(data[k]!)) cnt[indices[k]! + 1]!++;
  for (let f = 0; f < cols; f++) cnt[f + 1]! += cnt[f]!;
  const vals = new Float64Array(cnt[cols]!);
  const pos = cnt.slice(0, cols);
  for (const r of sample) for (let k = indptr[r]!; k < indptr[r + 1]!; k++) if (isSampled(data[k]!)) vals[pos[indices[k]!]!++] = data[k]!;
  const bo = binOptions(o, sample.length, n);
  const mappers = Array.from({ length: cols }, (_, f) => findBins(vals.subarray(cnt[f]!, cnt[f + 1]!), sample.length, bo(f)));
  const off = offsetsOf(mappers);
  // entries whose bin is not the feature's implicit (zero) bin, for usable features only
  const nnzCol = new Int32Array(cols);
  const binOfEntry = new Int32Array(indices.length).fill(-1);
  for (let r = 0; r < n; r++) {
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const f = indices[k]!;
      const m = mappers[f]!;
      if (m.isTrivial) continue;
      const b = valueToBin(m, data[k]!);
      if (b === m.defaultBin) continue;
      binOfEntry[k] = b;
      nnzCol[f]!++;
    }
  }
  // like LightGBM's sparse_threshold (0.8): a column with >= 20 % explicit entries is stored dense
  // and so is one whose most frequent bin is not zero's (the implicit bin must be both, see BinMapper.mostFreqBin)
  const isDense = Array.from({ length: cols }, (_, f) => nnzCol[f]! >= 0.2 * n || mappers[f]!.mostFreqBin !== mappers[f]!.defaultBin);
  const dense = mappers.map((m, f) => {
    if (!isDense[f]) return null;
    const col = binColumn(n, m.numBin, arena);
    return col.fill(m.defaultBin);
  });
  // shared: score jobs walk out-of-bag rows over them
  const rowPtr = new Int32Array(shareableBuffer(4 * (n + 1)));
  for (let r = 0; r < n; r++) {
    let c = 0;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) if (binOfEntry[k]! >= 0 && !isDense[indices[k]!]) c++;
    rowPtr[r + 1] = rowPtr[r]! + c;
  }
  const rowSlots = new Int32Array(shareableBuffer(4 * rowPtr[n]!));
  const colRows = mappers.map((_, f) => (isDense[f] ? null : new Int32Array(nnzCol[f]!)));
  const colBins = mappers.map((_, f) => (isDense[f] ? null : new Uint16Array(nnzCol[f]!)));
  const fill = new Int32Array(cols);
  for (let r = 0, p = 0; r < n; r++) {
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const b = binOfEntry[k]!;
      if (b < 0) continue;
      const f = indices[k]!;
      const d = dense[f];
      if (d) {
        d[r] = b;
        continue;
      }
      rowSlots[p++] = off[f]! + b;
      const j = fill[f]!++;
      colRows[f]![j] = r;
      colBins[f]![j] = b;
    }
  }
  const all = Array.from({ length: cols }, (_, f) => f);
  return {
    rows: n,
    numRows: n,
    numFeatures: cols,
    mappers,
    binOffsets: off,
    totalBins: off[cols]!,
    usable: usableOf(mappers),
    dense,
    denseFeatures: Int32Array.from(all.filter((f) => isDense[f])),
    sparseFeatures: Int32Array.from(all.filter((f) => !isDense[f])),
    colRows,
    colBins,
    rowPtr,
    rowSlots,
  };
}
