import type { EntityId, OnlineHistory } from '@abt/features';

/** One outcome event as `/feedback` accepted it (validated; the events log writes it as one line). */
export type FeedbackEvent = {
  /** When the outcome happened, epoch milliseconds (integer); the receive time when the client gave none. */
  readonly time: number;
  /** When the router accepted it, epoch milliseconds. */
  readonly receivedAt: number;
  readonly userId: EntityId;
  readonly itemId: EntityId;
  /** `rating`, `click`, `purchase`, … */
  readonly event: string;
  readonly value: number | null;
  /** The `X-Request-Id` of the response that showed the item, when the client knows it. */
  readonly requestId: string | null;
};

/** What feeds a feature history: which events count, and how a rating becomes a label. */
export type HistoryEventRules = {
  /** Event type whose `value` is a rating that updates features. Default `rating`; other events are logged only. */
  readonly ratingEvent?: string;
  /** A rating at or above this is a positive label (the training rule). Default 4, the original's `rating >= 4`. */
  readonly labelThreshold?: number;
};

/** A feature spec a history store can keep a view for (`@abt/features`' FeatureSpec). */
export type HistoryFeatureSpec = { createOnlineHistory(): OnlineHistory };

/** What `/health` shows about a history store. */
export type HistoryStoreStatus = {
  /** `memory` or `redis`. */
  readonly kind: string;
  /** Where the history lives, with no credentials (`events log abt-out/events.ndjson`, `redis://127.0.0.1:6379 key abt:events`). */
  readonly location: string;
  /** Events applied to the views, in sequence order (all events, not only ratings). */
  readonly events: number;
  /** Events that updated features (`ratingEvent` with a value). */
  readonly interactions: number;
  /** Feature views kept (one per feature spec served). */
  readonly views: number;
  /** Whether the shared history is reachable now; always true for the in-process store. */
  readonly connected: boolean;
  /** ISO time of the last successful sync with the shared history (undefined before any). */
  readonly lastSyncAt: string | undefined;
  /** Message of the last failed sync or append, cleared by the next success. */
  readonly lastError: string | undefined;
};

/**
 * Where feedback lives: an ordered, durable sequence of accepted events, and per feature spec the
 * per-user and per-item aggregates it needs (an `OnlineHistory` view fed the sequence in order).
 * Every replica that shares a store applies the same sequence in the same order, so their
 * features are identical, and equal `transformOnline`'s given all feedback received before a request.
 * Implementations: `createMemoryHistoryStore` (in-process, rebuilt from its events log on start)
 * and `@abt/router/redis`'s `createRedisHistoryStore` (shared by replicas). One contract suite,
 * `historyStoreContract` from `@abt/router/testing`, runs against both.
 */
export type HistoryStore = {
  /** Interface version; changes only as a breaking change. */
  readonly version: 1;
  /** Loads the existing sequence (events log, Redis stream) into the views. Call once before serving. */
  start(): Promise<void>;
  /**
   * Appends a validated batch as one unit (all of it or none) to the durable sequence, then brings
   * this store's views up to date with everything appended before the call returns (this batch and
   * other replicas' earlier ones). Rejects with `HistoryStoreError` when the sequence is unreachable;
   * then nothing was appended.
   */
  append(events: readonly FeedbackEvent[]): Promise<void>;
  /**
   * Applies every event appended anywhere before this call. After it resolves, views read all of
   * them. Rejects with `HistoryStoreError` when the shared history is unreachable (views keep
   * what they had).
   */
  sync(): Promise<void>;
  /** The feature view for `spec`, created on first use by replaying the applied sequence. */
  view(spec: HistoryFeatureSpec): OnlineHistory;
  status(): HistoryStoreStatus;
  /** Stops following the shared history and releases connections and files. */
  close(): Promise<void>;
};
