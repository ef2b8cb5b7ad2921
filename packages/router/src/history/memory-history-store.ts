import { checkArity, checkOptions } from '../check-args';
import { HistoryStoreError } from '../errors';
import { messages } from '../messages';
import { createNdjsonLog, type NdjsonLog, type NdjsonLogOptions, readNdjsonLog } from '../ndjson-log';
import { EventViews } from './event-views';
import { eventLine, parseEventLine } from './feedback-event';
import type { FeedbackEvent, HistoryEventRules, HistoryStore, HistoryStoreStatus } from './history-store';

export type MemoryHistoryStoreOptions = HistoryEventRules & {
  /**
   * The events log (contract: events log v1, NDJSON): every accepted event is written and
   * fdatasync'ed here before `append` resolves, and `start` rebuilds the history from it, so a
   * restart loses nothing that was acknowledged. A path, or the log's options (rotated files are
   * kept: `maxFiles` defaults to Infinity, since the history is rebuilt from all of them).
   * Without it, history lives in memory only.
   */
  eventsLog?: string | NdjsonLogOptions;
  /** Called for an incomplete last line found on start (a crash mid-write; never acknowledged). */
  onTornLine?: (where: string) => void;
};

const OPTIONS = ['ratingEvent', 'labelThreshold', 'eventsLog', 'onTornLine'];

/**
 * The in-process {@link HistoryStore} (the default): the sequence is this process's accepted
 * events, durable in its events log and rebuilt from it on start. One replica only; replicas that
 * must share history use `@abt/router/redis`.
 */
export function createMemoryHistoryStore(options?: MemoryHistoryStoreOptions): HistoryStore & { readonly eventsLog: NdjsonLog | undefined } {
  checkArity('createMemoryHistoryStore', arguments, 1);
  const o = checkOptions('createMemoryHistoryStore', options, OPTIONS);
  const views = new EventViews(o);
  const logOptions = typeof o.eventsLog === 'string' ? { file: o.eventsLog } : o.eventsLog;
  const location = logOptions ? `events log ${logOptions.file}` : 'memory';
  let log: NdjsonLog | undefined;
  let started = false;
  let closed = false;
  // Appends apply in call order, after their own write is durable.
  let applied: Promise<void> = Promise.resolve();
  let lastError: string | undefined;

  const store: HistoryStore & { readonly eventsLog: NdjsonLog | undefined } = {
    version: 1,
    get eventsLog() {
      return log;
    },
    async start() {
      checkArity('HistoryStore.start', arguments, 0);
      if (started) return;
      started = true;
      if (!logOptions) return;
      let batch: FeedbackEvent[] = [];
      for await (const l of readNdjsonLog(logOptions.file, (t) => o.onTornLine?.(`${t.file}:${t.line}`))) {
        batch.push(parseEventLine(l.text, `${l.file}:${l.line}`));
        if (batch.length === 10_000) {
          views.apply(batch);
          batch = [];
        }
      }
      views.apply(batch);
      log = createNdjsonLog({ maxFiles: Number.POSITIVE_INFINITY, ...logOptions });
    },
    async append(events) {
      checkArity('HistoryStore.append', arguments, 1);
      if (closed) throw new HistoryStoreError(location, messages.historyClosed(location));
      if (!started) throw new HistoryStoreError(location, messages.historyNotStarted(location));
      let written: Promise<void> = Promise.resolve();
      if (log) {
        log.append(events.map((e) => eventLine(e)));
        written = log.write();
      }
      const done = applied
        .then(() => written)
        .then(
          () => {
            views.apply(events);
            lastError = undefined;
          },
          (e: unknown) => {
            lastError = (e as Error).message;
            throw new HistoryStoreError(location, messages.historyAppendFailed(location, (e as Error).message), { cause: e });
          },
        );
      applied = done.catch(() => {});
      return done;
    },
    async sync() {
      await applied;
    },
    view: (spec) => views.view(spec),
    status: (): HistoryStoreStatus => ({
      kind: 'memory',
      location,
      events: views.events,
      interactions: views.interactions,
      views: views.size,
      connected: true,
      lastSyncAt: undefined,
      lastError,
    }),
    async close() {
      closed = true;
      await applied;
      await log?.close();
    },
  };
  return store;
}
