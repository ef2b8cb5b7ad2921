/** The saved-tables manifest (`tables.json`): format tag + version, then one node per value. */
export const TABLES_FORMAT = 'abt-tables';
export const TABLES_VERSION = 1;
export const MANIFEST_FILE = 'tables.json';

export const DTYPES = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

export type Dtype = keyof typeof DTYPES;

/**
 * One saved value: a typed column in its own raw little-endian file, a dictionary column
 * (codes file + values inline), a nested object, or any JSON value inline.
 */
export type ManifestNode =
  | { readonly kind: 'typed'; readonly dtype: Dtype; readonly length: number; readonly file: string }
  | { readonly kind: 'dict'; readonly length: number; readonly file: string; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, ManifestNode>> }
  | { readonly kind: 'json'; readonly value: unknown };

export type Manifest = {
  readonly format: typeof TABLES_FORMAT;
  readonly version: number;
  /** ISO time the tables were written (informational). */
  readonly createdAt?: string;
  readonly tables: Readonly<Record<string, ManifestNode>>;
};

export function dtypeOf(a: ArrayBufferView): Dtype | undefined {
  for (const [name, Ctor] of Object.entries(DTYPES)) if (a instanceof Ctor) return name as Dtype;
  return undefined;
}
