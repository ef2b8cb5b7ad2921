import { checkId, type EntityId, type InteractionBatch } from '@abt/features';
import { checkArity, checkOptions } from '../check-args';
import { InvalidInputError, LogFormatError } from '../errors';
import { messages } from '../messages';
import type { FeedbackEvent, HistoryEventRules } from './history-store';

/** Format version of the events log lines (`"v":1`, `schemas/events-log-v1.schema.json`). */
export const EVENTS_LOG_VERSION = 1;

const FIELDS = ['userId', 'itemId', 'movieId', 'event', 'value', 'time', 'requestId'] as const;
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
/** Latest Unix time in seconds accepted (year 5138): a larger number is almost surely milliseconds. */
const MAX_SECONDS = 1e11;

export type ParseFeedbackOptions = {
  /** Receive time, epoch ms (also the event time of events without one). */
  receivedAt: number;
  /** Most events in one body. Default 100 000. */
  maxEvents?: number;
  /** Event type whose value is required (it feeds the feature history). Default `rating`. */
  ratingEvent?: string;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a `/feedback` body: one event object, an array of them, or `{ "events": [...] }`.
 * Fields: `userId`, `itemId` (or `movieId`), `event`, optional `value`, `time` (ISO-8601 or Unix
 * seconds) and `requestId`. The whole batch is checked before anything is accepted; the first bad
 * field throws {@link InvalidInputError} naming it (`events[3].itemId`). Times are kept to the millisecond.
 */
export function parseFeedback(body: unknown, options: ParseFeedbackOptions): FeedbackEvent[] {
  checkArity('parseFeedback', arguments, 2);
  const { receivedAt, maxEvents = 100_000, ratingEvent = 'rating' } = checkOptions('parseFeedback', options, ['receivedAt', 'maxEvents', 'ratingEvent']);
  let list: unknown[];
  let at: (i: number) => string;
  if (Array.isArray(body)) {
    list = body;
    at = (i) => `body[${i}]`;
  } else if (isObject(body) && 'events' in body) {
    for (const k of Object.keys(body)) if (k !== 'events') throw new InvalidInputError(`body.${k}`, messages.feedbackUnknownTopKey(`body.${k}`));
    if (!Array.isArray(body.events)) throw new InvalidInputError('body.events', messages.feedbackNotArray('body.events'));
    list = body.events;
    at = (i) => `events[${i}]`;
  } else if (isObject(body)) {
    list = [body];
    at = () => 'body';
  } else throw new InvalidInputError('body', messages.feedbackNotEvents());
  if (list.length === 0) throw new InvalidInputError('body', messages.feedbackEmpty());
  if (list.length > maxEvents) throw new InvalidInputError('body', messages.tooManyEvents(list.length, maxEvents));
  return list.map((e, i) => parseEvent(e, at(i), receivedAt, ratingEvent));
}

function parseEvent(e: unknown, at: string, receivedAt: number, ratingEvent: string): FeedbackEvent {
  const bad = (field: string, message: string): never => {
    throw new InvalidInputError(field, message);
  };
  if (!isObject(e)) return bad(at, messages.feedbackNotObject(at));
  for (const k of Object.keys(e)) if (!(FIELDS as readonly string[]).includes(k)) bad(`${at}.${k}`, messages.feedbackUnknownField(`${at}.${k}`, FIELDS));
  if ('itemId' in e && 'movieId' in e) bad(`${at}.movieId`, messages.feedbackBothItemIds(at));
  const userId = checkId(e.userId);
  if (userId === undefined) bad(`${at}.userId`, messages.feedbackBadId(`${at}.userId`, e.userId));
  const itemKey = 'movieId' in e ? 'movieId' : 'itemId';
  const itemId = checkId(e[itemKey]);
  if (itemId === undefined) bad(`${at}.${itemKey}`, messages.feedbackBadId(`${at}.${itemKey}`, e[itemKey]));
  if (typeof e.event !== 'string' || !EVENT_NAME.test(e.event)) bad(`${at}.event`, messages.feedbackBadEvent(`${at}.event`, e.event));
  const event = e.event as string;
  let value: number | null = null;
  if (e.value !== undefined && e.value !== null) {
    if (typeof e.value !== 'number' || !Number.isFinite(e.value)) bad(`${at}.value`, messages.feedbackBadValue(`${at}.value`, e.value));
    value = e.value as number;
  } else if (event === ratingEvent) bad(`${at}.value`, messages.feedbackRatingNeedsValue(`${at}.value`, ratingEvent));
  const time = e.time === undefined || e.time === null ? receivedAt : parseTime(e.time, `${at}.time`);
  let requestId: string | null = null;
  if (e.requestId !== undefined && e.requestId !== null) {
    if (typeof e.requestId !== 'string' || !REQUEST_ID.test(e.requestId)) bad(`${at}.requestId`, messages.feedbackBadRequestId(`${at}.requestId`, e.requestId));
    requestId = e.requestId as string;
  }
  return { time, receivedAt, userId: userId as EntityId, itemId: itemId as EntityId, event, value, requestId };
}

/** An event time: ISO-8601 with a zone, or Unix seconds; epoch milliseconds (integer) out. */
function parseTime(v: unknown, path: string): number {
  let ms: number;
  if (typeof v === 'string') {
    if (!ISO_TIME.test(v)) throw new InvalidInputError(path, messages.feedbackBadTime(path, v));
    ms = Date.parse(v);
  } else if (typeof v === 'number' && Number.isFinite(v)) {
    if (v < 0 || v >= MAX_SECONDS) throw new InvalidInputError(path, messages.feedbackTimeRange(path, v));
    ms = Math.round(v * 1000);
  } else throw new InvalidInputError(path, messages.feedbackBadTime(path, v));
  if (!Number.isFinite(ms)) throw new InvalidInputError(path, messages.feedbackBadTime(path, v));
  return ms;
}

const q = JSON.stringify;

/** The events log line (v1) of one event, newline included. */
export function eventLine(e: FeedbackEvent): string {
  checkArity('eventLine', arguments, 1);
  return (
    `{"v":1,"time":"${new Date(e.time).toISOString()}","receivedAt":"${new Date(e.receivedAt).toISOString()}",` +
    `"userId":${q(e.userId)},"itemId":${q(e.itemId)},"event":${q(e.event)},"value":${e.value === null ? 'null' : e.value},` +
    `"requestId":${e.requestId === null ? 'null' : q(e.requestId)}}\n`
  );
}

const LINE_KEYS = ['v', 'time', 'receivedAt', 'userId', 'itemId', 'event', 'value', 'requestId'];

/** Parses an events log line back into the event (throws `LogFormatError` naming `where` and the field). */
export function parseEventLine(line: string, where = 'events line'): FeedbackEvent {
  checkArity('parseEventLine', arguments, 2);
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch (e) {
    throw new LogFormatError(where, '$', messages.logNotJson(where, (e as Error).message), { cause: e });
  }
  if (!isObject(o)) throw new LogFormatError(where, '$', messages.logNotObject(where));
  const bad = (field: string, want: string): never => {
    throw new LogFormatError(where, field, messages.logBadField(where, field, want, o[field]));
  };
  if (o.v !== 1) bad('v', '1');
  for (const k of Object.keys(o)) if (!LINE_KEYS.includes(k)) bad(k, 'absent (not an events v1 field)');
  const time = typeof o.time === 'string' ? Date.parse(o.time) : Number.NaN;
  if (!Number.isFinite(time)) bad('time', 'an ISO-8601 time');
  const receivedAt = typeof o.receivedAt === 'string' ? Date.parse(o.receivedAt) : Number.NaN;
  if (!Number.isFinite(receivedAt)) bad('receivedAt', 'an ISO-8601 time');
  const userId = checkId(o.userId) ?? bad('userId', 'an id');
  const itemId = checkId(o.itemId) ?? bad('itemId', 'an id');
  if (typeof o.event !== 'string' || o.event.length === 0) bad('event', 'a string');
  if (!(o.value === null || (typeof o.value === 'number' && Number.isFinite(o.value)))) bad('value', 'a number or null');
  if (!(o.requestId === null || typeof o.requestId === 'string')) bad('requestId', 'a string or null');
  return { time, receivedAt, userId, itemId, event: o.event as string, value: o.value as number | null, requestId: o.requestId as string | null };
}

/**
 * The interactions a feature history learns from: events of type `ratingEvent` (default `rating`)
 * with their value as the rating and `value >= labelThreshold` (default 4) as the label, in order.
 * Other events are logged but do not change features.
 */
export function interactionsOf(events: readonly FeedbackEvent[], rules: HistoryEventRules = {}): InteractionBatch {
  checkArity('interactionsOf', arguments, 2);
  checkOptions('interactionsOf', rules, ['ratingEvent', 'labelThreshold']);
  const { ratingEvent = 'rating', labelThreshold = 4 } = rules;
  const userId: EntityId[] = [];
  const movieId: EntityId[] = [];
  const timestamp: number[] = [];
  const rating: number[] = [];
  const label: number[] = [];
  for (const e of events) {
    if (e.event !== ratingEvent || e.value === null) continue;
    userId.push(e.userId);
    movieId.push(e.itemId);
    timestamp.push(e.time / 1000);
    rating.push(e.value);
    label.push(e.value >= labelThreshold ? 1 : 0);
  }
  return { length: userId.length, userId, movieId, timestamp, rating, label };
}
