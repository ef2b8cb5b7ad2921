import type { Run } from '../entities';
import { compareFilterValue as compare, type FilterClause } from '../mlflow/filter';
import type { OrderByClause } from '../mlflow/order-by';

function attributeValue(run: Run, key: string): string | number | null {
  const i = run.info;
  switch (key) {
    case 'run_id':
      return i.runId;
    case 'run_name':
      return i.runName;
    case 'status':
      return i.status;
    case 'start_time':
      return i.startTime;
    case 'end_time':
      return i.endTime;
    case 'user_id':
      return i.userId;
    case 'artifact_uri':
      return i.artifactUri;
    case 'lifecycle_stage':
      return i.lifecycleStage;
    default:
      return null;
  }
}

/** Reference evaluation of parsed filter clauses on a run (the memory store uses it). */
export function runMatches(run: Run, clauses: readonly FilterClause[]): boolean {
  return clauses.every((c) => {
    switch (c.type) {
      case 'metric': {
        // IEEE semantics, as mlflow.search_runs: a NaN latest value matches only '!='.
        const v = run.data.metrics[c.key];
        return v !== undefined && compare(v, c.op, c.value);
      }
      case 'param':
        return compare(run.data.params[c.key], c.op, c.value);
      case 'tag':
        return compare(run.data.tags[c.key], c.op, c.value);
      case 'attribute':
        return compare(attributeValue(run, c.key), c.op, c.value);
    }
  });
}

function sortKey(run: Run, o: OrderByClause): string | number | undefined | null {
  switch (o.type) {
    case 'metric':
      return run.data.metrics[o.key];
    case 'param':
      return run.data.params[o.key];
    case 'tag':
      return run.data.tags[o.key];
    case 'attribute':
      return attributeValue(run, o.key);
  }
}

/**
 * MLflow's ordering: the given clauses (missing values last, NaN after numbers), then
 * start_time DESC unless ordered by it already, then run_id ASC as a tiebreaker.
 */
export function compareRuns(orderBy: readonly OrderByClause[]): (a: Run, b: Run) => number {
  const clauses = [...orderBy];
  if (!clauses.some((c) => c.type === 'attribute' && c.key === 'start_time')) clauses.push({ type: 'attribute', key: 'start_time', ascending: false });
  clauses.push({ type: 'attribute', key: 'run_id', ascending: true });
  return (a, b) => {
    for (const c of clauses) {
      const x = sortKey(a, c);
      const y = sortKey(b, c);
      const rx = rank(x);
      const ry = rank(y);
      if (rx !== ry) return rx - ry;
      if (rx !== 0) continue;
      if (x! < y!) return c.ascending ? -1 : 1;
      if (x! > y!) return c.ascending ? 1 : -1;
    }
    return 0;
  };
}

function rank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  if (typeof v === 'number' && Number.isNaN(v)) return 1;
  return 0;
}
