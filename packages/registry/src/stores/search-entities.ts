import { MODEL_VERSION_SEARCH, REGISTERED_MODEL_SEARCH, compareFilterValue, type FilterClause, type OrderByClause, type PagedList } from '@abt/tracking/mlflow';
import { RegistryError } from '../errors.js';
import { messages as msg } from '../messages.js';
import { layer } from '../mlflow-layer.js';
import type { ModelVersion, RegisteredModel } from '../entities.js';
import type { SearchOptions } from '../store.js';

// MLflow's limits and defaults (mlflow/store/model_registry/__init__.py).
const SEARCH_MODELS_DEFAULT = 100;
const SEARCH_MODELS_LIMIT = 1000;
const SEARCH_VERSIONS_DEFAULT = 10_000;
const SEARCH_VERSIONS_LIMIT = 200_000;

type Value = string | number | undefined;

function matchesAll(clauses: readonly FilterClause[], get: (clause: FilterClause) => Value): boolean {
  return clauses.every((c) => compareFilterValue(get(c), c.op, c.value));
}

/** Sorts by the parsed clauses, then MLflow's tie-breaks; `get` reads an attribute for sorting. */
function sortBy<T>(items: T[], orderBy: OrderByClause[], tieBreaks: OrderByClause[], get: (item: T, key: string) => string | number): T[] {
  const keys = [...orderBy, ...tieBreaks.filter((t) => !orderBy.some((o) => o.key === t.key))];
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = get(a, k.key);
      const y = get(b, k.key);
      if (x === y) continue;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
      return k.ascending ? cmp : -cmp;
    }
    return 0;
  });
}

const asc = (key: string): OrderByClause => ({ type: 'attribute', key, ascending: true });
const desc = (key: string): OrderByClause => ({ type: 'attribute', key, ascending: false });

function modelAttribute(m: RegisteredModel, key: string): string | number {
  if (key === 'name') return m.name;
  if (key === 'creation_timestamp') return m.creationTimestamp;
  return m.lastUpdatedTimestamp;
}

/** Filter, order (ties: name ASC) and page registered models held in memory (MLflow's SQL registry semantics). */
export function searchModelList(models: RegisteredModel[], opts: SearchOptions = {}): PagedList<RegisteredModel> {
  const clauses = layer.parseFilter(opts.filter, REGISTERED_MODEL_SEARCH);
  const orderBy = layer.parseOrderBy(opts.orderBy, REGISTERED_MODEL_SEARCH);
  const maxResults = layer.checkMaxResults(opts.maxResults ?? SEARCH_MODELS_DEFAULT, SEARCH_MODELS_LIMIT);
  const hits = models.filter((m) => matchesAll(clauses, (c) => (c.type === 'tag' ? m.tags[c.key] : m.name)));
  return layer.pageOf(sortBy(hits, orderBy, [asc('name')], modelAttribute), maxResults, opts.pageToken);
}

function versionAttribute(v: ModelVersion, key: string): string | number {
  switch (key) {
    case 'name':
      return v.name;
    case 'run_id':
      return v.runId;
    case 'source_path':
      return v.source;
    case 'version_number':
      return Number(v.version);
    case 'creation_timestamp':
      return v.creationTimestamp;
    default:
      return v.lastUpdatedTimestamp;
  }
}

/** Filter, order (ties: name ASC, version DESC) and page model versions held in memory. */
export function searchVersionList(versions: ModelVersion[], opts: SearchOptions = {}): PagedList<ModelVersion> {
  const clauses = layer.parseFilter(opts.filter, MODEL_VERSION_SEARCH);
  // MLflow's default order when none is given: last_updated_timestamp DESC, name ASC, version DESC.
  const orderBy = layer.parseOrderBy(opts.orderBy && opts.orderBy.length > 0 ? opts.orderBy : ['last_updated_timestamp DESC'], MODEL_VERSION_SEARCH);
  const maxResults = layer.checkMaxResults(opts.maxResults ?? SEARCH_VERSIONS_DEFAULT, SEARCH_VERSIONS_LIMIT);
  const hits = versions.filter((v) => matchesAll(clauses, (c) => (c.type === 'tag' ? v.tags[c.key] : versionAttribute(v, c.key))));
  return layer.pageOf(sortBy(hits, orderBy, [asc('name'), desc('version_number')], versionAttribute), maxResults, opts.pageToken);
}

/** MLflow's `latest_versions`: per stage, the highest live version. */
export function latestPerStage(versions: ModelVersion[], stages?: string[]): ModelVersion[] {
  const byStage = new Map<string, ModelVersion>();
  for (const v of versions) {
    const cur = byStage.get(v.currentStage);
    if (!cur || Number(cur.version) < Number(v.version)) byStage.set(v.currentStage, v);
  }
  const wanted = stages && stages.length > 0 ? new Set(stages.map(canonicalStage)) : undefined;
  return [...byStage.values()].filter((v) => !wanted || wanted.has(v.currentStage)).sort((a, b) => Number(a.version) - Number(b.version));
}

const STAGES = ['None', 'Staging', 'Production', 'Archived'];

/** MLflow's `get_canonical_stage`: case-insensitive match onto the four stage names. */
export function canonicalStage(stage: string): string {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (!found) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badStage(stage));
  return found;
}

/** The highest live version (MLflow's reserved alias `latest`). */
export function latestOf(name: string, versions: ModelVersion[]): ModelVersion {
  const best = versions.reduce<ModelVersion | undefined>((acc, v) => (!acc || Number(v.version) > Number(acc.version) ? v : acc), undefined);
  if (!best) throw new RegistryError('RESOURCE_DOES_NOT_EXIST', msg.latestNotFound(name));
  return best;
}
