import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { TablesFormatError } from '../errors';
import { messages as msg } from '../messages';
import { DTYPES, MANIFEST_FILE, TABLES_FORMAT, TABLES_VERSION, type ManifestNode } from './manifest';
import { checkArity } from '../check-args';

/**
 * Reads tables written by `saveTables`. Throws `TablesFormatError` naming the manifest or
 * column file when the manifest is unreadable, of an unknown version, or a column file has
 * the wrong size.
 */
export async function loadTables<T extends Record<string, unknown> = Record<string, Record<string, unknown>>>(dir: string): Promise<T> {
  checkArity('loadTables', arguments, ['dir']);
  const manifestPath = path.join(dir, MANIFEST_FILE);
  let manifest: { format?: unknown; version?: unknown; tables?: unknown };
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as typeof manifest;
  } catch (e) {
    throw new TablesFormatError(manifestPath, msg.tablesManifest(manifestPath, e instanceof Error ? e.message : String(e)), { cause: e });
  }
  if (typeof manifest !== 'object' || manifest === null || manifest.format !== TABLES_FORMAT) {
    throw new TablesFormatError(manifestPath, msg.tablesManifest(manifestPath, `format is not "${TABLES_FORMAT}"`));
  }
  if (manifest.version !== TABLES_VERSION) {
    throw new TablesFormatError(manifestPath, msg.tablesVersion(manifestPath, manifest.version, TABLES_VERSION));
  }
  if (typeof manifest.tables !== 'object' || manifest.tables === null) {
    throw new TablesFormatError(manifestPath, msg.tablesManifest(manifestPath, 'no "tables" object'));
  }
  const decode = async (node: ManifestNode, where: string): Promise<unknown> => {
    switch (node?.kind) {
      case 'json':
        return node.value;
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, child] of Object.entries(node.fields ?? {})) out[k] = await decode(child, `${where}.${k}`);
        return out;
      }
      case 'typed':
        return readColumn(dir, node.file, node.dtype, node.length, manifestPath, where);
      case 'dict':
        return { codes: await readColumn(dir, node.file, 'int32', node.length, manifestPath, where), values: node.values };
      default:
        throw new TablesFormatError(manifestPath, msg.tablesManifest(manifestPath, `entry ${where} has an unknown kind`));
    }
  };
  const out: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(manifest.tables as Record<string, ManifestNode>)) out[name] = await decode(node, name);
  return out as T;
}

async function readColumn(
  dir: string,
  file: string,
  dtype: keyof typeof DTYPES,
  length: number,
  manifestPath: string,
  where: string,
): Promise<ArrayBufferView> {
  const Ctor = DTYPES[dtype];
  if (!Ctor || typeof file !== 'string' || path.basename(file) !== file || !Number.isInteger(length) || length < 0) {
    throw new TablesFormatError(manifestPath, msg.tablesManifest(manifestPath, `entry ${where} is malformed`));
  }
  const full = path.join(dir, file);
  const bytes = await readFile(full).catch(() => {
    throw new TablesFormatError(full, msg.tablesColumn(full, `column ${where} is missing`));
  });
  const expected = length * Ctor.BYTES_PER_ELEMENT;
  if (bytes.length !== expected) {
    throw new TablesFormatError(full, msg.tablesColumn(full, `column ${where} has ${bytes.length} bytes, expected ${expected}`));
  }
  // Copy into a fresh, aligned buffer (file buffers may sit at any offset).
  const out = new Ctor(length);
  const view = new Uint8Array(out.buffer);
  view.set(bytes);
  const w = Ctor.BYTES_PER_ELEMENT;
  if (endianness() === 'BE' && w > 1) {
    for (let i = 0; i < view.length; i += w) view.subarray(i, i + w).reverse();
  }
  return out;
}
