import path from 'node:path';
import { UnsafePathError } from './errors.js';
import { messages as msg } from './messages.js';

// MLflow's path-traversal CVEs, as one rule set (MLFLOW.md checklist): decode repeatedly
// before checking, then reject control characters, backslashes, '#', ';', absolute paths,
// drive letters and '..' segments. A relative path that survives is joined to its root
// and must still lie inside it.

const MAX_DECODE_ROUNDS = 8;

/** Percent-decodes until stable, so `%252e%252e%252f` is seen as `../`. */
export function decodeFully(value: string): string {
  let current = value;
  for (let i = 0; i < MAX_DECODE_ROUNDS; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      throw new UnsafePathError(value, msg.unsafePath(value, 'malformed percent-encoding'));
    }
    if (next === current) return current;
    current = next;
  }
  throw new UnsafePathError(value, msg.unsafePath(value, 'too many layers of percent-encoding'));
}

/**
 * Validates a relative artifact path (inside a bundle, a run's artifacts, a download)
 * and returns its decoded, '/'-joined segments. The empty path means the root itself.
 */
export function checkRelativePath(value: string): string {
  const decoded = decodeFully(value);
  const fail = (why: string): never => {
    throw new UnsafePathError(value, msg.unsafePath(value, why));
  };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) fail('control characters are not allowed');
  if (decoded.includes('\\')) fail('backslashes are not allowed');
  if (decoded.includes('#')) fail("'#' fragments are not allowed");
  if (decoded.includes(';')) fail("';' path parameters are not allowed");
  if (decoded.startsWith('/')) fail('absolute paths are not allowed');
  if (/^[A-Za-z]:/.test(decoded)) fail('drive letters are not allowed');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(decoded)) fail('a URI scheme is not allowed in a relative path');
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) fail("'..' segments are not allowed");
  return segments.join('/');
}

/** Joins a checked relative path to `root` and proves the result stays inside it. */
export function resolveInside(root: string, relative: string): string {
  const rel = checkRelativePath(relative);
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (full !== base && !full.startsWith(base + path.sep)) {
    throw new UnsafePathError(relative, msg.unsafePath(relative, `resolves outside '${base}'`));
  }
  return full;
}
