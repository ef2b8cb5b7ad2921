import { isDictColumn } from './dict-column';
import type { ColumnTable } from './tables';
import { InvalidOptionError } from './errors';
import { messages as msg } from './messages';
import { checkArity } from './check-args';

type TypedArray = Int32Array | Uint8Array | Float32Array | Float64Array | Uint32Array | Int8Array | Int16Array | Uint16Array;

function isTyped(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

function checkIndices(indices: ArrayLike<number>, n: number): void {
  // Int32Array entries are integers already; only the bounds need checking.
  const ints = indices instanceof Int32Array;
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (!(k >= 0 && k < n && (ints || Number.isInteger(k)))) {
      throw new InvalidOptionError('indices', msg.invalidOption(`indices[${i}]`, k, `a row index in 0 … ${n - 1}`));
    }
  }
}

// One loop per element type keeps each loop monomorphic (a shared generic loop is several times slower).
function gatherI32(col: Int32Array, idx: ArrayLike<number>): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < out.length; i++) out[i] = col[idx[i]!]!;
  return out;
}
function gatherF32(col: Float32Array, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length);
  for (let i = 0; i < out.length; i++) out[i] = col[idx[i]!]!;
  return out;
}
function gatherF64(col: Float64Array, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let i = 0; i < out.length; i++) out[i] = col[idx[i]!]!;
  return out;
}
function gatherU8(col: Uint8Array, idx: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < out.length; i++) out[i] = col[idx[i]!]!;
  return out;
}

function gather<A extends TypedArray>(col: A, indices: ArrayLike<number>, stride: number): A {
  if (stride === 1) {
    if (col instanceof Int32Array) return gatherI32(col, indices) as A;
    if (col instanceof Float32Array) return gatherF32(col, indices) as A;
    if (col instanceof Float64Array) return gatherF64(col, indices) as A;
    if (col instanceof Uint8Array) return gatherU8(col, indices) as A;
  }
  const out = new (col.constructor as new (n: number) => A)(indices.length * stride);
  if (stride === 1) {
    for (let i = 0; i < indices.length; i++) out[i] = col[indices[i]!]!;
  } else {
    for (let i = 0; i < indices.length; i++) out.set(col.subarray(indices[i]! * stride, indices[i]! * stride + stride), i * stride);
  }
  return out;
}

/**
 * The rows at `indices` (in that order) of any columnar table: typed columns of `length` rows
 * (or `length * k` for row-major blocks like `genres`), string arrays and dictionary columns are
 * gathered; everything else (vocabularies, metadata) is carried over unchanged.
 */
export function takeRows<T extends ColumnTable>(table: T, indices: ArrayLike<number>): T {
  checkArity('takeRows', arguments, ['table', 'indices']);
  const n = table.length;
  checkIndices(indices, n);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table as unknown as Record<string, unknown>)) {
    if (key === 'length') out[key] = indices.length;
    else if (isTyped(value) && n > 0 && value.length > 0 && value.length % n === 0) {
      out[key] = gather(value, indices, value.length / n);
    } else if (Array.isArray(value) && value.length === n && n > 0) {
      out[key] = Array.from(indices, (i) => value[i]);
    } else if (isDictColumn(value) && value.codes.length === n) {
      out[key] = { codes: gather(value.codes, indices, 1), values: value.values };
    } else out[key] = value;
  }
  return out as T;
}
