import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { TrackingError } from '../errors';
import { messages } from '../messages';

/**
 * Lists the files under a local directory (relative `/` paths, sorted). A symlink whose target
 * leaves the directory is rejected, so `logArtifacts` never uploads files from elsewhere.
 */
export async function listFilesRecursive(dir: string): Promise<string[]> {
  const root = await realpath(dir);
  const out: string[] = [];
  async function visit(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = join(current, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const real = await realpath(full);
        if (real !== root && !real.startsWith(root + sep)) {
          throw new TrackingError('UNSAFE_PATH', messages.unsafePath(relative(dir, full), `symlink points outside ${dir}`));
        }
        isDir = (await lstat(real)).isDirectory();
      }
      if (isDir) await visit(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  }
  await visit(dir);
  return out.sort();
}
