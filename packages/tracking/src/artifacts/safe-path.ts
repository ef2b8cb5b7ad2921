import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { TrackingError } from '../errors';
import { messages } from '../messages';

/**
 * The one place where artifact paths are checked, for what abt writes and what it downloads.
 * The checklist is MLflow's own path-traversal CVEs (see MLFLOW.md): decode repeatedly,
 * reject NUL/control characters, `..`, absolute POSIX/Windows paths, drive letters,
 * backslashes, `#`, `;`, and anything whose resolved form leaves its root (symlinks included).
 */

function unsafe(path: string, why: string): TrackingError {
  return new TrackingError('UNSAFE_PATH', messages.unsafePath(path, why));
}

/** Percent-decodes until stable, so `%252e%252e%252f` is seen as `../`. */
function decodeFully(path: string): string {
  let current = path;
  for (let i = 0; i < 8; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current; // a lone '%' is not an encoding; check the text as it is
    }
    if (next === current) return current;
    current = next;
  }
  throw unsafe(path, 'percent-encoded more than 8 levels deep');
}

/**
 * Validates a relative artifact path and returns it normalized (`/`-separated, no `.` or empty
 * segments; `''` for the root). Throws a TrackingError with code UNSAFE_PATH otherwise.
 */
export function checkArtifactPath(path: string): string {
  if (typeof path !== 'string') throw unsafe(String(path), 'not a string');
  for (const form of new Set([path, decodeFully(path)])) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(form)) throw unsafe(path, 'contains NUL or control characters');
    if (form.includes('\\')) throw unsafe(path, 'contains a backslash');
    if (form.includes('#')) throw unsafe(path, "contains '#' (a URL fragment can hide traversal)");
    if (form.includes(';')) throw unsafe(path, "contains ';' (a path parameter can hide traversal)");
    if (/^[a-zA-Z]:/.test(form)) throw unsafe(path, 'starts with a drive letter');
    if (form.startsWith('/') || isAbsolute(form)) throw unsafe(path, 'is absolute');
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(form)) throw unsafe(path, 'has a URI scheme');
    if (form.split('/').some((seg) => seg === '..')) throw unsafe(path, "contains a '..' segment");
  }
  return path
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.')
    .join('/');
}

/**
 * Joins a checked relative path onto a local root and proves the result stays inside it,
 * following symlinks of the deepest existing ancestor (a link inside the root that points
 * outside is rejected).
 */
export function resolveInsideRoot(root: string, relPath: string): string {
  const clean = checkArtifactPath(relPath);
  const absRoot = resolve(root);
  const target = clean === '' ? absRoot : resolve(absRoot, clean);
  if (target !== absRoot && !target.startsWith(absRoot + sep)) throw unsafe(relPath, `resolves outside ${absRoot}`);
  const realRoot = existsSync(absRoot) ? realpathSync(absRoot) : absRoot;
  let probe = target;
  while (!existsSync(probe) && probe !== absRoot && dirname(probe) !== probe) probe = dirname(probe);
  if (existsSync(probe)) {
    const real = realpathSync(probe);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) throw unsafe(relPath, `follows a symlink out of ${absRoot}`);
  }
  return target;
}

/**
 * Checks an artifact URI or experiment artifact location before abt writes to it. Local forms
 * (`file:`, scheme-less, `//host`) are treated as local paths; remote forms must not carry
 * traversal, fragments or NULs (MLflow CVE: `http:///#/../../etc/`).
 */
export function checkArtifactLocation(uri: string): void {
  if (typeof uri !== 'string' || uri === '') throw unsafe(String(uri), 'empty artifact location');
  const decoded = decodeFully(uri);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) throw unsafe(uri, 'contains NUL or control characters');
  if (decoded.includes('#')) throw unsafe(uri, "contains '#'");
  if (decoded.includes(';')) throw unsafe(uri, "contains ';'");
  const pathPart = decoded.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:(\/\/[^/]*)?/, '');
  if (pathPart.split(/[\\/]/).some((seg) => seg === '..')) throw unsafe(uri, "contains a '..' segment");
}
