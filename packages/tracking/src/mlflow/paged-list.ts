import { messages } from '../messages';
import type { InvalidParameterReporter } from './filter';
import { checkCall } from '../arguments';

/** One page of search results; `nextPageToken` is absent on the last page. */
export interface PagedList<T> {
  items: T[];
  /** Opaque token for the next page; absent on the last page. */
  nextPageToken?: string;
}

/** MLflow's SearchUtils page token: base64 of `{"offset": N}`. */
export function encodePageToken(offset: number): string {
  checkCall('encodePageToken', arguments, 1);
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

/** The offset a page token carries (0 when absent); a token MLflow would refuse is refused. */
export function decodePageToken(token: string | undefined | null, invalid: InvalidParameterReporter): number {
  checkCall('decodePageToken', arguments, 2);
  if (token === undefined || token === null || token === '') return 0;
  if (typeof token === 'string') {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
      if (typeof parsed.offset === 'number' && Number.isInteger(parsed.offset) && parsed.offset >= 0) return parsed.offset;
    } catch {
      // fall through to the typed error
    }
  }
  throw invalid(messages.badPageToken(String(token)));
}

/** Checks `max_results` against MLflow's bounds for a search (1 … limit). */
export function checkMaxResults(value: unknown, limit: number, invalid: InvalidParameterReporter): number {
  checkCall('checkMaxResults', arguments, 3);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > limit) throw invalid(messages.badMaxResults(value, limit));
  return value;
}

/** The page of `items` at a token's offset, with the next token when more remain. */
export function pageOf<T>(items: readonly T[], maxResults: number, pageToken: string | undefined, invalid: InvalidParameterReporter): PagedList<T> {
  checkCall('pageOf', arguments, 4);
  const offset = decodePageToken(pageToken, invalid);
  const page = items.slice(offset, offset + maxResults);
  return offset + maxResults < items.length ? { items: page, nextPageToken: encodePageToken(offset + maxResults) } : { items: page };
}
