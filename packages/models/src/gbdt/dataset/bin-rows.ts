/**
 * Rows in the training data's bins, as the training threads read them: a dense column per dense
 * feature, and for the sparse ones a row-wise list of each row's entries whose bin is not zero's
 * (as global histogram slots, `binOffsets[f] + bin`; a row holds few of them). The training data
 * is one (`BinnedDataset`); a valid set binned with the training mappers is another (LightGBM: a
 * valid Dataset built with `reference=train`), so a new tree reaches both by the same bin
 * comparisons.
 */
import { isCsr, type Matrix } from '../../matrix';
import { shareableBuffer } from '../parallel/shared-buffer';
import type { WasmArena } from '../parallel/wasm-arena';
import { binColumns, columnBinner } from './bin-column';
import { valueToBin, type BinMapper } from './bin-mapper';

export type BinColumn = Uint8Array | Uint16Array;

export type BinRows = {
  readonly rows: number;
  /** Dense column per feature, or null (sparse, or a feature no tree uses). */
  readonly dense: readonly (BinColumn | null)[];
  /** Row r's sparse entries are `rowSlots[rowPtr[r], rowPtr[r + 1])`: global slots of bins other than zero's. */
  readonly rowPtr: Int32Array;
  readonly rowSlots: Int32Array;
};

/** A dense bin column in shared memory, so training workers read it in place (in `arena` when given and it has room, for the histogram kernel). */
export function binColumn(n: number, numBin: number, arena?: WasmArena): BinColumn {
  if (numBin <= 256) return arena?.u8(n) ?? new Uint8Array(shareableBuffer(n));
  return arena?.u16(n) ?? new Uint16Array(shareableBuffer(2 * n));
}

/** What another matrix needs to be binned like the training data. */
export type BinLayout = {
  readonly mappers: readonly BinMapper[];
  readonly binOffsets: Int32Array;
  /** Non-trivial features (the others are never split on and stay unbinned). */
  readonly usable: readonly number[];
  /** Features the training data stores dense (the others sparse). */
  readonly dense: readonly (BinColumn | null)[];
};

/**
 * `X` (dense or CSR) in the training bins: a feature is stored as the training data stores it (all
 * dense for dense X); dense columns in `arena` when given (the valid rows' lane walk reads them there).
 */
export function binRowsLike(X: Matrix, layout: BinLayout, arena?: WasmArena): BinRows {
  const { mappers, binOffsets } = layout;
  const usable = new Set(layout.usable);
  const dense = mappers.map((m, f) => (usable.has(f) && (layout.dense[f] || !isCsr(X)) ? binColumn(X.rows, m.numBin, arena) : null));
  if (!isCsr(X)) {
    binColumns(
      mappers.map((m, f) => (dense[f] ? columnBinner(m) : null)),
      X.data,
      X.rows,
      X.cols,
      dense,
    );
    return { rows: X.rows, dense, rowPtr: new Int32Array(X.rows + 1), rowSlots: new Int32Array(0) };
  }
  const { indptr, indices, data } = X;
  for (let f = 0; f < mappers.length; f++) dense[f]?.fill(mappers[f]!.defaultBin);
  // bins of the sparse features' entries, counted per row first (-1: zero's bin, not listed)
  const slotOf = new Int32Array(indices.length).fill(-1);
  const rowPtr = new Int32Array(shareableBuffer(4 * (X.rows + 1)));
  for (let r = 0; r < X.rows; r++) {
    let c = 0;
    for (let k = indptr[r]!; k < indptr[r + 1]!; k++) {
      const f = indices[k]!;
      if (!usable.has(f)) continue;
      const m = mappers[f]!;
      const b = valueToBin(m, data[k]!);
      const col = dense[f];
      if (col) col[r] = b;
      else if (b !== m.defaultBin) {
        slotOf[k] = binOffsets[f]! + b;
        c++;
      }
    }
    rowPtr[r + 1] = rowPtr[r]! + c;
  }
  const rowSlots = new Int32Array(shareableBuffer(4 * rowPtr[X.rows]!));
  for (let k = 0, p = 0; k < slotOf.length; k++) if (slotOf[k]! >= 0) rowSlots[p++] = slotOf[k]!;
  return { rows: X.rows, dense, rowPtr, rowSlots };
}
