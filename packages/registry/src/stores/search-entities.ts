import { RegistryError } from '../errors.js';
import { messages as msg } from '../messages.js';
import type { ModelVersion, PagedList, RegisteredModel } from '../entities.js';
import type { SearchOptions } from '../store.js';
import { matches, parseFilter } from '../search/filter.js';
import { paginate, parseOrderBy, sortBy } from '../search/order-page.js';

// MLflow's limits and defaults (mlflow/store/model_registry/__init__.py).
export const SEARCH_MODELS_DEFAULT = 100;
export const SEARCH_MODELS_LIMIT = 1000;
export const SEARCH_VERSIONS_DEFAULT = 10_000;
export const SEARCH_VERSIONS_LIMIT = 200_000;

/** Filter, order (ties: name ASC) and page registered models held in memory. */
export function searchModelList(models: RegisteredModel[], opts: SearchOptions = {}): PagedList<RegisteredModel> {
  const clauses = parseFilter(opts.filter, ['name']);
  const hits = models.filter((m) => matches(clauses, (k) => (k.startsWith('tags.') ? m.tags[k.slice(5)] : k === 'name' ? m.name : undefined)));
  const keys = parseOrderBy<RegisteredModel>(
    opts.orderBy,
    {
      name: (m) => m.name,
      timestamp: (m) => m.creationTimestamp,
      creation_timestamp: (m) => m.creationTimestamp,
      last_updated_timestamp: (m) => m.lastUpdatedTimestamp,
    },
    [['name', false]],
  );
  return paginate(sortBy(hits, keys), opts.maxResults ?? SEARCH_MODELS_DEFAULT, SEARCH_MODELS_LIMIT, opts.pageToken);
}

/** Filter, order (ties: name ASC, version DESC) and page model versions held in memory. */
export function searchVersionList(versions: ModelVersion[], opts: SearchOptions = {}): PagedList<ModelVersion> {
  const clauses = parseFilter(opts.filter, ['name', 'run_id', 'source_path', 'version_number']);
  const attr = (v: ModelVersion, k: string): string | number | undefined => {
    if (k.startsWith('tags.')) return v.tags[k.slice(5)];
    if (k === 'name') return v.name;
    if (k === 'run_id') return v.runId;
    if (k === 'source_path') return v.source;
    if (k === 'version_number') return Number(v.version);
    return undefined;
  };
  const hits = versions.filter((v) => matches(clauses, (k) => attr(v, k)));
  // MLflow's default order when none is given: last_updated_timestamp DESC, name ASC, version DESC.
  const keys = parseOrderBy<ModelVersion>(
    opts.orderBy && opts.orderBy.length > 0 ? opts.orderBy : ['last_updated_timestamp DESC'],
    {
      name: (v) => v.name,
      version_number: (v) => Number(v.version),
      creation_timestamp: (v) => v.creationTimestamp,
      timestamp: (v) => v.creationTimestamp,
      last_updated_timestamp: (v) => v.lastUpdatedTimestamp,
    },
    [['name', false], ['version_number', true]],
  );
  return paginate(sortBy(hits, keys), opts.maxResults ?? SEARCH_VERSIONS_DEFAULT, SEARCH_VERSIONS_LIMIT, opts.pageToken);
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
