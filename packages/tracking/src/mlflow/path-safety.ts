import { lstatSync, realpathSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { messages } from '../messages';
import { decodedForms, unquote } from './percent-decode';
import { checkCall } from '../arguments';

/**
 * The one implementation of path safety for tracking and the registry. The rules are MLflow's
 * path-traversal CVEs (MLFLOW.md checklist): decode repeatedly, then reject NUL and control
 * characters, backslashes, `#`, `;`, absolute POSIX/Windows paths, drive letters, URI schemes and
 * `..` segments; resolve symlinks (realpath) before the "leaves its root" check, for reads and
 * writes; treat `file:`, scheme-less and `//host` locations as local. The table of cases every
 * read and write path is tested with is `TRAVERSAL_CASES` in `@abt/tracking/testing`.
 */

/** Builds the error a caller's package throws for an unsafe path (`why` is one of messages.pathProblem). */
export type UnsafePathReporter = (path: string, why: string) => Error;

const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const why = messages.pathProblem;

/** The reasons path checks give (the `why` of an unsafe-path message), as functions. */
export const PATH_PROBLEMS = messages.pathProblem;

/**
 * Why a relative artifact path (inside a run, a logged model, a bundle, a download) is unsafe,
 * or undefined when it is safe. Every decoded form is checked; the path itself stays literal.
 */
export function relativePathProblem(path: unknown): string | undefined {
  checkCall('relativePathProblem', arguments, 1);
  if (typeof path !== 'string') return why.notAString();
  return problemInForms(path, (form) => {
    if (/^[a-zA-Z]:/.test(form)) return why.driveLetter();
    if (form.startsWith('/')) return why.absolute();
    if (SCHEME.test(form)) return why.scheme();
    return undefined;
  });
}

/** The checks every decoded form of a path or location passes: no control characters, `\\`, `#`, `;` or `..` segment. */
function problemInForms(text: string, extra: (form: string) => string | undefined): string | undefined {
  const forms = decodedForms(text);
  if (!forms) return why.tooDeeplyEncoded();
  for (const form of forms) {
    if (CONTROL.test(form)) return why.controlCharacters();
    if (form.includes('\\')) return why.backslash();
    if (form.includes('#')) return why.fragment();
    if (form.includes(';')) return why.pathParameter();
    const problem = extra(form);
    if (problem) return problem;
    if (form.split('/').includes('..')) return why.dotDot();
  }
  return undefined;
}

/** A safe relative path without `.` and empty segments; `''` is the root itself. */
export function normalizeRelativePath(path: string): string {
  checkCall('normalizeRelativePath', arguments, 1);
  return path
    .split('/')
    .filter((seg) => seg !== '' && seg !== '.')
    .join('/');
}

/**
 * Why an artifact location, artifact URI or model-version source is unsafe, or undefined.
 * Remote URIs are checked as text (MLflow CVE: `http:///#/../../etc/`); local ones also go
 * through {@link PathGuard.localPathOf} and a containment check where a root exists.
 */
export function locationProblem(uri: unknown): string | undefined {
  checkCall('locationProblem', arguments, 1);
  if (typeof uri !== 'string' || uri === '') return why.emptyLocation();
  return problemInForms(uri, () => undefined);
}

/**
 * `local` for `file:`, scheme-less (`/abs`, `rel`, `//host/…`) and one-letter-scheme (drive) forms —
 * MLflow's CVEs came from calling some of those remote and skipping the local checks — else `remote`.
 */
export function locationKind(uri: string): { kind: 'local' | 'remote'; scheme: string } {
  checkCall('locationKind', arguments, 1);
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase() ?? '';
  if (scheme === '' || scheme === 'file' || scheme.length === 1) return { kind: 'local', scheme: scheme || 'file' };
  return { kind: 'remote', scheme };
}

/** True when `child` is `parent` or below it (both absolute, already resolved). */
function within(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * The real path of `p`: symlinks resolved in its longest existing prefix, the rest kept as
 * written (as MLflow's `validate_path_within_directory` resolves the parent of a new file).
 * Undefined when that prefix is a dangling or looping symlink.
 */
function realpathDeep(p: string): string | undefined {
  const tail: string[] = [];
  let head = p;
  for (;;) {
    let exists = true;
    try {
      lstatSync(head);
    } catch {
      exists = false;
    }
    if (exists) {
      try {
        return join(realpathSync(head), ...tail.reverse());
      } catch {
        return undefined;
      }
    }
    const parent = dirname(head);
    if (parent === head) return p;
    tail.push(basename(head));
    head = parent;
  }
}

/** The path-safety functions, throwing the caller package's error. */
export interface PathGuard {
  /** Validates a relative artifact path; returns it normalized (literal, `/`-joined; `''` = root). */
  checkRelativePath(path: string): string;
  /** Joins a checked relative path onto a local root; the result, symlinks resolved, must stay inside it. */
  resolveInsideRoot(root: string, relPath: string): string;
  /** Validates an artifact location / URI / source as text; returns it unchanged. */
  checkLocation(uri: string): string;
  /** The filesystem path of a local location (`/abs`, `rel`, `file:///abs`, `file://localhost/abs`, `//x/abs`). */
  localPathOf(uri: string): string;
  /** True when the local path `target`, symlinks resolved, is `root` or inside it. */
  isInsideRoot(root: string, target: string): boolean;
  /** The files under a local directory (sorted relative paths); a symlink leaving it is refused. */
  listFilesInside(dir: string): Promise<string[]>;
}

/** Binds the rules to a package's error (tracking: TrackingError UNSAFE_PATH; registry: UnsafePathError). */
export function createPathGuard(fail: UnsafePathReporter): PathGuard {
  checkCall('createPathGuard', arguments, 1);
  const checkRelativePath = (path: string): string => {
    const problem = relativePathProblem(path);
    if (problem) throw fail(String(path), problem);
    return normalizeRelativePath(path);
  };
  const checkLocation = (uri: string): string => {
    const problem = locationProblem(uri);
    if (problem) throw fail(String(uri), problem);
    return uri;
  };
  const realOrFail = (p: string, shown: string): string => {
    const real = realpathDeep(p);
    if (real === undefined) throw fail(shown, why.danglingSymlink());
    return real;
  };
  return {
    checkRelativePath,
    checkLocation,
    resolveInsideRoot(root, relPath) {
      const clean = checkRelativePath(relPath);
      const absRoot = resolve(root);
      const target = clean === '' ? absRoot : resolve(absRoot, clean);
      if (!within(absRoot, target)) throw fail(relPath, why.outsideRoot(absRoot));
      if (!within(realOrFail(absRoot, relPath), realOrFail(target, relPath))) throw fail(relPath, why.symlinkOutOfRoot(absRoot));
      return target;
    },
    localPathOf(uri) {
      checkLocation(uri);
      let p = uri;
      if (/^file:/i.test(p)) {
        p = p.slice('file:'.length);
        if (p.startsWith('//')) {
          const end = p.indexOf('/', 2);
          const host = end < 0 ? p.slice(2) : p.slice(2, end);
          if (host !== '' && host !== 'localhost') throw fail(uri, why.fileHost(host));
          p = end < 0 ? '/' : p.slice(end);
        }
        p = unquote(p); // file: URIs are percent-encoded once (MLflow's url2pathname); plain paths are literal
      } else if (SCHEME.test(p) && !/^[a-zA-Z]:/.test(p)) {
        throw fail(uri, why.notLocal());
      }
      if (/^[a-zA-Z]:/.test(p)) throw fail(uri, why.driveLetter());
      // `//host/x` is the local path `/host/x` on POSIX: checked like any other local path.
      return p.startsWith('//') ? p.replace(/^\/+/, '/') : p;
    },
    isInsideRoot(root, target) {
      return within(realOrFail(resolve(root), root), realOrFail(resolve(target), target));
    },
    async listFilesInside(dir) {
      const root = realOrFail(resolve(dir), dir);
      const out: string[] = [];
      const visit = async (current: string): Promise<void> => {
        for (const entry of await readdir(current, { withFileTypes: true })) {
          const full = join(current, entry.name);
          const rel = relative(dir, full).split(sep).join('/');
          let isDir = entry.isDirectory();
          if (entry.isSymbolicLink()) {
            const real = realpathDeep(full);
            if (real === undefined) throw fail(rel, why.danglingSymlink());
            if (!within(root, real)) throw fail(rel, why.symlinkOutOfRoot(dir));
            isDir = (await lstat(real)).isDirectory();
          }
          if (isDir) await visit(full);
          else out.push(rel);
        }
      };
      await visit(dir);
      return out.sort();
    },
  };
}
