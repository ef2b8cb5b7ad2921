import { RegistryError } from '../errors.js';
import { messages as msg } from '../messages.js';

/** One comparison of MLflow's registry search grammar (`AND`-joined). */
export interface Clause {
  /** `name`, `run_id`, `source_path`, `version_number`, or `tags.<key>`. */
  key: string;
  op: '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | '<' | '<=' | '>' | '>=';
  value: string | number | string[];
}

const TOKEN_RE = /\s*(?:(\(|\)|,)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(!=|<=|>=|=|<|>)|(`[^`]*`|[A-Za-z_][\w.]*(?:\.`[^`]*`)?|-?\d+(?:\.\d+)?))/y;

function tokenize(filter: string): string[] {
  const tokens: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let pos = 0;
  while (pos < filter.length) {
    if (/^\s*$/.test(filter.slice(pos))) break;
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(filter);
    if (!m) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badFilter(filter, `unexpected text at ${pos}`));
    tokens.push((m[1] ?? m[2] ?? m[3] ?? m[4]) as string);
    pos = TOKEN_RE.lastIndex;
  }
  return tokens;
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/g, '$1');
}

function normalizeKey(raw: string, allowed: readonly string[], filter: string): string {
  const key = raw.replace(/`/g, '');
  const lower = key.toLowerCase();
  for (const prefix of ['tags.', 'tag.']) if (lower.startsWith(prefix)) return `tags.${key.slice(prefix.length)}`;
  if (!allowed.includes(lower)) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badFilter(filter, `unknown attribute '${key}' (use ${allowed.join(', ')} or tags.<key>)`));
  return lower;
}

/** Parses `name LIKE 'x%' AND tags.k = 'v'` into clauses; `allowed` lists the attribute keys. */
export function parseFilter(filter: string | undefined, allowed: readonly string[]): Clause[] {
  if (!filter || filter.trim() === '') return [];
  const t = tokenize(filter);
  const clauses: Clause[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badFilter(filter, why));
  };
  while (i < t.length) {
    const key = normalizeKey(t[i++] ?? fail('expected an attribute'), allowed, filter);
    let op = (t[i++] ?? fail('expected an operator')).toUpperCase();
    if (op === 'NOT' && t[i]?.toUpperCase() === 'IN') {
      op = 'NOT IN';
      i++;
    }
    if (!['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', '<', '<=', '>', '>='].includes(op)) fail(`unsupported operator '${op}'`);
    let value: Clause['value'];
    if (op === 'IN' || op === 'NOT IN') {
      if (t[i++] !== '(') fail("expected '(' after IN");
      const list: string[] = [];
      while (t[i] !== ')') {
        const v = t[i++] ?? fail("expected ')'");
        list.push(/^['"]/.test(v) ? unquote(v) : v);
        if (t[i] === ',') i++;
      }
      i++;
      value = list;
    } else {
      const v = t[i++] ?? fail('expected a value');
      if (/^['"]/.test(v)) value = unquote(v);
      else if (/^-?\d+(\.\d+)?$/.test(v)) value = Number(v);
      else fail(`expected a quoted string or number, got '${v}'`);
    }
    clauses.push({ key, op: op as Clause['op'], value: value! });
    if (i < t.length) {
      if ((t[i] ?? '').toUpperCase() !== 'AND') fail(`expected AND, got '${t[i]}'`);
      i++;
    }
  }
  return clauses;
}

function likeToRegExp(pattern: string, insensitive: boolean): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, insensitive ? 'is' : 's');
}

/** Evaluates clauses against an entity; `get` returns the attribute or tag value (undefined when absent). */
export function matches(clauses: Clause[], get: (key: string) => string | number | undefined): boolean {
  return clauses.every((c) => {
    const actual = get(c.key);
    if (actual === undefined) return false;
    switch (c.op) {
      case '=':
        return String(actual) === String(c.value);
      case '!=':
        return String(actual) !== String(c.value);
      case 'LIKE':
        return likeToRegExp(String(c.value), false).test(String(actual));
      case 'ILIKE':
        return likeToRegExp(String(c.value), true).test(String(actual));
      case 'IN':
        return (c.value as string[]).includes(String(actual));
      case 'NOT IN':
        return !(c.value as string[]).includes(String(actual));
      default: {
        const a = Number(actual);
        const b = Number(c.value);
        return c.op === '<' ? a < b : c.op === '<=' ? a <= b : c.op === '>' ? a > b : a >= b;
      }
    }
  });
}
