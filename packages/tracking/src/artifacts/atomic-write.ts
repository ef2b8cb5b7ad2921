import { mkdir, rename, rm, writeFile, copyFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { checkCall } from '../arguments';

function tempNameFor(target: string): string {
  // Same directory as the target so the rename is atomic on one filesystem.
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Writes to a temp name in the target's directory, then renames: readers never see half a file. */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  checkCall('writeFileAtomic', arguments, 2);
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Copies a file via a temp name and a rename. */
export async function copyFileAtomic(source: string, target: string): Promise<void> {
  checkCall('copyFileAtomic', arguments, 2);
  await mkdir(dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  try {
    await copyFile(source, tmp);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
