import { InvalidUriError, UnsafePathError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { checkRelativePath, decodeFully } from '../safe-path.js';

/** A parsed `models:/` URI: exactly one of id, version, stage, latest or alias (MLflow's `_parse_model_uri`). */
export type ModelUri =
  | { kind: 'logged-model'; modelId: string }
  | { kind: 'version'; name: string; version: string }
  | { kind: 'alias'; name: string; alias: string }
  | { kind: 'stage'; name: string; stage: string }
  | { kind: 'latest'; name: string };

/** A parsed `runs:/<run_id>/<path>` URI; `path` is '' for the run's artifact root. */
export interface RunsUri {
  kind: 'runs';
  runId: string;
  path: string;
}

/** Any other artifact location: a local path (`file:`, scheme-less, `//host`) or a remote URI. */
export interface ArtifactUri {
  kind: 'artifact';
  /** `local` covers `file:`, scheme-less and `//…` forms: MLflow's CVEs came from calling those remote. */
  location: 'local' | 'remote';
  scheme: string;
  uri: string;
}

export type ParsedUri = ModelUri | RunsUri | ArtifactUri;

const SCHEME_RE = /^([A-Za-z][A-Za-z0-9+.-]*):/;

function bad(uri: string, why: string, cause?: unknown): never {
  throw new InvalidUriError(uri, msg.badUri(uri, why), { cause });
}

/** Rejects the traversal tricks of MLflow's CVE list anywhere in a URI. */
export function checkUriText(uri: string): string {
  let decoded: string;
  try {
    decoded = decodeFully(uri);
  } catch (e) {
    if (UnsafePathError.isInstance(e)) bad(uri, e.message, e);
    throw e;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) bad(uri, 'control characters are not allowed');
  if (decoded.includes('\\')) bad(uri, 'backslashes are not allowed');
  if (decoded.includes('#')) bad(uri, "'#' fragments are not allowed");
  if (decoded.includes(';')) bad(uri, "';' path parameters are not allowed");
  if (decoded.split('/').some((s) => s === '..')) bad(uri, "'..' segments are not allowed");
  return decoded;
}

/** Parses `models:/<name>/<version|stage|latest>`, `models:/<name>@<alias>` or `models:/m-<id>`. */
export function parseModelUri(uri: string): ModelUri {
  if (typeof uri !== 'string' || !uri.startsWith('models:')) bad(String(uri), "expected the 'models:/' scheme");
  checkUriText(uri);
  const rest = uri.slice('models:'.length);
  // `models://profile/…` names a Databricks workspace; abt has no such registry.
  if (!rest.startsWith('/') || rest.startsWith('//')) bad(uri, "expected 'models:/<name>/<version>', 'models:/<name>@<alias>' or 'models:/m-<id>'");
  const parts = rest.slice(1).split('/');
  if (parts.length > 2 || parts[0] === undefined || parts[0].trim() === '') bad(uri, 'expected at most a name and one suffix');
  if (parts.length === 2) {
    const name = parts[0];
    const suffix = parts[1] ?? '';
    if (suffix.trim() === '') bad(uri, 'the version or stage is empty');
    if (/^\d+$/.test(suffix)) return { kind: 'version', name, version: suffix };
    if (suffix.toLowerCase() === 'latest') return { kind: 'latest', name };
    return { kind: 'stage', name, stage: suffix };
  }
  const head = parts[0];
  const at = head.lastIndexOf('@');
  if (at >= 0) {
    const name = head.slice(0, at);
    const alias = head.slice(at + 1);
    if (name.trim() === '' || alias.trim() === '') bad(uri, 'the name or alias is empty');
    return { kind: 'alias', name, alias };
  }
  if (!head.startsWith('m-')) bad(uri, "a single segment must be a logged model id 'm-<id>' (did you mean '<name>/<version>' or '<name>@<alias>'?)");
  return { kind: 'logged-model', modelId: head };
}

/** Parses `runs:/<run_id>/<path>`; the path is checked for traversal. */
export function parseRunsUri(uri: string): RunsUri {
  if (typeof uri !== 'string' || !uri.startsWith('runs:')) bad(String(uri), "expected the 'runs:/' scheme");
  checkUriText(uri);
  const rest = uri.slice('runs:'.length);
  if (!rest.startsWith('/') || rest.startsWith('//')) bad(uri, "expected 'runs:/<run_id>/<path>'");
  const [runId = '', ...pathParts] = rest.slice(1).split('/');
  if (!/^[A-Za-z0-9_-]+$/.test(runId)) bad(uri, 'the run id is empty or has invalid characters');
  let path: string;
  try {
    path = checkRelativePath(pathParts.join('/'));
  } catch (e) {
    bad(uri, (e as Error).message, e);
  }
  return { kind: 'runs', runId, path };
}

/** Classifies any URI a version source or download location can take. */
export function parseUri(uri: string): ParsedUri {
  if (typeof uri !== 'string' || uri === '') bad(String(uri), 'empty URI');
  if (uri.startsWith('models:')) return parseModelUri(uri);
  if (uri.startsWith('runs:')) return parseRunsUri(uri);
  checkUriText(uri);
  const scheme = SCHEME_RE.exec(uri)?.[1]?.toLowerCase() ?? '';
  // A one-letter "scheme" is a Windows drive letter: local, and rejected by the local checks.
  if (scheme === '' || scheme === 'file' || scheme.length === 1) return { kind: 'artifact', location: 'local', scheme: scheme || 'file', uri };
  return { kind: 'artifact', location: 'remote', scheme, uri };
}

/** The filesystem path of a local artifact URI (`file:///x`, `file:/x`, `/x`); rejects hosts and drive letters. */
export function localPathOf(uri: string): string {
  const decoded = checkUriText(uri);
  let p = decoded;
  if (/^file:/i.test(p)) {
    p = p.slice(5);
    if (p.startsWith('//')) {
      const hostEnd = p.indexOf('/', 2);
      const host = hostEnd < 0 ? p.slice(2) : p.slice(2, hostEnd);
      if (host !== '' && host !== 'localhost') bad(uri, `file URIs with a host ('${host}') are not local paths`);
      p = hostEnd < 0 ? '/' : p.slice(hostEnd);
    }
  }
  if (/^[A-Za-z]:/.test(p)) bad(uri, 'drive letters are not allowed');
  if (p.startsWith('//')) bad(uri, "'//' paths name a host, not a local directory");
  if (!p.startsWith('/')) bad(uri, 'a local source must be an absolute path');
  return p;
}
