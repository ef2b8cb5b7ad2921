import { mkdir, rename, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { InvalidOptionError } from '../errors';
import { messages as msg } from '../messages';
import { DTYPES, MANIFEST_FILE, TABLES_FORMAT, TABLES_VERSION, dtypeOf, type Manifest, type ManifestNode } from './manifest';
import { checkArity } from '../check-args';

/** Raw little-endian bytes of a typed array (a byte-swapped copy on big-endian hosts). */
function littleEndianBytes(a: ArrayBufferView & { BYTES_PER_ELEMENT: number }): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const w = a.BYTES_PER_ELEMENT;
  if (endianness() === 'LE' || w === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += w) for (let k = 0; k < w; k++) out[i + k] = bytes[i + w - 1 - k]!;
  return out;
}

function isDict(v: object): v is { codes: Int32Array; values: readonly string[] } {
  return 'codes' in v && 'values' in v && v.codes instanceof Int32Array && Array.isArray(v.values) && Object.keys(v).length === 2;
}

/**
 * Writes named tables (any plain objects of typed columns, dictionary columns, nested objects
 * such as a `Split`, and JSON values) to `dir`: one raw little-endian file per typed column and
 * a versioned `tables.json` manifest, written last and renamed into place, so a reader never
 * sees a half-written set.
 */
export async function saveTables(dir: string, record: Readonly<Record<string, object>>): Promise<void> {
  checkArity('saveTables', arguments, ['dir', 'record']);
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  const writes: Promise<void>[] = [];
  const fileFor = (keyPath: string[]) => {
    const base = keyPath.join('.').replace(/[^A-Za-z0-9_.-]/g, '_');
    let name = `${base}.bin`;
    for (let i = 2; used.has(name); i++) name = `${base}.${i}.bin`;
    used.add(name);
    return name;
  };
  const encode = (value: unknown, keyPath: string[]): ManifestNode | undefined => {
    if (value === undefined || typeof value === 'function') return undefined;
    if (ArrayBuffer.isView(value)) {
      const dtype = dtypeOf(value);
      if (!dtype) throw new InvalidOptionError(keyPath.join('.'), msg.invalidOption(keyPath.join('.'), value.constructor.name, Object.keys(DTYPES).join(', ')));
      const file = fileFor(keyPath);
      const typed = value as unknown as ArrayBufferView & { BYTES_PER_ELEMENT: number; length: number };
      writes.push(writeFile(path.join(dir, file), littleEndianBytes(typed)));
      return { kind: 'typed', dtype, length: typed.length, file };
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (isDict(value)) {
        const file = fileFor(keyPath);
        writes.push(writeFile(path.join(dir, file), littleEndianBytes(value.codes)));
        return { kind: 'dict', length: value.codes.length, file, values: [...value.values] };
      }
      const fields: Record<string, ManifestNode> = {};
      for (const [k, v] of Object.entries(value)) {
        const node = encode(v, [...keyPath, k]);
        if (node) fields[k] = node;
      }
      return { kind: 'object', fields };
    }
    return { kind: 'json', value };
  };
  const tables: Record<string, ManifestNode> = {};
  for (const [name, table] of Object.entries(record)) {
    const node = encode(table, [name]);
    if (node) tables[name] = node;
  }
  await Promise.all(writes);
  const manifest: Manifest = { format: TABLES_FORMAT, version: TABLES_VERSION, createdAt: new Date().toISOString(), tables };
  const tmp = path.join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(manifest));
  await rename(tmp, path.join(dir, MANIFEST_FILE));
}
