import { TrackingError } from './errors';
import { messages } from './messages';
import { createMlflowLayer } from './mlflow/layer';
import { RUN_SEARCH } from './mlflow/search-grammar';
import type { FilterClause } from './mlflow/filter';
import type { OrderByClause } from './mlflow/order-by';

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
  return layer.checkRelativePath(path);
}

/**
 * Joins a checked relative path onto a local root and proves the result stays inside it,
 * symlinks resolved (a link inside the root that points outside is rejected).
 */
export function resolveInsideRoot(root: string, relPath: string): string {
  return layer.resolveInsideRoot(root, relPath);
}

/**
 * Checks an artifact URI or experiment artifact location before abt uses it: no traversal,
 * fragments, path parameters, backslashes or control characters, in any decoded form
 * (MLflow CVE: `http:///#/../../etc/`).
 */
export function checkArtifactLocation(uri: string): void {
  layer.checkLocation(uri);
}

/** `file:///x`, `file:/x`, `file://localhost/x`, or a plain path → a local directory path. */
export function localPathFromUri(uri: string): string {
  return layer.localPathOf(uri);
}

/** Parses a `search_runs` filter (MLflow's subset: comparisons joined by AND). Empty → []. */
export function parseFilter(filter: string | undefined): FilterClause[] {
  return layer.parseFilter(filter, RUN_SEARCH);
}

/** Parses `search_runs` order_by clauses (`metrics.auc DESC`, `attributes.start_time`, `` params.`my key` ASC ``). */
export function parseOrderBy(clauses: readonly string[] | undefined): OrderByClause[] {
  return layer.parseOrderBy(clauses, RUN_SEARCH);
}
