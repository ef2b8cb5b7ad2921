// Optional adapter between @abt/data's columnar tables and danfojs-node DataFrames.
// danfojs-node is an optional peer dependency; only this subpath imports it.
import * as danfo from 'danfojs-node';
import { isDictColumn } from '../dict-column';
import type { ColumnTable, DictColumn, LabeledRatings, RatingsTable } from '../tables';
import { checkArity, checkKeys, keysOf } from '../check-args';

type DataFrame = InstanceType<typeof danfo.DataFrame>;

// A CommonJS package seen from ESM: named exports may sit on `default`.
const dfd = ((danfo as unknown as { DataFrame?: unknown }).DataFrame ? danfo : (danfo as unknown as { default: typeof danfo }).default) as typeof danfo;

/**
 * A DataFrame with one column per table column: typed columns as numbers, dictionary
 * columns and string arrays as strings, and row-major blocks (`genres`) expanded into one
 * 0/1 column per name of the sibling `<key>Names` vocabulary (`genreNames`), else `<key>_<j>`.
 */
export function toDataFrame(table: ColumnTable): DataFrame {
  checkArity('toDataFrame', arguments, ['table']);
  const n = table.length;
  const data: Record<string, unknown[]> = {};
  const entries = Object.entries(table as unknown as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const col = value as unknown as ArrayLike<number>;
      if (col.length === n) data[key] = Array.from(col);
      else if (n > 0 && col.length % n === 0) {
        const k = col.length / n;
        const names = (table as unknown as Record<string, unknown>)[`${key.replace(/s$/, '')}Names`];
        for (let j = 0; j < k; j++) {
          const name = Array.isArray(names) && names.length === k ? String(names[j]) : `${key}_${j}`;
          data[name] = Array.from({ length: n }, (_, i) => col[i * k + j]!);
        }
      }
    } else if (isDictColumn(value) && value.codes.length === n) {
      data[key] = Array.from(value.codes, (c) => value.values[c]);
    } else if (Array.isArray(value) && value.length === n && key !== 'genreNames') {
      data[key] = [...value];
    }
  }
  return new dfd.DataFrame(data);
}

export type FromDataFrameOptions = {
  /**
   * 'auto' (default): a frame with userId, movieId, rating, timestamp becomes a RatingsTable
   * (LabeledRatings with a label column) with the exact column types; anything else becomes a
   * generic table (int → Int32Array, float → Float64Array, bool → Uint8Array, string → DictColumn).
   */
  readonly kind?: 'auto' | 'generic';
};
const FROM_DATA_FRAME_OPTIONS = keysOf<FromDataFrameOptions>({ kind: true });

export function fromDataFrame(df: DataFrame, options: FromDataFrameOptions = {}): RatingsTable | LabeledRatings | Record<string, unknown> {
  checkArity('fromDataFrame', arguments, ['df', 'options']);
  checkKeys('fromDataFrame', 'options', options, FROM_DATA_FRAME_OPTIONS);
  const columns = df.columns as string[];
  const n = df.shape[0] as number;
  const values = (c: string) => df.column(c).values as unknown[];
  const has = (c: string) => columns.includes(c);
  if ((options.kind ?? 'auto') === 'auto' && ['userId', 'movieId', 'rating', 'timestamp'].every(has)) {
    const ratings: RatingsTable = {
      length: n,
      userId: Int32Array.from(values('userId') as number[]),
      movieId: Int32Array.from(values('movieId') as number[]),
      rating: Float32Array.from(values('rating') as number[]),
      timestamp: Float64Array.from(values('timestamp') as number[]),
    };
    return has('label') ? { ...ratings, label: Uint8Array.from(values('label') as number[]) } : ratings;
  }
  const out: Record<string, unknown> = { length: n };
  const dtypes = df.dtypes as string[];
  columns.forEach((c, j) => {
    const v = values(c);
    const t = dtypes[j];
    if (t === 'int32') out[c] = Int32Array.from(v as number[]);
    else if (t === 'float32') out[c] = Float64Array.from(v as number[]);
    else if (t === 'boolean') out[c] = Uint8Array.from(v as boolean[], (b) => (b ? 1 : 0));
    else {
      const index = new Map<string, number>();
      const codes = Int32Array.from(v, (s) => {
        const key = String(s);
        let code = index.get(key);
        if (code === undefined) index.set(key, (code = index.size));
        return code;
      });
      out[c] = { codes, values: [...index.keys()] } satisfies DictColumn;
    }
  });
  return out;
}
