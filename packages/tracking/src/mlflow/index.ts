/**
 * `@abt/tracking/mlflow`: the MLflow layer shared by `@abt/tracking` and `@abt/registry` —
 * the error-code ↔ HTTP table, path safety (MLflow's traversal CVE checklist), MLflow's search
 * filter / order_by grammar and page tokens. No SQLite, no HTTP client: safe to import anywhere.
 */
export * from './error-codes';
export { unquote, decodedForms, MAX_DECODE_ROUNDS } from './percent-decode';
export {
  PATH_PROBLEMS,
  relativePathProblem,
  normalizeRelativePath,
  locationProblem,
  locationKind,
  createPathGuard,
  type PathGuard,
  type UnsafePathReporter,
} from './path-safety';
export {
  RUN_SEARCH,
  REGISTERED_MODEL_SEARCH,
  MODEL_VERSION_SEARCH,
  type SearchGrammar,
  type AttributeSpec,
  type EntityType,
  type Comparator,
} from './search-grammar';
export { parseFilter, compareFilterValue, likeToRegExp, type FilterClause, type InvalidParameterReporter } from './filter';
export { parseOrderBy, type OrderByClause } from './order-by';
export { encodePageToken, decodePageToken, checkMaxResults, pageOf, type PagedList } from './paged-list';
export { createMlflowLayer, type MlflowLayer, type MlflowLayerErrors } from './layer';
export {
  createArgumentChecker,
  optionKeys,
  pick,
  type ArgumentChecker,
  type ArgumentProblem,
  type CallSpec,
  type OptionSpec,
  type InvalidArgumentReporter,
} from './check-args';
/** The HTTP client's option names (`HttpOptions`), for stores built on it such as the registry's REST store. */
export { HTTP_OPTION_KEYS } from '../call-specs';
