import type { RedisClientType } from 'redis';
import { checkArity, checkOptions } from '../check-args';
import { HistoryStoreError } from '../errors';
import { EventViews } from '../history/event-views';
import { eventLine, parseEventLine } from '../history/feedback-event';
import type { FeedbackEvent, HistoryEventRules, HistoryStore, HistoryStoreStatus } from '../history/history-store';
import { importPeer } from '../import-peer';
import { messages } from '../messages';
import { createNdjsonLog, type NdjsonLog, type NdjsonLogOptions } from '../ndjson-log';

export type RedisHistoryStoreOptions = HistoryEventRules & {
  /** `redis://host:port[/db]` (credentials in the URL are never shown in status or errors). */
  url: string;
  /** Stream key holding the sequence. Default `abt:events`. */
  key?: string;
  /**
   * This replica's events log (events log v1): the events it accepted, written and fdatasync'ed
   * after Redis took them and before `append` resolves (the analysis reads these files).
   */
  eventsLog?: string | NdjsonLogOptions;
  /** Connect timeout, ms. Default 2000. */
  connectTimeoutMs?: number;
  /** Delay between reconnect attempts while Redis is down, ms. Default 200. */
  reconnectDelayMs?: number;
  /** Stream entries read per round trip. Default 1000. */
  readCount?: number;
};

const OPTIONS = ['url', 'key', 'eventsLog', 'connectTimeoutMs', 'reconnectDelayMs', 'readCount', 'ratingEvent', 'labelThreshold'];

/** The URL without credentials, for status and messages. */
function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'redis://<invalid url>';
  }
}

/**
 * A {@link HistoryStore} shared by router replicas through Redis. The sequence is a Redis stream:
 * `append` adds a batch as one entry (atomic: all of it or none), and every replica folds the
 * stream into its own views in stream order, so all replicas compute the same features. `sync`
 * reads the entries added since the last read (one round trip when nothing is new; concurrent
 * callers share it), so feedback accepted by one replica is seen by another's next request.
 *
 * While Redis is unreachable, `append` and `sync` reject with `HistoryStoreError` at once (no
 * offline queue): the server refuses feedback (503, nothing accepted) and serves predictions from
 * the history it has (stale, reported in /health); the client reconnects by itself. Durability of
 * accepted feedback is Redis's: run it with `appendonly yes` and `appendfsync always` (or accept
 * `everysec`'s window of one second).
 */
export function createRedisHistoryStore(options: RedisHistoryStoreOptions): HistoryStore & { readonly eventsLog: NdjsonLog | undefined } {
  checkArity('createRedisHistoryStore', arguments, 1);
  const o = checkOptions('createRedisHistoryStore', options, OPTIONS);
  if (typeof o.url !== 'string' || !/^rediss?:\/\//.test(o.url)) throw new HistoryStoreError('redis', messages.badRedisUrl(o.url));
  const key = o.key ?? 'abt:events';
  const location = `${publicUrl(o.url)} stream ${key}`;
  const readCount = o.readCount ?? 1000;
  const views = new EventViews(o);
  const logOptions = typeof o.eventsLog === 'string' ? { file: o.eventsLog } : o.eventsLog;
  let log: NdjsonLog | undefined;
  let client: RedisClientType | undefined;
  let lastId = '0-0';
  let lastSyncAt: string | undefined;
  let lastError: string | undefined;
  let connected = false;
  let closed = false;
  // Coalesced reads: one in flight; callers arriving meanwhile share the next one.
  let reading: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const fail = (e: unknown, what: (reason: string) => string): HistoryStoreError => {
    lastError = (e as Error).message;
    return new HistoryStoreError(location, what((e as Error).message), { cause: e });
  };

  async function readAll(): Promise<void> {
    if (!client) throw new HistoryStoreError(location, messages.historyNotStarted(location));
    for (;;) {
      const entries = (await client.xRange(key, lastId === '0-0' ? '-' : `(${lastId}`, '+', { COUNT: readCount })) as unknown as {
        id: string;
        message: Record<string, string>;
      }[];
      for (const entry of entries) {
        const text = entry.message.e ?? '';
        const events: FeedbackEvent[] = [];
        let n = 0;
        for (const line of text.split('\n')) if (line.length > 0) events.push(parseEventLine(line, `${location} entry ${entry.id} line ${++n}`));
        views.apply(events);
        lastId = entry.id;
      }
      if (entries.length < readCount) break;
    }
    lastSyncAt = new Date().toISOString();
    lastError = undefined;
  }

  function sync(): Promise<void> {
    if (closed) return Promise.reject(new HistoryStoreError(location, messages.historyClosed(location)));
    if (!reading) {
      reading = readAll()
        .catch((e: unknown) => {
          throw fail(e, (r) => messages.historySyncFailed(location, r));
        })
        .finally(() => {
          reading = undefined;
        });
      return reading;
    }
    // A read already running may have started before this call: wait for one that starts after it.
    queued ??= reading
      .catch(() => {})
      .then(() => {
        queued = undefined;
        return sync();
      });
    return queued;
  }

  return {
    version: 1,
    get eventsLog() {
      return log;
    },
    async start() {
      checkArity('HistoryStore.start', arguments, 0);
      if (client) return;
      const { createClient } = await importPeer('redis', '@abt/router/redis', () => import('redis'));
      const delay = o.reconnectDelayMs ?? 200;
      const c = createClient({
        url: o.url,
        // Fail fast while disconnected instead of queueing requests behind an outage.
        disableOfflineQueue: true,
        socket: { connectTimeout: o.connectTimeoutMs ?? 2000, reconnectStrategy: () => delay },
      }) as unknown as RedisClientType;
      c.on('error', (e: Error) => {
        lastError = e.message;
      });
      c.on('ready', () => {
        connected = true;
      });
      c.on('end', () => {
        connected = false;
      });
      c.on('reconnecting', () => {
        connected = false;
      });
      try {
        await c.connect();
      } catch (e) {
        await c.destroy?.();
        throw fail(e, (r) => messages.historySyncFailed(location, r));
      }
      client = c;
      connected = true;
      await sync();
      if (logOptions) log = createNdjsonLog({ maxFiles: Number.POSITIVE_INFINITY, ...logOptions });
    },
    async append(events) {
      checkArity('HistoryStore.append', arguments, 1);
      if (closed) throw new HistoryStoreError(location, messages.historyClosed(location));
      if (!client) throw new HistoryStoreError(location, messages.historyNotStarted(location));
      const lines = events.map((e) => eventLine(e));
      try {
        await client.xAdd(key, '*', { e: lines.join('') });
      } catch (e) {
        throw fail(e, (r) => messages.historyAppendFailed(location, r));
      }
      // Redis has it (every replica will apply it); now this replica's own durable record.
      if (log) {
        log.append(lines);
        await log.write().catch((e: unknown) => {
          throw fail(e, (r) => messages.eventsLogFailed(log?.file ?? '', r));
        });
      }
      await sync();
    },
    sync,
    view: (spec) => views.view(spec),
    status: (): HistoryStoreStatus => ({
      kind: 'redis',
      location,
      events: views.events,
      interactions: views.interactions,
      views: views.size,
      connected,
      lastSyncAt,
      lastError,
    }),
    async close() {
      closed = true;
      await reading?.catch(() => {});
      await log?.close();
      const c = client;
      client = undefined;
      if (c) await c.close().catch(() => c.destroy());
    },
  };
}
