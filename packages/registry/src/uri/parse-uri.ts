import { locationKind } from '@abt/tracking/mlflow';
import { InvalidUriError, UnsafePathError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { checkRelativePath, layer } from '../mlflow-layer.js';
import { checkCall } from '../arguments.js';

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

function bad(uri: string, why: string, cause?: unknown): never {
  throw new InvalidUriError(uri, msg.badUri(uri, why), { cause });
}

/** Runs a shared-layer check, reporting its unsafe-path error as this URI's InvalidUriError. */
function asUriError<T>(uri: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (UnsafePathError.isInstance(e)) bad(uri, e.message, e);
    throw e;
  }
}

/** Rejects the traversal tricks of MLflow's CVE list anywhere in a URI (the shared location check). */
function checkUriText(uri: string): string {
  return asUriError(uri, () => layer.checkLocation(uri));
}

/** Parses `models:/<name>/<version|stage|latest>`, `models:/<name>@<alias>` or `models:/m-<id>`. */
export function parseModelUri(uri: string): ModelUri {
  checkCall('parseModelUri', arguments, 1);
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
  checkCall('parseRunsUri', arguments, 1);
  if (typeof uri !== 'string' || !uri.startsWith('runs:')) bad(String(uri), "expected the 'runs:/' scheme");
  checkUriText(uri);
  const rest = uri.slice('runs:'.length);
  if (!rest.startsWith('/') || rest.startsWith('//')) bad(uri, "expected 'runs:/<run_id>/<path>'");
  const [runId = '', ...pathParts] = rest.slice(1).split('/');
  if (!/^[A-Za-z0-9_-]+$/.test(runId)) bad(uri, 'the run id is empty or has invalid characters');
  const path = asUriError(uri, () => checkRelativePath(pathParts.join('/')));
  return { kind: 'runs', runId, path };
}

/** Classifies any URI a version source or download location can take. */
export function parseUri(uri: string): ParsedUri {
  checkCall('parseUri', arguments, 1);
  if (typeof uri !== 'string' || uri === '') bad(String(uri), 'empty URI');
  if (uri.startsWith('models:')) return parseModelUri(uri);
  if (uri.startsWith('runs:')) return parseRunsUri(uri);
  checkUriText(uri);
  // `file:`, scheme-less, `//host` and drive-letter forms are local (shared layer's locationKind).
  const { kind, scheme } = locationKind(uri);
  return { kind: 'artifact', location: kind, scheme, uri };
}

/**
 * The filesystem path of a local artifact URI (`file:///x`, `file://localhost/x`, `/x`, `//x/y`
 * = `/x/y`, or a relative path, as MLflow's `local_file_uri_to_path`); rejects other hosts and
 * drive letters.
 */
export function localPathOf(uri: string): string {
  checkCall('localPathOf', arguments, 1);
  return asUriError(uri, () => layer.localPathOf(uri));
}
