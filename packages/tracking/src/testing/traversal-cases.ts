import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCall } from '../arguments';

/**
 * THE table of path-traversal cases (MLFLOW.md checklist: every MLflow CVE case, plus names that
 * must keep working). Both packages run it against every read and write path; the interop suite
 * checks the `mlflow` column against MLflow 3.17.2's own `validate_path_is_safe` and
 * `_validate_non_local_source_contains_relative_paths`.
 */
export interface TraversalCase {
  /** What the case exercises. */
  name: string;
  /** A relative artifact path (inside a run, logged model, bundle or download). */
  path: string;
  /** abt's verdict. */
  abt: 'accept' | 'reject';
  /** MLflow 3.17.2's `validate_path_is_safe` on Linux (verified by the interop suite). */
  mlflow: 'accept' | 'reject';
  /** Why abt refuses a path MLflow lets through (only where abt is stricter). */
  stricter?: string;
}

const nested = (text: string, levels: number): string => {
  let out = text;
  for (let i = 0; i < levels; i++) out = out.replaceAll('%', '%25');
  return out;
};

export const TRAVERSAL_CASES: readonly TraversalCase[] = [
  { name: 'relative ../', path: '../secret.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'nested ../ leaving the root', path: 'a/b/../../../secret.txt', abt: 'reject', mlflow: 'reject' },
  { name: '.. that would stay inside', path: 'a/../b.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'trailing ..', path: 'a/..', abt: 'reject', mlflow: 'reject' },
  {
    name: 'backslash traversal',
    path: 'a\\..\\..\\secret.txt',
    abt: 'reject',
    mlflow: 'accept',
    stricter: 'a backslash is a separator on Windows; MLflow rejects it only there',
  },
  { name: 'single-encoded ../', path: '%2e%2e%2fsecret.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'double-encoded ../', path: '%252e%252e%252fsecret.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'triple-encoded ../', path: '%25252e%25252e%25252fsecret.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'encoded ../ beside a stray %', path: '%2e%2e/50%off.txt', abt: 'reject', mlflow: 'reject' },
  { name: '../ encoded 9 levels deep', path: `${nested('%2e%2e', 8)}/secret.txt`, abt: 'reject', mlflow: 'reject' },
  { name: 'encoded backslash traversal', path: '%5c..%5csecret.txt', abt: 'reject', mlflow: 'accept', stricter: 'a backslash is a separator on Windows' },
  { name: '# fragment hiding traversal', path: 'a#/../../secret.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'encoded # fragment', path: 'a%23/../../secret.txt', abt: 'reject', mlflow: 'reject' },
  { name: '; path parameter hiding traversal', path: 'a;/../../secret.txt', abt: 'reject', mlflow: 'reject' },
  {
    name: '; path parameter',
    path: 'model;v=1/MLmodel',
    abt: 'reject',
    mlflow: 'accept',
    stricter: "';' starts a URL path parameter, which can hide traversal from a later parser",
  },
  { name: 'absolute POSIX path', path: '/etc/passwd', abt: 'reject', mlflow: 'reject' },
  { name: '//host form', path: '//proc/self/root/etc/passwd', abt: 'reject', mlflow: 'reject' },
  { name: 'encoded absolute path', path: '%2fetc%2fpasswd', abt: 'reject', mlflow: 'reject' },
  { name: 'Windows absolute path', path: 'C:\\Windows\\system.ini', abt: 'reject', mlflow: 'reject' },
  { name: 'Windows UNC path', path: '\\\\server\\share\\secret.txt', abt: 'reject', mlflow: 'reject' },
  { name: 'drive letter, relative', path: 'c:secret.txt', abt: 'reject', mlflow: 'accept', stricter: 'a drive-relative path leaves the root on Windows' },
  { name: 'file: URI', path: 'file:///etc/passwd', abt: 'reject', mlflow: 'reject' },
  {
    name: 'other URI scheme',
    path: 'http://evil.example/x',
    abt: 'reject',
    mlflow: 'accept',
    stricter: 'a scheme turns the joined artifact URI into another location',
  },
  {
    name: 'NUL byte',
    path: 'model\u0000.txt',
    abt: 'reject',
    mlflow: 'accept',
    stricter: 'MLflow escapes control characters to %XX; abt refuses them (NUL truncates C paths)',
  },
  { name: 'encoded NUL byte', path: 'model%00.txt', abt: 'reject', mlflow: 'accept', stricter: 'NUL truncates C paths' },
  { name: 'control character', path: 'a\nb.txt', abt: 'reject', mlflow: 'accept', stricter: 'control characters forge log lines and headers' },
  { name: 'ordinary nested path', path: 'model/MLmodel', abt: 'accept', mlflow: 'accept' },
  { name: 'dot and empty segments', path: './a//b.txt', abt: 'accept', mlflow: 'accept' },
  { name: 'dots inside a name', path: 'a..b/c..txt', abt: 'accept', mlflow: 'accept' },
  { name: 'a literal % that starts no escape', path: 'data/50%off.csv', abt: 'accept', mlflow: 'accept' },
  { name: 'a lone %', path: '100%', abt: 'accept', mlflow: 'accept' },
  { name: 'spaces and non-ASCII', path: 'charts/roc curve été.png', abt: 'accept', mlflow: 'accept' },
  { name: 'a valid escape that decodes to a safe name', path: 'a%20b.txt', abt: 'accept', mlflow: 'accept' },
];

/** An artifact location, artifact URI or model-version source (MLflow's source CVEs). */
export interface LocationCase {
  name: string;
  uri: string;
  abt: 'accept' | 'reject';
  /**
   * MLflow 3.17.2's `_validate_non_local_source_contains_relative_paths` (server side of
   * create_model_version) for remote URIs; undefined for local forms, which MLflow checks by
   * containment in the run's artifact directory instead.
   */
  mlflow?: 'accept' | 'reject';
}

export const LOCATION_CASES: readonly LocationCase[] = [
  { name: 'fragment hiding traversal (CVE)', uri: 'http:///#/../../etc/', abt: 'reject', mlflow: 'reject' },
  { name: 'mlflow-artifacts host with ..', uri: 'mlflow-artifacts://host:5000/../../../../', abt: 'reject', mlflow: 'reject' },
  { name: 'encoded .. in mlflow-artifacts', uri: 'mlflow-artifacts://host:5000/..%2f..%2f..%2f..%2f', abt: 'reject', mlflow: 'reject' },
  { name: 'http proxy path with ..', uri: 'http://host:5000/api/2.0/mlflow-artifacts/artifacts/../../../../', abt: 'reject', mlflow: 'reject' },
  { name: 'NUL in an http source', uri: 'http://host:5000/api/2.0/mlflow-artifacts/artifacts%00', abt: 'reject', mlflow: 'reject' },
  { name: 'object store key with ..', uri: 's3:/my_bucket/models/path/../../other/path', abt: 'reject', mlflow: 'reject' },
  { name: 'file:// with ..', uri: 'file://path/to/../../../../some/where/you/should/not/be', abt: 'reject', mlflow: 'reject' },
  { name: 'local path with ..', uri: '/models/artifacts/../../../', abt: 'reject' },
  { name: 'double-encoded .. in a location', uri: 'mlflow-artifacts:/0/%252e%252e%252f%252e%252e%252fetc', abt: 'reject', mlflow: 'reject' },
  { name: '; path parameter in a location', uri: 'mlflow-artifacts:/0/abc;/../x', abt: 'reject', mlflow: 'reject' },
  { name: 'proxied run artifacts', uri: 'mlflow-artifacts:/1/0123456789abcdef0123456789abcdef/artifacts/model', abt: 'accept', mlflow: 'accept' },
  { name: 'http proxy location', uri: 'http://host:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts', abt: 'accept', mlflow: 'accept' },
  { name: 'local absolute directory', uri: '/tmp/mlruns/1', abt: 'accept' },
  { name: 'file URI with an escape', uri: 'file:///tmp/mlruns/a%20b', abt: 'accept' },
  { name: 'local path with a literal %', uri: '/tmp/mlruns/50%off', abt: 'accept' },
];

/** A symlink case, relative to the root made by {@link createSymlinkFixture}. */
export interface SymlinkCase {
  name: string;
  path: string;
  abt: 'accept' | 'reject';
}

export const SYMLINK_CASES: readonly SymlinkCase[] = [
  { name: 'file under a directory link that leaves the root', path: 'escape/secret.txt', abt: 'reject' },
  { name: 'directory link that leaves the root', path: 'escape', abt: 'reject' },
  { name: 'new file under a directory link that leaves the root', path: 'escape/new.txt', abt: 'reject' },
  { name: 'relative link (../outside) that leaves the root', path: 'relative-escape/secret.txt', abt: 'reject' },
  { name: 'file link that leaves the root', path: 'file-link.txt', abt: 'reject' },
  { name: 'dangling link', path: 'dangling.txt', abt: 'reject' },
  { name: 'link loop', path: 'loop/x.txt', abt: 'reject' },
  { name: 'directory link that stays inside', path: 'ok-link/inside.txt', abt: 'accept' },
];

/**
 * Builds `<dir>/root` holding the links of {@link SYMLINK_CASES} and `<dir>/outside/secret.txt`
 * they point at. `inside.txt` exists under `root/inner` (reachable through `ok-link`).
 */
export function createSymlinkFixture(dir: string): { root: string; outside: string } {
  checkCall('createSymlinkFixture', arguments, 1);
  const root = join(dir, 'root');
  const outside = join(dir, 'outside');
  mkdirSync(join(root, 'inner'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  writeFileSync(join(root, 'inner', 'inside.txt'), 'inside');
  symlinkSync(outside, join(root, 'escape'));
  symlinkSync('../outside', join(root, 'relative-escape'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'file-link.txt'));
  symlinkSync(join(dir, 'nowhere.txt'), join(root, 'dangling.txt'));
  symlinkSync('loop', join(root, 'loop'));
  symlinkSync(join(root, 'inner'), join(root, 'ok-link'));
  return { root, outside };
}
