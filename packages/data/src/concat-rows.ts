import { InvalidOptionError } from './errors';
import { messages as msg } from './messages';
import { checkArity } from './check-args';

import type { ColumnTable } from './tables';

/**
 * The rows of `a` followed by the rows of `b` (e.g. valid then test): every typed column with one
 * value per row is concatenated; other fields (vocabularies, metadata) are taken from `a`. Both tables
 * must have the same per-row columns with the same element types.
 */
export function concatRows<T extends ColumnTable>(a: T, b: T): T {
  checkArity('concatRows', arguments, ['a', 'b']);
  const out: Record<string, unknown> = {};
  const other = b as unknown as Record<string, unknown>;
  for (const [key, x] of Object.entries(a as unknown as Record<string, unknown>)) {
    if (key === 'length') {
      out[key] = a.length + b.length;
      continue;
    }
    if (!(ArrayBuffer.isView(x) && !(x instanceof DataView) && (x as unknown as ArrayLike<number>).length === a.length)) {
      out[key] = x;
      continue;
    }
    const y = other[key];
    const col = x as unknown as Float64Array;
    if (!(ArrayBuffer.isView(y) && y.constructor === col.constructor && (y as unknown as ArrayLike<number>).length === b.length)) {
      throw new InvalidOptionError(
        key,
        msg.invalidOption(`b.${key}`, y == null ? 'missing' : (y as object).constructor.name, `a ${col.constructor.name} of ${b.length} rows`),
      );
    }
    const joined = new (col.constructor as new (n: number) => Float64Array)(a.length + b.length);
    joined.set(col);
    joined.set(y as unknown as Float64Array, a.length);
    out[key] = joined;
  }
  return out as T;
}
