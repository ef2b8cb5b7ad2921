import { TrackingError } from './errors';
import { argumentChecker, checkCall } from './arguments';
import { ARTIFACT_REPOSITORY_CALLS, TRACKING_STORE_CALLS } from './call-specs';
import { messages } from './messages';
import { createMlflowLayer } from './mlflow/layer';
import { RUN_SEARCH } from './mlflow/search-grammar';
import type { FilterClause } from './mlflow/filter';
import type { OrderByClause } from './mlflow/order-by';

export { argumentChecker };

/** The shared MLflow layer (`@abt/tracking/mlflow`) bound to TrackingError. */
export const layer = createMlflowLayer({
  unsafePath: (path, why) => new TrackingError('UNSAFE_PATH', messages.unsafePath(path, why)),
  invalidParameter: (message) => new TrackingError('INVALID_PARAMETER_VALUE', message),
});

/**
 * Validates a relative artifact path and returns it normalized (`/`-separated, no `.` or empty
 * segments; `''` for the root). Throws a TrackingError with code UNSAFE_PATH otherwise.
 */
export function checkArtifactPath(path: string): string {
  checkCall('checkArtifactPath', arguments, 1);
  return layer.checkRelativePath(path);
}

/**
 * Joins a checked relative path onto a local root and proves the result stays inside it,
 * symlinks resolved (a link inside the root that points outside is rejected).
 */
export function resolveInsideRoot(root: string, relPath: string): string {
  checkCall('resolveInsideRoot', arguments, 2);
  return layer.resolveInsideRoot(root, relPath);
}

/**
 * Checks an artifact URI or experiment artifact location before abt uses it: no traversal,
 * fragments, path parameters, backslashes or control characters, in any decoded form
 * (MLflow CVE: `http:///#/../../etc/`).
 */
export function checkArtifactLocation(uri: string): void {
  checkCall('checkArtifactLocation', arguments, 1);
  layer.checkLocation(uri);
}

/** `file:///x`, `file:/x`, `file://localhost/x`, or a plain path → a local directory path. */
export function localPathFromUri(uri: string): string {
  checkCall('localPathFromUri', arguments, 1);
  return layer.localPathOf(uri);
}

/** Parses a `search_runs` filter (MLflow's subset: comparisons joined by AND). Empty → []. */
export function parseFilter(filter: string | undefined): FilterClause[] {
  checkCall('parseFilter', arguments, 1);
  return layer.parseFilter(filter, RUN_SEARCH);
}

/** Parses `search_runs` order_by clauses (`metrics.auc DESC`, `attributes.start_time`, `` params.`my key` ASC ``). */
export function parseOrderBy(clauses: readonly string[] | undefined): OrderByClause[] {
  checkCall('parseOrderBy', arguments, 1);
  return layer.parseOrderBy(clauses, RUN_SEARCH);
}

/** Checks a TrackingStore method call against the one signature table (TRACKING_STORE_CALLS). */
export function checkStoreCall(store: object, method: keyof typeof TRACKING_STORE_CALLS, args: ArrayLike<unknown>): void {
  argumentChecker.call(`${store.constructor.name}.${method}`, args, TRACKING_STORE_CALLS[method]);
}

/** Checks an ArtifactRepository method call (ARTIFACT_REPOSITORY_CALLS). */
export function checkRepositoryCall(repo: object, method: keyof typeof ARTIFACT_REPOSITORY_CALLS, args: ArrayLike<unknown>): void {
  argumentChecker.call(`${repo.constructor.name}.${method}`, args, ARTIFACT_REPOSITORY_CALLS[method]);
}
