import { createMlflowLayer, decodedForms, PATH_PROBLEMS } from '@abt/tracking/mlflow';
import { RegistryError, UnsafePathError } from './errors.js';
import { messages as msg } from './messages.js';
import { checkCall } from './arguments.js';

/**
 * `@abt/tracking/mlflow` — the one MLflow layer (path safety, search grammar, page tokens) —
 * bound to the registry's errors: unsafe paths are UnsafePathError, bad search arguments
 * RegistryError INVALID_PARAMETER_VALUE.
 */
export const layer = createMlflowLayer({
  unsafePath: (path, why) => new UnsafePathError(path, msg.unsafePath(path, why)),
  invalidParameter: (message) => new RegistryError('INVALID_PARAMETER_VALUE', message),
});

/**
 * Validates a relative artifact path (inside a bundle, a run's artifacts, a download) and
 * returns it normalized (literal, `/`-joined segments); the empty path means the root itself.
 */
export function checkRelativePath(value: string): string {
  checkCall('checkRelativePath', arguments, 1);
  return layer.checkRelativePath(value);
}

/** Joins a checked relative path to `root`; the result, symlinks resolved, must stay inside it. */
export function resolveInside(root: string, relative: string): string {
  checkCall('resolveInside', arguments, 2);
  return layer.resolveInsideRoot(root, relative);
}

/** Percent-decodes until stable (Python's `unquote`, so `%252e%252e%252f` is seen as `../` and `50%off` stays as it is). */
export function decodeFully(value: string): string {
  checkCall('decodeFully', arguments, 1);
  const forms = decodedForms(value);
  if (!forms) throw new UnsafePathError(value, msg.unsafePath(value, PATH_PROBLEMS.tooDeeplyEncoded()));
  return forms[forms.length - 1]!;
}
