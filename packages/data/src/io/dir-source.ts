import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { FileSource } from './source';

/** An extracted dataset directory; members are listed two levels deep (zips nest one folder). */
export async function openDirSource(dir: string): Promise<FileSource> {
  const members: string[] = [];
  async function walk(rel: string, depth: number): Promise<void> {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (depth < 2) await walk(child, depth + 1);
      } else if (e.isFile()) members.push(child);
    }
  }
  await walk('', 0);
  members.sort();
  return {
    label: dir,
    list: () => members,
    read: async (member) => {
      const b = readFileSync(path.join(dir, ...member.split('/')));
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    },
  };
}
