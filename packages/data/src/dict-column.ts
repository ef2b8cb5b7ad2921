import type { DictColumn } from './tables';

/** Whether a table's field is a dictionary-encoded string column. */
export function isDictColumn(v: unknown): v is DictColumn {
  return typeof v === 'object' && v !== null && 'codes' in v && 'values' in v && (v as DictColumn).codes instanceof Int32Array;
}
