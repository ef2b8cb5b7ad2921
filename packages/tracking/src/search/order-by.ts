import { TrackingError } from '../errors';
import { messages } from '../messages';
import { ATTRIBUTE_ALIASES, type AttributeKey } from './filter-parser';

export interface OrderByClause {
  type: 'metric' | 'param' | 'tag' | 'attribute';
  key: string;
  ascending: boolean;
}

const ENTITY: Record<string, OrderByClause['type']> = {
  metric: 'metric', metrics: 'metric', param: 'param', params: 'param', parameter: 'param', parameters: 'param',
  tag: 'tag', tags: 'tag', attribute: 'attribute', attributes: 'attribute', attr: 'attribute', run: 'attribute',
};

/** Parses `metrics.auc DESC`, `attributes.start_time`, `` params.`my key` ASC `` (MLflow's order_by). */
export function parseOrderBy(clauses: readonly string[] | undefined): OrderByClause[] {
  return (clauses ?? []).map((raw) => {
    const m = /^\s*([A-Za-z_]+)\.(?:`([^`]+)`|"([^"]+)"|([^\s]+))\s*(ASC|DESC)?\s*$/i.exec(raw);
    const bare = /^\s*([A-Za-z_]+)\s*(ASC|DESC)?\s*$/i.exec(raw);
    let type: OrderByClause['type'] | undefined;
    let key: string;
    let dir: string | undefined;
    if (m) {
      type = ENTITY[m[1]!];
      key = (m[2] ?? m[3] ?? m[4])!;
      dir = m[5];
    } else if (bare) {
      type = 'attribute';
      key = bare[1]!;
      dir = bare[2];
    } else throw new TrackingError('INVALID_PARAMETER_VALUE', messages.orderBySyntax(raw, 'expected <entity>.<key> [ASC|DESC]'));
    if (!type) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.orderBySyntax(raw, 'unknown entity'));
    if (type === 'attribute') {
      const canonical: AttributeKey | undefined = ATTRIBUTE_ALIASES[key];
      if (!canonical) throw new TrackingError('INVALID_PARAMETER_VALUE', messages.orderBySyntax(raw, `unknown attribute '${key}'`));
      key = canonical;
    }
    return { type, key, ascending: (dir ?? 'ASC').toUpperCase() === 'ASC' };
  });
}
