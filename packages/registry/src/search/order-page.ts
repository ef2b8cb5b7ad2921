import { RegistryError } from '../errors.js';
import { messages as msg } from '../messages.js';
import type { PagedList } from '../entities.js';

export interface OrderKey<T> {
  get: (item: T) => string | number;
  desc: boolean;
}

/** Parses `['name ASC', 'version_number DESC']` against the allowed columns, then appends MLflow's tie-breaks. */
export function parseOrderBy<T>(orderBy: string[] | undefined, columns: Record<string, (item: T) => string | number>, tieBreaks: Array<[string, boolean]>): OrderKey<T>[] {
  const keys: OrderKey<T>[] = [];
  const seen = new Set<string>();
  for (const clause of orderBy ?? []) {
    const m = /^\s*`?([\w.]+)`?\s*(ASC|DESC)?\s*$/i.exec(clause);
    const col = m?.[1]?.toLowerCase();
    const get = col === undefined ? undefined : columns[col];
    if (!m || !col || !get || seen.has(col)) throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badOrderBy(clause));
    seen.add(col);
    keys.push({ get, desc: (m[2] ?? 'ASC').toUpperCase() === 'DESC' });
  }
  for (const [col, desc] of tieBreaks) {
    const get = columns[col];
    if (!seen.has(col) && get) keys.push({ get, desc });
  }
  return keys;
}

export function sortBy<T>(items: T[], keys: OrderKey<T>[]): T[] {
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = k.get(a);
      const y = k.get(b);
      if (x === y) continue;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
      return k.desc ? -cmp : cmp;
    }
    return 0;
  });
}

/** Offset-based page tokens (base64 JSON), like MLflow's SQL store. */
export function paginate<T>(items: T[], maxResults: number, limit: number, pageToken: string | undefined): PagedList<T> {
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > limit) {
    throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badMaxResults(maxResults, limit));
  }
  let offset = 0;
  if (pageToken) {
    try {
      const parsed = JSON.parse(Buffer.from(pageToken, 'base64').toString('utf8')) as { offset?: unknown };
      if (typeof parsed.offset !== 'number' || !Number.isInteger(parsed.offset) || parsed.offset < 0) throw new Error('bad offset');
      offset = parsed.offset;
    } catch {
      throw new RegistryError('INVALID_PARAMETER_VALUE', msg.badPageToken(pageToken));
    }
  }
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults < items.length ? Buffer.from(JSON.stringify({ offset: offset + maxResults })).toString('base64') : undefined;
  return next ? { items: page, nextPageToken: next } : { items: page };
}
