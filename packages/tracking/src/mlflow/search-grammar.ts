/**
 * What MLflow's search filters accept, per search, as data: the entity prefixes, the attributes
 * (canonical key, string or numeric, list-capable) and the comparators of each kind. One parser
 * (filter.ts) reads all of them. Sources: `mlflow/utils/search_utils.py` of MLflow 3.17.2
 * (SearchUtils for runs, SearchModelUtils, SearchModelVersionUtils); the interop suite compares
 * abt's verdicts and clauses with those classes. Not implemented (refused with a typed error):
 * `IS NULL`, `datasets.*`, `OR`, parentheses.
 */

export type EntityType = 'metric' | 'param' | 'tag' | 'attribute';
export type Comparator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

export interface AttributeSpec {
  /** Canonical key the clause carries (`created` → `start_time`). */
  key: string;
  kind: 'string' | 'numeric';
  /** Accepts `IN (…)` / `NOT IN (…)` lists of quoted strings. */
  list?: boolean;
}

export interface SearchGrammar {
  /** What is searched, for messages: `runs`, `registered models`, `model versions`. */
  readonly what: string;
  /** Entity prefix as typed (`metrics`, `tags`, …) → entity. A bare identifier is an attribute. */
  readonly entities: Readonly<Record<string, EntityType>>;
  /** Attribute as typed (case-sensitive, as MLflow) → spec. */
  readonly attributes: Readonly<Record<string, AttributeSpec>>;
  readonly comparators: Readonly<Record<'metric' | 'param' | 'tag' | 'string' | 'numeric', readonly Comparator[]>>;
  /** A numeric attribute may also be compared with a quoted integer (`version_number = '3'`). */
  readonly numericFromString?: boolean;
  /**
   * order_by: entity prefixes that may be written (a bare key is an attribute), orderable
   * attributes (as typed → canonical key), and whether a key may appear twice (MLflow's SQL
   * registry refuses "`order_by` contains duplicate fields").
   */
  readonly orderBy: {
    readonly entities: Readonly<Record<string, EntityType>>;
    readonly attributes: Readonly<Record<string, string>>;
    readonly uniqueKeys?: boolean;
  };
}

const NUMERIC: readonly Comparator[] = ['=', '!=', '>', '>=', '<', '<='];
const STRING: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const TAG: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];

const RUN_ENTITIES: Record<string, EntityType> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
};

/** `search_runs` (SearchUtils). */
export const RUN_SEARCH: SearchGrammar = {
  what: 'runs',
  entities: RUN_ENTITIES,
  attributes: {
    run_id: { key: 'run_id', kind: 'string', list: true },
    run_name: { key: 'run_name', kind: 'string' },
    status: { key: 'status', kind: 'string' },
    user_id: { key: 'user_id', kind: 'string' },
    artifact_uri: { key: 'artifact_uri', kind: 'string' },
    lifecycle_stage: { key: 'lifecycle_stage', kind: 'string' },
    start_time: { key: 'start_time', kind: 'numeric' },
    end_time: { key: 'end_time', kind: 'numeric' },
    created: { key: 'start_time', kind: 'numeric' },
    Created: { key: 'start_time', kind: 'numeric' },
  },
  comparators: { metric: NUMERIC, param: TAG, tag: TAG, string: STRING, numeric: NUMERIC },
  orderBy: {
    entities: RUN_ENTITIES,
    attributes: {
      run_id: 'run_id',
      run_name: 'run_name',
      status: 'status',
      user_id: 'user_id',
      artifact_uri: 'artifact_uri',
      lifecycle_stage: 'lifecycle_stage',
      start_time: 'start_time',
      end_time: 'end_time',
      created: 'start_time',
      Created: 'start_time',
    },
  },
};

const REGISTRY_ENTITIES: Record<string, EntityType> = { attribute: 'attribute', tag: 'tag', tags: 'tag' };

/** `search_registered_models` (SearchModelUtils). */
export const REGISTERED_MODEL_SEARCH: SearchGrammar = {
  what: 'registered models',
  entities: REGISTRY_ENTITIES,
  attributes: { name: { key: 'name', kind: 'string', list: true } },
  comparators: { metric: [], param: [], tag: TAG, string: STRING, numeric: NUMERIC },
  // The SQL registry (what `mlflow server` and MLflow on SQLite run) orders by name or by
  // last_updated_time, which both `timestamp` and `last_updated_timestamp` name.
  orderBy: {
    entities: {},
    attributes: { name: 'name', timestamp: 'last_updated_timestamp', last_updated_timestamp: 'last_updated_timestamp' },
    uniqueKeys: true,
  },
};

/** `search_model_versions` (SearchModelVersionUtils). */
export const MODEL_VERSION_SEARCH: SearchGrammar = {
  what: 'model versions',
  entities: REGISTRY_ENTITIES,
  attributes: {
    name: { key: 'name', kind: 'string', list: true },
    run_id: { key: 'run_id', kind: 'string', list: true },
    source_path: { key: 'source_path', kind: 'string' },
    version_number: { key: 'version_number', kind: 'numeric' },
  },
  comparators: { metric: [], param: [], tag: TAG, string: STRING, numeric: NUMERIC },
  numericFromString: true,
  orderBy: {
    entities: { attribute: 'attribute' },
    attributes: { name: 'name', version_number: 'version_number', creation_timestamp: 'creation_timestamp', last_updated_timestamp: 'last_updated_timestamp' },
    uniqueKeys: true,
  },
};
