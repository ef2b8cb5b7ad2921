import type { FilterClause } from '../../mlflow/filter';
import type { OrderByClause } from '../../mlflow/order-by';

/** Column of `runs` for each attribute key. */
const ATTRIBUTE_COLUMN: Record<string, string> = {
  run_id: 'r.run_uuid',
  run_name: 'r.name',
  status: 'r.status',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
};

function comparison(column: string, op: string, value: number | string | string[], params: unknown[]): string {
  if (op === 'IN' || op === 'NOT IN') {
    const list = value as string[];
    params.push(...list);
    return `${column} ${op} (${list.map(() => '?').join(', ')})`;
  }
  params.push(value);
  if (op === 'ILIKE') return `lower(${column}) LIKE lower(?)`;
  return `${column} ${op} ?`;
}

/**
 * Translates parsed filter clauses into SQL over `runs r` with MLflow's semantics: metrics compare
 * the latest value with IEEE NaN semantics (a NaN matches only `!=`, as mlflow.search_runs does;
 * checked in the interop suite), params/tags compare strings.
 */
export function filterToSql(clauses: readonly FilterClause[]): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const c of clauses) {
    if (c.type === 'metric') {
      params.push(c.key);
      const cmp = comparison('m.value', c.op, c.value, params);
      const nan = c.op === '!=' ? `(m.is_nan = 1 OR ${cmp})` : `m.is_nan = 0 AND ${cmp}`;
      where.push(`EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ? AND ${nan})`);
    } else if (c.type === 'param' || c.type === 'tag') {
      const table = c.type === 'param' ? 'params' : 'tags';
      params.push(c.key);
      const cmp = comparison('x.value', c.op, c.value, params);
      where.push(`EXISTS (SELECT 1 FROM ${table} x WHERE x.run_uuid = r.run_uuid AND x.key = ? AND ${cmp})`);
    } else {
      where.push(comparison(ATTRIBUTE_COLUMN[c.key]!, c.op, c.value, params));
    }
  }
  return { where, params };
}

/**
 * ORDER BY terms: each clause puts missing values last (and NaN metrics after numbers), then
 * start_time DESC and run_uuid as MLflow's tiebreakers.
 */
export function orderByToSql(orderBy: readonly OrderByClause[]): { select: string[]; order: string[]; params: unknown[] } {
  const select: string[] = [];
  const order: string[] = [];
  const params: unknown[] = [];
  orderBy.forEach((o, i) => {
    const dir = o.ascending ? 'ASC' : 'DESC';
    if (o.type === 'attribute') {
      const col = ATTRIBUTE_COLUMN[o.key]!;
      order.push(`(${col} IS NULL) ASC`, `${col} ${dir}`);
      return;
    }
    const alias = `ob${i}`;
    if (o.type === 'metric') {
      select.push(`(SELECT CASE WHEN m.is_nan = 1 THEN 1 ELSE 0 END FROM latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ?) AS ${alias}_nan`);
      select.push(`(SELECT m.value FROM latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ?) AS ${alias}`);
      params.push(o.key, o.key);
      order.push(`(CASE WHEN ${alias} IS NULL THEN 2 WHEN ${alias}_nan = 1 THEN 1 ELSE 0 END) ASC`, `${alias} ${dir}`);
    } else {
      const table = o.type === 'param' ? 'params' : 'tags';
      select.push(`(SELECT x.value FROM ${table} x WHERE x.run_uuid = r.run_uuid AND x.key = ?) AS ${alias}`);
      params.push(o.key);
      order.push(`(${alias} IS NULL) ASC`, `${alias} ${dir}`);
    }
  });
  if (!orderBy.some((o) => o.type === 'attribute' && o.key === 'start_time')) order.push('r.start_time DESC');
  order.push('r.run_uuid ASC');
  return { select, order, params };
}
