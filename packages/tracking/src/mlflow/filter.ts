import { messages } from '../messages';
import type { Comparator, EntityType, SearchGrammar } from './search-grammar';
import { checkCall } from '../arguments';

/** One comparison of an MLflow search filter (`metrics.auc > 0.7`). Clauses are ANDed. */
export interface FilterClause {
  type: EntityType;
  /** Metric/param/tag key, or the attribute's canonical key. */
  key: string;
  op: Comparator;
  value: number | string | string[];
}

/** Builds the caller package's error for a bad filter, order_by, page token or max_results. */
export type InvalidParameterReporter = (message: string) => Error;

type Token = { kind: 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string; at: number };

const NUMBER = /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/;
const IDENT = /^[A-Za-z_][\w.:/-]*\.?/;

function tokenize(filter: string, fail: (at: number, why: string) => never): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'" || c === '"' || c === '`') {
      const end = filter.indexOf(c, i + 1);
      if (end < 0) fail(at, 'unterminated quote');
      // The quote character stays in front: backticks (and quotes right after `entity.`) quote keys.
      out.push({ kind: 'string', text: c + filter.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    const two = filter.slice(i, i + 2);
    if (two === '>=' || two === '<=' || two === '!=' || two === '<>') {
      out.push({ kind: 'op', text: two === '<>' ? '!=' : two, at });
      i += 2;
      continue;
    }
    if (c === '=' || c === '>' || c === '<') {
      out.push({ kind: 'op', text: c, at });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, at });
      i++;
      continue;
    }
    const num = NUMBER.exec(filter.slice(i));
    if (num && (out.length === 0 || out[out.length - 1]!.kind === 'op')) {
      out.push({ kind: 'number', text: num[0], at });
      i += num[0].length;
      continue;
    }
    const ident = IDENT.exec(filter.slice(i));
    if (!ident) fail(at, `unexpected character '${c}'`);
    out.push({ kind: 'ident', text: ident![0], at });
    i += ident![0].length;
  }
  return out;
}

const unquote = (tok: Token): string => (tok.kind === 'string' ? tok.text.slice(1) : tok.text);
const isQuotedString = (tok: Token): boolean => tok.kind === 'string' && tok.text[0] !== '`';

/**
 * Parses MLflow's filter subset for one search (`grammar`): comparisons joined by AND, entity
 * prefixes, quoted keys (`` tags.`my key` ``, `tags."my key"`), numbers, quoted strings and
 * `IN (…)` lists. Empty → []. Errors name the position.
 */
export function parseFilter(filter: string | undefined, grammar: SearchGrammar, invalid: InvalidParameterReporter): FilterClause[] {
  checkCall('parseFilter', arguments, 3);
  if (filter === undefined || filter === null || filter.trim() === '') return [];
  if (typeof filter !== 'string') throw invalid(messages.filterSyntax(String(filter), 0, 'not a string'));
  const fail = (at: number, why: string): never => {
    throw invalid(messages.filterSyntax(filter, at, why));
  };
  const toks = tokenize(filter, fail);
  const clauses: FilterClause[] = [];
  let p = 0;
  const next = (why: string): Token => toks[p++] ?? fail(filter.length, why);
  while (p < toks.length) {
    const head = next('expected an identifier');
    if (head.kind !== 'ident' && !(head.kind === 'string' && head.text[0] === '`')) fail(head.at, `expected an identifier like ${example(grammar)}`);
    let entity: EntityType = 'attribute';
    let key = unquote(head);
    const dot = head.kind === 'ident' ? head.text.indexOf('.') : -1;
    if (dot >= 0) {
      const prefix = head.text.slice(0, dot);
      const type = grammar.entities[prefix];
      if (!type) fail(head.at, messages.filterUnknownEntity(prefix, grammar.what, Object.keys(grammar.entities)));
      entity = type!;
      key = head.text.slice(dot + 1);
      if (key === '') {
        const q = next('expected a key after the entity prefix');
        if (q.kind !== 'string') fail(q.at, 'expected a key after the entity prefix');
        key = unquote(q);
      }
    }
    const opTok = next('expected a comparison operator');
    let op = opTok.text.toUpperCase();
    if (opTok.kind === 'ident' && op === 'NOT') {
      if (next("expected 'IN' after 'NOT'").text.toUpperCase() !== 'IN') fail(opTok.at, "expected 'IN' after 'NOT'");
      op = 'NOT IN';
    } else if (opTok.kind !== 'op' && !['LIKE', 'ILIKE', 'IN'].includes(op)) fail(opTok.at, `unknown operator '${opTok.text}'`);
    let value: FilterClause['value'];
    if (op === 'IN' || op === 'NOT IN') {
      if (next("expected '(' after IN").kind !== 'lparen') fail(opTok.at, "expected '(' after IN");
      const list: string[] = [];
      for (;;) {
        const v = next("expected ')'");
        if (!isQuotedString(v)) fail(v.at, 'expected a quoted string in the IN list');
        list.push(unquote(v));
        const sep = next("expected ',' or ')'");
        if (sep.kind === 'rparen') break;
        if (sep.kind !== 'comma') fail(sep.at, "expected ',' or ')'");
      }
      value = list;
    } else {
      const v = next('expected a value');
      if (v.kind === 'number') value = Number(v.text);
      else if (isQuotedString(v)) value = unquote(v);
      else value = fail(v.at, 'expected a number or a quoted string');
    }
    clauses.push(makeClause(grammar, entity, key, op as Comparator, value, (why) => fail(head.at, why)));
    const conj = toks[p];
    if (conj === undefined) break;
    if (conj.kind !== 'ident' || conj.text.toUpperCase() !== 'AND') fail(conj.at, "expected 'AND' (MLflow supports AND only)");
    p++;
    if (p >= toks.length) fail(conj.at, "dangling 'AND'");
  }
  return clauses;
}

function example(grammar: SearchGrammar): string {
  return grammar.entities.metrics ? 'metrics.auc' : 'name';
}

function makeClause(
  grammar: SearchGrammar,
  type: EntityType,
  rawKey: string,
  op: Comparator,
  value: FilterClause['value'],
  fail: (why: string) => never,
): FilterClause {
  if (type === 'metric') {
    if (typeof value !== 'number') fail(`metric '${rawKey}' must be compared with a number`);
    if (!grammar.comparators.metric.includes(op)) fail(`operator ${op} does not apply to metrics`);
    return { type, key: rawKey, op, value };
  }
  if (type === 'param' || type === 'tag') {
    if (typeof value !== 'string') fail(`${type} '${rawKey}' must be compared with a quoted string`);
    // MLflow's VALID_PARAM_COMPARATORS / VALID_TAG_COMPARATORS (no IN lists).
    if (!grammar.comparators[type].includes(op)) fail(`operator ${op} does not apply to ${type}s`);
    return { type, key: rawKey, op, value };
  }
  const spec = grammar.attributes[rawKey];
  if (!spec) fail(messages.filterUnknownAttribute(rawKey, grammar.what, Object.keys(grammar.attributes)));
  const { key, kind, list } = spec!;
  if (!grammar.comparators[kind].includes(op)) fail(`operator ${op} does not apply to attribute '${rawKey}'`);
  if (kind === 'numeric') {
    if (typeof value === 'string' && grammar.numericFromString && /^\s*-?\d+\s*$/.test(value)) value = Number(value);
    if (typeof value !== 'number') fail(`attribute '${rawKey}' must be compared with a number`);
  } else {
    if (typeof value === 'number') fail(`attribute '${rawKey}' must be compared with a quoted string`);
    // As MLflow: "Only ['run_id'] attributes support comparison with a list of quoted string values."
    if ((op === 'IN' || op === 'NOT IN') && !list) fail(`only ${listAttributes(grammar)} support ${op}`);
    if (Array.isArray(value) && op !== 'IN' && op !== 'NOT IN') fail(`a list needs IN or NOT IN`);
  }
  return { type: 'attribute', key, op, value };
}

function listAttributes(grammar: SearchGrammar): string {
  return (
    Object.entries(grammar.attributes)
      .filter(([, s]) => s.list)
      .map(([k]) => `'${k}'`)
      .join(', ') || 'no attributes'
  );
}

/** SQL LIKE semantics (`%`, `_`); LIKE is case-sensitive as MLflow's SQLite session sets `case_sensitive_like`. */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  checkCall('likeToRegExp', arguments, 2);
  let re = '';
  for (const ch of pattern) re += ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, caseInsensitive ? 'is' : 's');
}

/** Evaluates one comparison; a missing value never matches (MLflow: `lhs is None → False`). */
export function compareFilterValue(actual: number | string | null | undefined, op: Comparator, expected: FilterClause['value']): boolean {
  checkCall('compareFilterValue', arguments, 3);
  if (actual === undefined || actual === null) return false;
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return actual > (expected as number | string);
    case '>=':
      return actual >= (expected as number | string);
    case '<':
      return actual < (expected as number | string);
    case '<=':
      return actual <= (expected as number | string);
    case 'LIKE':
      return likeToRegExp(String(expected), false).test(String(actual));
    case 'ILIKE':
      return likeToRegExp(String(expected), true).test(String(actual));
    case 'IN':
      return (expected as string[]).includes(String(actual));
    case 'NOT IN':
      return !(expected as string[]).includes(String(actual));
  }
}
