import path from 'node:path';
import { messages } from './messages';

type Errno = NodeJS.ErrnoException & { path?: string; dest?: string };

const isErrno = (e: unknown): e is Errno => e instanceof Error && typeof (e as Errno).code === 'string' && typeof (e as Errno).syscall === 'string';

/** The first Node system error in `e`'s cause chain (the pipeline and packages wrap them). */
function findErrno(e: unknown): Errno | undefined {
  for (let cur: unknown = e, depth = 0; cur !== undefined && depth < 8; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (isErrno(cur)) return cur;
    // A package's typed error (its own `code`) already says what went wrong in its words.
    if (typeof (cur as { code?: unknown }).code === 'string') return undefined;
  }
  return undefined;
}

/**
 * A file-system error as a sentence naming the path and the fix (`EACCES: permission denied, mkdir
 * '/x'` → "cannot create /x: permission denied. …"), or undefined when `e` is not one.
 */
export function describeFsError(e: unknown): string | undefined {
  const err = findErrno(e);
  if (!err?.path) return undefined;
  const p = err.path;
  const verb =
    (
      {
        mkdir: 'create the directory',
        open: 'open',
        write: 'write',
        rename: 'replace',
        unlink: 'remove',
        rmdir: 'remove',
        copyfile: 'copy to',
        scandir: 'list',
        stat: 'read',
        lstat: 'read',
        access: 'reach',
        symlink: 'link',
      } as Record<string, string>
    )[err.syscall ?? ''] ?? 'use';
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return messages.fsDenied(verb, p);
    case 'EROFS':
      return messages.fsReadOnly(verb, p);
    case 'ENOSPC':
    case 'EDQUOT':
      return messages.fsFull(verb, p);
    case 'ENOTDIR':
      return messages.fsNotDir(verb, p);
    case 'EEXIST':
      return err.syscall === 'mkdir' ? messages.fsIsFile(p) : messages.fsExists(verb, p);
    case 'EISDIR':
      return messages.fsIsDir(verb, p);
    case 'ENOENT':
      return messages.fsMissing(verb, p, path.dirname(p));
    case 'EMFILE':
    case 'ENFILE':
      return messages.fsTooMany(verb, p);
    default:
      return undefined;
  }
}
