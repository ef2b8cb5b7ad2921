import { TrackingError } from '../errors';
import { messages } from '../messages';

/** One comparison of MLflow's search filter (`metrics.auc > 0.7`). Clauses are ANDed. */
export type FilterClause =
  | { type: 'metric'; key: string; op: NumericOp; value: number }
  | { type: 'param' | 'tag'; key: string; op: StringOp; value: string | string[] }
  | { type: 'attribute'; key: AttributeKey; op: NumericOp | StringOp; value: number | string | string[] };

export type NumericOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type StringOp = '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN';

/** Attributes MLflow's SearchUtils accepts, with their canonical spelling. */
export const ATTRIBUTE_ALIASES: Record<string, AttributeKey> = {
  run_id: 'run_id',
  run_name: 'run_name',
  status: 'status',
  start_time: 'start_time',
  end_time: 'end_time',
  user_id: 'user_id',
  artifact_uri: 'artifact_uri',
  lifecycle_stage: 'lifecycle_stage',
  created: 'start_time',
  Created: 'start_time',
};
export type AttributeKey = 'run_id' | 'run_name' | 'status' | 'start_time' | 'end_time' | 'user_id' | 'artifact_uri' | 'lifecycle_stage';
export const NUMERIC_ATTRIBUTES: ReadonlySet<AttributeKey> = new Set(['start_time', 'end_time']);

const ENTITY: Record<string, FilterClause['type']> = {
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

type Token = { kind: 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string; at: number };

function tokenize(filter: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.filterSyntax(filter, i, why));
  };
  while (i < filter.length) {
    const c = filter[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < filter.length && filter[j] !== c) text += filter[j++];
      if (j >= filter.length) fail('unterminated quote');
      i = j + 1;
      // Backticks (and double quotes right after `entity.`) quote identifiers; handled by the parser.
      out.push({ kind: 'string', text: c + text, at });
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
    if (c === '(') { out.push({ kind: 'lparen', text: c, at }); i++; continue; }
    if (c === ')') { out.push({ kind: 'rparen', text: c, at }); i++; continue; }
    if (c === ',') { out.push({ kind: 'comma', text: c, at }); i++; continue; }
    const num = /^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(filter.slice(i));
    if (num && (out.length === 0 || out[out.length - 1]!.kind === 'op')) {
      out.push({ kind: 'number', text: num[0], at });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][\w.:/-]*\.?/.exec(filter.slice(i));
    if (ident) {
      let text = ident[0];
      // `entity.` followed by a quoted key: glue the quote on as part of the identifier.
      out.push({ kind: 'ident', text, at });
      i += text.length;
      continue;
    }
    fail(`unexpected character '${c}'`);
  }
  return out;
}

function unquote(tok: Token): string {
  return tok.kind === 'string' ? tok.text.slice(1) : tok.text;
}

/** Parses MLflow's filter string (the subset: comparisons joined by AND). Empty → []. */
export function parseFilter(filter: string | undefined): FilterClause[] {
  if (!filter || filter.trim() === '') return [];
  const toks = tokenize(filter);
  const clauses: FilterClause[] = [];
  let p = 0;
  const fail = (why: string, at = toks[p]?.at ?? filter.length): never => {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.filterSyntax(filter, at, why));
  };
  while (p < toks.length) {
    const head = toks[p++];
    if (!head || head.kind !== 'ident') fail('expected an identifier like metrics.auc');
    let entity: string;
    let key: string;
    const dot = head!.text.indexOf('.');
    if (dot < 0) {
      entity = 'attribute';
      key = head!.text;
    } else {
      entity = head!.text.slice(0, dot);
      key = head!.text.slice(dot + 1);
      if (key === '') {
        const q = toks[p++];
        if (!q || q.kind !== 'string') fail('expected a key after the entity prefix', head!.at);
        key = unquote(q!);
      }
    }
    const type = ENTITY[entity];
    if (!type) fail(`unknown entity '${entity}' (use metrics, params, tags or attributes)`, head!.at);
    let opTok = toks[p++];
    if (!opTok) fail('expected a comparison operator');
    let op = opTok!.text.toUpperCase();
    if (opTok!.kind === 'ident' && op === 'NOT') {
      const nx = toks[p++];
      if (!nx || nx.text.toUpperCase() !== 'IN') fail("expected 'IN' after 'NOT'");
      op = 'NOT IN';
    } else if (opTok!.kind !== 'op' && !['LIKE', 'ILIKE', 'IN'].includes(op)) fail(`unknown operator '${opTok!.text}'`, opTok!.at);
    let value: number | string | string[];
    if (op === 'IN' || op === 'NOT IN') {
      if (toks[p++]?.kind !== 'lparen') fail("expected '(' after IN");
      const list: string[] = [];
      for (;;) {
        const v = toks[p++];
        if (!v || v.kind !== 'string') fail('expected a quoted string in the IN list');
        list.push(unquote(v!));
        const sep = toks[p++];
        if (sep?.kind === 'rparen') break;
        if (sep?.kind !== 'comma') fail("expected ',' or ')'");
      }
      value = list;
    } else {
      const v = toks[p++];
      if (!v) fail('expected a value');
      if (v!.kind === 'number') value = Number(v!.text);
      else if (v!.kind === 'string' && v!.text[0] !== '`') value = unquote(v!);
      else value = fail('expected a number or a quoted string', v!.at);
    }
    clauses.push(makeClause(filter, head!.at, type!, key, op, value));
    const conj = toks[p];
    if (conj === undefined) break;
    if (conj.kind !== 'ident' || conj.text.toUpperCase() !== 'AND') fail("expected 'AND' (MLflow supports AND only)", conj.at);
    p++;
    if (p >= toks.length) fail("dangling 'AND'");
  }
  return clauses;
}

function makeClause(filter: string, at: number, type: FilterClause['type'], rawKey: string, op: string, value: number | string | string[]): FilterClause {
  const fail = (why: string): never => {
    throw new TrackingError('INVALID_PARAMETER_VALUE', messages.filterSyntax(filter, at, why));
  };
  if (type === 'metric') {
    if (typeof value !== 'number') fail(`metric '${rawKey}' must be compared with a number`);
    if (!['=', '!=', '>', '>=', '<', '<='].includes(op)) fail(`operator ${op} does not apply to metrics`);
    return { type, key: rawKey, op: op as NumericOp, value: value as number };
  }
  if (type === 'param' || type === 'tag') {
    if (typeof value === 'number') fail(`${type} '${rawKey}' must be compared with a quoted string`);
    // MLflow's VALID_PARAM_COMPARATORS / VALID_TAG_COMPARATORS (no IN lists).
    if (!['=', '!=', 'LIKE', 'ILIKE'].includes(op)) fail(`operator ${op} does not apply to ${type}s`);
    return { type, key: rawKey, op: op as StringOp, value: value as string | string[] };
  }
  const key = ATTRIBUTE_ALIASES[rawKey];
  if (!key) fail(`unknown attribute '${rawKey}'`);
  if (NUMERIC_ATTRIBUTES.has(key!)) {
    if (typeof value !== 'number') fail(`attribute '${rawKey}' must be compared with a number`);
    if (!['=', '!=', '>', '>=', '<', '<='].includes(op)) fail(`operator ${op} does not apply to attribute '${rawKey}'`);
  } else {
    if (typeof value === 'number') fail(`attribute '${rawKey}' must be compared with a quoted string`);
    if (!['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'].includes(op)) fail(`operator ${op} does not apply to attribute '${rawKey}'`);
    // As MLflow: "Only ['run_id'] attributes support comparison with a list of quoted string values."
    if ((op === 'IN' || op === 'NOT IN') && key !== 'run_id') fail(`only attributes.run_id supports ${op}`);
  }
  return { type: 'attribute', key: key!, op: op as NumericOp | StringOp, value };
}
