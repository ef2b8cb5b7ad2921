import { messages } from '../messages';
import type { InvalidParameterReporter } from './filter';
import type { EntityType, SearchGrammar } from './search-grammar';
import { checkCall } from '../arguments';

export interface OrderByClause {
  type: EntityType;
  /** Metric/param/tag key, or the attribute's canonical key. */
  key: string;
  ascending: boolean;
}

const CLAUSE = /^\s*(?:([A-Za-z_]+)\.(?:`([^`]+)`|"([^"]+)"|(\S+))|`([^`]+)`|([A-Za-z_][\w.]*))\s*(?:\s(ASC|DESC))?\s*$/i;

/**
 * Parses MLflow's `order_by` clauses (`metrics.auc DESC`, `` params.`my key` ``, `name ASC`) for
 * one search: entity prefix as the grammar allows, orderable attribute keys, direction
 * case-insensitive (MLflow's `_parse_order_by_string`).
 */
export function parseOrderBy(clauses: readonly string[] | undefined, grammar: SearchGrammar, invalid: InvalidParameterReporter): OrderByClause[] {
  checkCall('parseOrderBy', arguments, 3);
  if (clauses !== undefined && !Array.isArray(clauses)) throw invalid(messages.orderBySyntax(String(clauses), 'order_by must be a list of strings'));
  const seen = new Set<string>();
  return (clauses ?? []).map((raw) => {
    if (typeof raw !== 'string') throw invalid(messages.orderBySyntax(String(raw), 'not a string'));
    const m = CLAUSE.exec(raw);
    if (!m) throw invalid(messages.orderBySyntax(raw, 'expected [<entity>.]<key> [ASC|DESC]'));
    let type: EntityType = 'attribute';
    let key = (m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6])!;
    if (m[1] !== undefined) {
      const entity = grammar.orderBy.entities[m[1]];
      if (!entity) throw invalid(messages.orderBySyntax(raw, `unknown entity '${m[1]}'`));
      type = entity;
    }
    if (type === 'attribute') {
      const canonical = grammar.orderBy.attributes[key];
      if (!canonical) throw invalid(messages.orderBySyntax(raw, `unknown attribute '${key}' (use ${Object.keys(grammar.orderBy.attributes).join(', ')})`));
      key = canonical;
    }
    const id = `${type}:${key}`;
    if (grammar.orderBy.uniqueKeys && seen.has(id)) throw invalid(messages.orderBySyntax(raw, 'duplicate field'));
    seen.add(id);
    return { type, key, ascending: (m[7] ?? 'ASC').toUpperCase() === 'ASC' };
  });
}
