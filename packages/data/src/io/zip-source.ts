import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { DataFormatError } from '../errors';
import { messages as msg } from '../messages';
import type { FileSource } from './source';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-directory';

/**
 * A zip read into memory; members are inflated on demand and nothing is extracted to disk.
 * The common case (deflate/stored, no zip64) goes through a small central-directory reader
 * and Node's native inflate; anything else goes through fflate, which also gives the error
 * for a damaged archive.
 */
export async function openZipSource(path: string): Promise<FileSource> {
  // One synchronous read: far less overhead than fs/promises' chunked readFile for big files.
  const bytes = readFileSync(path);
  const zip = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directory = readZipDirectory(zip);
  const byName = new Map<string, ZipEntry>((directory ?? []).map((e) => [e.name, e]));
  const names: string[] = [];
  if (directory) names.push(...byName.keys());
  else guard(path, () => unzipSync(zip, { filter: (f) => (names.push(f.name), false) }));
  const members = names.filter((n) => !n.endsWith('/'));
  return {
    label: path,
    list: () => members,
    read: async (member) => {
      const entry = byName.get(member);
      const fast = entry ? guard(path, () => readZipEntry(zip, entry)) : undefined;
      if (fast) return fast;
      const out = guard(path, () => unzipSync(zip, { filter: (f) => f.name === member }));
      const data = out[member];
      if (data === undefined) throw new DataFormatError('missing-member', path, 0, undefined, msg.missingMember(path, member, 'this dataset'));
      return data;
    },
  };
}

function guard<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new DataFormatError('corrupt-archive', path, 0, undefined, msg.corruptArchive(path, e instanceof Error ? e.message : String(e)), { cause: e });
  }
}
