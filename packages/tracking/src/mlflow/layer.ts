import { parseFilter, type FilterClause, type InvalidParameterReporter } from './filter';
import { parseOrderBy, type OrderByClause } from './order-by';
import { checkMaxResults, decodePageToken, pageOf, type PagedList } from './paged-list';
import { createPathGuard, type PathGuard, type UnsafePathReporter } from './path-safety';
import type { SearchGrammar } from './search-grammar';
import { checkCall } from '../arguments';

/** The errors a package raises through the layer (its own classes: one error scheme per package). */
export interface MlflowLayerErrors {
  /** A path, location or source that fails the traversal checks. */
  unsafePath: UnsafePathReporter;
  /** A filter, order_by, page token or max_results MLflow would refuse (INVALID_PARAMETER_VALUE). */
  invalidParameter: InvalidParameterReporter;
}

/** Path safety, search parsing and paging, bound to one package's errors. */
export interface MlflowLayer extends PathGuard {
  parseFilter(filter: string | undefined, grammar: SearchGrammar): FilterClause[];
  parseOrderBy(clauses: readonly string[] | undefined, grammar: SearchGrammar): OrderByClause[];
  decodePageToken(token: string | undefined): number;
  checkMaxResults(value: unknown, limit: number): number;
  pageOf<T>(items: readonly T[], maxResults: number, pageToken: string | undefined): PagedList<T>;
}

/**
 * The one MLflow layer both packages build on: `@abt/tracking` binds it to TrackingError,
 * `@abt/registry` to its RegistryError classes, so rules never fork while each package keeps
 * one error scheme.
 */
export function createMlflowLayer(errors: MlflowLayerErrors): MlflowLayer {
  checkCall('createMlflowLayer', arguments, 1, { 0: ['unsafePath', 'invalidParameter'] });
  const { unsafePath, invalidParameter } = errors;
  return {
    ...createPathGuard(unsafePath),
    parseFilter: (filter, grammar) => parseFilter(filter, grammar, invalidParameter),
    parseOrderBy: (clauses, grammar) => parseOrderBy(clauses, grammar, invalidParameter),
    decodePageToken: (token) => decodePageToken(token, invalidParameter),
    checkMaxResults: (value, limit) => checkMaxResults(value, limit, invalidParameter),
    pageOf: (items, maxResults, pageToken) => pageOf(items, maxResults, pageToken, invalidParameter),
  };
}
